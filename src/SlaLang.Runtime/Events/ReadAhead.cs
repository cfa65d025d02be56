using System.Collections.Concurrent;

namespace SlaLang.Runtime;

/// <summary>
/// Reads events on a thread of its own, in chunks, ahead of the consumer: reading and parsing a line costs about as much as
/// observing its event, and a machine with two cores can do both at once. What the consumer sees is exactly what the reader
/// gives, in the same order: the events, and each malformed line's error (reported on the consumer's thread, before the
/// event that follows it). An exception of the reader (an unreadable file) reaches the consumer after the events read before
/// it. On a single core the reader runs in the consumer's thread as before.
/// </summary>
internal static class ReadAhead
{
    /// <summary>Events per chunk.</summary>
    internal const int ChunkSize = 4096;

    /// <summary>Chunks read ahead at most (each ≈ half a megabyte).</summary>
    internal const int ChunksAhead = 4;

    private sealed class Chunk
    {
        public readonly NumberedEvent[] Events = new NumberedEvent[ChunkSize];
        public readonly List<(int Before, EventReadError Error)> Errors = [];
        public int Count;
    }

    /// <summary>The events of <paramref name="read"/> (which reports malformed lines to the callback it is given), read ahead
    /// on another thread; malformed lines go to <paramref name="onError"/> on the consumer's thread, in order.</summary>
    internal static IEnumerable<NumberedEvent> Numbered(Func<Action<EventReadError>, IEnumerable<NumberedEvent>> read, Action<EventReadError> onError) =>
        Environment.ProcessorCount < 2 ? read(onError) : Pipelined(read, onError);

    private static IEnumerable<NumberedEvent> Pipelined(Func<Action<EventReadError>, IEnumerable<NumberedEvent>> read, Action<EventReadError> onError)
    {
        using var full = new BlockingCollection<Chunk>(ChunksAhead);
        var spare = new ConcurrentBag<Chunk>();
        using var stop = new CancellationTokenSource();
        var producer = Task.Factory.StartNew(() => Produce(read, full, spare, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var chunk in full.GetConsumingEnumerable())
            {
                var errors = 0;
                for (var i = 0; i < chunk.Count; i++)
                {
                    for (; errors < chunk.Errors.Count && chunk.Errors[errors].Before == i; errors++)
                    {
                        onError(chunk.Errors[errors].Error);
                    }
                    yield return chunk.Events[i];
                }
                for (; errors < chunk.Errors.Count; errors++)
                {
                    onError(chunk.Errors[errors].Error);
                }
                chunk.Count = 0;
                chunk.Errors.Clear();
                spare.Add(chunk);
            }
            // The reader's own exception, if it failed, once everything it read before is delivered.
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            // The consumer stopped early (or failed): release the reader and wait for it.
            stop.Cancel();
            while (full.TryTake(out _))
            {
            }
            try
            {
                producer.Wait();
            }
            catch (AggregateException)
            {
                // Its exception was rethrown above, or the consumer's own is on its way.
            }
        }
    }

    private static void Produce(Func<Action<EventReadError>, IEnumerable<NumberedEvent>> read, BlockingCollection<Chunk> full,
        ConcurrentBag<Chunk> spare, CancellationToken stop)
    {
        var chunk = new Chunk();
        try
        {
            foreach (var e in read(error => chunk.Errors.Add((chunk.Count, error))))
            {
                chunk.Events[chunk.Count++] = e;
                if (chunk.Count == ChunkSize)
                {
                    full.Add(chunk, stop);
                    chunk = spare.TryTake(out var reused) ? reused : new Chunk();
                }
            }
            if (chunk.Count > 0 || chunk.Errors.Count > 0)
            {
                full.Add(chunk, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The consumer stopped reading.
        }
        finally
        {
            full.CompleteAdding();
        }
    }
}
