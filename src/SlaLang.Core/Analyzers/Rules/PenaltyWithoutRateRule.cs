using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3016: a penalty has tiers or a step (without either it never credits anything).</summary>
internal sealed class PenaltyWithoutRateRule : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        foreach (var penalty in context.Model.Services.SelectMany(s => s.Penalties))
        {
            // A tier or step written but not bound was reported already.
            if (penalty.Tiers.IsEmpty && penalty.Step is null
                && context.Syntax.TryGet<PenaltyDeclarationSyntax>(penalty, out var tree, out var syntax) && !syntax.Body.OpenBrace.IsMissing
                && !syntax.Body.Statements.Any(s => s is TierClauseSyntax or StepClauseSyntax))
            {
                var nameSpan = syntax.Identifier is { IsMissing: false, Span.Length: > 0 } ? syntax.Identifier.Span : syntax.PenaltyKeyword.Span;
                context.Report(ContractRules.PenaltyWithoutRate, tree, nameSpan, penalty.Name);
            }
        }
    }
}
