using System.Text.Json;

namespace SlaLang.Cli.Tests;

/// <summary>
/// <c>slac run</c> on messy event logs (LANGUAGE.md §6–§7): every event that cannot count is a located data-quality warning, the
/// report says what was read, a log with no readable line is bad usage, and <c>--strict</c> fails on warnings.
/// </summary>
public class DataQualityRunTests
{
    private const string Contract = """
        contract C {
          term 2026-01-01 .. 2026-12-31
          timezone "Europe/Paris"
          currency EUR
          party A client
          party B provider
          role R of B
          severity s1
          severity s2
          service S {
            objective Up { indicator availability; target >= 99%; per month }
            objective Count { indicator incident_count; target <= 10; per month }
            objective Restore { indicator mttr; target <= 4h; per month }
          }
          service Quiet { }
          obligation Report { by B; every month; due 5d after period end }
          reversibility { notice 3 months }
        }
        """;

    private static readonly string[] MessyLog =
    [
        """{"time":"2026-01-05T10:00+01:00","kind":"outage_start","service":"S","id":"O1"}""",            // 1: no seconds: read
        """{"time":"2026-01-05T10:30:00.5+01:00","kind":"outage_end","service":"S","id":"O1"}""",         // 2: fraction: read
        """{"time":"2026-01-05T10:30:00.5+01:00","kind":"outage_end","service":"S","id":"O1"}""",         // 3: duplicate of 2
        """{"time":"2026-01-06T10:00:00+01:00","kind":"outage_end","service":"S","id":"O9"}""",           // 4: end without start
        """{"time":"2026-01-07T10:00:00+01:00","kind":"outage_start","service":"Nope","id":"O2"}""",      // 5: unknown service
        """{"time":"2026-01-07T11:00:00+01:00","kind":"incident_opened","service":"S","id":"I1","severity":"s9"}""", // 6: unknown severity
        """{"time":"2026-01-07T12:00:00+01:00","kind":"incident_resolved","id":"I1"}""",                  // 7: of the refused incident: no second warning
        """{"time":"2026-01-08T12:00:00+01:00","kind":"incident_resolved","id":"GHOST"}""",               // 8: never opened
        """{"time":"2026-01-08T13:00:00+01:00","kind":"incident_acknowledged","id":"GHOST"}""",           // 9: never opened (same id)
        """{"time":"2026-01-09T12:00:00+01:00","kind":"fulfilled","name":"Nothing"}""",                   // 10: no such obligation
        """{"time":"2026-02-02T12:00:00+01:00","kind":"fulfilled","name":"Report"}""",                    // 11: January's (due 02-06)
        """{"time":"2026-02-03T12:00:00+01:00","kind":"fulfilled","name":"Report"}""",                    // 12: February's
        """{"time":"2026-02-04T12:00:00+01:00","kind":"fulfilled","name":"Report"}""",                    // 13: no window left: fulfils nothing
        """{"time":"2026-01-10T12:00:00","kind":"outage_start","service":"S","id":"O3"}""",               // 14: malformed (no offset)
        """{"time":"2026-01-10T12:00:00Z","kind":"requests","service":"S","good":"10","total":20}""",     // 15: malformed (string)
        "",                                                                                               // 16: blank
        """{"time":"2026-01-11T12:00:00+01:00","kind":"incident_opened","service":"Quiet","id":"I2","severity":"s2"}""", // 17: fine
    ];

    private static string Write(string name, string text)
    {
        var dir = Path.Combine(Path.GetTempPath(), "slac-dq-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(string[] log, params string[] options)
    {
        var contract = Write("c.sla", Contract);
        var events = Path.Combine(Path.GetDirectoryName(contract)!, "events.jsonl");
        File.WriteAllLines(events, log);
        return Slac.Run(["run", contract, "--events", events, "--as-of", "2026-03-01", .. options]);
    }

    /// <summary>An end is answered by its start whenever the start comes (the audit keeps only unanswered ends).</summary>
    [Fact]
    public void An_end_before_its_start_is_no_warning_and_unanswered_ends_are_one_warning_at_the_first()
    {
        string[] log =
        [
            """{"time":"2026-01-05T11:00:00+01:00","kind":"outage_end","service":"S","id":"O1"}""",      // 1: its start comes later
            """{"time":"2026-01-05T10:00:00+01:00","kind":"outage_start","service":"S","id":"O1"}""",    // 2
            """{"time":"2026-01-05T11:00:00+01:00","kind":"outage_end","service":"S","id":"O1"}""",      // 3: a duplicate of 1
            """{"time":"2026-01-06T11:00:00+01:00","kind":"outage_end","service":"S","id":"O7"}""",      // 4: never started
            """{"time":"2026-01-06T12:00:00+01:00","kind":"outage_end","service":"S","id":"O7"}""",      // 5: never started either
            """{"time":"2026-01-07T12:00:00+01:00","kind":"maintenance_end","service":"S","id":"O1"}""", // 6: a maintenance, not the outage
        ];
        var (exit, output, error) = Run(log, "--format", "json");
        exit.ShouldBe(0, error);
        var report = JsonDocument.Parse(output).RootElement;
        report.GetProperty("warnings").EnumerateArray()
            .Select(w => $"{w.GetProperty("line").GetInt32()} {w.GetProperty("code").GetString()} {w.GetProperty("message").GetString()}")
            .ShouldBe([
                "4 SLA4005 outage 'O7' of service 'S' ends without a start (outage_start); the end does not count",
                "6 SLA4005 maintenance 'O1' of service 'S' ends without a start (maintenance_start); the end does not count",
            ]);
        // 6 events, 1 duplicate (3); the two ends of O7 and the maintenance end do not count: 6 - 1 - 3 = 2.
        report.GetProperty("input").GetProperty("eventsUsed").GetInt32().ShouldBe(2);
    }

    [Fact]
    public void Every_event_that_cannot_count_is_a_located_warning_and_the_input_is_counted()
    {
        var (exit, output, error) = Run(MessyLog, "--format", "json");
        exit.ShouldBe(0, error);
        var report = JsonDocument.Parse(output).RootElement;
        report.GetProperty("warnings").EnumerateArray()
            .Select(w => $"{w.GetProperty("line").GetInt32()} {w.GetProperty("code").GetString()} {w.GetProperty("message").GetString()}")
            .ShouldBe([
                "4 SLA4005 outage 'O9' of service 'S' ends without a start (outage_start); the end does not count",
                "5 SLA4001 service 'Nope' is not declared by the contract; the outage_start event does not count",
                "6 SLA4002 incident 'I1' has severity 's9', which the contract does not declare; the incident does not count",
                "8 SLA4004 incident 'GHOST' is never opened (no incident_opened event); its 2 events do not count",
                "10 SLA4003 'Nothing' is no obligation, committee or security control of the contract; the event fulfils nothing",
                "13 SLA4006 'Report' fulfilled at 2026-02-04T12:00:00+01:00 lies in no period's window that is still open (each period is fulfilled once); it fulfils nothing",
                "14 SLA4000 field 'time': '2026-01-10T12:00:00' has no offset; add Z or ±hh:mm (e.g. 2026-01-10T12:00:00+01:00) (line skipped)",
                "15 SLA4000 field 'good': \"10\" is a string, not a number (write good without quotes) (line skipped)",
            ]);
        // 17 lines (the last holds an event), 14 events read. The monitor recorded 11 of them: not 5 (unknown service), 6
        // (undeclared severity) nor 10 (no such obligation). Of those, 3 repeats 2; 4, 7 (its incident was refused), 8, 9 and 13
        // cannot count: 11 - 1 - 5 = 5.
        report.GetProperty("input").GetRawText().ShouldBe(
            """{"linesRead":17,"eventsRead":14,"eventsUsed":5,"duplicates":1,"malformedLines":2}""".Replace(",", ",\n    ").Replace("{", "{\n    ").Replace("}", "\n  }").Replace(":", ": "));
        // The undeclared incident does not count; the one of service Quiet does (it is declared): one incident in January.
        report.GetProperty("objectives").EnumerateArray()
            .Where(o => o.GetProperty("objective").GetString() == "Count")
            .Select(o => o.GetProperty("value").GetRawText()).ShouldBe(["0", "0"]);
        report.GetProperty("obligations").EnumerateArray()
            .Select(o => (o.GetProperty("status").GetString(), o.GetProperty("fulfilledAt").GetString()))
            .ShouldBe([("met", "2026-02-02T12:00:00+01:00"), ("met", "2026-02-03T12:00:00+01:00")]);
        // One outage of 30 min 0.5 s in January (744 h): 100 × (1 − 1800.5 / 2678400).
        var january = report.GetProperty("objectives").EnumerateArray().First(o => o.GetProperty("objective").GetString() == "Up");
        january.GetProperty("value").GetDecimal().ShouldBe(100m * (1m - 1800.5m / 2678400m));
    }

    [Fact]
    public void Text_output_groups_the_warnings_by_code_with_their_lines_and_the_summary_counts_them()
    {
        var (exit, output, _) = Run(MessyLog);
        exit.ShouldBe(0);
        output.ShouldContain("; 8 data-quality warnings.\n");
        output.ShouldContain("Input events.jsonl: 17 lines read, 14 events, 5 used, 1 duplicate, 2 malformed lines.\n");
        output.ShouldContain("Data quality: 8 warnings\n");
        output.ShouldContain("  SLA4000 malformed line: 2 (events.jsonl lines 14, 15)\n");
        output.ShouldContain("  SLA4004 incident never opened: 1 (events.jsonl line 8)\n");
        output.ShouldContain("    events.jsonl:8: incident 'GHOST' is never opened (no incident_opened event); its 2 events do not count\n");
        output.ShouldContain("no data");
        output.ShouldNotContain("no_data");
    }

    [Fact]
    public void Strict_makes_data_quality_warnings_exit_4_after_the_report()
    {
        var (exit, output, error) = Run(MessyLog, "--format", "json", "--strict");
        exit.ShouldBe(4);
        JsonDocument.Parse(output).RootElement.GetProperty("warnings").GetArrayLength().ShouldBe(8);
        error.ShouldEndWith("events.jsonl: 8 data-quality warnings (--strict).\n");
        var clean = Run([MessyLog[0], MessyLog[1]], "--format", "json", "--strict");
        (clean.Exit, clean.Err).ShouldBe((0, ""));
    }

    [Fact]
    public void A_log_whose_every_line_is_malformed_is_bad_usage_but_an_empty_log_reports()
    {
        var (exit, output, error) = Run(["not json", "{\"time\":\"2026-01-01\",\"kind\":\"survey\"}"]);
        (exit, output).ShouldBe((2, ""));
        error.ShouldEndWith("slac: no line of events '" + error.Split('\'')[^2] + "' could be read as an event (2 malformed lines); see the messages above.\n");
        error.ShouldStartWith("events.jsonl:1: invalid JSON");

        var empty = Run([], "--format", "json");
        empty.Exit.ShouldBe(0, empty.Err);
        JsonDocument.Parse(empty.Out).RootElement.GetProperty("input").GetProperty("eventsRead").GetInt32().ShouldBe(0);
    }

    [Fact]
    public void An_event_at_the_edge_of_time_is_a_located_warning_not_an_internal_error()
    {
        var (exit, output, error) = Run([
            """{"time":"9999-12-31T23:59:59-14:00","kind":"outage_start","service":"S","id":"X"}""",
            """{"time":"2026-01-05T10:00:00+01:00","kind":"outage_start","service":"S","id":"Y"}""",
        ], "--format", "json");
        exit.ShouldBe(0, error);
        error.ShouldStartWith("events.jsonl:1: timestamps must lie between the years 1900 and 2999 (line skipped)\n");
        JsonDocument.Parse(output).RootElement.GetProperty("warnings")[0].GetProperty("code").GetString().ShouldBe("SLA4000");
    }

    [Fact]
    public void A_service_named_escalation_with_an_objective_named_like_an_escalation_compiles_and_runs()
    {
        // Generated member names never collide, whatever the contract's names.
        var contract = Write("c.sla", """
            contract C {
              term 2026-01-01 .. 2026-12-31
              timezone "Europe/Paris"
              currency EUR
              party A client
              party B provider
              role R of B
              severity sev1
              service escalation {
                objective Sev1Path { indicator incident_count; target <= 0; per month }
              }
              escalation Sev1Path for incidents where severity == sev1 { after 1h notify R }
              reversibility { notice 3 months }
            }
            """);
        var events = Path.Combine(Path.GetDirectoryName(contract)!, "events.jsonl");
        File.WriteAllText(events, """{"time":"2026-01-05T10:00:00+01:00","kind":"incident_opened","service":"escalation","id":"I","severity":"sev1"}""" + "\n");
        var (exit, output, error) = Slac.Run("run", contract, "--events", events, "--format", "json", "--as-of", "2026-02-01");
        exit.ShouldBe(0, error);
        var report = JsonDocument.Parse(output).RootElement;
        report.GetProperty("objectives")[0].GetProperty("value").GetInt32().ShouldBe(1);
        report.GetProperty("escalations")[0].GetProperty("at").GetString().ShouldBe("2026-01-05T11:00:00+01:00");
    }
}
