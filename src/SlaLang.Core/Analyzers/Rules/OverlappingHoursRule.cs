using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3023: open hours of one calendar overlap on the same day (reported at the later-written hours, once per day).</summary>
internal sealed class OverlappingHoursRule : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        foreach (var calendar in context.Model.Calendars)
        {
            if (!Overlaps(calendar))
            {
                continue; // judged on the model; the hours as written are looked up only to report
            }
            var written = new List<(Model.WeeklyHoursModel Hours, SyntaxTree Tree, HoursStatementSyntax Syntax)>();
            foreach (var hours in calendar.Hours)
            {
                if (context.Syntax.TryGet<HoursStatementSyntax>(hours, out var tree, out var syntax))
                {
                    written.Add((hours, tree, syntax));
                }
            }
            written.Sort((a, b) => a.Syntax.Span.Start != b.Syntax.Span.Start ? a.Syntax.Span.Start.CompareTo(b.Syntax.Span.Start) : a.Hours.Day.CompareTo(b.Hours.Day));
            for (var i = 0; i < written.Count; i++)
            {
                var (h, tree, syntax) = written[i];
                for (var j = 0; j < i; j++)
                {
                    var w = written[j];
                    if (w.Syntax.Span.Start < syntax.Span.Start && w.Hours.Day == h.Day && w.Hours.Start < h.End && h.Start < w.Hours.End)
                    {
                        context.Report(ContractRules.OverlappingHours, tree, syntax.Days.Span, Range(syntax), Range(w.Syntax), h.Day.ToString()[..3].ToLowerInvariant());
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Whether two open-hour ranges of one day overlap.</summary>
    private static bool Overlaps(Model.CalendarModel calendar)
    {
        var hours = calendar.Hours;
        for (var i = 0; i < hours.Length; i++)
        {
            for (var j = i + 1; j < hours.Length; j++)
            {
                if (hours[i].Day == hours[j].Day && hours[i].Start < hours[j].End && hours[j].Start < hours[i].End)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static string Range(HoursStatementSyntax hours) => $"{hours.StartTime.Text}-{hours.EndTime.Text}";
}
