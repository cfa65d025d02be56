using System.Diagnostics;

namespace SlaLang.Cli.Tests;

/// <summary>
/// <c>slac export prometheus</c> checked by Prometheus itself: Debian's <c>promtool</c> (installed by .ci/run) checks the rules and
/// runs unit tests that feed probe series and expect each burn-rate alert to fire, and not to fire, at given times.
/// </summary>
public class PrometheusExportTests
{
    private static string Sample(params string[] parts) => Path.Combine([Path.GetDirectoryName(Slac.Example("integrations", "quillo.sla"))!, .. parts]);

    private static (int Code, string Output) Promtool(string dir, params string[] arguments)
    {
        var promtool = new[] { "/usr/bin/promtool", "/usr/local/bin/promtool" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("promtool is needed for this test: apt-get install prometheus (.ci/run installs it).");
        var start = new ProcessStartInfo(promtool) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    private static string Exported()
    {
        var dir = Path.Combine(Path.GetTempPath(), "slac-prom-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var (exit, _, error) = Slac.Run("export", "prometheus", Sample("quillo.sla"), "--map", Sample("prometheus", "sli.yaml"), "-o", Path.Combine(dir, "rules.yaml"));
        exit.ShouldBe(0, error);
        // Objectives that are no ratio are listed, not dropped silently.
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            "warning: Checkout.Restore: mttr is not a ratio of good and bad events: no Prometheus rules (only availability, error_rate and success_rate are).",
            "warning: Checkout.Reopens: reopen_rate is not a ratio of good and bad events: no Prometheus rules (only availability, error_rate and success_rate are).",
            "warning: Checkout.Response: responded_within(10min) is not a ratio of good and bad events: no Prometheus rules (only availability, error_rate and success_rate are).",
            "warning: Search.Fix4h: resolved_within(4h) is not a ratio of good and bad events: no Prometheus rules (only availability, error_rate and success_rate are).",
        ]);
        return dir;
    }

    [Fact]
    public void Promtool_accepts_the_rules_sloth_names_and_burn_rates_for_a_30_day_period()
    {
        var dir = Exported();
        var (code, output) = Promtool(dir, "check", "rules", "rules.yaml");
        (code, output).ShouldBe((0, "Checking rules.yaml\n  SUCCESS: 28 rules found\n\n"));
        var rules = File.ReadAllText(Path.Combine(dir, "rules.yaml"));
        foreach (var window in new[] { "5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d" })
        {
            rules.ShouldContain($"record: slo:sli_error:ratio_rate{window}\n");
        }
        // 99.9 % a month: budget 0.001; 2 % of a 30-day budget in 1 h is 14.4 × the budget rate; 5 % in 6 h, 6; 10 % in 1 d, 3; 10 % in 3 d, 1.
        rules.ShouldContain("> (14.4 * 0.001)");
        rules.ShouldContain("> (6 * 0.001)");
        rules.ShouldContain("> (3 * 0.001)");
        rules.ShouldContain("> (1 * 0.001)");
        // Search.Errors: error_rate <= 1 % from the good and total counters.
        rules.ShouldContain("(sum(rate(http_requests_total{job=\"search\"}[5m])) - sum(rate(http_requests_good_total{job=\"search\"}[5m])))");
        rules.ShouldContain("> (14.4 * 0.01)");
    }

    [Fact]
    public void Promtool_unit_tests_see_each_alert_fire_and_not_fire()
    {
        var dir = Exported();
        const string Annotations = """
            summary: Checkout.Uptime (availability >= 99.9% per month) is burning its error budget too fast
            """;
        File.WriteAllText(Path.Combine(dir, "tests.yaml"), $$"""
            rule_files: [rules.yaml]
            evaluation_interval: 1m
            tests:
              # The checkout probe fails for good after 2 healthy hours: 10 minutes in, both page windows burn (5m: 100 %, 1h: 17 %),
              # and both ticket windows too (2h: 8 %, 1d: 8 %). While healthy, nothing fires.
              - interval: 1m
                input_series:
                  - series: 'probe_success{job="checkout", instance="https://shop.example/checkout"}'
                    values: '1x120 0x120'
                alert_rule_test:
                  - eval_time: 119m
                    alertname: SlaErrorBudgetBurnPage
                    exp_alerts: []
                  - eval_time: 119m
                    alertname: SlaErrorBudgetBurnTicket
                    exp_alerts: []
                  - eval_time: 130m
                    alertname: SlaErrorBudgetBurnPage
                    exp_alerts:
                      - exp_labels: { severity: page, sla_contract: QuilloRun, sla_service: Checkout, sla_objective: Uptime, window: 5m }
                        exp_annotations:
                          {{Annotations}}
                          description: "2% of the period's budget burnt in 1h, or 5% in 6h: act now."
                  - eval_time: 130m
                    alertname: SlaErrorBudgetBurnTicket
                    exp_alerts:
                      - exp_labels: { severity: ticket, sla_contract: QuilloRun, sla_service: Checkout, sla_objective: Uptime, window: 2h }
                        exp_annotations:
                          {{Annotations}}
                          description: "10% of the period's budget burnt in 1d or in 3d: plan a fix."
              # Probes every 30 s, one fails: the 5m window burns (10 %) but the 1h window does not (0.83 % < 14.4 × 0.1 %), nor
              # does the 6h one (0.17 % < 6 × 0.1 %): the short window alone never pages.
              - interval: 30s
                input_series:
                  - series: 'probe_success{job="checkout"}'
                    values: '1x600 0 1x300'
                alert_rule_test:
                  - eval_time: 302m
                    alertname: SlaErrorBudgetBurnPage
                    exp_alerts: []
            """);
        var (code, output) = Promtool(dir, "test", "rules", "tests.yaml");
        output.ShouldContain("SUCCESS");
        code.ShouldBe(0, output);
    }
}
