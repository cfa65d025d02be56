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
        (RaciTableSyntax? Table, int? Width) header = (null, null); // rows of one table come together
        foreach (var row in raci.Rows)
        {
            if (!context.Syntax.TryGet<RaciRowSyntax>(row, out var tree, out var syntax))
            {
                continue;
            }
            var at = syntax.Activity is { IsMissing: false, Span.Length: > 0 } ? syntax.Activity.Span : syntax.Span;
            if (!ReferenceEquals(header.Table, syntax.Parent))
            {
                var table = syntax.Parent as RaciTableSyntax;
                header = (table, table?.Rows.OfType<RaciHeaderSyntax>().FirstOrDefault()?.Roles.Count);
            }
            var width = header.Width;
            if (width is { } roles && syntax.Cells.Count != roles)
            {
                context.Report(ContractRules.RaciRowWidth, tree, at, syntax.Activity.Text, RuleText.Count(syntax.Cells.Count, "cell"), RuleText.Count(roles, "role"));
            }
            var (accountable, responsible) = (0, false);
            foreach (var cell in row.Cells)
            {
                accountable += (cell & RaciFlags.Accountable) != 0 ? 1 : 0;
                responsible |= (cell & RaciFlags.Responsible) != 0;
            }
            if (accountable != 1)
            {
                var detail = accountable == 0
                    ? "has no accountable role"
                    : $"has {accountable} accountable roles ({string.Join(", ", row.Cells.Select((cell, i) => (cell, i)).Where(p => (p.cell & RaciFlags.Accountable) != 0).Select(p => raci.Roles[p.i]))})";
                context.Report(ContractRules.RaciOneAccountable, tree, at, syntax.Activity.Text, detail);
            }
            if (!responsible)
            {
                context.Report(ContractRules.RaciResponsible, tree, at, syntax.Activity.Text);
            }
        }
    }
}
