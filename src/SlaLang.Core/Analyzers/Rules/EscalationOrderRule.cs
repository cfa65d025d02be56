using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3008: the levels of an escalation come strictly later one after the other.</summary>
internal sealed class EscalationOrderRule : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        foreach (var escalation in context.Model.Escalations)
        {
            // Judged on the model; the syntax is looked up only to report.
            for (var i = 1; i < escalation.Levels.Length; i++)
            {
                var (level, previous) = (escalation.Levels[i], escalation.Levels[i - 1]);
                if (level.After <= previous.After
                    && context.Syntax.TryGet<EscalationLevelSyntax>(level, out var tree, out var syntax)
                    && context.Syntax.TryGet<EscalationLevelSyntax>(previous, out _, out var previousSyntax))
                {
                    context.Report(ContractRules.EscalationOrder, tree, syntax.Delay.Span, level.Level, escalation.Name, syntax.Delay.Text, previousSyntax.Delay.Text);
                }
            }
        }
    }
}
