using SlaLang.LanguageServer.Handlers.Hover;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.Semantics;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.LanguageServer.Handlers.InlayHints;

/// <summary><c>textDocument/inlayHint</c>: beside each availability target, the downtime it allows per period.</summary>
public static class InlayHintHandler
{
    /// <summary>The hints for targets inside <paramref name="range"/>.</summary>
    public static IReadOnlyList<InlayHint> Handle(DocumentAnalysis analysis, LspRange range)
    {
        var span = TextSpan.FromBounds(analysis.Text.ToOffset(range.Start), Math.Max(analysis.Text.ToOffset(range.Start), analysis.Text.ToOffset(range.End)));
        var hints = new List<InlayHint>();
        foreach (var target in analysis.Tree.Root.DescendantNodesAndSelf<TargetClauseSyntax>())
        {
            if (target.Value.IsMissing || !span.IntersectsWith(target.Value.Span) || Label(analysis.Model, target) is not { } label)
            {
                continue;
            }
            hints.Add(new InlayHint(analysis.Text.ToPosition(target.Value.Span.End), label, PaddingLeft: true));
        }
        return hints;
    }

    /// <summary>The hint beside one target, e.g. <c>allows 28 min 13.44 s–31 min 14.88 s down per month</c>, or null when the target is not an availability percent.</summary>
    public static string? Label(SemanticModel model, TargetClauseSyntax target)
    {
        if (target.Value.Value is not decimal percent || percent is < 0 or > 100 || ObjectiveFacts.Of(model, target) is not { Indicator: "availability" } facts)
        {
            return null;
        }
        if (facts.Calendar != "always")
        {
            return $"allows {TimeMeaning.FormatDecimal(100m - percent)}% of {facts.Calendar} time down";
        }
        var periods = facts.PeriodUnit is { } unit ? TimeMeaning.ReferencePeriods(unit, facts.PeriodCount) : [];
        if (periods.Count == 0)
        {
            return null;
        }
        var low = TimeMeaning.FormatDuration(TimeMeaning.AllowedDowntimeSeconds(percent, periods[0].Days));
        if (periods.Count == 1)
        {
            return $"allows {low} down per {periods[0].Label}";
        }
        var high = TimeMeaning.FormatDuration(TimeMeaning.AllowedDowntimeSeconds(percent, periods[^1].Days));
        var per = facts.PeriodUnit == "months" ? $"{facts.PeriodCount} months" : facts.PeriodUnit;
        return $"allows {low}–{high} down per {per}";
    }
}
