using SlaLang.Model;
using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3017: an objective, escalation or obligation measured in a calendar that never opens.</summary>
internal sealed class CalendarWithoutHoursRule : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        var model = context.Model;
        var never = model.Calendars.Where(c => !c.IsAlways && c.Hours.IsEmpty && WritesNoHours(context, c)).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        if (never.Count == 0)
        {
            return;
        }
        foreach (var objective in model.Services.SelectMany(s => s.Objectives))
        {
            if (never.Contains(objective.Calendar) && context.Syntax.TryGet<ObjectiveDeclarationSyntax>(objective, out var tree, out var syntax))
            {
                Report(context, tree, syntax.Body.Statements, objective.Calendar, "objective", objective.Name);
            }
        }
        foreach (var escalation in model.Escalations)
        {
            if (never.Contains(escalation.Calendar) && context.Syntax.TryGet<EscalationDeclarationSyntax>(escalation, out var tree, out var syntax))
            {
                Report(context, tree, syntax.Body.Statements, escalation.Calendar, "escalation", escalation.Name);
            }
        }
        foreach (var obligation in model.Obligations)
        {
            if (never.Contains(obligation.Calendar) && context.Syntax.TryGet<ObligationDeclarationSyntax>(obligation, out var tree, out var syntax))
            {
                Report(context, tree, syntax.Body.Statements, obligation.Calendar, "obligation", obligation.Name);
            }
        }
    }

    /// <summary>Open hours written but wrong were reported already; the calendar is not also called never open.</summary>
    private static bool WritesNoHours(ModelRuleContext context, CalendarModel calendar) =>
        !context.Syntax.TryGet<CalendarDeclarationSyntax>(calendar, out _, out var syntax) || !syntax.Body.Statements.OfType<HoursStatementSyntax>().Any();

    private static void Report(ModelRuleContext context, SyntaxTree tree, SyntaxList<StatementSyntax> body, string calendar, string ownerKind, string ownerName)
    {
        if (body.OfType<DuringClauseSyntax>().FirstOrDefault() is { } during)
        {
            context.Report(ContractRules.CalendarWithoutHours, tree, during.Calendar.Span, calendar, ownerKind, ownerName);
        }
    }
}
