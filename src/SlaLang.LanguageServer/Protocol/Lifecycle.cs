using System.Text.Json;

namespace SlaLang.LanguageServer.Protocol;

/// <summary>The parameters of <c>initialize</c>; only what the server uses is typed.</summary>
public sealed record InitializeParams(int? ProcessId, string? RootUri, JsonElement? Capabilities, ClientInfo? ClientInfo);

/// <summary>The client's name and version.</summary>
public sealed record ClientInfo(string Name, string? Version);

/// <summary>The result of <c>initialize</c>.</summary>
public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

/// <summary>The server's name and version.</summary>
public sealed record ServerInfo(string Name, string Version);

/// <summary>What the server implements; every capability listed here has a handler.</summary>
public sealed record ServerCapabilities
{
    /// <summary>Open/close notifications and incremental changes.</summary>
    public TextDocumentSyncOptions TextDocumentSync { get; init; } = new(true, TextDocumentSyncKind.Incremental);

    /// <summary>Hover is served.</summary>
    public bool? HoverProvider { get; init; }

    /// <summary>Completion options when completion is served.</summary>
    public CompletionOptions? CompletionProvider { get; init; }

    /// <summary>Go to definition is served.</summary>
    public bool? DefinitionProvider { get; init; }

    /// <summary>Find references is served.</summary>
    public bool? ReferencesProvider { get; init; }

    /// <summary>Rename options when rename is served.</summary>
    public RenameOptions? RenameProvider { get; init; }

    /// <summary>The document outline is served.</summary>
    public bool? DocumentSymbolProvider { get; init; }

    /// <summary>Full-document formatting is served.</summary>
    public bool? DocumentFormattingProvider { get; init; }

    /// <summary>Semantic tokens options (legend) when served.</summary>
    public SemanticTokensOptions? SemanticTokensProvider { get; init; }

    /// <summary>Folding ranges are served.</summary>
    public bool? FoldingRangeProvider { get; init; }

    /// <summary>Inlay hints are served.</summary>
    public bool? InlayHintProvider { get; init; }

    /// <summary>Code action options when served.</summary>
    public CodeActionOptions? CodeActionProvider { get; init; }
}

/// <summary>How documents are synced.</summary>
public sealed record TextDocumentSyncOptions(bool OpenClose, TextDocumentSyncKind Change);

/// <summary>Full or incremental document sync.</summary>
public enum TextDocumentSyncKind
{
    /// <summary>No sync.</summary>
    None = 0,

    /// <summary>Whole text on every change.</summary>
    Full = 1,

    /// <summary>Ranged changes.</summary>
    Incremental = 2,
}

/// <summary>Completion options.</summary>
public sealed record CompletionOptions(IReadOnlyList<string>? TriggerCharacters, bool ResolveProvider);

/// <summary>Rename options.</summary>
public sealed record RenameOptions(bool PrepareProvider);

/// <summary>Semantic token options: the legend and full-document support.</summary>
public sealed record SemanticTokensOptions(SemanticTokensLegend Legend, bool Full, bool Range);

/// <summary>The names of the token types and modifiers whose indexes the token data uses.</summary>
public sealed record SemanticTokensLegend(IReadOnlyList<string> TokenTypes, IReadOnlyList<string> TokenModifiers);

/// <summary>Code action options.</summary>
public sealed record CodeActionOptions(IReadOnlyList<string> CodeActionKinds);
