using SlaLang.Analyzers;
using SlaLang.Diagnostics;
using static SlaLang.Core.Tests.Semantics.SemanticsHarness;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>One test per contract rule (SLA3xxx): code, exact span (marked) with line/column, message, and configurable level.</summary>
public class RuleDiagnosticTests
{
    private const string Regulated = """
        contract Bank {
          term 2026-01-01 .. 2026-12-31
          timezone "Europe/Paris"
          currency EUR
          profile regulated
          reversibility { notice 3 months }
          security {
            encryption at_rest, in_transit
            audit every quarter
            recovery_test every 6 months
            access_review every quarter
            residency EU
          }
        }
        """;

    [Fact]
    public void Invalid_configuration_is_reported_in_the_configuration_file()
    {
        var configuration = LintConfiguration.Parse("{\n  \"rules\": { \"tier-monotonic\": \"off\" }\n}\n", "slaconfig.json");
        var d = SemanticsHarness.Diagnostics(Contract(""), configuration).ShouldHaveSingleItem();
        d.ToString().ShouldBe("slaconfig.json(2,14): error SLA3000: Unknown rule 'tier-monotonic'; did you mean 'tiers-monotonic'? Rules are named by code (SLA3001) or name (raci-one-accountable), see docs/diagnostics.md.");
    }

    [Fact]
    public void Raci_activity_with_two_accountable_roles_is_reported()
    {
        var d = Single(Contract("""
            raci {
              roles Director Manager
              [|Patching|] A RA
            }
            """));
        d.ToString().ShouldBe("test.sla(14,3): error SLA3001: Activity 'Patching' has 2 accountable roles (Director, Manager); mark exactly one role A.");
    }

    [Fact]
    public void Raci_activity_without_responsible_role_is_reported()
    {
        var d = Single(Contract("""
            raci {
              roles Director Manager
              [|Patching|] A C
            }
            """));
        d.ToString().ShouldBe("test.sla(14,3): error SLA3002: Activity 'Patching' has no responsible role; mark at least one role R.");
    }

    [Fact]
    public void Raci_row_with_a_missing_cell_is_reported()
    {
        var d = Single(Contract("""
            raci {
              roles Director Manager
              [|Patching|] AR
            }
            """));
        d.ToString().ShouldBe("test.sla(14,3): error SLA3003: Activity 'Patching' has 1 cell but the roles header names 2 roles; give one cell per role ('-' for none).");
    }

    [Fact]
    public void Percent_target_above_100_is_out_of_range()
    {
        var d = Single(Contract("""
            service S { objective Up { indicator availability; target >= [|100.5%|]; per month } }
            """));
        d.ToString().ShouldBe("test.sla(12,62): error SLA3004: Target 100.5% is out of range; a percent lies between 0% and 100%.");
    }

    [Fact]
    public void Tier_that_is_milder_than_the_one_before_is_reported()
    {
        var d = Single(Contract("""
            service S {
              fee 10 EUR per month
              objective Up { indicator availability; target >= 99.9%; per month }
              penalty Credit on Up {
                base fee
                when < 99.9% credit 5%
                [|when < 99.95% credit 10%|]
              }
            }
            """));
        d.ToString().ShouldBe("test.sla(18,5): error SLA3005: Tier 'when < 99.95% credit 10%' does not follow the tier before it (when < 99.9% credit 5%); order tiers from the mildest shortfall to the worst, each with a larger credit.");
    }

    [Fact]
    public void Cap_above_100_percent_is_reported()
    {
        var d = Single(Contract("""
            service S {
              fee 10 EUR per month
              objective Up { indicator availability; target >= 99.9%; per month }
              penalty Credit on Up { base fee; when < 99.9% credit 5%; cap [|120%|] }
            }
            """));
        d.ToString().ShouldBe("test.sla(15,64): error SLA3006: Cap 120% exceeds 100%; a credit cannot exceed the whole base.");
    }

    [Fact]
    public void Term_ending_before_it_starts_is_reported()
    {
        var d = Single(Contract("").Replace("2026-01-01 .. 2026-12-31", "[|2026-01-01 .. 2025-12-31|]"));
        d.ToString().ShouldBe("test.sla(2,8): error SLA3007: The term ends on 2025-12-31, not after it starts on 2026-01-01; write 'term <start> .. <end>' with the end after the start.");
    }

    [Fact]
    public void Escalation_level_not_later_than_the_previous_is_reported()
    {
        var d = Single(Contract("""
            escalation Path {
              after 2h notify Manager
              after [|90min|] notify Director
            }
            """));
        d.ToString().ShouldBe("test.sla(14,9): error SLA3008: Level 2 of escalation 'Path' comes after 90min, not later than the level before it (2h); make each 'after' strictly longer than the previous one.");
    }

    [Fact]
    public void Subcontractor_of_the_client_is_reported()
    {
        var d = Single(Contract("""
            party Helper subcontractor of [|Client|]
            """));
        d.ToString().ShouldBe("test.sla(12,31): error SLA3009: Subcontractor 'Helper' is 'of' 'Client', which is a client; a subcontractor works for a provider.");
    }

    [Fact]
    public void Regulated_contract_without_residency_is_reported()
    {
        var d = Single(Regulated.Replace("    residency EU\n", "").Replace("  security {", "  [|security|] {"));
        d.ToString().ShouldBe("test.sla(7,3): error SLA3010: A regulated contract must state where data lives; add 'residency <region>' to the security block.");
    }

    [Fact]
    public void Regulated_contract_with_half_yearly_audits_is_reported_on_the_period()
    {
        var d = Single(Regulated.Replace("audit every quarter", "audit every [|6 months|]"));
        d.ToString().ShouldBe("test.sla(9,17): error SLA3011: A regulated contract needs audits at least every quarter (found every 6 months); write 'audit every quarter' (or more often) in the security block.");
    }

    [Fact]
    public void Regulated_contract_with_yearly_recovery_tests_is_reported_on_the_period()
    {
        var d = Single(Regulated.Replace("recovery_test every 6 months", "recovery_test every [|year|]"));
        d.ToString().ShouldBe("test.sla(10,25): error SLA3012: A regulated contract needs recovery tests at least every 6 months (found every year); write 'recovery_test every 6 months' (or more often) in the security block.");
    }

    [Fact]
    public void Regulated_contract_without_access_reviews_is_reported()
    {
        var d = Single(Regulated.Replace("    access_review every quarter\n", "").Replace("  security {", "  [|security|] {"));
        d.ToString().ShouldBe("test.sla(7,3): error SLA3013: A regulated contract needs periodic access reviews; write e.g. 'access_review every quarter' in the security block.");
    }

    [Fact]
    public void Regulated_contract_encrypting_only_at_rest_is_reported()
    {
        var d = Single(Regulated.Replace("encryption at_rest, in_transit", "[|encryption|] at_rest"));
        d.ToString().ShouldBe("test.sla(8,5): error SLA3014: A regulated contract must encrypt data in transit as well as at rest; write 'encryption at_rest, in_transit' in the security block.");
    }

    [Fact]
    public void Contract_without_reversibility_gets_a_warning()
    {
        var d = Single(Contract("").Replace("  reversibility { notice 3 months }\n", "").Replace("contract Test", "contract [|Test|]"));
        d.ToString().ShouldBe("test.sla(1,10): warning SLA3015: Contract 'Test' has no reversibility clause; add 'reversibility { notice …; assistance …; deliver … }' so that the exit terms are agreed.");
    }

    [Fact]
    public void Penalty_without_tiers_or_step_gets_a_warning()
    {
        var d = Single(Contract("""
            service S {
              fee 10 EUR per month
              objective Up { indicator availability; target >= 99.9%; per month }
              penalty [|Credit|] on Up { base fee; cap 10% }
            }
            """));
        d.ToString().ShouldBe("test.sla(15,11): warning SLA3016: Penalty 'Credit' has neither tiers ('when … credit …') nor a step ('step … credit …'), so it never credits anything; add one.");
    }

    [Fact]
    public void Objective_during_a_calendar_without_hours_gets_a_warning()
    {
        var d = Single(Contract("""
            calendar Closed { holidays 2026-12-25 }
            service S { objective Up { indicator availability; target >= 99.9%; per month; during [|Closed|] } }
            """));
        d.ToString().ShouldBe("test.sla(13,87): warning SLA3017: Calendar 'Closed' has no open hours, so objective 'Up' never measures anything; add 'hours' to the calendar or use another one.");
    }

    [Fact]
    public void Overlapping_transition_phases_are_reported()
    {
        var d = Single(Contract("""
            transition {
              phase Assess 2025-09-01 .. 2025-10-15
              phase [|Pilot|] 2025-10-15 .. 2025-12-31
            }
            """));
        d.ToString().ShouldBe("test.sla(14,9): error SLA3018: Phase 'Pilot' starts on 2025-10-15, before phase 'Assess' ends on 2025-10-15; list phases in order, each starting after the previous one ends.");
    }

    [Fact]
    public void Tier_comparing_away_from_the_breach_gets_a_warning()
    {
        var d = Single(Contract("""
            service S {
              fee 10 EUR per month
              objective Up { indicator availability; target >= 99.9%; per month }
              penalty Credit on Up { base fee; when [|> 99%|] credit 5% }
            }
            """));
        d.ToString().ShouldBe("test.sla(15,41): warning SLA3019: Tier 'when > 99%' points away from a breach of target '>= 99.9%'; compare with '<' or '<=' so that the tier holds on a shortfall.");
    }

    [Fact]
    public void Penalty_on_a_rolling_objective_gets_a_warning()
    {
        var d = Single(Contract("""
            service S {
              fee 10 EUR per month
              objective Errors { indicator error_rate; target <= 1%; per rolling 7d }
              penalty Credit on [|Errors|] { base fee; when > 1% credit 5% }
            }
            """));
        d.ToString().ShouldBe("test.sla(15,21): warning SLA3020: Penalty 'Credit' applies to objective 'Errors', which is measured over a rolling window; windows overlap, so one shortfall would be credited many times. Measure the objective per calendar period.");
    }

    [Fact]
    public void Tier_credit_above_the_cap_gets_a_warning()
    {
        var d = Single(Contract("""
            service S {
              fee 10 EUR per month
              objective Up { indicator availability; target >= 99.9%; per month }
              penalty Credit on Up { base fee; when < 99.9% credit [|15%|]; cap 10% }
            }
            """));
        d.ToString().ShouldBe("test.sla(15,56): warning SLA3021: Credit 15% is above the cap 10%, so it is never paid in full; lower the credit or raise the cap.");
    }

    [Fact]
    public void Regulated_contract_without_reversibility_is_an_error()
    {
        var d = Single(Regulated.Replace("  reversibility { notice 3 months }\n", "").Replace("contract Bank", "contract [|Bank|]"));
        d.ToString().ShouldBe("test.sla(1,10): error SLA3022: A regulated contract must agree its exit terms; add a 'reversibility' block with notice, assistance and deliverables.");
    }

    [Fact]
    public void Overlapping_open_hours_get_a_warning()
    {
        var d = Single(Contract("""
            calendar Office {
              hours mon-fri 08:00-18:00
              hours [|fri|] 17:00-20:00
            }
            """));
        d.ToString().ShouldBe("test.sla(14,9): warning SLA3023: Open hours 17:00-20:00 overlap 08:00-18:00 on fri; merge them into one range.");
    }

    [Fact]
    public void Configuration_turns_a_rule_off_by_code()
    {
        var text = Contract("").Replace("  reversibility { notice 3 months }\n", "");
        SemanticsHarness.Diagnostics(text).Select(d => d.Code).ShouldBe(["SLA3015"]);
        SemanticsHarness.Diagnostics(text, LintConfiguration.Parse("""{ "rules": { "SLA3015": "off" } }""", "slaconfig.json")).ShouldBeEmpty();
    }

    [Fact]
    public void Configuration_changes_a_rule_level_by_kebab_case_name()
    {
        var text = Contract("").Replace("  reversibility { notice 3 months }\n", "");
        var d = SemanticsHarness.Diagnostics(text, LintConfiguration.Parse("""{ "rules": { "missing-reversibility": "error" } }""", "slaconfig.json")).ShouldHaveSingleItem();
        d.Severity.ShouldBe(DiagnosticSeverity.Error);
        d.Code.ShouldBe("SLA3015");
    }

    [Fact]
    public void Error_rule_lowered_to_warning_lets_the_model_be_built()
    {
        var text = Contract("""
            raci {
              roles Director Manager
              Patching A C
            }
            """);
        var configuration = LintConfiguration.Parse("""{ "rules": { "raci-responsible": "warning" } }""", "slaconfig.json");
        var model = Compile(text, configuration);
        model.GetDiagnostics().Select(d => $"{d.Severity} {d.Code}").ShouldBe(["Warning SLA3002"]);
        model.GetSemanticModel(model.SyntaxTrees[0]).GetContractModel().ShouldNotBeNull().Raci!.Rows.Single().Activity.ShouldBe("Patching");
    }

    [Fact]
    public void Every_rule_code_in_the_catalog_has_a_test_in_this_class()
    {
        var source = File.ReadAllText(Path.Combine(Syntax.ExampleFiles.RepositoryRoot, "tests", "SlaLang.Core.Tests", "Semantics", "RuleDiagnosticTests.cs"))
            + File.ReadAllText(Path.Combine(Syntax.ExampleFiles.RepositoryRoot, "tests", "SlaLang.Core.Tests", "Semantics", "MultiFileTests.cs"));
        var untested = DiagnosticCatalog.All
            .Where(d => d.Category == "Rules")
            .Select(d => d.Code)
            .Where(code => !source.Contains($" {code}: ", StringComparison.Ordinal))
            .ToList();
        untested.ShouldBeEmpty();
    }

    [Fact]
    public void Every_rule_has_a_unique_kebab_case_name_and_a_catalog_entry()
    {
        ContractRules.All.Select(r => r.Name).Distinct().Count().ShouldBe(ContractRules.All.Length);
        ContractRules.All.ShouldAllBe(r => System.Text.RegularExpressions.Regex.IsMatch(r.Name, "^[a-z0-9]+(-[a-z0-9]+)*$"));
        DiagnosticCatalog.All.Where(d => d.Category == "Rules").Select(d => d.Code)
            .ShouldBe(ContractRules.All.Select(r => r.Code), ignoreOrder: true);
    }
}
