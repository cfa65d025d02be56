using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>One mistake gives one error, located at it: a bad value suppresses what depends on it (issue: no cascades).</summary>
public sealed class CascadeTests
{
    private static string[] Check(string text)
    {
        var tree = SyntaxTree.Parse(text, "c.sla");
        return [.. Compilation.Create([tree]).GetDiagnostics().Select(d => d.ToString())];
    }

    private const string Objective = """
        contract C {
          term 2026-01-01 .. 2026-12-31
          timezone "UTC"
          currency EUR
          service S {
            fee 1000 EUR per month
            objective X {
              indicator availability
              target >= 99.9%
              per month
            }
            penalty P on X {
              base fee
              when < 99.9% credit 5%
              when < 99% credit 10%
              cap 25%
            }
          }
          reversibility { notice 3 months }
        }
        """;

    [Fact]
    public void The_unchanged_contract_is_clean() => Check(Objective).ShouldBeEmpty();

    [Fact]
    public void A_missing_brace_after_objective_is_one_error_and_the_objective_keeps_its_clauses()
    {
        // Was 12 errors: every clause 'not allowed in a service', the penalty 'not allowed in a contract', a stray '}'.
        var text = Objective.Replace("objective X {", "objective X");
        Check(text).ShouldBe(["c.sla(7,16): error SLA1013: Expected '{'."]);
        var tree = SyntaxTree.Parse(text);
        var objective = tree.Root.DescendantNodes().OfType<ObjectiveDeclarationSyntax>().Single();
        objective.Body.Statements.OfType<TargetClauseSyntax>().ShouldHaveSingleItem();
        tree.Root.ToFullString().ShouldBe(text);
    }

    [Fact]
    public void An_unterminated_title_in_the_header_is_one_error_and_the_body_is_still_checked()
    {
        // Was 24 errors, among them a false 'no reversibility' warning: the string swallowed the '{'.
        var text = Objective.Replace("contract C {", "contract C \"NovaTerra run {");
        Check(text).ShouldBe(["c.sla(1,12): error SLA1003: String is not closed; add '\"' before the end of the line."]);
        // The body is bound: a real mistake in it is still reported.
        Check(text.Replace("during", "during").Replace("per month\n    }", "per mont\n    }")).ShouldBe([
            "c.sla(1,12): error SLA1003: String is not closed; add '\"' before the end of the line.",
            "c.sla(10,11): error SLA2022: Unknown period 'mont'; did you mean 'month'?",
        ]);
    }

    [Fact]
    public void A_bad_duration_literal_as_an_availability_target_is_one_error_and_the_tiers_are_not_judged()
    {
        // Was three: the literal (SLA1006), the unit of the same literal (SLA2004), and SLA3005 on tiers judged without a target.
        Check(Objective.Replace("target >= 99.9%", "target >= 99.99h")).ShouldBe([
            "c.sla(9,19): error SLA1006: Invalid duration '99.99h': expected a unit (ms, s, min, h, d, w), found '.'; write e.g. 500ms, 90s, 30min, 4h, 2d, 1w or 1h30min.",
        ]);
    }

    [Theory]
    [InlineData("99999999999999999999h", "(5,75): error SLA1006: Invalid duration '99999999999999999999h': at most 1000000 per unit")]
    // 2^64 ms: Pidgin's UnsignedLong wrapped it to 0, which passed as a target of 0 s.
    [InlineData("18446744073709551616ms", "(5,75): error SLA1006: Invalid duration '18446744073709551616ms': at most 1000000 per unit")]
    [InlineData("1000000w1000000w1000000w", "(5,55): error SLA1006: Invalid duration '1000000w1000000w1000000w': at most 1000000w in all")]
    public void Over_large_literals_are_one_located_error_never_a_wrapped_value(string target, string error)
    {
        var text = "contract C {\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n"
            + $"  service S {{ objective X {{ indicator mttr; target <= {target}; per month }} }}\n  reversibility {{ notice 3 months }}\n}}\n";
        Check(text).ShouldBe([$"c.sla{error}; write e.g. 500ms, 90s, 30min, 4h, 2d, 1w or 1h30min."]);
    }

    [Fact]
    public void Over_large_steps_delays_and_working_days_are_located_errors()
    {
        var text = """
            contract C {
              term 2026-01-01 .. 2026-12-31
              timezone "UTC"
              currency EUR
              party P provider
              role R of P
              service S {
                fee 1000 EUR per month
                objective X { indicator mttr; target <= 4h; per month }
                penalty Q on X { base fee; step 99999999999999999999h credit 1% }
              }
              escalation E { after 9999999999999999999999d notify R }
              obligation O { by P; every month; due 99999999999999999999bd after period end }
              reversibility { notice 3 months }
            }
            """;
        Check(text).ShouldBe([
            "c.sla(10,57): error SLA1006: Invalid duration '99999999999999999999h': at most 1000000 per unit; write e.g. 500ms, 90s, 30min, 4h, 2d, 1w or 1h30min.",
            "c.sla(12,46): error SLA1006: Invalid duration '9999999999999999999999d': at most 1000000 per unit; write e.g. 500ms, 90s, 30min, 4h, 2d, 1w or 1h30min.",
            "c.sla(13,61): error SLA1007: Invalid working days '99999999999999999999bd': at most 100000 working days; write a whole number of working days such as 5bd.",
        ]);
    }

    [Fact]
    public void A_missing_brace_before_statements_of_another_block_keeps_the_old_recovery()
    {
        // 'penalty' does not belong in an objective: the objective is empty, as before, and one error is reported for it.
        var text = Objective.Replace("objective X {\n      indicator availability\n      target >= 99.9%\n      per month\n    }\n", "objective X\n");
        Check(text).ShouldBe(["c.sla(7,16): error SLA1013: Expected '{'."]);
    }
}
