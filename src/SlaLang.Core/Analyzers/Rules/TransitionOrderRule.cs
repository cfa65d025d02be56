using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3018: transition phases end after they start, in order, without overlapping.</summary>
internal sealed class TransitionOrderRule : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        if (context.Model.Transition is not { } transition)
        {
            return;
        }
        Model.TransitionPhaseModel? previous = null;
        foreach (var phase in transition.Phases)
        {
            if (!context.Syntax.TryGet<PhaseDeclarationSyntax>(phase, out var tree, out var syntax))
            {
                continue;
            }
            var at = syntax.Identifier is { IsMissing: false, Span.Length: > 0 } ? syntax.Identifier.Span : syntax.PhaseKeyword.Span;
            if (phase.End < phase.Start)
            {
                context.Report(ContractRules.TransitionOrder, tree, at, phase.Name,
                    $"ends on {RuleText.Date(phase.End)}, before it starts on {RuleText.Date(phase.Start)}");
            }
            else if (previous is { } p && phase.Start <= p.End)
            {
                context.Report(ContractRules.TransitionOrder, tree, at, phase.Name,
                    $"starts on {RuleText.Date(phase.Start)}, before phase '{p.Name}' ends on {RuleText.Date(p.End)}");
            }
            previous = phase;
        }
    }
}
