using SlaLang.Diagnostics;
using SlaLang.Semantics;
using static SlaLang.Core.Tests.Semantics.SemanticsHarness;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>One test per binding and type diagnostic (SLA2xxx): code, exact span (marked) with line/column, and message.</summary>
public class BindingDiagnosticTests
{
    [Fact]
    public void Unknown_role_suggests_the_closest_declared_role()
    {
        var d = Single(Contract("""
            escalation Path { after 1h notify [|Manger|] }
            """));
        d.ToString().ShouldBe("test.sla(12,35): error SLA2001: Unknown role 'Manger'; did you mean 'Manager'?");
    }

    [Fact]
    public void Unknown_name_without_a_close_match_lists_the_declared_ones()
    {
        var d = Single(Contract("""
            role Auditor of [|Regulator|]
            """));
        d.ToString().ShouldBe("test.sla(12,17): error SLA2001: Unknown party 'Regulator'; declared parties: Client, Provider.");
    }

    [Fact]
    public void Long_lists_of_declared_names_are_cut_after_eight()
    {
        var roles = string.Concat(Enumerable.Range(1, 10).Select(i => $"role R{i} of Client\n"));
        var d = Single(Contract(roles + """
            escalation Path { after 1h notify [|Nobody|] }
            """));
        d.ToString().ShouldBe("test.sla(22,35): error SLA2001: Unknown role 'Nobody'; declared roles: Director, Manager, R1, R2, R3, R4, R5, R6 and 4 more.");
    }

    [Fact]
    public void Duplicate_name_is_reported_on_the_second_declaration_pointing_at_the_first()
    {
        var d = Single(Contract("""
            calendar [|Manager|] { hours mon-fri 08:00-18:00 }
            """));
        d.ToString().ShouldBe("test.sla(12,10): error SLA2002: 'Manager' is already declared as a role at (8,8); rename one of them.");
    }

    [Fact]
    public void Declaring_the_built_in_always_calendar_is_a_duplicate()
    {
        var d = Single(Contract("""
            calendar [|always|] { hours mon-fri 08:00-18:00 }
            """));
        d.ToString().ShouldBe("test.sla(12,10): error SLA2002: 'always' is already declared as a calendar by the language (built in); rename one of them.");
    }

    [Fact]
    public void Name_of_the_wrong_kind_says_what_it_is()
    {
        var d = Single(Contract("""
            role Auditor of [|Manager|]
            """));
        d.ToString().ShouldBe("test.sla(12,17): error SLA2003: 'Manager' is a role, not a party; name a party here.");
    }

    [Fact]
    public void Percent_target_on_a_duration_indicator_is_a_unit_mismatch()
    {
        var d = Single(Contract("""
            service S { objective Restore { indicator mttr; target <= [|95%|]; per month } }
            """));
        d.ToString().ShouldBe("test.sla(12,59): error SLA2004: The target of 'mttr' must be a duration, not a percent; write e.g. 'target <= 4h'.");
    }

    [Fact]
    public void Duration_target_on_a_percent_indicator_is_a_unit_mismatch()
    {
        var d = Single(Contract("""
            service S { objective Up { indicator availability; target >= [|4h|]; per month } }
            """));
        d.ToString().ShouldBe("test.sla(12,62): error SLA2004: The target of 'availability' must be a percent, not a duration; write e.g. 'target >= 99.9%'.");
    }

    [Fact]
    public void Resolved_within_without_its_delay_is_reported()
    {
        var d = Single(Contract("""
            service S { objective Fix { indicator [|resolved_within|]; target >= 95%; per month } }
            """));
        d.ToString().ShouldBe("test.sla(12,39): error SLA2005: Indicator 'resolved_within' needs a delay; write e.g. resolved_within(4h).");
    }

    [Fact]
    public void Delay_on_an_indicator_that_takes_none_is_reported()
    {
        var d = Single(Contract("""
            service S { objective Fix { indicator mttr[|(4h)|]; target <= 4h; per month } }
            """));
        d.ToString().ShouldBe("test.sla(12,43): error SLA2006: Indicator 'mttr' takes no argument; remove the parenthesised delay.");
    }

    [Fact]
    public void Unknown_indicator_suggests_the_closest_one()
    {
        var d = Single(Contract("""
            service S { objective Up { indicator [|availabilty|]; target >= 99%; per month } }
            """));
        d.ToString().ShouldBe("test.sla(12,38): error SLA2007: Unknown indicator 'availabilty'; did you mean 'availability'?");
    }

    [Fact]
    public void Severity_filter_on_availability_is_rejected_with_the_reason()
    {
        var d = Single(Contract("""
            service S { objective Up { indicator availability where [|severity|] == sev1; target >= 99%; per month } }
            """));
        d.ToString().ShouldBe("test.sla(12,57): error SLA2008: Indicator 'availability' cannot be filtered by 'severity': it is measured from outages, which carry no severity; only incident-based indicators (mttr, resolved_within, responded_within, incident_count, reopen_rate) take a 'where'.");
    }

    [Fact]
    public void Unknown_filter_field_suggests_a_known_one()
    {
        var d = Single(Contract("""
            service S { objective Fix { indicator mttr where [|severty|] == sev1; target <= 4h; per month } }
            """));
        d.ToString().ShouldBe("test.sla(12,50): error SLA2008: Indicator 'mttr' cannot be filtered by 'severty': did you mean 'severity'?");
    }

    [Fact]
    public void Money_in_another_currency_is_reported()
    {
        var d = Single(Contract("""
            service S { fee [|100 USD|] per month }
            """));
        d.ToString().ShouldBe("test.sla(12,17): error SLA2009: Amount is in USD but the contract's currency is EUR; write the amount in EUR.");
    }

    [Fact]
    public void Misspelt_time_zone_suggests_the_iana_id()
    {
        var d = Single(Contract("").Replace("\"Europe/Paris\"", "[|\"Europe/Pari\"|]"));
        d.ToString().ShouldBe("test.sla(3,12): error SLA2010: Unknown time zone 'Europe/Pari'; did you mean 'Europe/Paris'?");
    }

    [Fact]
    public void Unknown_currency_code_is_reported()
    {
        var d = Single(Contract("").Replace("currency EUR", "currency [|EUX|]"));
        d.ToString().ShouldBe("test.sla(4,12): error SLA2011: Unknown currency 'EUX'; use an ISO 4217 code such as EUR, USD, GBP or CHF.");
    }

    [Theory]
    [InlineData("0001-01-01 .. 9999-12-31")]
    [InlineData("1899-12-31 .. 2026-12-31")]
    [InlineData("2026-01-01 .. 3000-01-01")]
    public void A_term_outside_the_supported_years_is_an_error(string term)
    {
        var text = Contract("").Replace("2026-01-01 .. 2026-12-31", "[|" + term + "|]");
        var d = Single(text);
        d.ToString().ShouldBe($"test.sla(2,8): error SLA2026: The term must lie within the years 1900 to 2999 (monitors compute in them), not {term}.");
    }

    [Fact]
    public void A_term_at_the_edges_of_the_supported_years_is_accepted()
    {
        SemanticsHarness.Diagnostics(Contract("").Replace("2026-01-01 .. 2026-12-31", "1900-01-01 .. 2999-12-31")).ShouldBeEmpty();
    }

    [Fact]
    public void Fee_base_in_a_service_without_a_fee_is_reported()
    {
        var d = Single(Contract("""
            service S {
              objective Up { indicator availability; target >= 99%; per month }
              penalty Credit on Up { base [|fee|]; when < 99% credit 5% }
            }
            """));
        d.ToString().ShouldBe("test.sla(14,31): error SLA2012: Penalty 'Credit' credits a share of the fee but service 'S' has no fee; add 'fee <amount> per month' to the service.");
    }

    [Fact]
    public void Penalty_on_an_objective_of_another_service_is_reported()
    {
        var d = Single(Contract("""
            service A { fee 10 EUR per month; objective Up { indicator availability; target >= 99%; per month } }
            service B { fee 10 EUR per month; penalty Credit on [|Up|] { base fee; when < 99% credit 5% } }
            """));
        d.ToString().ShouldBe("test.sla(13,53): error SLA2013: Objective 'Up' belongs to service 'A'; a penalty applies only to objectives of its own service, so move penalty 'Credit' into service 'A'.");
    }

    [Fact]
    public void Rolling_period_outside_an_objective_is_reported()
    {
        var d = Single(Contract("""
            governance { committee Review { every [|rolling|] 7d } }
            """));
        d.ToString().ShouldBe("test.sla(12,39): error SLA2014: Only an objective can be measured over a rolling window; give committee 'Review' a calendar period (day, week, month, quarter, year or N months).");
    }

    [Fact]
    public void Objective_without_target_is_reported_on_its_name()
    {
        var d = Single(Contract("""
            service S { objective [|Up|] { indicator availability; per month } }
            """));
        d.ToString().ShouldBe("test.sla(12,23): error SLA2015: Objective 'Up' has no 'target' clause; add e.g. 'target >= 99.9%'.");
    }

    [Fact]
    public void Clause_given_twice_is_reported_on_the_second()
    {
        var d = Single(Contract("""
            service S { objective Up { indicator availability; target >= 99%; per month; [|per|] week } }
            """));
        d.ToString().ShouldBe("test.sla(12,78): error SLA2016: Clause 'per' is already given at (12,67); keep one.");
    }

    [Fact]
    public void Open_hours_ending_before_they_start_are_reported()
    {
        var d = Single(Contract("""
            calendar Office { hours mon-fri [|18:00-08:00|] }
            """));
        d.ToString().ShouldBe("test.sla(12,33): error SLA2017: Open hours 18:00-08:00 end at or before they start; write the end after the start, e.g. 08:00-18:00.");
    }

    [Fact]
    public void Zero_penalty_step_is_reported()
    {
        var d = Single(Contract("""
            service S {
              fee 10 EUR per month
              objective Fix { indicator mttr; target <= 4h; per month }
              penalty Credit on Fix { base fee; step [|0s|] credit 1% }
            }
            """));
        d.ToString().ShouldBe("test.sla(15,42): error SLA2018: A penalty step must be greater than zero.");
    }

    [Fact]
    public void Fractional_incident_count_target_is_reported()
    {
        var d = Single(Contract("""
            service S { objective Few { indicator incident_count; target <= [|2.5|]; per month } }
            """));
        d.ToString().ShouldBe("test.sla(12,65): error SLA2019: A count is a whole number, not 2.5; write e.g. 'target <= 3'.");
    }

    [Fact]
    public void Working_days_as_an_escalation_delay_are_reported()
    {
        var d = Single(Contract("""
            escalation Path { after [|2bd|] notify Manager }
            """));
        d.ToString().ShouldBe("test.sla(12,25): error SLA2020: Working days (2bd) only count a due date after a period end; write an exact duration here, e.g. 'after 30min notify ServiceManager'.");
    }

    [Fact]
    public void Provider_of_another_party_is_reported()
    {
        var d = Single(Contract("""
            party Other provider [|of Client|]
            """));
        d.ToString().ShouldBe("test.sla(12,22): error SLA2021: A provider is not 'of' another party; only a subcontractor names the provider it works for, so remove 'of Client'.");
    }

    [Fact]
    public void Subcontractor_without_its_provider_is_reported()
    {
        var d = Single(Contract("""
            party [|Helper|] subcontractor
            """));
        d.ToString().ShouldBe("test.sla(12,7): error SLA2021: Subcontractor 'Helper' must name the provider it works for; write 'party Helper subcontractor of <provider>'.");
    }

    [Fact]
    public void Unknown_sourcing_model_suggests_the_closest_one()
    {
        var d = Single(Contract("model [|nearshor|]"));
        d.ToString().ShouldBe("test.sla(12,7): error SLA2022: Unknown sourcing model 'nearshor'; did you mean 'nearshore'?");
    }

    [Fact]
    public void Penalty_with_tiers_and_a_step_is_reported()
    {
        var d = Single(Contract("""
            service S {
              fee 10 EUR per month
              objective Fix { indicator mttr; target <= 4h; per month }
              penalty Credit on Fix { base fee; when > 4h credit 1%; [|step|] 1h credit 1% }
            }
            """));
        d.ToString().ShouldBe("test.sla(15,58): error SLA2023: Penalty 'Credit' has both tiers and a step; the credit would be ambiguous, so keep either the 'when … credit …' tiers or the 'step … credit …'.");
    }

    [Fact]
    public void Ordering_comparison_in_a_filter_is_unsupported()
    {
        var d = Single(Contract("""
            escalation Path for incidents where severity [|<|] sev2 { after 1h notify Manager }
            """));
        d.ToString().ShouldBe("test.sla(12,46): error SLA2024: Comparison '<' cannot filter events; write 'field == value', 'field != value', 'field in (a, b)', combined with and, or, not.");
    }

    [Fact]
    public void Weekly_fee_is_reported()
    {
        var d = Single(Contract("""
            service S { fee 10 EUR per [|week|] }
            """));
        d.ToString().ShouldBe("test.sla(12,28): error SLA2025: A fee is per month, quarter, year or N months, not per week; convert it, e.g. 'fee 18000 EUR per month'.");
    }

    [Fact]
    public void Every_binding_code_in_the_catalog_has_a_test_in_this_class()
    {
        var source = File.ReadAllText(Path.Combine(Syntax.ExampleFiles.RepositoryRoot, "tests", "SlaLang.Core.Tests", "Semantics", "BindingDiagnosticTests.cs"))
            + File.ReadAllText(Path.Combine(Syntax.ExampleFiles.RepositoryRoot, "tests", "SlaLang.Cli.Tests", "CheckCommandTests.cs"))
            + File.ReadAllText(Path.Combine(Syntax.ExampleFiles.RepositoryRoot, "tests", "SlaLang.Core.Tests", "Semantics", "MultiFileTests.cs"));
        var untested = DiagnosticCatalog.All
            .Where(d => d.Category == "Binding")
            .Select(d => d.Code)
            .Where(code => !source.Contains($": error {code}:", StringComparison.Ordinal))
            .ToList();
        untested.ShouldBeEmpty();
    }
}
