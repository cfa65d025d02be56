using System.Text.Json;

namespace SlaLang.Cli.Tests;

/// <summary><c>slac explain</c> and <c>run --explain</c> (LANGUAGE.md §10): the figure taken apart, with exact numbers.</summary>
public class ExplainCommandTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void NovaTerra_february_availability_is_explained_outage_by_outage_with_its_credit()
    {
        var (exit, output, error) = Slac.Run("explain", Slac.Example("novaterra", "novaterra.sla"), "--events", Slac.Example("novaterra", "events.jsonl"),
            "--objective", "Monitoring.Availability", "--format", "json");
        exit.ShouldBe(0, error);
        var e = Json(output).EnumerateArray().ShouldHaveSingleItem();
        e.GetProperty("clause").GetString().ShouldBe("novaterra.sla:32");
        e.GetProperty("period").GetProperty("localDates").GetString().ShouldBe("2026-02-01 – 2026-02-28");
        // February: 28 days = 2419200 s, less 2 h of maintenance (excluded) = 2412000 s scheduled; two outages of 24 min.
        e.GetProperty("formula").GetString().ShouldBe("availability = 100 × (1 − 2880 s / 2412000 s) = 99.88059701492537313432835821");
        e.GetProperty("time").GetRawText().ShouldBe("""{"scheduledSeconds":2412000,"maintenanceExcludedSeconds":7200,"closedHoursSeconds":0}""".Replace(",", ",\n      ").Replace("{", "{\n      ").Replace("}", "\n    }").Replace(":", ": "));
        var contributions = e.GetProperty("contributions").EnumerateArray().ToList();
        contributions.Select(c => (c.GetProperty("id").GetString(), c.GetProperty("seconds").GetDecimal(), string.Join(",", c.GetProperty("lines").EnumerateArray().Select(l => l.GetInt32()))))
            .ShouldBe([("OUT-004", 1440m, "84,85"), ("OUT-003", 1440m, "114,115")]);
        contributions.Sum(c => c.GetProperty("numerator").GetDecimal()).ShouldBe(e.GetProperty("numerator").GetDecimal());
        var credit = e.GetProperty("credits").EnumerateArray().ShouldHaveSingleItem();
        credit.GetProperty("months").GetRawText().Replace(" ", "").Replace("\n", "")
            .ShouldBe("""[{"month":"2026-02","monthlyFee":18000,"daysInside":28,"daysInMonth":28,"amount":18000}]""");
        (credit.GetProperty("baseAmount").GetDecimal(), credit.GetProperty("tier").GetString(), credit.GetProperty("rate").GetDecimal(), credit.GetProperty("cap").GetDecimal())
            .ShouldBe((18000m, "when < 99.93% credit 5%", 5m, 25m));
        credit.GetProperty("amount").GetRawText().ShouldBe("900.00");
    }

    private const string Contract = """
        contract C {
          term 2026-01-01 .. 2026-12-31
          timezone "Europe/Paris"
          currency EUR
          party A client
          party B provider
          role R of B
          severity s1
          calendar Office { hours mon-fri 09:00-17:00 }
          service S {
            fee 1000 EUR per month
            objective Restore { indicator mttr; target <= 1h; per month; during Office }
            penalty Late on Restore { base fee; step 15min credit 1%; cap 10% }
          }
          reversibility { notice 3 months }
        }
        """;

    private static readonly string[] Log =
    [
        """{"time":"2026-01-05T16:00:00+01:00","kind":"incident_opened","service":"S","id":"A","severity":"s1"}""",
        """{"time":"2026-01-05T16:30:00+01:00","kind":"incident_paused","id":"A"}""",
        """{"time":"2026-01-06T09:30:00+01:00","kind":"incident_resumed","id":"A"}""",
        """{"time":"2026-01-06T10:00:00+01:00","kind":"incident_resolved","id":"A"}""",
        """{"time":"2026-01-07T10:00:00+01:00","kind":"incident_opened","service":"S","id":"B","severity":"s1"}""",
        """{"time":"2026-01-07T12:00:00+01:00","kind":"incident_resolved","id":"B"}""",
    ];

    private static (string Contract, string Events) Files()
    {
        var dir = Path.Combine(Path.GetTempPath(), "slac-explain-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "c.sla"), Contract);
        File.WriteAllLines(Path.Combine(dir, "events.jsonl"), Log);
        return (Path.Combine(dir, "c.sla"), Path.Combine(dir, "events.jsonl"));
    }

    [Fact]
    public void A_restore_time_is_explained_incident_by_incident_with_pauses_and_closed_hours_excluded_and_the_step_credit()
    {
        // A: opened Mon 16:00, paused 16:30, resumed Tue 09:30, resolved 10:00: 30 min + 30 min in Office hours = 3600 s of
        // 18 h elapsed (61200 s excluded). B: Wed 10:00–12:00 = 7200 s. mttr = (3600 + 7200) / 2 = 5400 s > 1 h: breached.
        // Step: shortfall 5400 − 3600 = 1800 s = 2 steps of 15 min × 1 % = 2 % (cap 10 %); base 1000 × 31/31; credit 20.00 EUR.
        var (contract, events) = Files();
        var (exit, output, error) = Slac.Run("explain", contract, "--events", events, "--as-of", "2026-02-01", "--format", "json");
        exit.ShouldBe(0, error);
        var e = Json(output).EnumerateArray().ShouldHaveSingleItem();
        e.GetProperty("formula").GetString().ShouldBe("mttr = 10800 s / 2 incidents resolved = 5400 s");
        e.GetProperty("calendar").GetString().ShouldBe("Office");
        e.GetProperty("contributions").EnumerateArray()
            .Select(c => (c.GetProperty("id").GetString(), c.GetProperty("seconds").GetDecimal(), c.GetProperty("note").GetString(),
                string.Join(",", c.GetProperty("lines").EnumerateArray().Select(l => l.GetInt32()))))
            .ShouldBe([
                ("A", 3600m, "measured age 3600 s; 61200 s of closed hours or pauses excluded", "1,2,3,4"),
                ("B", 7200m, "measured age 7200 s; 0 s of closed hours or pauses excluded", "5,6"),
            ]);
        var credit = e.GetProperty("credits").EnumerateArray().ShouldHaveSingleItem();
        (credit.GetProperty("shortfall").GetDecimal(), credit.GetProperty("step").GetDecimal(), credit.GetProperty("steps").GetDecimal(),
            credit.GetProperty("rate").GetDecimal(), credit.GetProperty("unrounded").GetDecimal()).ShouldBe((1800m, 900m, 2m, 2m, 20m));
        credit.GetProperty("amount").GetRawText().ShouldBe("20.00");

        var text = Slac.Run("explain", contract, "--events", events, "--as-of", "2026-02-01");
        text.Out.ShouldContain("S.Restore, 2026-01-01 – 2026-01-31: breached\n");
        text.Out.ShouldContain("  mttr = 10800 s / 2 incidents resolved = 5400 s; target <= 1h: breached\n");
        text.Out.ShouldContain("incident A: measured age 3600 s; 61200 s of closed hours or pauses excluded; counts 3600 / 1 (events.jsonl:1, 2, 3, 4)\n");
        text.Out.ShouldContain("credit Late: base 1000 × 31 / 31 = 1000 EUR; rate ceil(shortfall 30min / step 15min) = 2 step(s) × 1% = 2%, cap 10% → 2%; 1000 × 2% = 20, rounded half away from zero to 20.00 EUR\n");
        Slac.Run("explain", contract, "--events", events, "--as-of", "2026-02-01", "--format", "markdown").Out.ShouldStartWith("### S.Restore, 2026-01-01 – 2026-01-31: breached\n");
    }

    [Fact]
    public void A_period_can_be_asked_for_whatever_its_status_and_a_wrong_objective_is_bad_usage()
    {
        var (contract, events) = Files();
        var (exit, output, _) = Slac.Run("explain", contract, "--events", events, "--as-of", "2026-03-01", "--objective", "S.Restore", "--period", "2026-02-10", "--format", "json");
        exit.ShouldBe(0);
        var e = Json(output).EnumerateArray().ShouldHaveSingleItem();
        (e.GetProperty("period").GetProperty("start").GetString(), e.GetProperty("status").GetString()).ShouldBe(("2026-02-01T00:00:00+01:00", "no_data"));
        var wrong = Slac.Run("explain", contract, "--events", events, "--objective", "S.Nope");
        (wrong.Exit, wrong.Err).ShouldBe((2, "slac: --objective 'S.Nope' names no objective of C; use one of: S.Restore.\n"));
    }

    [Fact]
    public void Run_explain_appends_the_explanations_to_the_json_report()
    {
        var (contract, events) = Files();
        var (exit, output, error) = Slac.Run("run", contract, "--events", events, "--as-of", "2026-02-01", "--format", "json", "--explain");
        exit.ShouldBe(0, error);
        var report = Json(output);
        report.GetProperty("credits")[0].GetProperty("amount").GetRawText().ShouldBe("20.00");
        report.GetProperty("explanations").EnumerateArray().ShouldHaveSingleItem().GetProperty("objective").GetString().ShouldBe("Restore");
    }

    [Theory]
    [InlineData("novaterra")]
    [InlineData("belleplace")]
    [InlineData("valisbank")]
    public void Contributions_add_up_exactly_to_every_explained_figure_of_the_examples(string example)
    {
        var (exit, output, error) = Slac.Run("explain", Slac.Example(example, example + ".sla"), "--events", Slac.Example(example, "events.jsonl"), "--format", "json");
        exit.ShouldBe(0, error);
        var explanations = Json(output).EnumerateArray().ToList();
        explanations.ShouldNotBeEmpty();
        foreach (var e in explanations)
        {
            var contributions = e.GetProperty("contributions").EnumerateArray().ToList();
            contributions.Sum(c => c.GetProperty("numerator").GetDecimal()).ShouldBe(e.GetProperty("numerator").GetDecimal(), e.GetProperty("formula").GetString());
            // The denominator is the contributions' too, except availability's: the scheduled time.
            if (!e.GetProperty("formula").GetString()!.StartsWith("availability", StringComparison.Ordinal) && e.GetProperty("denominator").GetDecimal() != 0)
            {
                contributions.Sum(c => c.GetProperty("denominator").GetDecimal()).ShouldBe(e.GetProperty("denominator").GetDecimal(), e.GetProperty("formula").GetString());
            }
            contributions.ShouldAllBe(c => c.GetProperty("lines").GetArrayLength() > 0);
        }
    }
}
