using SlaLang.Emit;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using CoreSeverity = SlaLang.Diagnostics.DiagnosticSeverity;

namespace SlaLang.LanguageServer.Handlers.Compile;

/// <summary><c>sla/compileToCSharp</c>: the C# monitor the compiler would generate, or null with the diagnostics when the contract has errors.</summary>
public static class CompileToCSharpHandler
{
    /// <summary>The generated C# of the document's contract and its diagnostics (0-based positions).</summary>
    public static CompileToCSharpResult Handle(DocumentAnalysis analysis)
    {
        var diagnostics = analysis.Diagnostics
            .Where(d => d.Severity != CoreSeverity.Hidden)
            .Select(d =>
            {
                var start = analysis.Text.GetLinePosition(d.Span.Start);
                return new CompileDiagnostic(d.Code, d.Message, start.Line, start.Character);
            })
            .ToList();
        return new CompileToCSharpResult(analysis.Compilation.EmitMonitor(analysis.Tree).Source, diagnostics);
    }
}
