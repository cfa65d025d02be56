using SlaLang.Runtime;
using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3020: a penalty on a rolling objective credits overlapping windows.</summary>
internal sealed class PenaltyOnRollingRule : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        foreach (var service in context.Model.Services)
        {
            foreach (var penalty in service.Penalties)
            {
                if (service.Objectives.FirstOrDefault(o => o.Name == penalty.Objective) is { Per.Unit: PeriodUnit.Rolling } objective
                    && context.Syntax.TryGet<PenaltyDeclarationSyntax>(penalty, out var tree, out var syntax))
                {
                    context.Report(ContractRules.PenaltyOnRolling, tree, syntax.Objective.Identifier.Span, penalty.Name, objective.Name);
                }
            }
        }
    }
}
