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
/// <c>lsp-library</c>: a library (parties, roles, calendars, severities and services) imported by N open
/// contracts (20), all open in the server. Each edit of the library (one character in a title) re-checks the library and every
/// open contract importing it; the figure is the time from the library's <c>didChange</c> to the last of the N + 1
/// <c>publishDiagnostics</c>. Baseline: the analyses alone (the library and the N contracts, parsed and checked, no protocol).
/// Goal: p95 ≤ 50 ms. Options: <c>--contracts N</c> (20), <c>--services N</c> (50: about 1,060 lines; 100: about 2,100), <c>--edits N</c> (200).
/// </summary>
internal sealed class LspLibraryBenchmark : IComparativeBenchmark
{
    /// <inheritdoc/>
    public string Name => "lsp-library";

    /// <inheritdoc/>
    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static string Library(int services)
    {
        var b = new StringBuilder("library Shared {\n  party Client client \"Client SA\"\n  party Provider provider \"Provider SAS\"\n");
        b.Append("  role Director of Client\n  role Manager of Provider\n  calendar Business {\n    hours mon-fri 08:00-18:00\n  }\n");
        b.Append("  severity sev1 \"Down\"\n  severity sev2 \"Degraded\"\n");
        for (var i = 0; i < services; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $"  service S{i} \"Service {i}\" {{\n    fee 1000 EUR per month\n");
            b.Append("    objective Availability {\n      indicator availability\n      target >= 99.9%\n      per month\n      exclude maintenance\n    }\n");
            b.Append("    objective Restore {\n      indicator mttr where severity == sev1\n      target <= 4h\n      per month\n      during Business\n    }\n");
            b.Append("    penalty Credit on Availability {\n      base fee\n      when < 99.9% credit 5%\n      when < 99.5% credit 10%\n      cap 25%\n    }\n  }\n");
        }
        return b.Append("}\n").ToString();
    }

    private static string Contract(int i) =>
        $"import \"shared.sla\"\ncontract C{i} \"Contract {i}\" {{\n  version \"1.0.0\"\n  term 2026-01-01 .. 2028-12-31\n  timezone \"Europe/Paris\"\n  currency EUR\n"
        + "  escalation Sev1 for incidents where severity == sev1 {\n    during Business\n    after 30min notify Manager\n    after 2h notify Director\n  }\n"
        + "  raci {\n    roles Director Manager\n    S0 A R\n  }\n  reversibility {\n    notice 6 months\n  }\n}\n";

    private static async Task<int> RunAsync(string[] args)
    {
        var contracts = Option(args, "--contracts", 20);
        var services = Option(args, "--services", 50);
        var edits = Option(args, "--edits", 200);
        var folder = Directory.CreateTempSubdirectory("sla-lsp-library-").FullName;
        try
        {
            var library = Library(services);
            var libraryPath = Path.Combine(folder, "shared.sla");
            File.WriteAllText(libraryPath, library);
            var libraryUri = DocumentUris.FromPath(libraryPath);
            var uris = new List<string>();
            for (var i = 0; i < contracts; i++)
            {
                var path = Path.Combine(folder, $"c{i}.sla");
                File.WriteAllText(path, Contract(i));
                uris.Add(DocumentUris.FromPath(path));
            }
            Console.WriteLine($"Library: {library.Count(c => c == '\n')} lines; {contracts} open contracts importing it; {edits} edits of the library.");

            var (serverStream, clientStream) = FullDuplexStream.CreatePair();
            var server = SlaLanguageServer.Start(serverStream, serverStream);
            var sink = new PublishCounter();
            using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, SlaLanguageServer.CreateFormatter()));
            rpc.AddLocalRpcTarget(sink);
            rpc.StartListening();
            await rpc.InvokeWithParameterObjectAsync<object>("initialize", new { processId = (int?)null, capabilities = new { } });
            await rpc.NotifyWithParameterObjectAsync("initialized", new { });
            string[] all = [libraryUri, .. uris];
            var opened = sink.ExpectAfter(all, sink.Snapshot(all));
            await rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(libraryUri, "sla", 1, library)));
            for (var i = 0; i < contracts; i++)
            {
                await rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(uris[i], "sla", 1, Contract(i))));
            }
            await opened;
            await Task.Delay(200); // let the re-checks triggered while opening settle
            var errors = sink.Last.Values.Sum(p => p.Diagnostics.Count);
            Console.WriteLine($"Opened: {errors} diagnostics in all.");

            // The edited character: inside the title of service S0 ("Service 0" → "Service 0x" and back).
            var titleLine = library.Split('\n').ToList().FindIndex(l => l.Contains("\"Service 0\"", StringComparison.Ordinal));
            var titleCharacter = "  service S0 \"Service 0".Length;
            var latencies = new List<double>();
            for (var i = 0; i < edits; i++)
            {
                var insert = i % 2 == 0;
                var start = new Position(titleLine, titleCharacter);
                var range = insert ? new LspRange(start, start) : new LspRange(start, new Position(titleLine, titleCharacter + 1));
                var done = sink.ExpectAfter(all, sink.Snapshot(all));
                var watch = Stopwatch.StartNew();
                await rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(libraryUri, i + 2), [new TextDocumentContentChangeEvent(range, insert ? "x" : string.Empty)]));
                await done.WaitAsync(TimeSpan.FromSeconds(30));
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }

            // Baseline: the same analyses without the protocol (the library, then each contract reading it).
            var baseline = new List<double>();
            for (var round = 0; round < 20; round++)
            {
                var store = new DocumentStore();
                store.Open(new TextDocumentItem(libraryUri, "sla", 1, library));
                var watch = Stopwatch.StartNew();
                _ = DocumentAnalysis.Analyze(store.TryGet(libraryUri)!).GetLspDiagnostics();
                for (var i = 0; i < contracts; i++)
                {
                    _ = DocumentAnalysis.Analyze(store.Open(new TextDocumentItem(uris[i], "sla", 1, Contract(i)))).GetLspDiagnostics();
                }
                baseline.Add(watch.Elapsed.TotalMilliseconds);
            }

            await rpc.InvokeWithParameterObjectAsync<object>("shutdown", new { });
            await rpc.NotifyWithParameterObjectAsync("exit", new { });
            await server.Completion.WaitAsync(TimeSpan.FromSeconds(10));

            var p50 = Percentile(latencies, 50);
            var p95 = Percentile(latencies, 95);
            Console.WriteLine();
            Console.WriteLine("| measure | p50 | p95 | goal |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine($"| library didChange → last of {contracts + 1} publishDiagnostics | {p50:F2} ms | {p95:F2} ms | p95 ≤ 50 ms: {(p95 <= 50 ? "met" : "MISSED")} |");
            Console.WriteLine($"| baseline: the {contracts + 1} analyses alone, one after another | {Percentile(baseline, 50):F2} ms | {Percentile(baseline, 95):F2} ms | |");
            Console.WriteLine($"{Environment.ProcessorCount} cores; {SlacGcConfiguration.Describe()}");
            return p95 <= 50 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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

    /// <summary>Counts publishDiagnostics per document; a waiter completes once each of its documents has published again.</summary>
    private sealed class PublishCounter
    {
        private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);
        private readonly List<(Dictionary<string, int> After, TaskCompletionSource Done)> waiters = [];

        public ConcurrentDictionary<string, PublishDiagnosticsParams> Last { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Snapshot(IEnumerable<string> uris) => uris.ToDictionary(u => u, u => counts.GetValueOrDefault(u));

        public Task ExpectAfter(IEnumerable<string> uris, Dictionary<string, int> after)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (waiters)
            {
                waiters.Add((after, done));
            }
            Check();
            return done.Task;
        }

        [JsonRpcMethod("textDocument/publishDiagnostics", UseSingleObjectParameterDeserialization = true)]
        public void Publish(PublishDiagnosticsParams parameters)
        {
            Last[parameters.Uri] = parameters;
            counts.AddOrUpdate(parameters.Uri, 1, (_, n) => n + 1);
            Check();
        }

        private void Check()
        {
            lock (waiters)
            {
                waiters.RemoveAll(w =>
                {
                    if (w.After.All(p => counts.GetValueOrDefault(p.Key) > p.Value))
                    {
                        w.Done.TrySetResult();
                        return true;
                    }
                    return false;
                });
            }
        }
    }
}
