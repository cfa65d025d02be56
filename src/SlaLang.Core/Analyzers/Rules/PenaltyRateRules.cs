using SlaLang.Model;
using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3006: a cap or a credit is at most 100%; SLA3021: a tier credit above the cap can never be paid in full.</summary>
internal sealed class PenaltyRateRules : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        foreach (var service in context.Model.Services)
        {
            foreach (var penalty in service.Penalties)
            {
                Check(context, penalty);
            }
        }
    }

    private static void Check(ModelRuleContext context, PenaltyModel penalty)
    {
        // Judged on the model; the syntax is looked up only to report.
        var overCap = penalty.CapPercent is { } c && penalty.Tiers.Any(t => t.CreditPercent > c);
        if (penalty.CapPercent > 100 || overCap || penalty.Tiers.Any(t => t.CreditPercent > 100))
        {
            if (!context.Syntax.TryGet<PenaltyDeclarationSyntax>(penalty, out var tree, out var syntax))
            {
                return;
            }
            var cap = syntax.Body.Statements.OfType<CapClauseSyntax>().FirstOrDefault();
            if (penalty.CapPercent > 100 && cap is not null)
            {
                context.Report(ContractRules.CapRange, tree, cap.Rate.Span, "Cap", cap.Rate.Text);
            }
            foreach (var tier in penalty.Tiers)
            {
                if (!context.Syntax.TryGet<TierClauseSyntax>(tier, out var tierTree, out var tierSyntax))
                {
                    continue;
                }
                if (tier.CreditPercent > 100)
                {
                    context.Report(ContractRules.CapRange, tierTree, tierSyntax.Rate.Span, "Credit", tierSyntax.Rate.Text);
                }
                if (penalty.CapPercent is { } capPercent && tier.CreditPercent > capPercent && cap is not null)
                {
                    context.Report(ContractRules.CreditAboveCap, tierTree, tierSyntax.Rate.Span, tierSyntax.Rate.Text, cap.Rate.Text);
                }
            }
        }
        if (penalty.Step is { CreditPercent: > 100 } step && context.Syntax.TryGet<StepClauseSyntax>(step, out var stepTree, out var stepSyntax))
        {
            context.Report(ContractRules.CapRange, stepTree, stepSyntax.Rate.Span, "Credit", stepSyntax.Rate.Text);
        }
    }
}
