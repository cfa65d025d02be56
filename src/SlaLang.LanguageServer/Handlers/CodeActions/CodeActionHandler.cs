using SlaLang.Diagnostics;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.Semantics;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.LanguageServer.Handlers.CodeActions;

/// <summary>
/// <c>textDocument/codeAction</c>: quick fixes for the diagnostics in the requested range: an unknown name
/// (did you mean the closest declared one), a RACI row without exactly one <c>A</c> (make one role
/// accountable), and a contract without <c>reversibility</c> (add the block).
/// </summary>
public static class CodeActionHandler
{
    /// <summary>The code of an unknown name.</summary>
    public const string UnknownName = "SLA2001";

    /// <summary>The code of a RACI activity without exactly one accountable role.</summary>
    public const string RaciAccountable = "SLA3001";

    /// <summary>The code of a contract without reversibility.</summary>
    public const string MissingReversibility = "SLA3015";

    /// <summary>The quick fixes for the diagnostics of <paramref name="analysis"/> that touch <paramref name="range"/>.</summary>
    public static IReadOnlyList<CodeAction> Handle(DocumentAnalysis analysis, LspRange range)
    {
        var start = analysis.Text.ToOffset(range.Start);
        var span = TextSpan.FromBounds(start, Math.Max(start, analysis.Text.ToOffset(range.End)));
        var actions = new List<CodeAction>();
        foreach (var diagnostic in analysis.Diagnostics.Where(d => d.Span.IntersectsWith(span)))
        {
            actions.AddRange(diagnostic.Code switch
            {
                UnknownName => DidYouMean(analysis, diagnostic),
                RaciAccountable => MakeAccountable(analysis, diagnostic),
                MissingReversibility => AddReversibility(analysis, diagnostic),
                _ => [],
            });
        }
        return actions;
    }

    private static IEnumerable<CodeAction> DidYouMean(DocumentAnalysis analysis, Diagnostic diagnostic)
    {
        var token = SyntaxQueries.TokenAt(analysis.Tree, diagnostic.Span.Start);
        if (token is null || !NamePositions.IsName(token))
        {
            yield break;
        }
        var kinds = NamePositions.ExpectedKinds(token);
        var candidates = kinds.SelectMany(k => analysis.Model.GetSymbols(k)).Select(s => s.Name);
        if (NameSuggester.Suggest(token.Text, candidates) is { } suggestion)
        {
            yield return Fix(analysis, $"Change '{token.Text}' to '{suggestion}'", diagnostic, [new TextEdit(analysis.Range(token.Span), suggestion)], preferred: true);
        }
    }

    private static IEnumerable<CodeAction> MakeAccountable(DocumentAnalysis analysis, Diagnostic diagnostic)
    {
        var row = analysis.Tree.Root.DescendantNodesAndSelf<RaciRowSyntax>().FirstOrDefault(r => r.Span.IntersectsWith(diagnostic.Span));
        var roles = row?.Parent is RaciTableSyntax table ? table.Header?.Roles.Select(r => r.Identifier.Text).ToList() : null;
        if (row is null || roles is null)
        {
            yield break;
        }
        var cells = row.Cells.ToList();
        var accountable = cells.Count(c => c.Value.Text.Contains('A'));
        for (var i = 0; i < cells.Count && i < roles.Count; i++)
        {
            var cell = cells[i].Value;
            if (accountable == 0)
            {
                yield return Fix(analysis, $"Make {roles[i]} accountable (A) for {row.Activity.Text}", diagnostic, [new TextEdit(analysis.Range(cell.Span), WithA(cell.Text))]);
            }
            else if (cell.Text.Contains('A'))
            {
                var edits = cells.Where((c, j) => j != i && c.Value.Text.Contains('A'))
                    .Select(c => new TextEdit(analysis.Range(c.Value.Span), WithoutA(c.Value.Text)))
                    .ToList();
                yield return Fix(analysis, $"Keep {roles[i]} as the only accountable role for {row.Activity.Text}", diagnostic, edits);
            }
        }
    }

    private static IEnumerable<CodeAction> AddReversibility(DocumentAnalysis analysis, Diagnostic diagnostic)
    {
        var contract = analysis.Tree.Root.Contract;
        if (contract is null || contract.Body.CloseBrace.IsMissing)
        {
            yield break;
        }
        var close = contract.Body.CloseBrace.Span.Start;
        var line = analysis.Text.GetLineIndex(close);
        var lineStart = analysis.Text.GetLineSpan(line).Start;
        var onOwnLine = string.IsNullOrWhiteSpace(analysis.Text.Text[lineStart..close]);
        var insertAt = onOwnLine ? lineStart : close;
        var block = "\n  reversibility {\n    notice 6 months\n    assistance 3 months\n    deliver \"Runbooks\"\n  }\n";
        yield return Fix(analysis, "Add a reversibility block (notice, assistance, deliverables)", diagnostic,
            [new TextEdit(analysis.Range(new TextSpan(insertAt, 0)), onOwnLine ? block : block + "\n")], preferred: true);
    }

    /// <summary>The cell's letters with A added (R first, then A, C, I).</summary>
    public static string WithA(string cell) => cell == "-" ? "A" : Order(cell + "A");

    /// <summary>The cell's letters without A (<c>-</c> when nothing is left).</summary>
    public static string WithoutA(string cell) => cell.Replace("A", string.Empty) is { Length: > 0 } rest ? rest : "-";

    private static string Order(string letters) => string.Concat("RACI".Where(letters.Contains));

    private static CodeAction Fix(DocumentAnalysis analysis, string title, Diagnostic diagnostic, IReadOnlyList<TextEdit> edits, bool preferred = false) =>
        new(title, "quickfix", [analysis.ToLsp(diagnostic)],
            new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>> { [analysis.Snapshot.Uri] = edits }),
            preferred ? true : null);
}
