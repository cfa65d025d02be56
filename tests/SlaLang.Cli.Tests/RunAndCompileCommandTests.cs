using System.Text.Json.Nodes;
using NodaTime;
using SlaLang.Cli.Commands;
using SlaLang.Cli.Running;

namespace SlaLang.Cli.Tests;

/// <summary><c>slac run</c>, <c>slac compile</c> and the host: exit codes, outputs, the cache.</summary>
public class RunAndCompileCommandTests
{
    private static readonly string NovaTerra = Slac.Example("novaterra", "novaterra.sla");
    private static readonly string NovaTerraEvents = Slac.Example("novaterra", "events.jsonl");

    private static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "slac-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string Broken(string dir)
    {
        var path = Path.Combine(dir, "broken.sla");
        File.WriteAllText(path, File.ReadAllText(NovaTerra).Replace("per month\n      during always", "per month\n      during Nowhere"));
        return path;
    }

    [Fact]
    public void Version_prints_the_tool_version()
    {
        var (exit, output, error) = Slac.Run("--version");
        exit.ShouldBe(0);
        output.ShouldStartWith($"slac {Program.Version}");
        error.ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_option_is_bad_usage()
    {
        var (exit, _, error) = Slac.Run("run", NovaTerra, "--events", NovaTerraEvents, "--colour");
        exit.ShouldBe(2);
        error.ShouldContain("--colour");
        error.ShouldContain("slac --help");
    }

    [Fact]
    public void Unknown_format_is_bad_usage()
    {
        var (exit, _, error) = Slac.Run("run", NovaTerra, "--events", NovaTerraEvents, "--format", "xml");
        exit.ShouldBe(2);
        error.ShouldContain("xml");
    }

    [Fact]
    public void Missing_events_option_is_bad_usage()
    {
        var (exit, _, error) = Slac.Run("run", NovaTerra);
        exit.ShouldBe(2);
        error.ShouldContain("--events");
    }

    [Fact]
    public void Missing_files_are_bad_usage_without_a_stack_trace()
    {
        var missingEvents = Slac.Run("run", NovaTerra, "--events", "no-such-events.jsonl");
        missingEvents.Exit.ShouldBe(2);
        missingEvents.Err.ShouldBe("slac: events file 'no-such-events.jsonl' does not exist.\n");

        var missingContract = Slac.Run("run", "no-such.sla", "--events", NovaTerraEvents);
        missingContract.Exit.ShouldBe(2);
        missingContract.Err.ShouldBe("slac: contract file 'no-such.sla' does not exist.\n");
        missingContract.Err.ShouldNotContain("   at ");

        Slac.Run("run", NovaTerra, "--events", Slac.Root).Err.ShouldBe($"slac: events '{Slac.Root}' is a folder: give a .jsonl or .csv file.\n");
        Slac.Run("run", Slac.Root, "--events", NovaTerraEvents).Err.ShouldBe($"slac: contract '{Slac.Root}' is a folder: give a .sla file.\n");
    }

    [Fact]
    public void Bad_as_of_is_bad_usage()
    {
        var (exit, _, error) = Slac.Run("run", NovaTerra, "--events", NovaTerraEvents, "--as-of", "yesterday");
        exit.ShouldBe(2);
        error.ShouldBe("slac: --as-of 'yesterday' is not a time: use 2026-04-01T00:00:00+02:00, 2026-04-01T00:00 or 2026-04-01.\n");
    }

    [Theory]
    [InlineData("9999-12-31T23:00Z")] // 10000-01-01 in Paris: was an internal error (ArgumentOutOfRangeException)
    [InlineData("3000-01-01T00:00:01Z")]
    [InlineData("1899-12-31")]
    public void As_of_outside_the_supported_years_is_bad_usage(string asOf)
    {
        var (exit, output, error) = Slac.Run("run", NovaTerra, "--events", NovaTerraEvents, "--as-of", asOf);
        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe($"slac: --as-of '{asOf}' is outside the supported years: use a time from 1900-01-01T00:00Z to 3000-01-01T00:00Z.\n");
    }

    [Theory]
    [InlineData("3000-01-01T00:00Z")]
    [InlineData("1900-01-01T00:00Z")]
    [InlineData("2029-01-01T00:00:00.000000001+01:00")]
    [InlineData("2025-12-31")]
    public void As_of_outside_the_term_is_bad_usage_with_the_term_in_the_message(string asOf)
    {
        var (exit, output, error) = Slac.Run("run", NovaTerra, "--events", NovaTerraEvents, "--as-of", asOf, "--format", "json");
        (exit, output).ShouldBe((2, ""));
        error.ShouldBe($"slac: --as-of '{asOf}' lies outside the term of NovaTerraRun (2026-01-01 .. 2028-12-31, Europe/Paris): give a time within it.\n");
    }

    [Theory]
    [InlineData("2026-01-01", "2026-01-01T00:00:00+01:00")]
    [InlineData("2029-01-01T00:00+01:00", "2029-01-01T00:00:00+01:00")]
    public void As_of_at_the_edges_of_the_term_gives_a_report(string asOf, string reported)
    {
        var (exit, output, error) = Slac.Run("run", NovaTerra, "--events", NovaTerraEvents, "--as-of", asOf, "--format", "json");
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldContain($"\"asOf\": \"{reported}\"");
    }

    [Fact]
    public void A_contract_that_is_not_utf8_is_refused_by_compile_and_run_with_its_location()
    {
        var dir = TempDirectory();
        var latin1 = Path.Combine(dir, "latin1.sla");
        File.WriteAllBytes(latin1, [.. File.ReadAllBytes(NovaTerra).Take(3), 0xE9, .. File.ReadAllBytes(NovaTerra).Skip(3)]);
        var message = $"slac: cannot read contract '{latin1}': it is not UTF-8 text (byte 0xE9 at line 1, column 4); save it as UTF-8.\n";

        var run = Slac.Run("run", latin1, "--events", NovaTerraEvents);
        (run.Exit, run.Out, run.Err).ShouldBe((2, "", message));
        var compile = Slac.Run("compile", latin1, "-o", dir);
        (compile.Exit, compile.Out, compile.Err).ShouldBe((2, "", message));
        Directory.GetFiles(dir).ShouldBe([latin1]);
    }

    [Fact]
    public void Compile_writes_into_paths_with_spaces_and_unicode()
    {
        var dir = Path.Combine(TempDirectory(), "sortie é 😀");
        var assembly = Path.Combine(dir, "m onitor.dll");
        var (exit, output, error) = Slac.Run("compile", NovaTerra, "-o", dir, "--assembly", assembly);
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldBe($"Wrote {Path.Combine(dir, "NovaTerraRunMonitor.cs")}\nWrote {assembly}\n");
        File.Exists(assembly).ShouldBeTrue();
    }

    [Fact]
    public void Contract_errors_are_printed_like_check_and_exit_1()
    {
        var dir = TempDirectory();
        var (exit, output, error) = Slac.Run("run", Broken(dir), "--events", NovaTerraEvents);
        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldContain("broken.sla(");
        error.ShouldContain("Nowhere");
        error.ShouldContain("error SLA");
        error.ShouldContain("Checked 1 file: 1 error");
    }

    [Fact]
    public void Fail_on_breach_exits_3_when_an_objective_is_breached()
    {
        Slac.Run("run", NovaTerra, "--events", NovaTerraEvents, "--fail-on-breach").Exit.ShouldBe(3);
        Slac.Run("run", NovaTerra, "--events", NovaTerraEvents).Exit.ShouldBe(0);
        // As of 2026-01-15 no period is finished, so nothing is breached yet.
        Slac.Run("run", NovaTerra, "--events", NovaTerraEvents, "--fail-on-breach", "--as-of", "2026-01-15").Exit.ShouldBe(0);
    }

    [Fact]
    public void Malformed_event_lines_are_reported_with_their_numbers_and_skipped()
    {
        var dir = TempDirectory();
        var events = Path.Combine(dir, "events.jsonl");
        var lines = File.ReadAllLines(NovaTerraEvents).ToList();
        lines.Insert(1, "{\"time\": \"yesterday\", \"kind\": \"outage_start\"}");
        lines.Insert(3, "not json at all");
        File.WriteAllLines(events, lines);

        var (exit, output, error) = Slac.Run("run", NovaTerra, "--events", events, "--format", "json");
        exit.ShouldBe(0);
        var errorLines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        errorLines.Length.ShouldBe(3);
        errorLines[0].ShouldStartWith("events.jsonl:2: ");
        errorLines[1].ShouldStartWith("events.jsonl:4: ");
        errorLines[2].ShouldBe("events.jsonl: 2 malformed lines skipped.");
        // The figures are those of the clean log; the report lists the two lines and counts them.
        var expected = File.ReadAllText(Slac.Example("novaterra", "expected-report.json"));
        var head = expected[..expected.IndexOf("  \"warnings\": []", StringComparison.Ordinal)];
        output.ShouldBe(head + """
              "warnings": [
                {
                  "code": "SLA4000",
                  "line": 2,
                  "message": "field 'time': 'yesterday' is not an ISO 8601 timestamp with an offset (e.g. 2026-01-05T08:30:00+01:00) (line skipped)"
                },
                {
                  "code": "SLA4000",
                  "line": 4,
                  "message": "invalid JSON: 'not json at all' is an invalid JSON literal. Expected the literal 'null'. (column 2) (line skipped)"
                }
              ],
              "input": {
                "linesRead": 202,
                "eventsRead": 200,
                "eventsUsed": 200,
                "duplicates": 0,
                "malformedLines": 2
              }
            }

            """);
    }

    [Fact]
    public void Table_format_prints_a_readable_report()
    {
        var (exit, output, error) = Slac.Run("run", NovaTerra, "--events", NovaTerraEvents);
        exit.ShouldBe(0);
        error.ShouldBeEmpty();
        output.ShouldStartWith("Contract NovaTerraRun as of 2026-04-01 00:00 (+02:00)\n");
        output.ShouldContain("Objectives");
        output.ShouldContain("AvailabilityCredit");
        output.ShouldContain("900.00 EUR");
        output.ShouldNotContain("\u001b["); // no ANSI escape codes
    }

    [Fact]
    public void Lateness_longer_than_any_delay_gives_the_exact_report()
    {
        var (exit, output, error) = Slac.Run("run", NovaTerra, "--events", NovaTerraEvents, "--format", "json", "--lateness", "400d");
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldBe(File.ReadAllText(Slac.Example("novaterra", "expected-report.json")));
    }

    [Fact]
    public void Events_later_than_the_lateness_are_counted_and_skipped()
    {
        var dir = TempDirectory();
        var events = Path.Combine(dir, "late.jsonl");
        // Belle-Place's quarter in time order, then one February survey arriving at the very end: after 4,096 events the
        // monitor has settled everything older than a day before the latest event, so the survey is too late.
        File.WriteAllLines(events, File.ReadAllLines(Slac.Example("belleplace", "events.jsonl"))
            .Append("{\"time\":\"2026-02-10T12:00:00+01:00\",\"kind\":\"survey\",\"service\":\"Delivery\",\"score\":1}"));
        var (exit, _, error) = Slac.Run("run", Slac.Example("belleplace", "belleplace.sla"), "--events", events, "--format", "json", "--lateness", "1d");
        exit.ShouldBe(0);
        error.ShouldBe("late.jsonl: 1 event arrived more than --lateness 1d behind the latest event and was skipped.\n");
    }

    [Fact]
    public void With_lateness_explain_says_which_periods_it_can_no_longer_explain()
    {
        // Belle-Place's quarter: 7,476 events, so a settle pass finalises its first months; 10 periods are breached or at risk.
        string[] run = ["run", Slac.Example("belleplace", "belleplace.sla"), "--events", Slac.Example("belleplace", "events.jsonl"), "--format", "json", "--explain"];
        var (exactExit, exact, _) = Slac.Run(run);
        var (exit, settled, error) = Slac.Run([.. run, "--lateness", "1d"]);
        exactExit.ShouldBe(0);
        exit.ShouldBe(0);
        var all = JsonNode.Parse(exact)!["explanations"]!.AsArray();
        var given = JsonNode.Parse(settled)!["explanations"]!.AsArray();
        all.Count.ShouldBe(10);
        given.Count.ShouldBe(6); // each of them exact mode's
        given.ShouldAllBe(g => all.Any(a => JsonNode.DeepEquals(a, g)));
        error.ShouldBe("events.jsonl: 4 breached or at-risk periods not explained: --lateness 1d finalised them and dropped the facts behind their "
            + "figures (the report keeps the figures); run without --lateness, or with a longer one, to explain them.\n");
    }

    [Fact]
    public void Bad_lateness_is_bad_usage()
    {
        var (exit, _, error) = Slac.Run("run", NovaTerra, "--events", NovaTerraEvents, "--lateness", "soon");
        exit.ShouldBe(2);
        error.ShouldBe("slac: --lateness 'soon' is not a duration: use e.g. 7d, 36h or 1h30min.\n");
    }

    [Fact]
    public void As_of_accepts_offset_local_and_date_forms_in_the_contract_zone()
    {
        var paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var expected = Instant.FromUtc(2026, 3, 31, 22, 0);
        RunCommand.ParseAsOf("2026-04-01T00:00:00+02:00", paris).ShouldBe(expected);
        RunCommand.ParseAsOf("2026-03-31T22:00:00Z", paris).ShouldBe(expected);
        RunCommand.ParseAsOf("2026-04-01T00:00", paris).ShouldBe(expected);
        RunCommand.ParseAsOf("2026-04-01", paris).ShouldBe(expected);
    }

    [Fact]
    public void Default_as_of_is_the_local_midnight_after_the_latest_event_within_the_term()
    {
        var monitor = Slac.NewMonitor("novaterra");
        // 2026-03-29 is the DST change in Paris: the next midnight is at +02:00.
        RunCommand.DefaultAsOf(monitor, Instant.FromUtc(2026, 3, 29, 10, 0)).ShouldBe(Instant.FromUtc(2026, 3, 29, 22, 0));
        RunCommand.DefaultAsOf(monitor, Instant.FromUtc(2030, 1, 1, 0, 0)).ShouldBe(monitor.Term.End);
        RunCommand.DefaultAsOf(monitor, null).ShouldBe(monitor.Term.Start);
    }

    [Fact]
    public void Second_run_of_an_unchanged_contract_comes_from_the_cache()
    {
        var dir = TempDirectory();
        var cache = new MonitorCache(Path.Combine(dir, "cache"));
        var text = File.ReadAllText(NovaTerra);
        MonitorLoader.Load(NovaTerra, text, cache, TextWriter.Null, out var first).ShouldNotBeNull();
        first.ShouldBe(MonitorLoader.Origin.Compiled);
        File.Exists(Path.Combine(cache.Directory, MonitorCache.Key(text) + ".dll")).ShouldBeTrue();

        var monitor = MonitorLoader.Load(NovaTerra, text, cache, TextWriter.Null, out var second);
        second.ShouldBe(MonitorLoader.Origin.Cache);
        monitor!.Name.ShouldBe("NovaTerraRun");

        // Any change to the text is another key: compiled afresh.
        MonitorLoader.Load(NovaTerra, text + "\n// edited\n", cache, TextWriter.Null, out var edited).ShouldNotBeNull();
        edited.ShouldBe(MonitorLoader.Origin.Compiled);
    }

    [Fact]
    public void Damaged_cache_entry_is_discarded_and_rebuilt()
    {
        var dir = TempDirectory();
        var cache = new MonitorCache(dir);
        var text = File.ReadAllText(NovaTerra);
        File.WriteAllBytes(Path.Combine(dir, MonitorCache.Key(text) + ".dll"), [1, 2, 3]);
        var monitor = MonitorLoader.Load(NovaTerra, text, cache, TextWriter.Null, out var origin);
        origin.ShouldBe(MonitorLoader.Origin.Compiled);
        monitor!.Name.ShouldBe("NovaTerraRun");
        new FileInfo(Path.Combine(dir, MonitorCache.Key(text) + ".dll")).Length.ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void Cache_key_is_the_sha256_of_text_and_compiler_version()
    {
        MonitorCache.Key("contract A").Length.ShouldBe(64);
        MonitorCache.Key("contract A").ShouldBe(MonitorCache.Key("contract A"));
        MonitorCache.Key("contract A").ShouldNotBe(MonitorCache.Key("contract B"));
    }

    [Fact]
    public void Compile_writes_the_monitor_source_and_the_assembly()
    {
        var dir = TempDirectory();
        var dll = Path.Combine(dir, "bin", "NovaTerra.dll");
        var (exit, output, error) = Slac.Run("compile", NovaTerra, "-o", dir, "--assembly", dll);
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        var source = Path.Combine(dir, "NovaTerraRunMonitor.cs");
        output.ShouldBe($"Wrote {source}\nWrote {dll}\n");
        File.ReadAllText(source).ShouldStartWith("// <auto-generated/>");
        var assembly = System.Reflection.Assembly.Load(File.ReadAllBytes(dll));
        assembly.GetType("SlaLang.Generated.NovaTerraRunMonitor").ShouldNotBeNull();
    }

    [Fact]
    public void Compile_with_only_an_assembly_path_writes_only_the_assembly()
    {
        var dir = TempDirectory();
        var dll = Path.Combine(dir, "out", "NovaTerra.dll");
        var stray = Path.Combine(Environment.CurrentDirectory, "NovaTerraRunMonitor.cs");
        File.Exists(stray).ShouldBeFalse();
        var (exit, output, error) = Slac.Run("compile", NovaTerra, "--assembly", dll);
        (exit, output, error).ShouldBe((0, $"Wrote {dll}\n", ""));
        File.Exists(stray).ShouldBeFalse();
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ShouldBe([dll]);
    }

    [Fact]
    public void Compile_refuses_a_contract_with_errors_and_writes_nothing()
    {
        var dir = TempDirectory();
        var output = Path.Combine(dir, "out");
        var (exit, _, error) = Slac.Run("compile", Broken(dir), "-o", output, "--assembly", Path.Combine(output, "x.dll"));
        exit.ShouldBe(1);
        error.ShouldContain("Nowhere");
        Directory.Exists(output).ShouldBeFalse();
    }
}
