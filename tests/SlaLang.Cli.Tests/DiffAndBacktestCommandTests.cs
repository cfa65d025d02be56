using System.Diagnostics;
using System.Text.Json;

namespace SlaLang.Cli.Tests;

/// <summary><c>slac diff</c> and <c>slac backtest</c> as a reviewer and CI use them (docs/language.md §9).</summary>
public class DiffAndBacktestCommandTests
{
    private static string Folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "slac-diff-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static (string Old, string New) Versions(params (string From, string To)[] edits)
    {
        var dir = Folder();
        var text = File.ReadAllText(Slac.Example("novaterra", "novaterra.sla"));
        var edited = edits.Aggregate(text, (t, e) => t.Contains(e.From, StringComparison.Ordinal) ? t.Replace(e.From, e.To) : throw new InvalidOperationException(e.From));
        File.WriteAllText(Path.Combine(dir, "old.sla"), text);
        File.WriteAllText(Path.Combine(dir, "new.sla"), edited);
        return (Path.Combine(dir, "old.sla"), Path.Combine(dir, "new.sla"));
    }

    [Fact]
    public void Json_lists_each_change_with_values_lines_and_whom_it_favours_and_a_summary()
    {
        var (old, @new) = Versions(("target >= 99.93%", "target >= 99.9%"), ("version \"2.1.0\"", "version \"2.2.0\""));
        var (exit, output, error) = Slac.Run("diff", old, @new, "--format", "json");
        exit.ShouldBe(0, error);
        var json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("formatVersion").GetInt32().ShouldBe(1);
        var target = json.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("path").GetString()!.EndsWith("target", StringComparison.Ordinal));
        target.GetRawText().Replace(" ", "").Replace("\n", "").ShouldBe(
            ("{'path':'serviceMonitoring/objectiveAvailability/target','kind':'changed','old':'>=99.93%','new':'>=99.9%'," +
             $"'oldLocation':{{'file':'{old}','line':32}},'newLocation':{{'file':'{@new}','line':32}},'favours':'provider','reason':'alooser" +
             "targetfortheprovider'}").Replace('\'', '"'));
        json.GetProperty("summary").GetRawText().Replace(" ", "").Replace("\n", "").ShouldBe("""{"client":0,"provider":1,"neutral":1,"unknown":0}""");
        json.GetProperty("warnings").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Fail_on_provider_exits_1_and_markdown_and_github_formats_name_the_change()
    {
        var (old, @new) = Versions(("after 2h notify ITDirector", "after 3h notify ITDirector"));
        var (exit, output, error) = Slac.Run("diff", old, @new, "--fail-on", "provider", "--format", "markdown");
        exit.ShouldBe(1);
        error.ShouldBe("slac: 1 change favours provider (--fail-on).\n");
        output.ShouldContain("| ~ | escalation Sev1Path / level 2 / after | 2h | 3h | **provider** | escalates later | new.sla:76 |");
        output.ShouldContain("> ⚠️ The contract changed but its version is still \"2.1.0\": raise it.");
        Slac.Run("diff", old, @new, "--fail-on", "client").Exit.ShouldBe(0);
        var github = Slac.Run("diff", old, @new, "--format", "github").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        github[0].ShouldStartWith("::warning file=");
        github[0].ShouldContain(",line=76,title=SLA change favours provider::~ escalation Sev1Path / level 2 / after: 2h → 3h (escalates later)");
        github[1].ShouldBe("::warning title=SLA version::The contract changed but its version is still \"2.1.0\": raise it.");
        var text = Slac.Run("diff", old, @new).Out;
        text.ShouldContain("  ~ escalation Sev1Path / level 2 / after: 2h → 3h  [provider] escalates later (old.sla:76 → new.sla:76)\n");
        text.ShouldEndWith("1 change: 0 client, 1 provider, 0 neutral, 0 unknown.\n");
    }

    [Fact]
    public void A_contract_split_over_files_is_no_change_from_the_same_declarations_in_one_file()
    {
        var dir = Folder();
        var folder = Path.GetDirectoryName(Slac.Example("belleplace", "belleplace.sla"))!;
        // Inline the imports: the declarations of every file, in one contract.
        var root = File.ReadAllText(Path.Combine(folder, "belleplace.sla"));
        string Body(string file)
        {
            var text = File.ReadAllText(Path.Combine(folder, file));
            var open = text.IndexOf('{', text.IndexOf("library", StringComparison.Ordinal));
            return text[(open + 1)..text.LastIndexOf('}')];
        }
        var single = string.Join('\n', root.Split('\n').Where(l => !l.StartsWith("import", StringComparison.Ordinal)));
        var close = single.LastIndexOf('}');
        single = single[..close] + Body("master.sla") + Body("services/journeys.sla") + Body("services/delivery.sla") + "}\n";
        File.WriteAllText(Path.Combine(dir, "one.sla"), single);
        var (exit, output, error) = Slac.Run("diff", Path.Combine(dir, "one.sla"), Path.Combine(folder, "belleplace.sla"));
        exit.ShouldBe(0, error);
        output.ShouldContain("No change: the two versions mean the same (order, layout and comments aside).");
    }

    private static void Git(string dir, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, process.StandardError.ReadToEnd());
    }

    [Fact]
    public void A_version_may_be_read_from_git_with_its_imports_at_the_same_revision()
    {
        var dir = Folder();
        Git(dir, "init", "-q");
        Git(dir, "config", "user.email", "ci@example.invalid");
        Git(dir, "config", "user.name", "CI");
        File.WriteAllText(Path.Combine(dir, "common.sla"), "library Common {\n  party A client\n  party B provider\n  role R of B\n  severity s1\n}\n");
        File.WriteAllText(Path.Combine(dir, "c.sla"), """
            import "common.sla"
            contract C {
              version "1.0.0"
              term 2026-01-01 .. 2026-12-31
              timezone "Europe/Paris"
              currency EUR
              service S { objective Up { indicator availability; target >= 99.5%; per month } }
              escalation E for incidents where severity == s1 { after 1h notify R }
              reversibility { notice 3 months }
            }

            """);
        Git(dir, "add", ".");
        Git(dir, "commit", "-q", "-m", "v1");
        // The working tree: a stricter target in the contract, and a second severity in the imported library.
        File.WriteAllText(Path.Combine(dir, "c.sla"), File.ReadAllText(Path.Combine(dir, "c.sla")).Replace("99.5%", "99.9%").Replace("1.0.0", "1.1.0"));
        File.WriteAllText(Path.Combine(dir, "common.sla"), File.ReadAllText(Path.Combine(dir, "common.sla")).Replace("severity s1", "severity s1\n  severity s2"));
        var (exit, output, error) = Slac.Run("diff", "HEAD:" + Path.Combine(dir, "c.sla"), Path.Combine(dir, "c.sla"), "--format", "json");
        exit.ShouldBe(0, error);
        JsonDocument.Parse(output).RootElement.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("path").GetString()} {c.GetProperty("favours").GetString()}")
            .ShouldBe(["version neutral", "severity s2 neutral", "service S / objective Up / target client"]);
        var missing = Slac.Run("diff", "HEAD:" + Path.Combine(dir, "nope.sla"), Path.Combine(dir, "c.sla"));
        missing.Exit.ShouldBe(2);
        missing.Err.ShouldBe($"slac: 'HEAD:{Path.Combine(dir, "nope.sla")}': git has no file '{Path.Combine(dir, "nope.sla")}' at 'HEAD' (fatal: path 'nope.sla' does not exist in 'HEAD').\n");
    }

    [Fact]
    public void Backtest_shows_the_periods_that_differ_and_the_credits_of_each_version()
    {
        // A stricter availability target: January's 99.951 % now breaches 99.96 % (credit 5 % of 18000 = 900), and the fee
        // rises to 19000 (February's credit 950 instead of 900): 900.00 → 1,900.00 EUR.
        var (old, @new) = Versions(("target >= 99.93%", "target >= 99.96%"), ("fee 18000 EUR per month", "fee 19000 EUR per month"),
            ("when < 99.93% credit 5%", "when < 99.96% credit 5%"));
        var (exit, output, error) = Slac.Run("backtest", old, @new, "--events", Slac.Example("novaterra", "events.jsonl"), "--format", "json");
        exit.ShouldBe(0, error);
        var json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("asOf").GetString().ShouldBe("2026-04-01T00:00:00+02:00");
        json.GetProperty("objectives").EnumerateArray()
            .Select(o => $"{o.GetProperty("objective").GetString()} {o.GetProperty("period").GetProperty("start").GetString()} {o.GetProperty("old").GetProperty("status").GetString()} → {o.GetProperty("new").GetProperty("status").GetString()}")
            .ShouldBe(["Availability 2026-01-01T00:00:00+01:00 met → breached"]);
        json.GetProperty("credits").GetRawText().Replace(" ", "").Replace("\n", "").ShouldBe("""[{"currency":"EUR","old":900.00,"new":1900.00,"delta":1000.00}]""");
        var text = Slac.Run("backtest", old, @new, "--events", Slac.Example("novaterra", "events.jsonl")).Out;
        text.ShouldContain("  Monitoring.Availability, 2026-01-01 – 2026-01-31: 99.951% met → 99.951% breached\n");
        text.ShouldContain("  EUR: 900.00 EUR → 1,900.00 EUR (+1,000.00 EUR)\n");
    }

    [Fact]
    public void Backtest_pairs_a_period_with_the_same_period_only_when_per_changes()
    {
        // Reopens per quarter → per month: the quarter and the three months are different periods, each in one version only
        // (paired by start alone, January's month was shown as the quarter's new value).
        var (old, @new) = Versions(("indicator reopen_rate; target <= 5%; per quarter", "indicator reopen_rate; target <= 5%; per month"));
        var (exit, output, error) = Slac.Run("backtest", old, @new, "--events", Slac.Example("novaterra", "events.jsonl"));
        exit.ShouldBe(0, error);
        var lines = output.Split('\n').Where(l => l.StartsWith("  Monitoring.Reopens", StringComparison.Ordinal)).ToList();
        lines.Count.ShouldBe(4);
        lines[0].ShouldStartWith("  Monitoring.Reopens, 2026-01-01 – 2026-01-31: (none) → ");
        lines[1].ShouldStartWith("  Monitoring.Reopens, 2026-01-01 – 2026-03-31: ");
        lines[1].ShouldEndWith(" → (none)");
        lines[2].ShouldStartWith("  Monitoring.Reopens, 2026-02-01 – 2026-02-28: (none) → ");
        lines[3].ShouldStartWith("  Monitoring.Reopens, 2026-03-01 – 2026-03-31: (none) → ");

        // A period with no data reads "no data" (it read "no data no data": the value and the status).
        var (before, after) = Versions(("indicator reopen_rate; target <= 5%; per quarter", "indicator error_rate; target <= 5%; per quarter")); // no requests
        var noData = Slac.Run("backtest", before, after, "--events", Slac.Example("novaterra", "events.jsonl")).Out;
        noData.ShouldContain("1 objective-period differs:\n  Monitoring.Reopens, 2026-01-01 – 2026-03-31: 7.692% breached → no data\n");
    }

    [Fact]
    public void Backtest_as_of_outside_the_term_is_bad_usage()
    {
        var (old, @new) = Versions(("fee 18000 EUR per month", "fee 19000 EUR per month"));
        var (exit, output, error) = Slac.Run("backtest", old, @new, "--events", Slac.Example("novaterra", "events.jsonl"), "--as-of", "2030-01-01");
        (exit, output).ShouldBe((2, ""));
        error.ShouldBe("slac: --as-of '2030-01-01' lies outside the term of NovaTerraRun (2026-01-01 .. 2028-12-31, Europe/Paris): give a time within it.\n");
    }
}
