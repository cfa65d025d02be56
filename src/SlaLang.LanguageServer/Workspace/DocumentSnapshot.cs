using SlaLang.LanguageServer.Protocol;
using SlaLang.Semantics;
using SlaLang.Text;

namespace SlaLang.LanguageServer.Workspace;

/// <summary>
/// One immutable version of an open document: its text, line map and (computed once, lazily, on the
/// first reader that needs it) its analysis. Readers hold a snapshot; edits make a new one.
/// </summary>
public sealed class DocumentSnapshot
{
    private readonly Lazy<Task<DocumentAnalysis>> analysis;
    private readonly Lazy<Syntax.SyntaxTree> tree;

    /// <summary>Creates the snapshot of <paramref name="text"/> at <paramref name="version"/>; its imports are read from <paramref name="workspace"/>'s sources (none: nothing is imported).</summary>
    public DocumentSnapshot(string uri, int version, string text, CompilationOptions? options = null, DocumentStore? workspace = null)
        : this(uri, version, new SourceText(text), options, workspace)
    {
    }

    private DocumentSnapshot(string uri, int version, SourceText text, CompilationOptions? options, DocumentStore? workspace)
    {
        Options = options ?? CompilationOptions.Default;
        Uri = uri;
        Version = version;
        Text = text;
        Workspace = workspace;
        tree = new Lazy<Syntax.SyntaxTree>(() => Syntax.SyntaxTree.Parse(Text, Path), LazyThreadSafetyMode.ExecutionAndPublication);
        // Started once, on the thread pool, by the first reader; the others await it rather than block a thread on a lock,
        // so that a long analysis cannot starve the pool the JSON-RPC reader (and $/cancelRequest) needs.
        analysis = new Lazy<Task<DocumentAnalysis>>(() => Task.Run(() => DocumentAnalysis.Analyze(this)), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>How the document is checked (the lint configuration that applies to it).</summary>
    public CompilationOptions Options { get; }

    /// <summary>The document's URI as the client sent it.</summary>
    public string Uri { get; }

    /// <summary>The client's version of this text.</summary>
    public int Version { get; }

    /// <summary>The full text, which also maps positions to offsets.</summary>
    public SourceText Text { get; }

    /// <summary>The parse and semantic analysis of this version (computed on first use, then shared).</summary>
    public Task<DocumentAnalysis> AnalysisAsync => analysis.Value;

    /// <summary>The analysis when it is already computed, else null (nothing is started or waited for).</summary>
    public DocumentAnalysis? CompletedAnalysis => analysis.IsValueCreated && analysis.Value.IsCompletedSuccessfully ? analysis.Value.Result : null;

    /// <summary>The parsed text (parsed once per version; shared by this document's analysis and the documents importing it).</summary>
    public Syntax.SyntaxTree Tree => tree.Value;

    /// <summary>The open documents this one belongs to (its imports are read through their sources), or null.</summary>
    public DocumentStore? Workspace { get; }

    /// <summary>The file system path of the URI (for diagnostics and the compiler), or the URI itself.</summary>
    public string Path => DocumentUris.ToPath(Uri);

    /// <summary>Applies LSP content changes in order and returns the new snapshot at <paramref name="newVersion"/>.</summary>
    public DocumentSnapshot WithChanges(int newVersion, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        var text = Text;
        foreach (var change in changes)
        {
            if (change.Range is null)
            {
                text = new SourceText(change.Text ?? string.Empty);
                continue;
            }
            var start = text.ToOffset(change.Range.Start);
            var end = Math.Max(start, text.ToOffset(change.Range.End));
            text = new SourceText(string.Concat(text.Text.AsSpan(0, start), change.Text ?? string.Empty, text.Text.AsSpan(end)));
        }
        return new DocumentSnapshot(Uri, newVersion, text, Options, Workspace);
    }

    /// <summary>The same text and version, analysed afresh (after a <c>slaconfig.json</c> changed).</summary>
    public DocumentSnapshot Reanalyzed() => new(Uri, Version, Text, Options, Workspace);
}

/// <summary>Converts between document URIs and file paths.</summary>
public static class DocumentUris
{
    /// <summary>The local path of a <c>file:</c> URI; any other URI is returned as is.</summary>
    public static string ToPath(string uri) =>
        System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri;

    /// <summary>The <c>file:</c> URI of a local path.</summary>
    public static string FromPath(string path) => new System.Uri(System.IO.Path.GetFullPath(path)).AbsoluteUri;
}
