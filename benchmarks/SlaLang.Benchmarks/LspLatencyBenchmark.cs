using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Nerdbank.Streams;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Server;
using SlaLang.LanguageServer.Workspace;
using StreamJsonRpc;

namespace SlaLang.Benchmarks;

/// <summary>
/// <c>lsp</c>: drives the language server over JSON-RPC (in-process duplex stream, the same framing as stdio) on a
/// generated contract of about 20,000 lines: time from a one-character <c>didChange</c> to its
/// <c>publishDiagnostics</c>, completion time, and managed memory after 10 and after 1,000 edits. The baseline
/// is the bare analysis (parse and check of the same text, no protocol); the ratio is the server's overhead.
/// Goals: diagnostics p95 ≤ 50 ms, completion p95 ≤ 20 ms, memory flat.
/// The server runs under <c>slac</c>'s GC configuration (<see cref="SlacGcConfiguration"/>), as in an editor.
/// Options: <c>--lines N</c> (20000), <c>--edits N</c> (1000), <c>--completions N</c> (300).
/// </summary>
internal sealed class LspLatencyBenchmark : IComparativeBenchmark
{
    /// <inheritdoc/>
    public string Name => "lsp";

    /// <inheritdoc/>
    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    /// <summary>A valid contract of at least <paramref name="lines"/> lines: services with objectives and penalties, and a RACI row per service.</summary>
    public static (string Text, int EditLine, int EditCharacter, int CompletionLine, int CompletionCharacter) Generate(int lines)
    {
        var services = Math.Max(1, (lines - 40) / 36);
        var b = new StringBuilder();
        b.Append("/// Generated for the LSP latency benchmark.\ncontract Bench \"Benchmark contract\" {\n  version \"1.0.0\"\n  term 2026-01-01 .. 2028-12-31\n  timezone \"Europe/Paris\"\n  currency EUR\n\n");
        b.Append("  party Client client \"Client SA\"\n  party Provider provider \"Provider SAS\"\n  role Director of Client\n  role Manager of Provider\n\n");
        b.Append("  calendar Business {\n    hours mon-fri 08:00-18:00\n  }\n\n  severity sev1 \"Down\"\n  severity sev2 \"Degraded\"\n\n");
        int editLine = 0, editCharacter = 0, completionLine = 0, completionCharacter = 0;
        var line = b.ToString().Count(c => c == '\n');
        for (var i = 0; i < services; i++)
        {
            var title = $"Service {i.ToString(CultureInfo.InvariantCulture)}";
            if (i == services / 2)
            {
                editLine = line;
                editCharacter = $"  service S{i} \"".Length + title.Length;
                completionLine = line + 7;
                completionCharacter = "      during ".Length;
            }
            b.Append(CultureInfo.InvariantCulture, $"  service S{i} \"{title}\" {{\n    fee 1000 EUR per month\n\n");
            b.Append("    objective Availability {\n      indicator availability\n      target >= 99.9%\n      per month\n      during always\n      exclude maintenance\n    }\n");
            b.Append("    objective Restore {\n      indicator mttr where severity == sev1\n      target <= 4h\n      per month\n      during Business\n    }\n");
            b.Append("    objective Within {\n      indicator resolved_within(4h) where severity in (sev1, sev2)\n      target >= 95%\n      per month\n    }\n\n");
            b.Append("    penalty AvailabilityCredit on Availability {\n      base fee\n      when < 99.9% credit 5%\n      when < 99.5% credit 10%\n      cap 25%\n    }\n");
            b.Append("    penalty RestoreCredit on Restore {\n      base fee\n      step 1h credit 2%\n      cap 10%\n    }\n  }\n\n");
            line += 35;
        }
        b.Append("  raci {\n    roles Director Manager\n");
        for (var i = 0; i < services; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $"    Activity{i} A R\n");
        }
        b.Append("  }\n\n  reversibility {\n    notice 6 months\n  }\n}\n");
        return (b.ToString(), editLine, editCharacter, completionLine, completionCharacter);
    }

    private static async Task<int> RunAsync(string[] args)
    {
        var lines = Option(args, "--lines", 20_000);
        var edits = Option(args, "--edits", 1_000);
        var completions = Option(args, "--completions", 300);
        var (text, editLine, editCharacter, completionLine, completionCharacter) = Generate(lines);
        Console.WriteLine($"Contract: {text.Count(c => c == '\n')} lines, {text.Length} characters; {edits} edits, {completions} completions.");

        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        var server = SlaLanguageServer.Start(serverStream, serverStream);
        var sink = new DiagnosticsSink();
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, SlaLanguageServer.CreateFormatter()));
        rpc.AddLocalRpcTarget(sink);
        rpc.StartListening();
        const string uri = "file:///bench.sla";
        await rpc.InvokeWithParameterObjectAsync<object>("initialize", new { processId = (int?)null, capabilities = new { } });
        await rpc.NotifyWithParameterObjectAsync("initialized", new { });
        var opened = sink.Expect(1);
        await rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(uri, "sla", 1, text)));
        var first = await opened;
        Console.WriteLine($"Opened: {first.Diagnostics.Count} diagnostics.");

        var latencies = new List<double>();
        List<double> withGc = [], withoutGc = [];
        long memoryAfter10 = 0, memoryAfterAll = 0;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var gcBefore = GcCounts();
        var pauseBefore = GC.GetTotalPauseDuration();
        var version = 1;
        for (var i = 0; i < edits; i++)
        {
            version++;
            var insert = i % 2 == 0;
            var start = new Position(editLine, editCharacter);
            var range = insert ? new LspRange(start, start) : new LspRange(start, new Position(editLine, editCharacter + 1));
            var published = sink.Expect(version);
            var collections = GC.CollectionCount(0);
            var watch = Stopwatch.StartNew();
            await rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), [new TextDocumentContentChangeEvent(range, insert ? "x" : string.Empty)]));
            await published;
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            (GC.CollectionCount(0) == collections ? withoutGc : withGc).Add(watch.Elapsed.TotalMilliseconds);
            if (i + 1 == 10)
            {
                memoryAfter10 = Memory();
            }
        }
        var cpuPerEdit = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / edits;
        var gcAfter = GcCounts();
        var pausePerEdit = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds / edits;
        memoryAfterAll = Memory();

        var completionTimes = new List<double>();
        for (var i = 0; i < completions; i++)
        {
            var watch = Stopwatch.StartNew();
            var list = await rpc.InvokeWithParameterObjectAsync<CompletionList>("textDocument/completion", new { textDocument = new { uri }, position = new { line = completionLine, character = completionCharacter } });
            completionTimes.Add(watch.Elapsed.TotalMilliseconds);
            if (i == 0)
            {
                Console.WriteLine($"Completion at {completionLine}:{completionCharacter}: {string.Join(", ", list.Items.Select(x => x.Label))}.");
            }
        }

        // Baseline: the analysis alone, on the same text, as the server runs it for each version (measured warm, after the edits).
        var baseline = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var watch = Stopwatch.StartNew();
            var snapshot = new DocumentSnapshot("file:///bench.sla", i, text);
            _ = DocumentAnalysis.Analyze(snapshot).GetLspDiagnostics();
            baseline.Add(watch.Elapsed.TotalMilliseconds);
        }

        // Completion typed right after an edit waits for that version's analysis (shared with its diagnostics).
        var afterEdit = new List<double>();
        for (var i = 0; i < Math.Min(100, edits); i++)
        {
            version++;
            var insert = i % 2 == 0;
            var start = new Position(editLine, editCharacter);
            var range = insert ? new LspRange(start, start) : new LspRange(start, new Position(editLine, editCharacter + 1));
            var published = sink.Expect(version);
            await rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), [new TextDocumentContentChangeEvent(range, insert ? "x" : string.Empty)]));
            var watch = Stopwatch.StartNew();
            await rpc.InvokeWithParameterObjectAsync<CompletionList>("textDocument/completion", new { textDocument = new { uri }, position = new { line = completionLine, character = completionCharacter } });
            afterEdit.Add(watch.Elapsed.TotalMilliseconds);
            await published;
        }

        await rpc.InvokeWithParameterObjectAsync<object>("shutdown", new { });
        await rpc.NotifyWithParameterObjectAsync("exit", new { });
        await server.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        var p50 = Percentile(latencies, 50);
        var p95 = Percentile(latencies, 95);
        var c50 = Percentile(completionTimes, 50);
        var c95 = Percentile(completionTimes, 95);
        var b50 = Percentile(baseline, 50);
        var b95 = Percentile(baseline, 95);
        var growth = (double)(memoryAfterAll - memoryAfter10) / memoryAfter10 * 100;
        Console.WriteLine();
        Console.WriteLine("| measure | p50 | p95 | goal |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| didChange → publishDiagnostics (server, JSON-RPC) | {p50:F2} ms | {p95:F2} ms | p95 ≤ 50 ms: {(p95 <= 50 ? "met" : "MISSED")} |");
        Console.WriteLine($"| baseline: analysis alone (parse + check) | {b50:F2} ms | {b95:F2} ms | |");
        Console.WriteLine($"| ratio server / baseline | {p50 / b50:F2} | {p95 / b95:F2} | |");
        Console.WriteLine($"| completion (JSON-RPC round trip) | {c50:F2} ms | {c95:F2} ms | p95 ≤ 20 ms: {(c95 <= 20 ? "met" : "MISSED")} |");
        Console.WriteLine($"| completion sent right after an edit (waits for that version's analysis) | {Percentile(afterEdit, 50):F2} ms | {Percentile(afterEdit, 95):F2} ms | |");
        Console.WriteLine();
        Console.WriteLine(SlacGcConfiguration.Describe());
        Console.WriteLine($"GC during the {edits} edits: gen0 {gcAfter.Gen0 - gcBefore.Gen0}, gen1 {gcAfter.Gen1 - gcBefore.Gen1}, gen2 {gcAfter.Gen2 - gcBefore.Gen2} collections; pause {pausePerEdit:F2} ms per edit on average.");
        Console.WriteLine($"Edits during which the GC ran: {withGc.Count} ({100.0 * withGc.Count / edits:F1}%), p50 {(withGc.Count > 0 ? Percentile(withGc, 50) : 0):F2} ms; the others: p50 {(withoutGc.Count > 0 ? Percentile(withoutGc, 50) : 0):F2} ms, p95 {(withoutGc.Count > 0 ? Percentile(withoutGc, 95) : 0):F2} ms.");
        Console.WriteLine($"CPU time per edit (server and client, all threads): {cpuPerEdit:F2} ms; {Environment.ProcessorCount} cores; load average {LoadAverage()} (wall-clock latencies grow with the load).");
        Console.WriteLine();
        Console.WriteLine($"Managed memory after 10 edits: {memoryAfter10 / 1024.0 / 1024.0:F1} MiB; after {edits} edits: {memoryAfterAll / 1024.0 / 1024.0:F1} MiB ({growth:+0.0;-0.0}%): {(growth <= 10 ? "flat" : "GROWING")}.");
        return p95 <= 50 && c95 <= 20 && growth <= 10 ? 0 : 1;
    }

    private static (int Gen0, int Gen1, int Gen2) GcCounts() => (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static long Memory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    /// <summary>Receives publishDiagnostics and completes the waiter of each version.</summary>
    private sealed class DiagnosticsSink
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource<PublishDiagnosticsParams>> waiters = new();

        public Task<PublishDiagnosticsParams> Expect(int version) =>
            waiters.GetOrAdd(version, _ => new TaskCompletionSource<PublishDiagnosticsParams>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        [JsonRpcMethod("textDocument/publishDiagnostics", UseSingleObjectParameterDeserialization = true)]
        public void Publish(PublishDiagnosticsParams parameters)
        {
            if (parameters.Version is int version && waiters.TryRemove(version, out var waiter))
            {
                waiter.TrySetResult(parameters);
            }
        }
    }
}
