using System.Collections.Concurrent;
using System.Text.Json;
using Nerdbank.Streams;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Server;
using StreamJsonRpc;

namespace SlaLang.LanguageServer.Tests.Harness;

/// <summary>An LSP client talking to an in-process server over a duplex stream, as an editor would.</summary>
internal sealed class LspTestClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly JsonRpc rpc;
    private readonly DiagnosticsSink sink = new();

    private LspTestClient(SlaLanguageServer server, Stream clientStream)
    {
        Server = server;
        rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, SlaLanguageServer.CreateFormatter()));
        rpc.AddLocalRpcTarget(sink);
        rpc.StartListening();
    }

    /// <summary>The server under test.</summary>
    public SlaLanguageServer Server { get; }

    /// <summary>Starts a server and a client; initializes it unless told not to.</summary>
    public static async Task<LspTestClient> StartAsync(bool initialize = true, ServerOptions? options = null, int? processId = null)
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        var server = SlaLanguageServer.Start(serverStream, serverStream, options ?? new ServerOptions { DiagnosticsDebounce = TimeSpan.FromMilliseconds(1) });
        var client = new LspTestClient(server, clientStream);
        if (initialize)
        {
            await client.InitializeAsync(processId);
        }
        return client;
    }

    /// <summary>Sends initialize and initialized.</summary>
    public async Task<JsonElement> InitializeAsync(int? processId = null)
    {
        var result = await RequestAsync<JsonElement>("initialize", new { processId, rootUri = (string?)null, capabilities = new { } });
        await NotifyAsync("initialized", new { });
        return result;
    }

    /// <summary>Sends a request with one parameter object.</summary>
    public Task<T> RequestAsync<T>(string method, object parameters) =>
        rpc.InvokeWithParameterObjectAsync<T>(method, parameters).WaitAsync(Timeout);

    /// <summary>Sends a request the caller may cancel: cancelling sends <c>$/cancelRequest</c>.</summary>
    public Task<T> RequestAsync<T>(string method, object parameters, CancellationToken cancellationToken) =>
        rpc.InvokeWithParameterObjectAsync<T>(method, parameters, cancellationToken).WaitAsync(Timeout);

    /// <summary>Sends a notification with one parameter object.</summary>
    public Task NotifyAsync(string method, object parameters) => rpc.NotifyWithParameterObjectAsync(method, parameters);

    /// <summary>Opens a document and waits for its first diagnostics.</summary>
    public async Task<PublishDiagnosticsParams> OpenAsync(string uri, string text, int version = 1)
    {
        await NotifyAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(uri, "sla", version, text)));
        return await WaitForDiagnosticsAsync(uri, version);
    }

    /// <summary>Sends one ranged change.</summary>
    public Task ChangeAsync(string uri, int version, LspRange? range, string text) =>
        NotifyAsync("textDocument/didChange", new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), [new TextDocumentContentChangeEvent(range, text)]));

    /// <summary>Sends several changes in one notification; the server applies them in order, each to the text the previous one left.</summary>
    public Task ChangeAsync(string uri, int version, params TextDocumentContentChangeEvent[] changes) =>
        NotifyAsync("textDocument/didChange", new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), changes));

    /// <summary>Waits for the diagnostics of <paramref name="uri"/> at <paramref name="version"/> (earlier versions are skipped).</summary>
    public Task<PublishDiagnosticsParams> WaitForDiagnosticsAsync(string uri, int? version) => sink.WaitAsync(uri, version).WaitAsync(Timeout);

    /// <summary>Every diagnostics notification received so far.</summary>
    public IReadOnlyList<PublishDiagnosticsParams> Published => sink.All;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        rpc.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Receives publishDiagnostics.</summary>
    private sealed class DiagnosticsSink
    {
        private readonly ConcurrentQueue<PublishDiagnosticsParams> all = new();
        private readonly List<(string Uri, int? Version, TaskCompletionSource<PublishDiagnosticsParams> Done)> waiters = [];

        public IReadOnlyList<PublishDiagnosticsParams> All => [.. all];

        [JsonRpcMethod("textDocument/publishDiagnostics", UseSingleObjectParameterDeserialization = true)]
        public void Publish(PublishDiagnosticsParams parameters)
        {
            all.Enqueue(parameters);
            lock (waiters)
            {
                foreach (var waiter in waiters.Where(w => Matches(w.Uri, w.Version, parameters)).ToList())
                {
                    waiters.Remove(waiter);
                    waiter.Done.TrySetResult(parameters);
                }
            }
        }

        public Task<PublishDiagnosticsParams> WaitAsync(string uri, int? version)
        {
            lock (waiters)
            {
                var done = all.LastOrDefault(p => Matches(uri, version, p));
                if (done is not null)
                {
                    return Task.FromResult(done);
                }
                var tcs = new TaskCompletionSource<PublishDiagnosticsParams>(TaskCreationOptions.RunContinuationsAsynchronously);
                waiters.Add((uri, version, tcs));
                return tcs.Task;
            }
        }

        private static bool Matches(string uri, int? version, PublishDiagnosticsParams p) =>
            p.Uri == uri && (version is null ? p.Version is null : p.Version == version);
    }
}
