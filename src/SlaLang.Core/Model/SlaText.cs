using NodaTime;
using SlaLang.Runtime;

namespace SlaLang.Model;

/// <summary>Model values written back as .sla source text (<c>7d</c>, <c>rolling 30d</c>, <c>resolved_within(4h)</c>), for messages, hovers and comments.</summary>
public static class SlaText
{
    /// <summary>A duration as a .sla literal: <c>7d</c>, <c>1h30min</c>, <c>500ms</c> (below a millisecond is dropped).</summary>
    public static string Duration(Duration duration) => SlaDuration.Format(duration);

    /// <summary>A period as written after <c>per</c>/<c>every</c>: <c>month</c>, <c>6 months</c>, <c>rolling 7d</c>.</summary>
    public static string Period(PeriodSpec period) => period.Unit switch
    {
        PeriodUnit.Months => $"{period.Count} months",
        PeriodUnit.Rolling => $"rolling {Duration(period.RollingLength)}",
        _ => period.Unit.ToString().ToLowerInvariant(),
    };

    /// <summary>An indicator as written after <c>indicator</c>, without its <c>where</c>: <c>availability</c>, <c>resolved_within(4h)</c>.</summary>
    public static string Indicator(IndicatorKind kind, Duration? delay) =>
        IndicatorCatalog.Of(kind).Name + (delay is { } d ? $"({Duration(d)})" : "");

    /// <inheritdoc cref="Indicator(IndicatorKind, NodaTime.Duration?)"/>
    public static string Indicator(IndicatorModel indicator) => Indicator(indicator.Kind, indicator.Within);
}
