using Orleans.Hosting;
using Orleans.TestingHost;
using SlaLang.Orleans;

namespace SlaLang.Cli.Tests;

/// <summary>Contract grains on a cluster of two localhost silos, their state in SQLite.</summary>
public sealed class OrleansTests : IAsyncLifetime
{
    private const string QuarterEnd = "2026-04-01T00:00:00+02:00";
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "slac-orleans-" + Guid.NewGuid().ToString("N"));
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddSlaLangMonitors("sqlite:" + Path.Combine(Folder, "state.db"), [() => Slac.NewMonitor("novaterra")]));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    [Fact]
    public async Task Two_silos_give_the_report_slac_run_gives_and_the_grain_resumes_on_the_other_silo_when_its_silo_stops()
    {
        _cluster.Silos.Count.ShouldBe(2);
        var lines = File.ReadAllLines(Slac.Example("novaterra", "events.jsonl")).Where(l => l.Length > 0).ToArray();
        var grain = _cluster.Client.GetGrain<IContractGrain>("NovaTerraRun");
        for (var k = 0; k < 100; k += 25)
        {
            var stored = await grain.Ingest(string.Join("\n", lines.Skip(k).Take(25)), $"b{k}");
            stored.FirstSeq.ShouldBe(k + 1);
            stored.Repeated.ShouldBeFalse();
        }
        (await grain.Ingest(string.Join("\n", lines.Take(25)), "b0")).Repeated.ShouldBeTrue();

        // The silo holding the grain stops: the grain activates on the other one from the stored state.
        var management = _cluster.Client.GetGrain<global::Orleans.Runtime.IManagementGrain>(0);
        (await management.GetHosts(onlyActive: true)).Count.ShouldBe(2);
        foreach (var silo in _cluster.Silos.ToList())
        {
            var activations = await management.GetDetailedGrainStatistics(null, [silo.SiloAddress]);
            if (activations.Any(a => a.GrainId.Key.ToString() == "NovaTerraRun"))
            {
                await _cluster.StopSiloAsync(silo);
            }
        }
        _cluster.Silos.Count.ShouldBe(1);

        var after = await grain.Ingest(string.Join("\n", lines.Skip(100)), "b100");
        after.FirstSeq.ShouldBe(101);
        after.Accepted.ShouldBe(lines.Length - 100);
        var (exit, expected, _) = Slac.Run("run", Slac.Example("novaterra", "novaterra.sla"), "--events", Slac.Example("novaterra", "events.jsonl"), "--format", "json", "--as-of", QuarterEnd);
        exit.ShouldBe(0);
        (await grain.Report(QuarterEnd)).ShouldBe(expected);
    }
}
