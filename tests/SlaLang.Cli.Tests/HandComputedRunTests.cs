using System.Text.Json;

namespace SlaLang.Cli.Tests;

/// <summary>
/// <c>slac run --format json</c> on small contracts written for one rule each, against figures computed by hand from
/// LANGUAGE.md (the arithmetic is in each test's comments). They run the whole chain: binder, emitter, runtime, writer.
/// </summary>
public class HandComputedRunTests
{
    private const string Header = """
        term 2026-01-01 .. 2026-12-31
        timezone "Europe/Paris"
        currency EUR
        party A client
        party B provider
        role R of B
        severity s1
        reversibility { notice 3 months }
        """;

    /// <summary>Runs <paramref name="body"/> (inside a contract with <see cref="Header"/>) on <paramref name="events"/>; returns the JSON report and stderr.</summary>
    private static (JsonElement Report, string Err) Run(string body, string[] events, string asOf)
    {
        var dir = Path.Combine(Path.GetTempPath(), "slac-hand-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var contract = Path.Combine(dir, "c.sla");
        File.WriteAllText(contract, $"contract C {{\n{Header}\n{body}\n}}\n");
        var log = Path.Combine(dir, "events.jsonl");
        File.WriteAllLines(log, events);
        var (exit, output, error) = Slac.Run("run", contract, "--events", log, "--format", "json", "--as-of", asOf);
        exit.ShouldBe(0, error);
        return (JsonDocument.Parse(output).RootElement.Clone(), error);
    }

    private static string Opened(string time, string service, string id) =>
        $$"""{"time":"{{time}}","kind":"incident_opened","service":"{{service}}","id":"{{id}}","severity":"s1"}""";

    [Fact]
    public void A_fee_per_year_or_quarter_is_not_rounded_before_the_credit()
    {
        // §5: base = Σ months of monthly fee × days inside ÷ days in month; money arithmetic is exact (§1).
        // 2002 EUR a year over the year 2026 = 2002 exactly; × 0.25 % = 5.005 → 5.01 (half away from zero).
        // (2002 / 12 rounded to 28 digits, times 12, gave 2001.99…96 → 5.00.)
        // 1001 EUR a quarter over Q1 = 1001; × 0.5 % = 5.005 → 5.01. 1003 EUR per 3 months × 0.5 % = 5.015 → 5.02.
        var (report, _) = Run("""
            service Y {
              fee 2002 EUR per year
              objective Cnt { indicator incident_count; target <= 0; per year }
              penalty P on Cnt { base fee; when > 0 credit 0.25% }
            }
            service Q {
              fee 1001 EUR per quarter
              objective Cnt { indicator incident_count; target <= 0; per quarter }
              penalty P on Cnt { base fee; when > 0 credit 0.5% }
            }
            service M {
              fee 1003 EUR per 3 months
              objective Cnt { indicator incident_count; target <= 0; per 3 months }
              penalty P on Cnt { base fee; when > 0 credit 0.5% }
            }
            """,
            [Opened("2026-01-05T10:00:00+01:00", "Y", "a"), Opened("2026-01-05T10:00:00+01:00", "Q", "b"), Opened("2026-01-05T10:00:00+01:00", "M", "c")],
            "2027-01-01");
        var credits = report.GetProperty("credits").EnumerateArray()
            .Where(c => c.GetProperty("period").GetProperty("start").GetString() == "2026-01-01T00:00:00+01:00")
            .Select(c => (c.GetProperty("service").GetString(), c.GetProperty("amount").GetRawText())).ToArray();
        credits.ShouldBe([("M", "5.02"), ("Q", "5.01"), ("Y", "5.01")]);
    }
}
