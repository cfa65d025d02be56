using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Handlers.Raci;

/// <summary><c>sla/raciMatrix</c>: the RACI table as written (roles, and per activity its title and cells), for the editor's matrix view; empty when there is none.</summary>
public static class RaciMatrixHandler
{
    /// <summary>The matrix of the document's first RACI table.</summary>
    public static RaciMatrix Handle(DocumentAnalysis analysis)
    {
        var table = analysis.Tree.Root.DescendantNodesAndSelf<RaciTableSyntax>().FirstOrDefault();
        if (table is null)
        {
            return new RaciMatrix([], []);
        }
        var roles = table.Header?.Roles.Where(r => !r.Identifier.IsMissing).Select(r => r.Identifier.Text).ToList() ?? [];
        var rows = table.ActivityRows
            .Where(r => !r.Activity.IsMissing)
            .Select(r => new RaciMatrixRow(r.Activity.Text, SyntaxQueries.StringValue(r.Title), [.. r.Cells.Where(c => !c.Value.IsMissing).Select(c => c.Value.Text)]))
            .ToList();
        return new RaciMatrix(roles, rows);
    }
}
