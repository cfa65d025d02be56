using System.Collections.Immutable;
using SlaLang.Diagnostics;
using SlaLang.LanguageServer.Handlers.Navigation;
using SlaLang.LanguageServer.Protocol;
using SlaLang.Syntax;
using SlaLang.Text;
using LspSeverity = SlaLang.LanguageServer.Protocol.DiagnosticSeverity;
using CoreSeverity = SlaLang.Diagnostics.DiagnosticSeverity;

namespace SlaLang.LanguageServer.Workspace;

/// <summary>The parse and semantic analysis of one document snapshot, computed once and shared by every reader.</summary>
public sealed class DocumentAnalysis
{
    private readonly Lazy<ImmutableArray<Diagnostic>> diagnostics;
    private readonly Lazy<NameIndex> names;

    private DocumentAnalysis(DocumentSnapshot snapshot, SyntaxTree tree)
    {
        Snapshot = snapshot;
        Tree = tree;
        diagnostics = new Lazy<ImmutableArray<Diagnostic>>(() => [.. Tree.Diagnostics], LazyThreadSafetyMode.ExecutionAndPublication);
        names = new Lazy<NameIndex>(() => NameIndex.Build(Tree), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The analysed snapshot.</summary>
    public DocumentSnapshot Snapshot { get; }

    /// <summary>The parsed file.</summary>
    public SyntaxTree Tree { get; }

    /// <summary>The text.</summary>
    public SourceText Text => Tree.Text;

    /// <summary>All diagnostics of the document (syntax, binding and contract rules).</summary>
    public ImmutableArray<Diagnostic> Diagnostics => diagnostics.Value;

    /// <summary>The declared names and the references to them.</summary>
    public NameIndex Names => names.Value;

    /// <summary>Parses (and binds) <paramref name="snapshot"/>.</summary>
    public static DocumentAnalysis Analyze(DocumentSnapshot snapshot) => new(snapshot, SyntaxTree.Parse(snapshot.Text, snapshot.Path));

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
}
