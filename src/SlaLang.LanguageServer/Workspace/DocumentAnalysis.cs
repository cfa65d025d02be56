using System.Collections.Immutable;
using SlaLang.Diagnostics;
using SlaLang.LanguageServer.Protocol;
using SlaLang.Semantics;
using SlaLang.Syntax;
using SlaLang.Text;
using CoreSeverity = SlaLang.Diagnostics.DiagnosticSeverity;
using LspSeverity = SlaLang.LanguageServer.Protocol.DiagnosticSeverity;
using LspLocation = SlaLang.LanguageServer.Protocol.Location;

namespace SlaLang.LanguageServer.Workspace;

/// <summary>The parse and semantic analysis of one document snapshot, computed once and shared by every reader.</summary>
public sealed class DocumentAnalysis
{
    private readonly HashSet<string> _files;

    private DocumentAnalysis(DocumentSnapshot snapshot, SyntaxTree tree, CompilationOptions options)
    {
        Snapshot = snapshot;
        Tree = tree;
        Compilation = Compilation.Create([tree], options, snapshot.Workspace?.Sources);
        Model = Compilation.GetSemanticModel(tree);
        _files = new HashSet<string>(Compilation.SyntaxTrees.Skip(1).Select(t => t.Path), StringComparer.Ordinal);
    }

    /// <summary>Whether the analysis read the file at the full path <paramref name="path"/> (an import or underpinned contract, at any depth).</summary>
    public bool DependsOn(string path) => _files.Contains(path);

    /// <summary>The analysed snapshot.</summary>
    public DocumentSnapshot Snapshot { get; }

    /// <summary>The parsed file.</summary>
    public SyntaxTree Tree { get; }

    /// <summary>The compilation of this file and the files it imports.</summary>
    public Compilation Compilation { get; }

    /// <summary>The file's semantic model (symbols, occurrences, diagnostics, contract model), computed lazily.</summary>
    public SemanticModel Model { get; }

    /// <summary>The text.</summary>
    public SourceText Text => Tree.Text;

    /// <summary>All diagnostics of the document (syntax, binding and contract rules).</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Model.GetDiagnostics();

    /// <summary>
    /// Test seam, null in the product: called before a document is analysed. A test holds an analysis back with it to
    /// show that a request waiting for the analysis is answered as soon as it is cancelled.
    /// </summary>
    internal static Action<DocumentSnapshot>? BeforeAnalyze;

    /// <summary>Parses and binds <paramref name="snapshot"/> at once (its diagnostics computed), so that readers never wait on the model's locks.</summary>
    public static DocumentAnalysis Analyze(DocumentSnapshot snapshot)
    {
        BeforeAnalyze?.Invoke(snapshot);
        var analysis = new DocumentAnalysis(snapshot, snapshot.Tree, snapshot.Options);
        _ = analysis.Diagnostics;
        return analysis;
    }

    /// <summary>The diagnostics in LSP form (hidden ones left out).</summary>
    /// <remarks>An import that leads to a file with errors which is not open carries one error (SLA2034): that file's own
    /// diagnostics are published when it is opened, and without this the contract would look clean though it cannot run.</remarks>
    public ImmutableArray<LspDiagnostic> GetLspDiagnostics() =>
        [.. Diagnostics.Where(d => d.Severity != CoreSeverity.Hidden)
            .Concat(Model.GetImportErrors().Where(d => !ImportsOnlyOpenFiles(d)))
            .OrderBy(d => d.Span.Start)
            .Select(ToLsp)];

    /// <summary>Whether every file with errors behind the import of <paramref name="importError"/> is open (and shows its own errors).</summary>
    private bool ImportsOnlyOpenFiles(Diagnostic importError)
    {
        if (Snapshot.Workspace is not { } workspace)
        {
            return false;
        }
        var withErrors = Model.GetAllDiagnostics().Where(d => d.IsError && !ReferenceEquals(d.Location.Text, Text)).Select(d => d.Location.Path).Distinct();
        return withErrors.All(path => workspace.TryGetByPath(path) is not null);
    }

    /// <summary>One diagnostic in LSP form.</summary>
    public LspDiagnostic ToLsp(Diagnostic diagnostic) => new(
        Text.ToRange(diagnostic.Span),
        diagnostic.Severity switch
        {
            CoreSeverity.Error => LspSeverity.Error,
            CoreSeverity.Warning => LspSeverity.Warning,
            CoreSeverity.Info => LspSeverity.Information,
            _ => LspSeverity.Hint,
        },
        diagnostic.Code,
        diagnostic.Message);

    /// <summary>The LSP range of <paramref name="span"/>.</summary>
    public LspRange Range(TextSpan span) => Text.ToRange(span);

    /// <summary>The LSP location of a compiler location in any file (the document's URI for its own file).</summary>
    public LspLocation ToLsp(SlaLang.Diagnostics.Location location) => new(
        ReferenceEquals(location.Text, Text) ? Snapshot.Uri : Snapshot.Workspace?.TryGetByPath(location.Path)?.Uri ?? DocumentUris.FromPath(location.Path),
        location.Text.ToRange(location.Span));

    /// <summary>The symbol declared or referenced at <paramref name="offset"/> (a cursor just after a name counts), or null.</summary>
    public Symbol? SymbolAt(int offset) => Model.GetSymbolAt(offset);
}
