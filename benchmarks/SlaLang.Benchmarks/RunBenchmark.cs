using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SlaLang.Benchmarks;

/// <summary>
/// <c>run</c>: what users run. Writes an event log of N distinct events (the NovaTerra quarter copied with every id made unique and
/// each copy shifted across the term, so no event repeats another), then measures, in the same run, <c>slac run</c> end to end
/// (the built slac.dll as a child process, monitor taken from the cache, exact and with <c>--lateness 7d</c>) against a bare pass
/// that reads the same file and walks every JSON token with <see cref="Utf8JsonReader"/>: the ratio of throughputs and the
/// peak memory of each. Usage: <c>-- run [millions…]</c> (default 1 and 10).
/// </summary>
internal sealed class RunBenchmark : IComparativeBenchmark
{
    public string Name => "run";

    public int Run(string[] args)
    {
        var sizes = args.Select(a => int.TryParse(a, out var m) ? m : 0).Where(m => m > 0).DefaultIfEmpty(1).ToList();
        if (args.Length == 0)
        {
            sizes = [1, 10];
        }
        var root = MonitorBenchmark.RepositoryRoot();
        var slac = Path.Combine(root, "src", "SlaLang.Cli", "bin", "Release", "net10.0", "slac.dll");
        if (!File.Exists(slac))
        {
            Console.Error.WriteLine($"{slac} is missing: dotnet build src/SlaLang.Cli -c Release first.");
            return 1;
        }
        var contract = Path.Combine(root, "examples", "novaterra", "novaterra.sla");
        var quarter = File.ReadAllLines(Path.Combine(root, "examples", "novaterra", "events.jsonl"));
        var dir = Directory.CreateTempSubdirectory("slac-run-bench-");
        try
        {
            Console.WriteLine("run: slac run (child process, cached monitor) vs a bare Utf8JsonReader pass over the same file");
            foreach (var millions in sizes)
            {
                var events = Path.Combine(dir.FullName, $"events-{millions}M.jsonl");
                var bytes = Generate(quarter, millions * 1_000_000L, events);
                Slac(slac, contract, events, null); // warms the monitor cache
                var (bareSeconds, bareKiB) = Bare(events);
                var (exactSeconds, exactKiB) = Slac(slac, contract, events, null);
                var (settledSeconds, settledKiB) = Slac(slac, contract, events, "7d");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{millions,4}M events ({bytes / 1048576.0:F0} MiB): bare {bareSeconds:F2} s ({millions / bareSeconds:F2} M ev/s, peak {bareKiB / 1024.0:F0} MiB) | "
                    + $"slac run {exactSeconds:F2} s (ratio {bareSeconds / exactSeconds:F2}, peak {exactKiB / 1024.0:F0} MiB) | "
                    + $"--lateness 7d {settledSeconds:F2} s (ratio {bareSeconds / settledSeconds:F2}, peak {settledKiB / 1024.0:F0} MiB)"));
                File.Delete(events);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
        return 0;
    }

    /// <summary>
    /// Copies the quarter until <paramref name="count"/> events: ids suffixed by the copy, times shifted across the term, written
    /// in time order (a k-way merge of the copies), as a live feed delivers them: `--lateness` then drops nothing. (Written copy
    /// after copy, most events of a 10M file came more than 7 days after a later one and `--lateness 7d` skipped 87 % of them.)
    /// </summary>
    internal static long Generate(string[] quarter, long count, string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        foreach (var line in DistinctLines(quarter, count))
        {
            writer.Write(line);
            writer.Write('\n');
        }
        writer.Flush();
        return writer.BaseStream.Length;
    }

    /// <summary>
    /// The lines <see cref="Generate"/> writes, in time order (the <c>monitor</c> benchmark reads them into memory): copies of the
    /// quarter's incident, outage, maintenance, request, survey and change events, each with ids of its own and shifted across the
    /// term, merged in time order; and the quarter's <c>fulfilled</c> events once per calendar quarter of the term (shifted by
    /// whole quarters), as a real log has them. Copied like the rest, the fulfilments were a tenth of all lines and 99.7 % of
    /// them fulfilled no period (thousands per monthly window): a report of 100,000 data-quality warnings per million events,
    /// which is not what users run.
    /// </summary>
    internal static IEnumerable<string> DistinctLines(string[] quarter, long count)
    {
        // Spread the copies over the 3-year term less the quarter they span.
        var spread = TimeSpan.FromDays(365 * 3 - 92);
        var times = quarter.Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            return DateTimeOffset.Parse(document.RootElement.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
        }).ToArray();
        var order = Enumerable.Range(0, quarter.Length).OrderBy(i => times[i].UtcTicks).ThenBy(i => i).ToArray();
        var fulfilments = order.Where(i => quarter[i].Contains("\"kind\":\"fulfilled\"", StringComparison.Ordinal)).ToArray();
        var others = order.Except(fulfilments).ToArray();
        const int quarters = 12;
        var copies = Math.Max(1, (count - (long)fulfilments.Length * quarters + others.Length - 1) / others.Length);
        // A source is a copy of the other events (0 … copies − 1), or a quarter's fulfilments (copies + k, k = 0 … 11).
        TimeSpan Shift(long source, int line) => source < copies
            ? TimeSpan.FromTicks(spread.Ticks / copies * source)
            : times[line].AddMonths(3 * (int)(source - copies)) - times[line];
        int[] Lines(long source) => source < copies ? others : fulfilments;
        var queue = new PriorityQueue<(long Source, int Next), (long Ticks, long Source, int Next)>();
        for (long source = 0; source < copies + (fulfilments.Length > 0 ? quarters : 0); source++)
        {
            var first = Lines(source)[0];
            queue.Enqueue((source, 0), ((times[first] + Shift(source, first)).UtcTicks, source, 0));
        }
        long written = 0;
        while (written < count && queue.TryDequeue(out var item, out _))
        {
            var lines = Lines(item.Source);
            var line = lines[item.Next];
            yield return Rewrite(quarter[line], Shift(item.Source, line), item.Source);
            written++;
            if (item.Next + 1 < lines.Length)
            {
                var next = lines[item.Next + 1];
                queue.Enqueue((item.Source, item.Next + 1), ((times[next] + Shift(item.Source, next)).UtcTicks, item.Source, item.Next + 1));
            }
        }
    }

    private static string Rewrite(string line, TimeSpan shift, long copy)
    {
        using var document = JsonDocument.Parse(line);
        var buffer = new StringBuilder("{");
        var first = true;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            buffer.Append(first ? "" : ",").Append('"').Append(property.Name).Append("\":");
            first = false;
            var value = property.Value;
            if (property.Name is "time" or "requested")
            {
                var time = DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture) + shift;
                buffer.Append('"').Append(time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)).Append('"');
            }
            else if (property.Name == "id")
            {
                buffer.Append('"').Append(value.GetString()).Append('-').Append(copy.ToString(CultureInfo.InvariantCulture)).Append('"');
            }
            else
            {
                buffer.Append(value.GetRawText());
            }
        }
        return buffer.Append('}').ToString();
    }

    /// <summary>Reads the file line by line and walks every token: the floor of any reader of this file.</summary>
    private static (double Seconds, long PeakKiB) Bare(string path)
    {
        GC.Collect();
        var before = Process.GetCurrentProcess().PeakWorkingSet64;
        var sw = Stopwatch.StartNew();
        long tokens = 0;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
        {
            var buffer = new byte[1 << 20];
            int filled = 0, read;
            while ((read = stream.Read(buffer, filled, buffer.Length - filled)) > 0 || filled > 0)
            {
                filled += read;
                var span = buffer.AsSpan(0, filled);
                var start = 0;
                for (int nl; (nl = span[start..].IndexOf((byte)'\n')) >= 0; start += nl + 1)
                {
                    var reader = new Utf8JsonReader(span.Slice(start, nl));
                    while (reader.Read())
                    {
                        tokens++;
                    }
                }
                if (read == 0)
                {
                    break;
                }
                span[start..].CopyTo(buffer);
                filled -= start;
            }
        }
        var seconds = sw.Elapsed.TotalSeconds;
        GC.KeepAlive(tokens);
        return (seconds, Math.Max(before, Process.GetCurrentProcess().PeakWorkingSet64) / 1024);
    }

    /// <summary><c>slac run</c> as users run it; wall time and the child's peak resident memory.</summary>
    private static (double Seconds, long PeakKiB) Slac(string slac, string contract, string events, string? lateness) =>
        ChildProcess.Dotnet([slac, "run", contract, "--events", events, "--format", "json", .. lateness is null ? [] : new[] { "--lateness", lateness }]);
}
