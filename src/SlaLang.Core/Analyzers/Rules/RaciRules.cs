using SlaLang.Model;
using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3001–SLA3003: each RACI activity has one cell per role, exactly one A and at least one R (LANGUAGE.md §5).</summary>
internal sealed class RaciRules : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        if (context.Model.Raci is not { } raci)
        {
            return;
        }
        foreach (var row in raci.Rows)
        {
            if (!context.Syntax.TryGet<RaciRowSyntax>(row, out var tree, out var syntax))
            {
                continue;
            }
            var activity = syntax.Activity.Text;
            var at = syntax.Activity is { IsMissing: false, Span.Length: > 0 } ? syntax.Activity.Span : syntax.Span;
            var width = (syntax.Parent as RaciTableSyntax)?.Rows.OfType<RaciHeaderSyntax>().FirstOrDefault()?.Roles.Count;
            if (width is { } roles && syntax.Cells.Count != roles)
            {
                context.Report(ContractRules.RaciRowWidth, tree, at, activity, RuleText.Count(syntax.Cells.Count, "cell"), RuleText.Count(roles, "role"));
            }
            var accountable = row.Cells.Select((cell, i) => (cell, i)).Where(p => p.cell.HasFlag(RaciFlags.Accountable)).Select(p => raci.Roles[p.i]).ToList();
            if (accountable.Count != 1)
            {
                var detail = accountable.Count == 0
                    ? "has no accountable role"
                    : $"has {accountable.Count} accountable roles ({string.Join(", ", accountable)})";
                context.Report(ContractRules.RaciOneAccountable, tree, at, activity, detail);
            }
            if (!row.Cells.Any(cell => cell.HasFlag(RaciFlags.Responsible)))
            {
                context.Report(ContractRules.RaciResponsible, tree, at, activity);
            }
        }
    }
}
