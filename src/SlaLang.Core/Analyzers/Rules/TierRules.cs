using SlaLang.Model;
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
                // Judged on the model; the tiers as written are looked up only to report.
                PenaltyTierModel? previous = null;
                foreach (var tier in penalty.Tiers)
                {
                    var towardBreach = higherIsBetter
                        ? tier.Comparison is Comparison.Less or Comparison.LessOrEqual
                        : tier.Comparison is Comparison.Greater or Comparison.GreaterOrEqual;
                    if (!towardBreach)
                    {
                        if (context.Syntax.TryGet<TierClauseSyntax>(tier, out var tree, out var syntax))
                        {
                            context.Report(ContractRules.TierDirection, tree, TextSpan.FromBounds(syntax.Operator.Span.Start, syntax.Threshold.Span.End), TierText(syntax),
                                $"{RuleText.Comparison(target.Comparison)} {RuleText.Quantity(target.Value, unit)}", higherIsBetter ? "'<' or '<='" : "'>' or '>='");
                        }
                        continue;
                    }
                    if (previous is { } p)
                    {
                        var stricter = higherIsBetter ? tier.Threshold < p.Threshold : tier.Threshold > p.Threshold;
                        if ((!stricter || tier.CreditPercent <= p.CreditPercent)
                            && context.Syntax.TryGet<TierClauseSyntax>(tier, out var tree, out var syntax)
                            && context.Syntax.TryGet<TierClauseSyntax>(p, out _, out var before))
                        {
                            context.Report(ContractRules.TiersMonotonic, tree, TextSpan.FromBounds(syntax.WhenKeyword.Span.Start, syntax.Rate.Span.End), TierText(syntax),
                                syntax.Rate.Text, $"when {before.Operator.Text} {before.Threshold.Text} credit {before.Rate.Text}");
                        }
                    }
                    previous = tier;
                }
            }
        }
    }

    private static string TierText(TierClauseSyntax tier) => $"{tier.Operator.Text} {tier.Threshold.Text}";
}
