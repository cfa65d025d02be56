using System.Diagnostics;

namespace SlaLang.LanguageServer.Server;

/// <summary>Calls back once when the editor's process is gone, so no server outlives its editor.</summary>
internal sealed class ParentProcessWatcher : IDisposable
{
    private readonly CancellationTokenSource stop = new();

    private ParentProcessWatcher(int processId, TimeSpan interval, Action onExit)
    {
        _ = WatchAsync(processId, interval, onExit, stop.Token);
    }

    /// <summary>Starts watching <paramref name="processId"/>.</summary>
    public static ParentProcessWatcher Start(int processId, TimeSpan interval, Action onExit) => new(processId, interval, onExit);

    /// <summary>Whether a process with this id is running.</summary>
    public static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }

    private static async Task WatchAsync(int processId, TimeSpan interval, Action onExit, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(interval);
            while (IsAlive(processId))
            {
                if (!await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            onExit();
        }
        catch (OperationCanceledException)
        {
            // Server stopped first.
        }
    }
}
