using System.Collections.Concurrent;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;

namespace SlaLang.LanguageServer.Server;

/// <summary>
/// Publishes each document's diagnostics per version: an edit schedules work after a short debounce and
/// cancels the document's pending work, so only the newest version is analysed and published, in order.
/// </summary>
internal sealed class DiagnosticsPublisher : IDisposable
{
    private readonly Func<PublishDiagnosticsParams, Task> publish;
    private readonly TimeSpan debounce;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim publishLock = new(1, 1);

    public DiagnosticsPublisher(Func<PublishDiagnosticsParams, Task> publish, TimeSpan debounce)
    {
        this.publish = publish;
        this.debounce = debounce;
    }

    /// <summary>Schedules the diagnostics of <paramref name="snapshot"/>, cancelling older work on the same document.</summary>
    public void Schedule(DocumentSnapshot snapshot)
    {
        var cts = new CancellationTokenSource();
        CancellationTokenSource? previous = null;
        pending.AddOrUpdate(
            snapshot.Uri,
            _ =>
            {
                previous = null;
                return cts;
            },
            (_, old) =>
            {
                previous = old;
                return cts;
            });
        try
        {
            previous?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That work finished (and released its token) while this edit was being scheduled.
        }
        _ = Task.Run(() => RunAsync(snapshot, cts));
    }

    /// <summary>Cancels pending work on a closed document and clears its diagnostics.</summary>
    public async Task ClearAsync(string uri)
    {
        if (pending.TryRemove(uri, out var cts))
        {
            await cts.CancelAsync().ConfigureAwait(false);
        }
        await publish(new PublishDiagnosticsParams(uri, null, [])).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var cts in pending.Values)
        {
            try
            {
                cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // That work finished (and released its token) while the server was stopping.
            }
        }
        pending.Clear();
    }

    private async Task RunAsync(DocumentSnapshot snapshot, CancellationTokenSource cts)
    {
        var token = cts.Token;
        try
        {
            if (debounce > TimeSpan.Zero)
            {
                await Task.Delay(debounce, token).ConfigureAwait(false);
            }
            token.ThrowIfCancellationRequested();
            var diagnostics = (await snapshot.AnalysisAsync.WaitAsync(token).ConfigureAwait(false)).GetLspDiagnostics();
            await publishLock.WaitAsync(token).ConfigureAwait(false);
            try
            {
                token.ThrowIfCancellationRequested();
                await publish(new PublishDiagnosticsParams(snapshot.Uri, snapshot.Version, diagnostics)).ConfigureAwait(false);
            }
            finally
            {
                publishLock.Release();
            }
        }
        catch (OperationCanceledException)
        {
            // A newer version superseded this one.
        }
        catch (Exception ex) when (ex is ObjectDisposedException or StreamJsonRpc.ConnectionLostException)
        {
            // The connection closed while publishing.
        }
        catch (Exception ex)
        {
            // A bug in the analysis must not take the server down; stderr is the server's log.
            await Console.Error.WriteLineAsync($"slalang: analysing {snapshot.Uri} v{snapshot.Version} failed: {ex}").ConfigureAwait(false);
        }
        finally
        {
            if (pending.TryRemove(new KeyValuePair<string, CancellationTokenSource>(snapshot.Uri, cts)))
            {
                cts.Dispose();
            }
        }
    }
}
