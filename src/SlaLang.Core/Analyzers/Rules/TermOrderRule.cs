using SlaLang.Text;

namespace SlaLang.Analyzers;

/// <summary>SLA3007: the term ends after it starts.</summary>
internal sealed class TermOrderRule : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        if (context.Syntax.Term is { } term && context.Model.TermEnd <= context.Model.TermStart)
        {
            context.Report(ContractRules.TermOrder, context.Syntax.Root, TextSpan.FromBounds(term.Start.Span.Start, term.End.Span.End),
                RuleText.Date(context.Model.TermStart), RuleText.Date(context.Model.TermEnd));
        }
    }
}
