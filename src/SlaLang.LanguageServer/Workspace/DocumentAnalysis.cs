using System.Collections.Immutable;
using SlaLang.LanguageServer.Protocol;

namespace SlaLang.LanguageServer.Workspace;

/// <summary>The parse and semantic analysis of one document snapshot.</summary>
public sealed class DocumentAnalysis
{
    private DocumentAnalysis(DocumentSnapshot snapshot)
    {
        Snapshot = snapshot;
    }

    /// <summary>The analysed snapshot.</summary>
    public DocumentSnapshot Snapshot { get; }

    /// <summary>Analyses <paramref name="snapshot"/>.</summary>
    public static DocumentAnalysis Analyze(DocumentSnapshot snapshot) => new(snapshot);

    /// <summary>The diagnostics in LSP form.</summary>
    public ImmutableArray<LspDiagnostic> GetLspDiagnostics() => [];
}
