namespace SlaLang.LanguageServer.Protocol;

/// <summary>The parameters of <c>textDocument/didOpen</c>.</summary>
public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

/// <summary>The parameters of <c>textDocument/didChange</c>.</summary>
public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

/// <summary>One change: a range and its new text, or (without range) the whole new text.</summary>
public sealed record TextDocumentContentChangeEvent(LspRange? Range, string Text);

/// <summary>The parameters of <c>textDocument/didClose</c>.</summary>
public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

/// <summary>The parameters of <c>textDocument/publishDiagnostics</c>.</summary>
public sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<LspDiagnostic> Diagnostics);

/// <summary>A diagnostic as LSP shows it.</summary>
public sealed record LspDiagnostic(LspRange Range, DiagnosticSeverity Severity, string Code, string Message, string Source = "slalang");

/// <summary>LSP diagnostic severities.</summary>
public enum DiagnosticSeverity
{
    /// <summary>An error.</summary>
    Error = 1,

    /// <summary>A warning.</summary>
    Warning = 2,

    /// <summary>Information.</summary>
    Information = 3,

    /// <summary>A hint.</summary>
    Hint = 4,
}
