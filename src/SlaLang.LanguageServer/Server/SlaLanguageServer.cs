using System.Text.Json;
using System.Text.Json.Serialization;

using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace SlaLang.LanguageServer.Server;

/// <summary>
/// The SLA language server: one per editor, JSON-RPC over a pair of streams (stdio for <c>slac lsp</c>,
/// a duplex pipe in tests). Notifications and requests are dispatched one at a time in arrival order, so
/// state changes (open, change, close) are serialized; readers take the document's immutable snapshot and
/// do their work off the queue.
/// </summary>
public sealed partial class SlaLanguageServer : IAsyncDisposable
{
    private const int ServerNotInitialized = -32002;

    private readonly JsonRpc rpc;
    private readonly ServerOptions options;
    private readonly DiagnosticsPublisher diagnostics;
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ParentProcessWatcher? parentWatcher;
    private int state; // 0 new, 1 initialized, 2 shut down
    private int stopped;

    private SlaLanguageServer(Stream input, Stream output, ServerOptions options)
    {
        this.options = options;
        Handler = new LspMessageHandler(input, output, CreateFormatter());
        rpc = new JsonRpc(Handler)
        {
            SynchronizationContext = new Microsoft.VisualStudio.Threading.NonConcurrentSynchronizationContext(sticky: false),
        };
        rpc.AddLocalRpcTarget(this, new JsonRpcTargetOptions { AllowNonPublicInvocation = false });
        diagnostics = new DiagnosticsPublisher(p => rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", p), options.DiagnosticsDebounce);
        rpc.Disconnected += (_, _) => exited.TrySetResult();
    }

    /// <summary>The open documents.</summary>
    public DocumentStore Documents { get; } = new();

    /// <summary>Completes when the server has stopped: after <c>exit</c>, when the input ends, or when the editor's process is gone.</summary>
    public Task Completion => exited.Task;

    /// <summary>The process exit code LSP prescribes: 0 when <c>shutdown</c> came before the end, else 1.</summary>
    public int ExitCode => Volatile.Read(ref state) == 2 ? 0 : 1;

    /// <summary>The framing layer (exposes how many malformed frames were rejected).</summary>
    internal LspMessageHandler Handler { get; }

    /// <summary>Starts a server reading requests from <paramref name="input"/> and writing to <paramref name="output"/>.</summary>
    public static SlaLanguageServer Start(Stream input, Stream output, ServerOptions? options = null)
    {
        var server = new SlaLanguageServer(input, output, options ?? new ServerOptions());
        server.rpc.StartListening();
        return server;
    }

    /// <summary>The JSON options of the wire format: camelCase names, nulls omitted, case-insensitive reads.</summary>
    public static JsonSerializerOptions ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.PropertyNameCaseInsensitive = true;
        json.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return json;
    }

    /// <summary>A formatter configured with <see cref="ConfigureJson"/> (clients in tests use the same).</summary>
    public static SystemTextJsonFormatter CreateFormatter()
    {
        var formatter = new SystemTextJsonFormatter();
        ConfigureJson(formatter.JsonSerializerOptions);
        return formatter;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Stop();
        await exited.Task.ConfigureAwait(false);
    }

    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams parameters)
    {
        if (Interlocked.CompareExchange(ref state, 1, 0) != 0)
        {
            throw new LocalRpcException("initialize may be sent only once.") { ErrorCode = (int)JsonRpcErrorCode.InvalidRequest };
        }
        if (parameters.ProcessId is int pid)
        {
            parentWatcher = ParentProcessWatcher.Start(pid, options.ParentProcessPollInterval, Stop);
        }
        return new InitializeResult(Capabilities, new ServerInfo("slalang", typeof(SlaLanguageServer).Assembly.GetName().Version?.ToString(3) ?? "0.1.0"));
    }

    /// <summary><c>initialized</c>: nothing to do. Its params (any, or none) are ignored, as for <c>shutdown</c> and <c>exit</c>.</summary>
    [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
    public void Initialized(JsonElement? ignored = null)
    {
    }

    /// <summary>
    /// <c>shutdown</c>: only <c>exit</c> is accepted afterwards. Clients send it without params, with <c>null</c>, or (the npm
    /// client given an undefined argument) with <c>[null]</c>; each is accepted.
    /// </summary>
    [JsonRpcMethod("shutdown", UseSingleObjectParameterDeserialization = true)]
    public object? Shutdown(JsonElement? ignored = null)
    {
        EnsureInitialized();
        Volatile.Write(ref state, 2);
        return null;
    }

    /// <summary><c>exit</c>: stops the server (exit code 0 after <c>shutdown</c>, else 1), whatever its params.</summary>
    [JsonRpcMethod("exit", UseSingleObjectParameterDeserialization = true)]
    public void Exit(JsonElement? ignored = null) =>
        // Answers to requests sent before exit (a pipelining client's shutdown) still go out.
        _ = Handler.WaitForResponsesAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => Stop(), TaskScheduler.Default);

    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams parameters)
    {
        if (IsRunning && parameters?.TextDocument is not null)
        {
            var snapshot = Documents.Open(parameters.TextDocument);
            diagnostics.Schedule([snapshot, .. Documents.ReanalyzeDependentsOf(snapshot.Path)]);
        }
    }

    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams parameters)
    {
        if (IsRunning && parameters?.TextDocument is not null && parameters.ContentChanges is not null
            && Documents.Change(parameters.TextDocument, parameters.ContentChanges) is { } snapshot)
        {
            diagnostics.Schedule([snapshot, .. Documents.ReanalyzeDependentsOf(snapshot.Path)]);
        }
    }

    [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
    public Task DidClose(DidCloseTextDocumentParams parameters)
    {
        if (IsRunning && parameters?.TextDocument is not null && Documents.TryGet(parameters.TextDocument.Uri) is { } closing
            && Documents.Close(parameters.TextDocument.Uri))
        {
            // The documents importing it now read it from disk, where unsaved edits are not.
            ScheduleDependents(closing.Path);
            return diagnostics.ClearAsync(parameters.TextDocument.Uri);
        }
        return Task.CompletedTask;
    }

    [JsonRpcMethod("textDocument/didSave", UseSingleObjectParameterDeserialization = true)]
    public void DidSave(JsonElement parameters)
    {
        // Text arrives through didChange; saving changes nothing for analysis.
    }

    [JsonRpcMethod("workspace/didChangeWatchedFiles", UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWatchedFiles(JsonElement parameters)
    {
        if (!IsRunning)
        {
            return;
        }
        var uris = ChangedUris(parameters);
        // The extension watches slaconfig.json files: a rule's level may have changed, so open documents are checked again.
        if (uris.Any(uri => uri.EndsWith("/" + SlaLang.Analyzers.LintConfiguration.FileName, StringComparison.Ordinal)))
        {
            diagnostics.Schedule([.. Documents.Reanalyze()]);
            return;
        }
        // It watches .sla files too: a library changed on disk (not open, or saved by another program) is read again by the
        // open documents that import it.
        foreach (var uri in uris.Where(u => u.EndsWith(".sla", StringComparison.Ordinal)))
        {
            var path = DocumentUris.ToPath(uri);
            Documents.Sources.Forget(path);
            if (Documents.TryGet(uri) is null)
            {
                ScheduleDependents(path);
            }
        }
    }

    /// <summary>Re-checks the open documents that read the file at <paramref name="path"/>.</summary>
    private void ScheduleDependents(string path) => diagnostics.Schedule([.. Documents.ReanalyzeDependentsOf(path)]);

    /// <summary>The URIs a <c>didChangeWatchedFiles</c> notification names.</summary>
    private static List<string> ChangedUris(JsonElement parameters)
    {
        var found = new List<string>();
        if (parameters.ValueKind != JsonValueKind.Object || !parameters.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
        {
            return found;
        }
        foreach (var change in changes.EnumerateArray())
        {
            if (change.ValueKind == JsonValueKind.Object && change.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String)
            {
                found.Add(uri.GetString()!);
            }
        }
        return found;
    }

    private bool IsRunning => Volatile.Read(ref state) == 1;

    /// <summary>Runs <paramref name="handler"/> on the analysis of the current snapshot of a document, off the dispatch queue.</summary>
    private Task<T> ReadAsync<T>(TextDocumentIdentifier? document, Func<DocumentAnalysis, CancellationToken, T> handler, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        if (document?.Uri is null)
        {
            throw new LocalRpcException("The request names no textDocument.") { ErrorCode = (int)JsonRpcErrorCode.InvalidParams };
        }
        var snapshot = Documents.TryGet(document.Uri)
            ?? throw new LocalRpcException($"The document '{document.Uri}' is not open: send textDocument/didOpen first.") { ErrorCode = (int)JsonRpcErrorCode.InvalidParams };
        // A cancelled request ($/cancelRequest) is answered at once with RequestCancelled; work already started on the
        // snapshot (its analysis is shared with later requests) finishes in the background.
        return Task.Run(
            async () =>
            {
                var analysis = await snapshot.AnalysisAsync.ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return handler(analysis, cancellationToken);
            },
            cancellationToken).WaitAsync(cancellationToken);
    }

    private void EnsureInitialized()
    {
        switch (Volatile.Read(ref state))
        {
            case 0:
                throw new LocalRpcException("The server is not initialized: send 'initialize' first.") { ErrorCode = ServerNotInitialized };
            case 2:
                throw new LocalRpcException("The server is shut down: only 'exit' is accepted.") { ErrorCode = (int)JsonRpcErrorCode.InvalidRequest };
        }
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }
        parentWatcher?.Dispose();
        diagnostics.Dispose();
        rpc.Dispose();
        exited.TrySetResult();
    }
}
