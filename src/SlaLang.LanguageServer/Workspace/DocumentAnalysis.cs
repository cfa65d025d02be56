using System.Collections.Immutable;
using SlaLang.Diagnostics;
using SlaLang.LanguageServer.Protocol;
using SlaLang.Semantics;
using SlaLang.Syntax;
using SlaLang.Text;
using CoreSeverity = SlaLang.Diagnostics.DiagnosticSeverity;
using LspSeverity = SlaLang.LanguageServer.Protocol.DiagnosticSeverity;

namespace SlaLang.LanguageServer.Workspace;

/// <summary>The parse and semantic analysis of one document snapshot, computed once and shared by every reader.</summary>
public sealed class DocumentAnalysis
{
    private DocumentAnalysis(DocumentSnapshot snapshot, SyntaxTree tree, CompilationOptions options)
    {
        Snapshot = snapshot;
        Tree = tree;
        Compilation = Compilation.Create([tree], options);
        Model = Compilation.GetSemanticModel(tree);
    }

    /// <summary>The analysed snapshot.</summary>
    public DocumentSnapshot Snapshot { get; }

    /// <summary>The parsed file.</summary>
    public SyntaxTree Tree { get; }

    /// <summary>The compilation of this one file.</summary>
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
        var analysis = new DocumentAnalysis(snapshot, SyntaxTree.Parse(snapshot.Text, snapshot.Path), snapshot.Options);
        _ = analysis.Diagnostics;
        return analysis;
    }

    /// <summary>The diagnostics in LSP form (hidden ones left out).</summary>
    public ImmutableArray<LspDiagnostic> GetLspDiagnostics() =>
        [.. Diagnostics.Where(d => d.Severity != CoreSeverity.Hidden).Select(ToLsp)];

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

    /// <summary>The symbol declared or referenced at <paramref name="offset"/> (a cursor just after a name counts), or null.</summary>
    public Symbol? SymbolAt(int offset) => Model.GetSymbolAt(offset);
}
