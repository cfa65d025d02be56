using SlaLang.Runtime;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Analyzers;

/// <summary>
/// SLA3019: a tier's comparison points the way a breach goes; SLA3005: tiers grow stricter and richer in order. Judged against the
/// objective's target: a penalty on an objective whose target did not bind is not judged.
/// </summary>
internal sealed class TierRules : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        foreach (var service in context.Model.Services)
        {
            foreach (var penalty in service.Penalties)
            {
                if (RuleText.ObjectiveOf(service, penalty) is not { } objective)
                {
                    continue;
                }
                var target = objective.Target;
                var unit = IndicatorCatalog.Of(objective.Indicator.Kind).Unit;
                var higherIsBetter = target.Comparison is Comparison.GreaterOrEqual or Comparison.Greater;
                (decimal Threshold, decimal Credit, TierClauseSyntax Tier)? previous = null;
                foreach (var tier in penalty.Tiers)
                {
                    if (!context.Syntax.TryGet<TierClauseSyntax>(tier, out var tree, out var syntax))
                    {
                        continue;
                    }
                    var towardBreach = higherIsBetter
                        ? tier.Comparison is Comparison.Less or Comparison.LessOrEqual
                        : tier.Comparison is Comparison.Greater or Comparison.GreaterOrEqual;
                    if (!towardBreach)
                    {
                        context.Report(ContractRules.TierDirection, tree, TextSpan.FromBounds(syntax.Operator.Span.Start, syntax.Threshold.Span.End), TierText(syntax),
                            $"{RuleText.Comparison(target.Comparison)} {RuleText.Quantity(target.Value, unit)}", higherIsBetter ? "'<' or '<='" : "'>' or '>='");
                        continue;
                    }
                    if (previous is { } p)
                    {
                        var stricter = higherIsBetter ? tier.Threshold < p.Threshold : tier.Threshold > p.Threshold;
                        if (!stricter || tier.CreditPercent <= p.Credit)
                        {
                            context.Report(ContractRules.TiersMonotonic, tree, TextSpan.FromBounds(syntax.WhenKeyword.Span.Start, syntax.Rate.Span.End), TierText(syntax),
                                syntax.Rate.Text, $"when {p.Tier.Operator.Text} {p.Tier.Threshold.Text} credit {p.Tier.Rate.Text}");
                        }
                    }
                    previous = (tier.Threshold, tier.CreditPercent, syntax);
                }
            }
        }
    }

    private static string TierText(TierClauseSyntax tier) => $"{tier.Operator.Text} {tier.Threshold.Text}";
}
