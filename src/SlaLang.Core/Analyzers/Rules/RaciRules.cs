using SlaLang.Model;
using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3001–SLA3003: each RACI activity has one cell per role, exactly one A and at least one R (LANGUAGE.md §5).</summary>
internal sealed class RaciRules : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        // SLA3003 is about the shape of the written row: judged on the tables as written (rows that bound).
        foreach (var (tree, table) in context.Syntax.RaciTables)
        {
            RaciHeaderSyntax? header = null;
            foreach (var item in table.Rows)
            {
                if (item is RaciHeaderSyntax h && header is null)
                {
                    header = h;
                }
                else if (item is RaciRowSyntax row && header is not null && row.Cells.Count != header.Roles.Count
                    && !context.Syntax.RaciRowsWithErrors.Contains(row))
                {
                    context.Report(ContractRules.RaciRowWidth, tree, At(row), row.Activity.Text, RuleText.Count(row.Cells.Count, "cell"),
                        RuleText.Count(header.Roles.Count, "role"));
                }
            }
        }
        if (context.Model.Raci is not { } raci)
        {
            return;
        }
        // SLA3001, SLA3002: judged on the model; the syntax is looked up only to report.
        foreach (var row in raci.Rows)
        {
            var (accountable, responsible) = (0, false);
            foreach (var cell in row.Cells)
            {
                accountable += (cell & RaciFlags.Accountable) != 0 ? 1 : 0;
                responsible |= (cell & RaciFlags.Responsible) != 0;
            }
            if ((accountable == 1 && responsible) || !context.Syntax.TryGet<RaciRowSyntax>(row, out var tree, out var syntax))
            {
                continue;
            }
            if (accountable != 1)
            {
                var detail = accountable == 0
                    ? "has no accountable role"
                    : $"has {accountable} accountable roles ({string.Join(", ", row.Cells.Select((cell, i) => (cell, i)).Where(p => (p.cell & RaciFlags.Accountable) != 0).Select(p => raci.Roles[p.i]))})";
                context.Report(ContractRules.RaciOneAccountable, tree, At(syntax), syntax.Activity.Text, detail);
            }
            if (!responsible)
            {
                context.Report(ContractRules.RaciResponsible, tree, At(syntax), syntax.Activity.Text);
            }
        }
    }

    private static Text.TextSpan At(RaciRowSyntax row) => row.Activity is { IsMissing: false, Span.Length: > 0 } ? row.Activity.Span : row.Span;
}
