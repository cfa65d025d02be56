using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace SlaLang.Benchmarks;

/// <summary>
/// <c>serve [millions] [batch] [--lateness D]</c>: <c>slac serve</c> as users run it (child process, SQLite state in a temporary folder, cached
/// monitor) ingesting N distinct events (the NovaTerra quarter copied with unique ids across the term, as the <c>run</c>
/// benchmark) POSTed over HTTP in batches, each acknowledged (committed) before the next is sent; then one report. Prints the
/// ingestion rate (goal ≥ 100k events/s), the time of the report as of the end, the restart (replay) time and the server's
/// peak resident memory. The file is read into batches before timing. <c>--lateness D</c> runs the server with it (bounded memory).
/// </summary>
internal sealed class ServeBenchmark : IComparativeBenchmark
{
    public string Name => "serve";

    public int Run(string[] args)
    {
        var at = Array.IndexOf(args, "--lateness");
        string[] options = at >= 0 && at + 1 < args.Length ? ["--lateness", args[at + 1]] : [];
        var positional = at >= 0 ? [.. args[..at], .. args[Math.Min(args.Length, at + 2)..]] : args;
        var millions = positional.Length > 0 ? double.Parse(positional[0], CultureInfo.InvariantCulture) : 1;
        var batchSize = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 10_000;
        var root = MonitorBenchmark.RepositoryRoot();
        var slac = Path.Combine(root, "src", "SlaLang.Cli", "bin", "Release", "net10.0", "slac.dll");
        if (!File.Exists(slac))
        {
            Console.Error.WriteLine($"{slac} is missing: dotnet build src/SlaLang.Cli -c Release first.");
            return 1;
        }
        var contract = Path.Combine(root, "examples", "novaterra", "novaterra.sla");
        var dir = Directory.CreateTempSubdirectory("slac-serve-bench-");
        try
        {
            var count = (long)(millions * 1_000_000);
            var events = Path.Combine(dir.FullName, "events.jsonl");
            RunBenchmark.Generate(File.ReadAllLines(Path.Combine(root, "examples", "novaterra", "events.jsonl")), count, events);
            var batches = new List<byte[]>();
            var lines = new StringBuilder();
            var inBatch = 0;
            foreach (var line in File.ReadLines(events))
            {
                lines.Append(line).Append('\n');
                if (++inBatch == batchSize)
                {
                    batches.Add(Encoding.UTF8.GetBytes(lines.ToString()));
                    lines.Clear();
                    inBatch = 0;
                }
            }
            if (inBatch > 0)
            {
                batches.Add(Encoding.UTF8.GetBytes(lines.ToString()));
            }
            var state = Path.Combine(dir.FullName, "state.db");

            var (server, address) = Start(slac, contract, state, options);
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
            var watch = Stopwatch.StartNew();
            for (var b = 0; b < batches.Count; b++)
            {
                using var content = new ByteArrayContent(batches[b]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                using var request = new HttpRequestMessage(HttpMethod.Post, "events") { Content = content };
                request.Headers.Add("Idempotency-Key", $"batch-{b}");
                using var response = http.Send(request);
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"batch {b}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
                }
            }
            var ingest = watch.Elapsed.TotalSeconds;
            watch.Restart();
            var report = http.GetStringAsync("report?asOf=2028-12-31").Result;
            var reportSeconds = watch.Elapsed.TotalSeconds;
            var peak = PeakKiB(server);
            Stop(server);

            watch.Restart();
            var (restarted, _) = Start(slac, contract, state, options);
            var replay = watch.Elapsed.TotalSeconds;
            var restartPeak = PeakKiB(restarted);
            Stop(restarted);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"serve {string.Join(' ', options)}: {count:N0} events in {batches.Count} batches of {batchSize}: ingested in {ingest:F2} s = {count / ingest / 1000:F0}k events/s (goal >= 100k); "
                + $"report {reportSeconds:F2} s ({report.Length / 1048576.0:F1} MiB); peak RSS {peak / 1024.0:F0} MiB; "
                + $"restart (replay of the store) {replay:F2} s, peak RSS {restartPeak / 1024.0:F0} MiB; state {new FileInfo(state).Length / 1048576.0:F0} MiB"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
        return 0;
    }

    private static (Process, Uri) Start(string slac, string contract, string state, string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] arguments = [slac, "serve", contract, "--state", "sqlite:" + state, "--listen", "http://127.0.0.1:0", .. options];
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("slac serve printed nothing");
        return (process, new Uri(line.Split(' ').First(w => w.StartsWith("http://", StringComparison.Ordinal))));
    }

    /// <summary>The process's peak resident set (VmHWM), in KiB.</summary>
    private static long PeakKiB(Process process)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    private static void Stop(Process process)
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
