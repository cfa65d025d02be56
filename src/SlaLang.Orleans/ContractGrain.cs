using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Storage;
using SlaLang.Runtime;
using SlaLang.Server;

namespace SlaLang.Orleans;

/// <summary>A served contract as a grain, keyed by the contract's name.</summary>
public interface IContractGrain : IGrainWithStringKey
{
    /// <summary>Stores the events among the JSON lines of <paramref name="text"/> (durably, before answering) and observes them; a
    /// batch whose <paramref name="batchKey"/> was stored before is not stored again.</summary>
    Task<GrainIngest> Ingest(string text, string? batchKey);

    /// <summary>The report as of <paramref name="asOf"/> (as <c>slac run --as-of</c> reads it) as <c>slac run --format json</c> prints it.</summary>
    Task<string> Report(string asOf);
}

/// <summary>What an ingestion gave: the first sequence number and count of the stored lines, whether the batch had been stored
/// before, and the lines that are not events (<c>line N: reason</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record GrainIngest(
    [property: Id(0)] long FirstSeq,
    [property: Id(1)] int Accepted,
    [property: Id(2)] bool Repeated,
    [property: Id(3)] IReadOnlyList<string> Rejected);

/// <summary>A contract grain's persistent state: its event lines in sequence order and the batches stored (key → first seq, count).</summary>
public sealed class ContractGrainState
{
    /// <summary>The stored event lines; line k (1-based) has sequence number k.</summary>
    public List<string> Lines { get; set; } = [];

    /// <summary>The batches stored, by idempotency key: their first sequence number and line count.</summary>
    public Dictionary<string, long[]> Batches { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The grain of one contract: on activation (on whichever silo) it reads its state and replays the lines into a fresh monitor;
/// each batch is written through <see cref="IPersistentState{TState}"/> before it is acknowledged.
/// </summary>
public sealed class ContractGrain(
    [PersistentState("contract", SlaOrleans.StorageName)] IPersistentState<ContractGrainState> state,
    SlaMonitorRegistry registry) : Grain, IContractGrain
{
    private ContractHost? _host;

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _host = new ContractHost(registry.Create(this.GetPrimaryKeyString()));
        _host.Replay(state.State.Lines);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<GrainIngest> Ingest(string text, string? batchKey)
    {
        var (lines, events, rejected) = ContractHost.Read(text);
        var rejectedText = rejected.Select(r => $"line {r.Line}: {r.Reason}").ToList();
        if (batchKey is not null && state.State.Batches.TryGetValue(batchKey, out var known))
        {
            return new GrainIngest(known[0], (int)known[1], true, rejectedText);
        }
        var first = state.State.Lines.Count + 1L;
        if (lines.Count == 0)
        {
            return new GrainIngest(first, 0, false, rejectedText);
        }
        state.State.Lines.AddRange(lines);
        if (batchKey is not null)
        {
            state.State.Batches[batchKey] = [first, lines.Count];
        }
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not stored: not acknowledged, and not kept in memory either.
            state.State.Lines.RemoveRange((int)first - 1, lines.Count);
            if (batchKey is not null)
            {
                state.State.Batches.Remove(batchKey);
            }
            throw;
        }
        _host!.Observe(events);
        return new GrainIngest(first, lines.Count, false, rejectedText);
    }

    /// <inheritdoc/>
    public Task<string> Report(string asOf)
    {
        return _host!.TryParseAsOf(asOf, out var instant, out var problem)
            ? Task.FromResult(_host.ReportJson(instant))
            : throw new ArgumentException(problem);
    }
}

/// <summary>The monitors a silo can host, by contract name (each silo of a cluster is given the same).</summary>
public sealed class SlaMonitorRegistry
{
    private readonly Dictionary<string, Func<ContractMonitor>> _factories = new(StringComparer.Ordinal);

    /// <summary>A registry of the contracts <paramref name="factories"/> make (each called once here, to learn its contract's name).</summary>
    public SlaMonitorRegistry(IEnumerable<Func<ContractMonitor>> factories)
    {
        foreach (var factory in factories)
        {
            _factories[factory().Name] = factory;
        }
    }

    /// <summary>A fresh monitor of contract <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such contract is registered.</exception>
    public ContractMonitor Create(string name) => _factories.TryGetValue(name, out var factory)
        ? factory()
        : throw new ArgumentException($"no contract '{name}' is served by this cluster ({string.Join(", ", _factories.Keys)}).");
}

/// <summary>Silo set-up.</summary>
public static class SlaOrleans
{
    /// <summary>The name of the grain storage contract grains use.</summary>
    public const string StorageName = "sla";

    /// <summary>
    /// Hosts contract grains for the monitors <paramref name="factories"/> make, with their state in <paramref name="state"/>
    /// (<c>sqlite:PATH</c> or <c>postgres:CONNECTION-STRING</c>, as <c>slac serve --state</c>).
    /// </summary>
    public static ISiloBuilder AddSlaLangMonitors(this ISiloBuilder silo, string state, IEnumerable<Func<ContractMonitor>> factories)
    {
        silo.Services.AddSingleton(new SlaMonitorRegistry(factories));
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageName, (_, _) => new SqlGrainStorage(state));
        return silo;
    }
}
