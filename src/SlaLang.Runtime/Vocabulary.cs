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

/// <summary>Comparisons written as in .sla.</summary>
public static class Comparisons
{
    /// <summary><c>&gt;=</c>, <c>&gt;</c>, <c>&lt;=</c> or <c>&lt;</c>.</summary>
    public static string ToOperator(this Comparison comparison) => comparison switch
    {
        Comparison.GreaterOrEqual => ">=",
        Comparison.Greater => ">",
        Comparison.LessOrEqual => "<=",
        _ => "<",
    };
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
