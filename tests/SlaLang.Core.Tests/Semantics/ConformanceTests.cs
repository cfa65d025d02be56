using static SlaLang.Core.Tests.Semantics.SemanticsHarness;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>
/// Contracts written from LANGUAGE.md by someone else than the team (the conformance bug bash): one mistake makes one
/// diagnostic, on the mistake, and every literal the language says is a string is checked to be one.
/// </summary>
public class ConformanceTests
{
    [Fact]
    public void A_name_with_non_ascii_letters_is_one_error_and_its_declaration_is_still_bound()
    {
        // The whole NovaTerra example with its contract renamed ÖkoRun: before, 'Ö' was a bad character, the contract
        // lost its name and body, and a missing-reversibility warning followed.
        var text = File.ReadAllText(Path.Combine(SlaLang.Core.Tests.Syntax.ExampleFiles.RepositoryRoot, "examples", "novaterra", "novaterra.sla"))
            .Replace("contract NovaTerraRun", "contract ÖkoRun", StringComparison.Ordinal);
        var diagnostics = SemanticsHarness.Diagnostics(text);
        diagnostics.Select(d => d.ToString()).ShouldBe(
        [
            "test.sla(2,10): error SLA1023: Name 'ÖkoRun' has letters outside A-Z and a-z; names are ASCII letters, digits and '_' (any text may go in a quoted title).",
        ]);
        // Each occurrence of such a name is its error; the reference still resolves (no "unknown role" besides).
        SemanticsHarness.Diagnostics(Contract("role Résponsable of Client\nescalation E { after 1h notify Résponsable }"))
            .Select(d => (d.Code, d.Location.Start.DisplayLine, d.Location.Start.DisplayColumn))
            .ShouldBe([("SLA1023", 12, 6), ("SLA1023", 13, 32)]);
    }

    [Fact]
    public void A_stray_word_before_a_block_is_one_error_not_one_per_missing_clause()
    {
        // The objective's block is skipped with its clauses: its indicator, target and per are not reported missing too.
        var d = Single(Contract("""
            service S { objective O [|extra|] { indicator mttr; target <= 4h; per month } }
            """));
        d.ToString().ShouldBe("test.sla(12,25): error SLA1013: Expected '{'.");
    }

    [Fact]
    public void An_escalation_for_something_else_than_incidents_is_one_error()
    {
        var d = Single(Contract("""
            escalation Path for [|outages|] { after 1h notify Manager }
            """));
        d.ToString().ShouldBe("test.sla(12,21): error SLA1013: Expected 'incidents'.");
    }

    [Fact]
    public void A_misspelt_on_is_not_looked_up_as_the_objective()
    {
        var d = Single(Contract("""
            service S {
              fee 100 EUR per month
              objective O { indicator mttr; target <= 4h; per month }
              penalty P [|onn|] O { base fee; step 1h credit 1% }
            }
            """));
        d.ToString().ShouldBe("test.sla(15,13): error SLA1013: Expected 'on'.");
    }

    [Fact]
    public void A_misspelt_of_is_not_looked_up_as_the_party()
    {
        var d = Single(Contract("""
            role Auditor [|off|] Client
            """));
        d.ToString().ShouldBe("test.sla(12,14): error SLA1013: Expected 'of'.");
    }

    [Fact]
    public void A_misspelt_notify_is_not_looked_up_as_a_role()
    {
        var d = Single(Contract("""
            escalation Path { after 1h [|notifyy|] Manager }
            """));
        d.ToString().ShouldBe("test.sla(12,28): error SLA1013: Expected 'notify'.");
    }

    [Fact]
    public void A_subcontractor_with_a_misspelt_of_is_not_also_reported_without_a_provider()
    {
        var d = Single(Contract("""
            party Sub subcontractor [|off|] Provider
            """));
        d.ToString().ShouldBe("test.sla(12,25): error SLA1015: Unexpected 'off' after the statement; end the statement with a new line or ';'.");
    }

    [Fact]
    public void A_regulated_control_with_a_wrong_period_is_not_also_reported_absent()
    {
        var diagnostics = SemanticsHarness.Diagnostics(Contract("""
            profile regulated
            security {
              encryption at_rest, in_transit
              residency EU
              recovery_test every rolling 30d
              audit every 90d
              access_review every 1w
            }
            """));
        diagnostics.Select(d => d.ToString()).ShouldBe([
            "test.sla(16,23): error SLA2014: Only an objective can be measured over a rolling window; give recovery tests a calendar period (day, week, month, quarter, year or N months).",
            "test.sla(17,15): error SLA2004: The period of audits must be a calendar period, not a duration; write e.g. 'every month' or 'every 6 months'.",
            "test.sla(18,23): error SLA2004: The period of access reviews must be a calendar period, not a duration; write e.g. 'every month' or 'every 6 months'.",
        ]);
    }

    [Fact]
    public void A_phase_gate_must_be_a_string()
    {
        var d = Single(Contract("""
            transition { phase Pilot 2025-10-16 .. 2025-12-31 gate [|12|] }
            """));
        d.ToString().ShouldBe("test.sla(12,56): error SLA2004: The gate of a phase must be a string, not a number; write e.g. 'gate \"Go/No-go 1\"'.");
    }

    [Fact]
    public void A_phase_gate_string_is_clean()
    {
        SemanticsHarness.Diagnostics(Contract("""
            transition { phase Pilot 2025-10-16 .. 2025-12-31 gate "Go/No-go 2" }
            """)).ShouldBeEmpty();
    }

    [Fact]
    public void Kinds_starting_with_a_vowel_take_an()
    {
        var duplicate = Single(Contract("""
            service S {
              objective O { indicator mttr; target <= 4h; per month }
              objective [|O|] { indicator mttr; target <= 8h; per month }
            }
            """));
        duplicate.ToString().ShouldBe("test.sla(14,13): error SLA2002: 'O' is already declared as an objective at (13,13); rename one of them.");

        var wrongKind = Single(Contract("""
            escalation Path { after 1h notify Manager }
            governance { committee Review { every month; chair [|Path|] } }
            """));
        wrongKind.ToString().ShouldBe("test.sla(13,52): error SLA2003: 'Path' is an escalation, not a role; name a role here.");
    }
}
