using System.Text.Json.Serialization;

namespace SlaLang.LanguageServer.Protocol;

/// <summary>A zero-based line and UTF-16 character offset in a document.</summary>
public sealed record Position(int Line, int Character);

/// <summary>A half-open range between two positions (LSP <c>Range</c>).</summary>
public sealed record LspRange(Position Start, Position End);

/// <summary>A range inside a document named by its URI.</summary>
public sealed record Location(string Uri, LspRange Range);

/// <summary>Names a text document by its URI.</summary>
public sealed record TextDocumentIdentifier(string Uri);

/// <summary>Names a text document at one version.</summary>
public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

/// <summary>A document the client opened: URI, language, version and full text.</summary>
public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

/// <summary>The parameters of every request made at a position in a document.</summary>
public record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

/// <summary>Replaces the text of <see cref="Range"/> by <see cref="NewText"/>.</summary>
public sealed record TextEdit(LspRange Range, string NewText);

/// <summary>Edits to several documents, keyed by URI.</summary>
public sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>> Changes);

/// <summary>Markdown or plain text shown to the user.</summary>
public sealed record MarkupContent(string Kind, string Value)
{
    /// <summary>Markdown content.</summary>
    public static MarkupContent Markdown(string value) => new("markdown", value);
}

/// <summary>A command the client may run (used by code actions).</summary>
public sealed record Command(string Title, [property: JsonPropertyName("command")] string CommandName, IReadOnlyList<object>? Arguments = null);
