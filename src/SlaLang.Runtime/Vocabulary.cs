namespace SlaLang.Runtime;

/// <summary>How a measured value is compared with its target (or a penalty tier with its threshold).</summary>
public enum Comparison
{
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>&lt;</c></summary>
    Less,
}

/// <summary>The unit of a calendar period (<c>per</c> / <c>every</c>).</summary>
public enum PeriodUnit
{
    /// <summary>Local day, cut at local midnight.</summary>
    Day,
    /// <summary>ISO week starting Monday at local midnight.</summary>
    Week,
    /// <summary>Calendar month.</summary>
    Month,
    /// <summary>Calendar quarter (Jan, Apr, Jul, Oct).</summary>
    Quarter,
    /// <summary>Calendar year.</summary>
    Year,
    /// <summary><c>N months</c> aligned to the term's start.</summary>
    Months,
    /// <summary><c>rolling Nd</c>: a window of fixed length ending at the as-of time (objectives only).</summary>
    Rolling,
}

/// <summary>The indicators of LANGUAGE.md §4.</summary>
public enum IndicatorKind
{
    /// <summary>Percent of scheduled time not down.</summary>
    Availability,
    /// <summary>Mean measured age at first resolution, seconds.</summary>
    Mttr,
    /// <summary>Share of incidents resolved within a delay, percent.</summary>
    ResolvedWithin,
    /// <summary>Share of incidents acknowledged within a delay, percent.</summary>
    RespondedWithin,
    /// <summary>Incidents opened in the period, count.</summary>
    IncidentCount,
    /// <summary>Reopen events / resolve events, percent.</summary>
    ReopenRate,
    /// <summary>Mean time between failures, seconds.</summary>
    Mtbf,
    /// <summary>Failed requests / all requests, percent.</summary>
    ErrorRate,
    /// <summary>Good requests / all requests, percent.</summary>
    SuccessRate,
    /// <summary>Mean survey score.</summary>
    Satisfaction,
    /// <summary>Mean requested-to-deployed time of changes, seconds.</summary>
    LeadTime,
}

/// <summary>The unit an indicator's value (and so its target) is expressed in.</summary>
public enum IndicatorUnit
{
    /// <summary>Percent, 0–100.</summary>
    Percent,
    /// <summary>Seconds (durations).</summary>
    Seconds,
    /// <summary>A whole count.</summary>
    Count,
    /// <summary>A score (mean of survey scores).</summary>
    Score,
}
