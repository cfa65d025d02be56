using NodaTime;
using SlaLang.Emit;
using SlaLang.Runtime;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Cli.Tests;

/// <summary>Every example: compiles cleanly, runs, reproduces its baseline, and is indifferent to order, duplicates and snapshot cuts.</summary>
public class ExampleTests
{
    /// <summary>The end of each example's generated quarter (its events' range), as written in the baselines.</summary>
    public static readonly TheoryData<string, string> QuarterEnds = new()
    {
        { "belleplace", "2026-05-01T00:00:00+02:00" },
        { "novaterra", "2026-04-01T00:00:00+02:00" },
        { "valisbank", "2026-07-01T00:00:00+02:00" },
    };

    public static readonly TheoryData<string> Names = new(Slac.Examples);

    [Theory]
    [MemberData(nameof(Names))]
    public void Example_compiles_to_csharp_without_warnings(string example)
    {
        var path = Slac.Example(example, example + ".sla");
        var tree = SyntaxTree.Parse(File.ReadAllText(path), path);
        var emission = Compilation.Create([tree], sources: FileSystemSourceProvider.Instance).EmitMonitor(tree);
        emission.Success.ShouldBeTrue();
        var compiled = emission.Compile();
        compiled.ErrorsAndWarnings.Select(d => d.ToString()).ShouldBeEmpty(emission.Source);
        compiled.Success.ShouldBeTrue();
    }

    /// <summary>
    /// <c>slac run --format json</c> as of the quarter's end equals examples/NAME/expected-report.json.
    /// Set SLAC_UPDATE_BASELINES=1 to rewrite the baselines after an intended change, then review the diff.
    /// </summary>
    [Theory]
    [MemberData(nameof(QuarterEnds))]
    public void Example_report_matches_its_baseline(string example, string quarterEnd)
    {
        var (exit, output, error) = Slac.Run("run", Slac.Example(example, example + ".sla"), "--events", Slac.Example(example, "events.jsonl"), "--format", "json", "--as-of", quarterEnd);
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        var baseline = Slac.Example(example, "expected-report.json");
        if (Environment.GetEnvironmentVariable("SLAC_UPDATE_BASELINES") == "1")
        {
            File.WriteAllText(baseline, output);
        }
        output.ShouldBe(File.ReadAllText(baseline));
    }

    [Theory]
    [MemberData(nameof(QuarterEnds))]
    public void Default_as_of_is_the_end_of_the_generated_quarter(string example, string quarterEnd)
    {
        var (exit, output, _) = Slac.Run("run", Slac.Example(example, example + ".sla"), "--events", Slac.Example(example, "events.jsonl"), "--format", "json");
        exit.ShouldBe(0);
        output.ShouldBe(File.ReadAllText(Slac.Example(example, "expected-report.json")));
        System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("asOf").GetString().ShouldBe(quarterEnd);
    }

    [Fact]
    public void Csv_events_give_the_same_report_as_json_lines()
    {
        var (exit, output, error) = Slac.Run("run", Slac.Example("novaterra", "novaterra.sla"), "--events", Slac.Example("novaterra", "events.csv"), "--format", "json");
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        // The CSV header is one more line read; every figure and every other count is the same.
        output.ShouldBe(File.ReadAllText(Slac.Example("novaterra", "expected-report.json")).Replace("\"linesRead\": 200,", "\"linesRead\": 201,"));
    }

    private static Instant QuarterEnd(string example) =>
        NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse((string)QuarterEnds.Single(row => (string)row[0] == example)[1]).Value.ToInstant();

    [Theory]
    [MemberData(nameof(Names))]
    public void Shuffled_and_duplicated_events_give_the_identical_report(string example)
    {
        var events = Slac.Events(example);
        var asOf = QuarterEnd(example);
        var expected = Report(Slac.NewMonitor(example), events, asOf);

        var random = new Random(20260101);
        for (var round = 0; round < 3; round++)
        {
            // Every event once, a third of them again, all in a random order.
            var stream = events.Concat(events.Where(_ => random.Next(3) == 0)).ToArray();
            random.Shuffle(stream);
            Report(Slac.NewMonitor(example), stream, asOf).ShouldBe(expected, $"round {round}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Snapshot_and_restore_at_100_random_cuts_give_the_identical_report(string example)
    {
        var events = Slac.Events(example);
        var asOf = QuarterEnd(example);
        var expected = Report(Slac.NewMonitor(example), events, asOf);

        var random = new Random(42);
        for (var cut = 0; cut < 100; cut++)
        {
            var at = random.Next(events.Length + 1);
            var first = Slac.NewMonitor(example);
            for (var i = 0; i < at; i++)
            {
                first.Observe(in events[i]);
            }
            using var snapshot = new MemoryStream();
            first.Snapshot(snapshot);
            snapshot.Position = 0;
            var resumed = Slac.NewMonitor(example);
            resumed.Restore(snapshot);
            for (var i = at; i < events.Length; i++)
            {
                resumed.Observe(in events[i]);
            }
            ReportJsonWriter.ToJson(resumed.Report(asOf)).ShouldBe(expected, $"cut after {at} events");
        }
    }

    private static string Report(ContractMonitor monitor, IEnumerable<SlaEvent> events, Instant asOf)
    {
        foreach (var e in events)
        {
            monitor.Observe(in e);
        }
        return ReportJsonWriter.ToJson(monitor.Report(asOf));
    }
}

/// <summary><c>slac run --format json</c> as a process: the report goes to standard output as bytes (not through the console
/// writer), and is the same document.</summary>
public sealed class StandardOutputReportTests
{
    [Theory]
    [InlineData("novaterra")]
    [InlineData("belleplace")]
    public async Task The_json_report_on_standard_output_is_the_baseline_byte_for_byte(string example)
    {
        var start = Slac.Dotnet(typeof(Program).Assembly.Location, "run", Slac.Example(example, example + ".sla"), "--events", Slac.Example(example, "events.jsonl"), "--format", "json");
        start.Environment["SLAC_CACHE_DIR"] = Slac.CacheDirectory;
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        using var bytes = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(bytes);
        await process.WaitForExitAsync();
        (await error).ShouldBeEmpty();
        process.ExitCode.ShouldBe(0);
        bytes.ToArray().ShouldBe(File.ReadAllBytes(Slac.Example(example, "expected-report.json")));
    }
}
