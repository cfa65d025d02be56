using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3008: the levels of an escalation come strictly later one after the other.</summary>
internal sealed class EscalationOrderRule : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        foreach (var escalation in context.Model.Escalations)
        {
            EscalationLevelSyntax? previous = null;
            NodaTime.Duration previousAfter = default;
            foreach (var level in escalation.Levels)
            {
                if (!context.Syntax.TryGet<EscalationLevelSyntax>(level, out var tree, out var syntax))
                {
                    continue;
                }
                if (previous is not null && level.After <= previousAfter)
                {
                    context.Report(ContractRules.EscalationOrder, tree, syntax.Delay.Span, level.Level, escalation.Name, syntax.Delay.Text, previous.Delay.Text);
                }
                (previous, previousAfter) = (syntax, level.After);
            }
        }
    }
}
