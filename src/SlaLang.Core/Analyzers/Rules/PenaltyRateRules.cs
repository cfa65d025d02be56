using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3006: a cap or a credit is at most 100%; SLA3021: a tier credit above the cap can never be paid in full.</summary>
internal sealed class PenaltyRateRules : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        foreach (var penalty in context.Model.Services.SelectMany(s => s.Penalties))
        {
            if (!context.Syntax.TryGet<PenaltyDeclarationSyntax>(penalty, out var tree, out var syntax))
            {
                continue;
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
                if (penalty.CapPercent is { } c && tier.CreditPercent > c && cap is not null)
                {
                    context.Report(ContractRules.CreditAboveCap, tierTree, tierSyntax.Rate.Span, tierSyntax.Rate.Text, cap.Rate.Text);
                }
            }
            if (penalty.Step is { CreditPercent: > 100 } step && context.Syntax.TryGet<StepClauseSyntax>(step, out var stepTree, out var stepSyntax))
            {
                context.Report(ContractRules.CapRange, stepTree, stepSyntax.Rate.Span, "Credit", stepSyntax.Rate.Text);
            }
        }
    }
}
