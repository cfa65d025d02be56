namespace SlaLang.Cli.Tests;

/// <summary>The hidden <c>slac generate-events</c>: the examples' event files are exactly what their documented seeds produce.</summary>
public class GenerateEventsCommandTests
{
    /// <summary>The seeds docs/cli.md gives for the examples.</summary>
    public static readonly TheoryData<string, int> Seeds = new() { { "novaterra", 4 }, { "belleplace", 2 }, { "valisbank", 3 } };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Example_events_are_reproduced_from_their_seed(string example, int seed)
    {
        var dir = Path.Combine(Path.GetTempPath(), "slac-gen-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var jsonl = Path.Combine(dir, "events.jsonl");
        var csv = Path.Combine(dir, "events.csv");
        var (exit, output, error) = Slac.Run("generate-events", Slac.Example(example, example + ".sla"), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", jsonl, "--csv", csv);
        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        output.ShouldStartWith("Wrote ");
        File.ReadAllText(jsonl).ShouldBe(File.ReadAllText(Slac.Example(example, "events.jsonl")));
        if (example == "novaterra")
        {
            File.ReadAllText(csv).ShouldBe(File.ReadAllText(Slac.Example(example, "events.csv")));
        }
    }

    [Fact]
    public void Generated_quarter_has_every_kind_of_event_the_contract_measures()
    {
        var kinds = File.ReadLines(Slac.Example("belleplace", "events.jsonl"))
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("kind").GetString())
            .ToHashSet();
        kinds.ShouldBe(
            ["outage_start", "outage_end", "maintenance_start", "maintenance_end", "incident_opened", "incident_acknowledged",
             "incident_resolved", "incident_reopened", "incident_paused", "incident_resumed", "requests", "survey", "change", "fulfilled"],
            ignoreOrder: true);
    }

    [Fact]
    public void Generate_events_is_hidden_from_help()
    {
        var (_, output, _) = Slac.Run("--help");
        output.ShouldNotContain("generate-events");
        output.ShouldContain("run <contract>");
    }
}
