using NodaTime;

namespace SlaLang.Server;

/// <summary>The time a live service runs on: what time it is, and a wait until a given instant. Tests give a
/// <see cref="ManualServeClock"/> and advance it; the service otherwise runs on the system clock.</summary>
public interface IServeClock
{
    /// <summary>The current instant.</summary>
    Instant Now { get; }

    /// <summary>Completes when the clock reaches <paramref name="instant"/> (at once when it has).</summary>
    Task WaitUntil(Instant instant, CancellationToken cancellation);
}

/// <summary>The system clock.</summary>
public sealed class SystemServeClock : IServeClock
{
    /// <summary>The one instance.</summary>
    public static SystemServeClock Instance { get; } = new();

    /// <inheritdoc/>
    public Instant Now => SystemClock.Instance.GetCurrentInstant();

    /// <inheritdoc/>
    public async Task WaitUntil(Instant instant, CancellationToken cancellation)
    {
        // Waits in steps of at most a day, checking the clock again after each (Task.Delay takes at most ~24.8 days).
        for (var left = instant - Now; left > Duration.Zero; left = instant - Now)
        {
            var step = left < Duration.FromDays(1) ? left : Duration.FromDays(1);
            await Task.Delay(TimeSpan.FromTicks(Math.Max(1, step.BclCompatibleTicks)), cancellation).ConfigureAwait(false);
        }
    }
}

/// <summary>A clock that moves only when told to (<see cref="AdvanceTo"/>): waits complete when it passes their instant.</summary>
public sealed class ManualServeClock(Instant start) : IServeClock
{
    private readonly object _gate = new();
    private readonly List<(Instant At, TaskCompletionSource Done)> _waits = [];
    private Instant _now = start;

    /// <inheritdoc/>
    public Instant Now
    {
        get
        {
            lock (_gate)
            {
                return _now;
            }
        }
    }

    /// <inheritdoc/>
    public Task WaitUntil(Instant instant, CancellationToken cancellation)
    {
        lock (_gate)
        {
            if (instant <= _now)
            {
                return Task.CompletedTask;
            }
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits.Add((instant, done));
            cancellation.Register(() => done.TrySetCanceled(cancellation));
            return done.Task;
        }
    }

    /// <summary>Moves the clock to <paramref name="instant"/> (never back) and completes the waits it passes.</summary>
    public void AdvanceTo(Instant instant)
    {
        List<TaskCompletionSource> released;
        lock (_gate)
        {
            if (instant > _now)
            {
                _now = instant;
            }
            released = [.. _waits.Where(w => w.At <= _now).Select(w => w.Done)];
            _waits.RemoveAll(w => w.At <= _now);
        }
        foreach (var done in released)
        {
            done.TrySetResult();
        }
    }
}
