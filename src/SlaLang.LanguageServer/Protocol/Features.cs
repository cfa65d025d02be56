using System.Text.Json.Serialization;

namespace SlaLang.LanguageServer.Protocol;

/// <summary>The result of <c>textDocument/hover</c>.</summary>
public sealed record Hover(MarkupContent Contents, LspRange? Range);

/// <summary>The parameters of <c>textDocument/completion</c>.</summary>
public sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position) : TextDocumentPositionParams(TextDocument, Position);

/// <summary>A completion list.</summary>
public sealed record CompletionList(bool IsIncomplete, IReadOnlyList<CompletionItem> Items);

/// <summary>One completion proposal.</summary>
public sealed record CompletionItem(string Label, CompletionItemKind Kind, string? Detail = null, string? InsertText = null, InsertTextFormat? InsertTextFormat = null, string? SortText = null);

/// <summary>LSP completion item kinds used here.</summary>
public enum CompletionItemKind
{
    /// <summary>A name of a declared thing.</summary>
    Variable = 6,

    /// <summary>A value of an enumeration (indicators, kinds).</summary>
    EnumMember = 20,

    /// <summary>A keyword.</summary>
    Keyword = 14,

    /// <summary>A snippet.</summary>
    Snippet = 15,

    /// <summary>A party or other structural declaration.</summary>
    Class = 7,

    /// <summary>A calendar, objective and other referencable names.</summary>
    Reference = 18,

    /// <summary>A file (an import's path).</summary>
    File = 17,
}

/// <summary>Plain text or snippet insertion.</summary>
public enum InsertTextFormat
{
    /// <summary>Plain text.</summary>
    PlainText = 1,

    /// <summary>A snippet with tab stops.</summary>
    Snippet = 2,
}

/// <summary>The parameters of <c>textDocument/references</c>.</summary>
public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext Context) : TextDocumentPositionParams(TextDocument, Position);

/// <summary>Whether the declaration is included in references.</summary>
public sealed record ReferenceContext(bool IncludeDeclaration);

/// <summary>The parameters of <c>textDocument/rename</c>.</summary>
public sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName) : TextDocumentPositionParams(TextDocument, Position);

/// <summary>The result of <c>textDocument/prepareRename</c>: the range of the name and its text.</summary>
public sealed record PrepareRenameResult(LspRange Range, string Placeholder);

/// <summary>One node of the document outline.</summary>
public sealed record DocumentSymbol(string Name, string? Detail, SymbolKind Kind, LspRange Range, LspRange SelectionRange, IReadOnlyList<DocumentSymbol>? Children);

/// <summary>LSP symbol kinds used by the outline.</summary>
public enum SymbolKind
{
    /// <summary>File.</summary>
    File = 1,

    /// <summary>Module.</summary>
    Module = 2,

    /// <summary>Namespace.</summary>
    Namespace = 3,

    /// <summary>Class.</summary>
    Class = 5,

    /// <summary>Property.</summary>
    Property = 7,

    /// <summary>Field.</summary>
    Field = 8,

    /// <summary>Enum.</summary>
    Enum = 10,

    /// <summary>Interface.</summary>
    Interface = 11,

    /// <summary>Function.</summary>
    Function = 12,

    /// <summary>Variable.</summary>
    Variable = 13,

    /// <summary>Constant.</summary>
    Constant = 14,

    /// <summary>Object.</summary>
    Object = 19,

    /// <summary>Enum member.</summary>
    EnumMember = 22,

    /// <summary>Struct.</summary>
    Struct = 23,

    /// <summary>Event.</summary>
    Event = 24,
}

/// <summary>The parameters of <c>textDocument/formatting</c>.</summary>
public sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument, FormattingOptions? Options);

/// <summary>The client's formatting options (tab size; the formatter's style is fixed at 2 spaces).</summary>
public sealed record FormattingOptions(int TabSize, bool InsertSpaces);

/// <summary>Parameters naming just a document (semantic tokens, folding ranges, symbols).</summary>
public sealed record DocumentParams(TextDocumentIdentifier TextDocument);

/// <summary>Encoded semantic tokens (5 integers per token, relative positions).</summary>
public sealed record SemanticTokens(IReadOnlyList<int> Data);

/// <summary>A folding range over whole lines.</summary>
public sealed record FoldingRange(int StartLine, int EndLine, string? Kind = null);

/// <summary>The parameters of <c>textDocument/inlayHint</c>.</summary>
public sealed record InlayHintParams(TextDocumentIdentifier TextDocument, LspRange Range);

/// <summary>A hint shown inline.</summary>
public sealed record InlayHint(Position Position, string Label, int? Kind = null, bool? PaddingLeft = null, bool? PaddingRight = null, string? Tooltip = null);

/// <summary>The parameters of <c>textDocument/codeAction</c>.</summary>
public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, LspRange Range, CodeActionContext Context);

/// <summary>The diagnostics the code actions are asked for.</summary>
public sealed record CodeActionContext(IReadOnlyList<LspDiagnostic> Diagnostics, IReadOnlyList<string>? Only = null);

/// <summary>A code action (quick fix) with its edit.</summary>
public sealed record CodeAction(string Title, string Kind, IReadOnlyList<LspDiagnostic>? Diagnostics, WorkspaceEdit Edit, bool? IsPreferred = null);

/// <summary>The parameters of <c>sla/raciMatrix</c> and <c>sla/compileToCSharp</c>.</summary>
public sealed record SlaDocumentParams(TextDocumentIdentifier TextDocument);

/// <summary>The result of <c>sla/raciMatrix</c>: role names (columns) and one row per activity.</summary>
public sealed record RaciMatrix(IReadOnlyList<string> Roles, IReadOnlyList<RaciMatrixRow> Rows);

/// <summary>One RACI row: the activity, its optional title and one cell per role (<c>-</c> or letters).</summary>
public sealed record RaciMatrixRow(string Activity, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Title, IReadOnlyList<string> Cells);

/// <summary>The result of <c>sla/compileToCSharp</c>: the C# (null when the contract has errors) and the diagnostics.</summary>
public sealed record CompileToCSharpResult([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Csharp, IReadOnlyList<CompileDiagnostic> Diagnostics);

/// <summary>A diagnostic of <c>sla/compileToCSharp</c>, zero-based position.</summary>
public sealed record CompileDiagnostic(string Code, string Message, int Line, int Character);
