using System.Text.Json;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using SlaLang.Server;

namespace SlaLang.Orleans;

/// <summary>
/// Grain state in the SQL store <c>slac serve</c> uses (table <c>sla_grain_state</c>): JSON, with an etag checked on every write
/// so that two activations of one grain (during a silo failure) cannot overwrite each other.
/// </summary>
internal sealed class SqlGrainStorage(string state) : IGrainStorage, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqlTable? _table;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _gate.WaitAsync();
        try
        {
            var row = Table().Read(stateName, grainId.ToString());
            if (row is { } r)
            {
                grainState.State = JsonSerializer.Deserialize<T>(r.Data)!;
                grainState.ETag = r.ETag;
                grainState.RecordExists = true;
            }
            else
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _gate.WaitAsync();
        try
        {
            var etag = Table().Write(stateName, grainId.ToString(), JsonSerializer.Serialize(grainState.State), grainState.ETag)
                ?? throw new InconsistentStateException($"the state of {grainId} was written elsewhere since it was read", grainState.ETag, "unknown");
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _gate.WaitAsync();
        try
        {
            Table().Delete(stateName, grainId.ToString());
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqlTable Table() => _table ??= new SqlTable(state);

    /// <summary>Closes the connection (the silo's container disposes its singletons when it stops).</summary>
    public void Dispose()
    {
        _table?.Dispose();
        _gate.Dispose();
    }
}
