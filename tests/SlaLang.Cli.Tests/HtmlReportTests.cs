using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SlaLang.Cli.Tests;

/// <summary>
/// <c>slac run --format html</c> opened in a real browser: Debian's headless Chromium (installed by .ci/run) loads the page with
/// no console message (no script, no network: its Content-Security-Policy would log any attempt), draws one chart per objective,
/// and every figure in its tables is the JSON report's.
/// </summary>
public class HtmlReportTests
{
    private static (string Dom, string Log) RenderInChromium(string html)
    {
        var dir = Path.Combine(Path.GetTempPath(), "slac-html-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var page = Path.Combine(dir, "report.html");
        File.WriteAllText(page, html);
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Debian's chromium is needed for this test: apt-get install chromium (.ci/run installs it).");
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                     $"--user-data-dir={Path.Combine(dir, "profile")}", "--dump-dom", new Uri(page).AbsoluteUri })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not render the page within 2 minutes");
        }
        return (stdout.Result, stderr.Result);
    }

    [Theory]
    [InlineData("belleplace")]
    [InlineData("novaterra")]
    public void The_page_renders_without_console_messages_with_one_chart_per_objective_and_the_json_figures(string example)
    {
        var contract = Slac.Example(example, example + ".sla");
        var events = Slac.Example(example, "events.jsonl");
        var json = Slac.Run("run", contract, "--events", events, "--format", "json");
        var html = Slac.Run("run", contract, "--events", events, "--format", "html");
        (json.Exit, html.Exit, html.Err).ShouldBe((0, 0, ""));
        html.Out.ShouldStartWith("<!DOCTYPE html>");
        html.Out.ShouldNotContain("<script");
        html.Out.ShouldNotContain("http://");
        html.Out.ShouldNotContain("https://");

        var (dom, log) = RenderInChromium(html.Out);
        Regex.Matches(log, @"CONSOLE[^\n]*").Select(m => m.Value).ShouldBeEmpty();
        var report = JsonDocument.Parse(json.Out).RootElement;
        var objectives = report.GetProperty("objectives").EnumerateArray().ToList();
        var distinct = objectives.Select(o => $"{o.GetProperty("service").GetString()}.{o.GetProperty("objective").GetString()}").Distinct().ToList();
        Regex.Matches(dom, "<svg class=\"chart\" data-objective=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ShouldBe(distinct);
        Regex.Matches(dom, "<svg class=\"budget\"").Count.ShouldBe(objectives.Where(o => o.TryGetProperty("budget", out _))
            .Select(o => o.GetProperty("service").GetString() + o.GetProperty("objective").GetString()).Distinct().Count());
        // Each objective row carries the exact value of its JSON period, in the same order.
        var rows = Regex.Matches(dom, "<table class=\"objectives\">(.*?)</table>", RegexOptions.Singleline)
            .SelectMany(t => Regex.Matches(t.Groups[1].Value, "<tr class=\"([a-z-]+)\" data-value=\"([^\"]*)\">").Select(m => (m.Groups[1].Value, m.Groups[2].Value)))
            .ToList();
        rows.Select(r => r.Item2).ShouldBe(objectives.Select(o => o.GetProperty("value").ValueKind == JsonValueKind.Null ? "" : o.GetProperty("value").GetRawText()));
        rows.Count(r => r.Item1 == "breached").ShouldBe(objectives.Count(o => o.GetProperty("status").GetString() == "breached"));
        Regex.Matches(dom, "<circle class=\"point breached\"").Count.ShouldBe(objectives.Count(o => o.GetProperty("status").GetString() == "breached"));
        var credits = Regex.Matches(dom, "<tr data-value=\"([^\"]*)\"><td>").Select(m => m.Groups[1].Value).ToList();
        credits.ShouldBe(report.GetProperty("credits").EnumerateArray().Select(c => c.GetProperty("amount").GetRawText()));
        // The explanation of each breach is on the page.
        Regex.Matches(dom, "<details open=\"\"><summary>").Count.ShouldBe(objectives.Count(o => o.GetProperty("status").GetString() == "breached" || o.GetProperty("atRisk").GetBoolean()));
    }

    [Fact]
    public void Contract_and_event_text_is_escaped()
    {
        var dir = Path.Combine(Path.GetTempPath(), "slac-html-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var contract = Path.Combine(dir, "c.sla");
        File.WriteAllText(contract, """
            contract C {
              term 2026-01-01 .. 2026-12-31
              timezone "Europe/Paris"
              currency EUR
              party A client
              party B provider
              role R of B
              severity s1
              service S { objective Up { indicator availability; target >= 99%; per month } }
              reversibility { notice 3 months }
            }
            """);
        var events = Path.Combine(dir, "events.jsonl");
        File.WriteAllText(events, """
            {"time":"2026-01-05T10:00:00+01:00","kind":"outage_start","service":"S","id":"<script>alert(1)</script>"}
            {"time":"2026-01-05T10:00:00+01:00","kind":"outage_start","service":"<img src=x>","id":"O"}

            """);
        var (exit, output, error) = Slac.Run("run", contract, "--events", events, "--format", "html", "--as-of", "2026-02-01");
        exit.ShouldBe(0, error);
        output.ShouldNotContain("<script>");
        output.ShouldNotContain("<img src=x>");
        output.ShouldContain("&lt;img src=x&gt;");
    }
}
