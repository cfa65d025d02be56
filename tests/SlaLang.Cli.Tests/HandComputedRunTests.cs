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

    [Fact]
    public void Working_days_of_a_closed_calendar_or_a_DST_gap_give_due_dates_not_internal_errors()
    {
        // Never has no hours: `due 2bd after period end` has no due instant → "due": null, pending (was an internal error).
        // Night is open sun 02:00–03:00, which does not exist on Sun 2026-03-29 in Paris (§3: a working day has open
        // hours): the week [03-16, 03-23) is due 1bd after 03-23 = the end of Sun 04-05, 2026-04-06T00:00:00+02:00.
        var (report, err) = Run("""
            calendar Never { holidays 2026-01-01 }
            calendar Night { hours sun 02:00-03:00 }
            obligation O { by B; every month; due 2bd after period end; during Never }
            obligation P { by B; every week; due 1bd after period end; during Night }
            """, [], "2026-04-08");
        err.ShouldBeEmpty();
        var rows = report.GetProperty("obligations").EnumerateArray().Select(o => (
            o.GetProperty("obligation").GetString(), o.GetProperty("period").GetProperty("start").GetString(),
            o.GetProperty("due").GetString(), o.GetProperty("status").GetString())).ToArray();
        rows.Where(r => r.Item1 == "O").ShouldAllBe(r => r.Item3 == null && r.Item4 == "pending");
        rows.Single(r => r.Item1 == "P" && r.Item2 == "2026-03-16T00:00:00+01:00").Item3.ShouldBe("2026-04-06T00:00:00+02:00");
    }
}
