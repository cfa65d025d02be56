using System.Text.Json;

namespace SlaLang.Cli.Tests;

/// <summary>
/// <c>slac import</c> on the samples of examples/integrations (hand-made from the vendors' documented export shapes), then
/// <c>slac run</c> on the events: the figures computed by hand from the samples (arithmetic in each test).
/// </summary>
public class ImportCommandTests
{
    private static string Sample(params string[] parts) => Path.Combine([Path.GetDirectoryName(Slac.Example("integrations", "quillo.sla"))!, .. parts]);

    /// <summary>Imports <paramref name="files"/> and runs the contract on them as of February 1st; the report and import's stderr.</summary>
    private static (JsonElement Report, string ImportErr, string Events) ImportAndRun(string format, params string[] files)
    {
        var dir = Path.Combine(Path.GetTempPath(), "slac-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var events = Path.Combine(dir, "events.jsonl");
        var import = Slac.Run(["import", format, .. files.Select(f => Sample(format, f)), "--map", Sample("mapping.yaml"), "-o", events]);
        import.Exit.ShouldBe(0, import.Err);
        var run = Slac.Run("run", Sample("quillo.sla"), "--events", events, "--format", "json", "--as-of", "2026-02-01", "--strict");
        run.Exit.ShouldBe(0, run.Err); // --strict: every imported event counts (no data-quality warning)
        return (JsonDocument.Parse(run.Out).RootElement.Clone(), import.Err, File.ReadAllText(events));
    }

    private static decimal? Value(JsonElement report, string objective) =>
        report.GetProperty("objectives").EnumerateArray().Single(o => o.GetProperty("objective").GetString() == objective) is var o
        && o.GetProperty("value").ValueKind == JsonValueKind.Number ? o.GetProperty("value").GetDecimal() : null;

    [Fact]
    public void ServiceNow_incidents_and_their_audit_rows_give_pauses_reopens_and_resolutions()
    {
        var (report, err, events) = ImportAndRun("servicenow", "incidents.json", "audit.json");
        // INC0010001 (Payment Gateway → Checkout, 1 - Critical → p1): opened 10:00, on hold 10:30–11:30, resolved 12:00:
        // 2 h − 1 h paused = 3600 s. Reopened on the 7th at 08:00, resolved again at 09:00: 1 reopen / 2 resolutions = 50 %.
        Value(report, "Restore").ShouldBe(3600m);
        Value(report, "Reopens").ShouldBe(50m);
        // INC0010002 (Search API → Search): resolved after 6 h, not within 4 h.
        Value(report, "Fix4h").ShouldBe(0m);
        err.ShouldBe("warning: servicenow incident INC0010003: priority '4 - Low' is not in the mapping's severities; skipped\nservicenow: 9 events written, 1 warning.\n");
        events.Split('\n')[0].ShouldBe("""{"time":"2026-01-05T10:00:00+00:00","kind":"incident_opened","service":"Checkout","id":"INC0010001","severity":"p1"}""");
    }

    [Fact]
    public void Jira_issues_and_their_changelog_give_acknowledgement_pause_and_resolution()
    {
        var (report, err, _) = ImportAndRun("jsm", "issues.json");
        // SUP-1: created 09:00+01:00, In Progress 09:30 (acknowledged after 30 min: not within 10 min), waiting for customer
        // 10:00–11:00, resolved 11:30: 2.5 h − 1 h = 5400 s.
        Value(report, "Restore").ShouldBe(5400m);
        Value(report, "Response").ShouldBe(0m);
        err.ShouldBe("jsm: 5 events written, 0 warnings.\n");
    }

    [Fact]
    public void PagerDuty_log_entries_give_trigger_acknowledge_and_resolve()
    {
        var (report, err, _) = ImportAndRun("pagerduty", "log_entries.json");
        // Q1ABC: triggered 10:00, acknowledged 10:05 (within 10 min), resolved 10:45: 2700 s.
        Value(report, "Restore").ShouldBe(2700m);
        Value(report, "Response").ShouldBe(100m);
        err.ShouldBe("warning: pagerduty incident Q2DEF: service 'legacy-batch' is not in the mapping's services; skipped\npagerduty: 3 events written, 1 warning.\n");
    }

    [Fact]
    public void Statuspage_component_updates_give_outages()
    {
        var (report, err, _) = ImportAndRun("statuspage", "incidents.json");
        // The API component (→ Checkout) in major_outage 10:00–10:20: 1200 s down of January's 2678400 s.
        Value(report, "Uptime").ShouldBe(100m * (1m - 1200m / 2678400m));
        err.ShouldBe("warning: statuspage incident sp1: component 'Blog' is not in the mapping's services; skipped\nstatuspage: 2 events written, 1 warning.\n");
    }

    [Fact]
    public void Prometheus_probe_series_give_outages_and_counters_give_request_samples()
    {
        var (report, err, _) = ImportAndRun("prometheus", "probe_success.json", "requests.json");
        // probe_success 0 at 00:02, 00:03, 00:04 and 1 again at 00:05: an outage of 180 s.
        Value(report, "Uptime").ShouldBe(100m * (1m - 180m / 2678400m));
        // Counters: total 1000 → 1100 → 1250, good 990 → 1089 → 1230: (100, 99) and (150, 141): 100 × 10 / 250 = 4 %.
        Value(report, "Errors").ShouldBe(4m);
        err.ShouldBe("prometheus: 4 events written, 0 warnings.\n");
    }

    [Fact]
    public void A_file_that_is_not_json_or_a_bad_mapping_is_a_located_usage_error()
    {
        var dir = Path.Combine(Path.GetTempPath(), "slac-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "bad.json"), "{\n  \"result\": [\n    oops\n  ]\n}\n");
        var bad = Slac.Run("import", "servicenow", Path.Combine(dir, "bad.json"));
        bad.Exit.ShouldBe(2);
        bad.Err.ShouldStartWith($"slac: {Path.Combine(dir, "bad.json")}:3: not JSON");
        File.WriteAllText(Path.Combine(dir, "map.yaml"), "services:\n  - a list\n");
        var map = Slac.Run("import", "pagerduty", Sample("pagerduty", "log_entries.json"), "--map", Path.Combine(dir, "map.yaml"));
        map.Exit.ShouldBe(2);
        map.Err.ShouldStartWith($"slac: {Path.Combine(dir, "map.yaml")}:2:");
    }
}
