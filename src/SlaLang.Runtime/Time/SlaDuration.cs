using System.Text;
using NodaTime;

namespace SlaLang.Runtime;

/// <summary>Durations written as .sla literals: <c>7d</c>, <c>1h30min</c>, <c>500ms</c> (below a millisecond is dropped).</summary>
public static class SlaDuration
{
    private static readonly (long Ticks, string Suffix)[] Units =
    [
        (NodaConstants.TicksPerDay, "d"), (NodaConstants.TicksPerHour, "h"), (NodaConstants.TicksPerMinute, "min"),
        (NodaConstants.TicksPerSecond, "s"), (NodaConstants.TicksPerMillisecond, "ms"),
    ];

    /// <summary>The literal of <paramref name="duration"/>; <c>0s</c> for less than a millisecond.</summary>
    public static string Format(Duration duration)
    {
        var ticks = duration.BclCompatibleTicks;
        var text = new StringBuilder();
        foreach (var (unit, suffix) in Units)
        {
            if (ticks >= unit)
            {
                text.Append(ticks / unit).Append(suffix);
                ticks %= unit;
            }
        }
        return text.Length == 0 ? "0s" : text.ToString();
    }
}
