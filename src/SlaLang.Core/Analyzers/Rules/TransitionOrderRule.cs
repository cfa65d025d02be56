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
        // Judged on the model; the phase as written is looked up only to report.
        Model.TransitionPhaseModel? previous = null;
        foreach (var phase in transition.Phases)
        {
            var problem = phase.End < phase.Start
                ? $"ends on {RuleText.Date(phase.End)}, before it starts on {RuleText.Date(phase.Start)}"
                : previous is { } p && phase.Start <= p.End
                    ? $"starts on {RuleText.Date(phase.Start)}, before phase '{p.Name}' ends on {RuleText.Date(p.End)}"
                    : null;
            if (problem is not null && context.Syntax.TryGet<PhaseDeclarationSyntax>(phase, out var tree, out var syntax))
            {
                var at = syntax.Identifier is { IsMissing: false, Span.Length: > 0 } ? syntax.Identifier.Span : syntax.PhaseKeyword.Span;
                context.Report(ContractRules.TransitionOrder, tree, at, phase.Name, problem);
            }
            previous = phase;
        }
    }
}
