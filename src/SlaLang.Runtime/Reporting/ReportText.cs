using System.Globalization;
using NodaTime;

namespace SlaLang.Runtime;

/// <summary>
/// How reports read to people (text tables, Markdown, HTML): values in their unit, periods as inclusive local dates, dues as
/// the last day they can still be met on, money with its currency. JSON keeps exact values instead (LANGUAGE.md §7).
/// </summary>
public static class ReportText
{
    /// <summary>A value in its unit: <c>99.951%</c>, <c>3h 12min 5s</c>, <c>4</c>, <c>4.35</c>; <c>no data</c> when absent.</summary>
    public static string Value(decimal? value, IndicatorUnit unit)
    {
        if (value is not { } v)
        {
            return "no data";
        }
        return unit switch
        {
            IndicatorUnit.Percent => Math.Round(v, 3, MidpointRounding.AwayFromZero).ToString("0.###", CultureInfo.InvariantCulture) + "%",
            IndicatorUnit.Seconds => Duration(v),
            IndicatorUnit.Count => v.ToString("0.##", CultureInfo.InvariantCulture),
            _ => Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Seconds as <c>1d 3h 12min 5s</c> (whole seconds).</summary>
    public static string Duration(decimal seconds)
    {
        var total = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        if (total == 0)
        {
            return "0s";
        }
        var parts = new List<string>();
        foreach (var (unit, suffix) in new[] { (86400L, "d"), (3600L, "h"), (60L, "min"), (1L, "s") })
        {
            if (total >= unit)
            {
                parts.Add((total / unit).ToString(CultureInfo.InvariantCulture) + suffix);
                total %= unit;
            }
        }
        return string.Join(" ", parts);
    }

    /// <summary>An amount with its currency: <c>18,000.00 EUR</c>.</summary>
    public static string Money(decimal amount, string currency) => amount.ToString("#,##0.00##", CultureInfo.InvariantCulture) + " " + currency;

    /// <summary>A period as inclusive local dates (<c>2026-01-01 – 2026-01-31</c>); bounds off midnight keep their times.</summary>
    public static string Period(PeriodBounds period) => ExplanationWriter.PeriodText(period);

    /// <summary>The last local day a due at midnight can still be met on (<c>2026-02-06</c> for a due of 2026-02-07T00:00); else the due time.</summary>
    public static string DueBy(OffsetDateTime due) =>
        due.TimeOfDay == LocalTime.Midnight ? Date(due.Date.PlusDays(-1)) : $"{Time(due)} (excluded)";

    /// <summary>A local date: <c>2026-02-06</c>.</summary>
    public static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An offset: <c>+02:00</c>.</summary>
    public static string Offset(OffsetDateTime time) => NodaTime.Text.OffsetPattern.CreateWithInvariantCulture("+HH:mm").Format(time.Offset);

    /// <summary>A local time: <c>2026-01-05 09:30</c> (seconds when not zero).</summary>
    public static string Time(OffsetDateTime time) =>
        time.LocalDateTime.ToString(time.Second == 0 && time.NanosecondOfSecond == 0 ? "uuuu-MM-dd HH:mm" : "uuuu-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>An objective status for people: <c>met</c>, <c>breached</c>, <c>pending</c>, <c>no data</c>.</summary>
    public static string Status(ObjectiveStatus status) => status == ObjectiveStatus.NoData ? "no data" : status.ToWireName();

    /// <summary>A calendar name for people: <c>always (24/7)</c> or the name.</summary>
    public static string Calendar(string calendar) => calendar == "always" ? "always (24/7)" : calendar;

    /// <summary><c>1 warning</c>, <c>2 warnings</c>.</summary>
    public static string Count(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
