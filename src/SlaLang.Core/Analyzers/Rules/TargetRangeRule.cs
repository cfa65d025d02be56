using SlaLang.Model;
using SlaLang.Runtime;
using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3004: a percent target, or a tier threshold on a percent objective, lies within 0%–100%.</summary>
internal sealed class TargetRangeRule : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        foreach (var service in context.Model.Services)
        {
            foreach (var objective in service.Objectives)
            {
                if (IsPercent(objective) && OutOfRange(objective.Target.Value)
                    && context.Syntax.TryGet<ObjectiveDeclarationSyntax>(objective, out var tree, out var syntax)
                    && syntax.Body.Statements.OfType<TargetClauseSyntax>().FirstOrDefault() is { } target)
                {
                    context.Report(ContractRules.TargetRange, tree, target.Value.Span, "Target", target.Value.Text);
                }
            }
            foreach (var penalty in service.Penalties)
            {
                if (RuleText.ObjectiveOf(service, penalty) is not { } objective || !IsPercent(objective))
                {
                    continue;
                }
                foreach (var tier in penalty.Tiers)
                {
                    if (OutOfRange(tier.Threshold) && context.Syntax.TryGet<TierClauseSyntax>(tier, out var tree, out var syntax))
                    {
                        context.Report(ContractRules.TargetRange, tree, syntax.Threshold.Span, "Threshold", syntax.Threshold.Text);
                    }
                }
            }
        }
    }

    private static bool IsPercent(ObjectiveModel objective) => IndicatorCatalog.Of(objective.Indicator.Kind).Unit == IndicatorUnit.Percent;

    private static bool OutOfRange(decimal value) => value is < 0 or > 100;
}
