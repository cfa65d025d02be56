using SlaLang.Runtime;
using System.Globalization;
using System.Text;

namespace SlaLang.LanguageServer.Handlers.Hover;

/// <summary>
/// What a percent target means in time and a credit means in money, computed exactly in <c>decimal</c>:
/// the downtime a target allows over reference periods and the amount a credit rate costs at a fee.
/// </summary>
public static class TimeMeaning
{
    private const decimal SecondsPerDay = 86_400m;

    /// <summary>The reference lengths (label, days) shown for a period unit: a month is shown as 28, 30 and 31 days.</summary>
    public static IReadOnlyList<(string Label, int Days)> ReferencePeriods(string unit, int count = 1) => unit switch
    {
        "day" => [("day", 1)],
        "week" => [("week", 7)],
        "month" => [("28-day month", 28), ("30-day month", 30), ("31-day month", 31)],
        "quarter" => [("90-day quarter", 90), ("91-day quarter", 91), ("92-day quarter", 92)],
        "year" => [("365-day year", 365), ("366-day year", 366)],
        "rolling" => [($"rolling {count} days", count)],
        "months" => [($"{count} months of {count * 28} days", count * 28), ($"{count} months of {count * 31} days", count * 31)],
        _ => [],
    };

    /// <summary>Seconds of downtime allowed by <paramref name="targetPercent"/> availability over <paramref name="days"/> days of 24 h.</summary>
    public static decimal AllowedDowntimeSeconds(decimal targetPercent, int days) =>
        days * SecondsPerDay * (100m - targetPercent) / 100m;

    /// <summary>An amount with exactly the currency's minor digits: <c>900.00 EUR</c>.</summary>
    public static string FormatMoney(decimal amount, string currency) =>
        amount.ToString("F" + Currencies.MinorUnits(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + currency;

    /// <summary>A decimal without trailing zeros: <c>1874.88</c>, <c>1814.4</c>, <c>1800</c>.</summary>
    public static string FormatDecimal(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>Seconds as days, hours, minutes and seconds: <c>31 min 14.88 s</c>, <c>8 h 45 min 36 s</c>.</summary>
    public static string FormatDuration(decimal seconds)
    {
        if (seconds <= 0)
        {
            return "0 s";
        }
        var builder = new StringBuilder();
        var days = decimal.Floor(seconds / SecondsPerDay);
        var rest = seconds - days * SecondsPerDay;
        var hours = decimal.Floor(rest / 3600m);
        rest -= hours * 3600m;
        var minutes = decimal.Floor(rest / 60m);
        rest -= minutes * 60m;
        Append(builder, days, "d");
        Append(builder, hours, "h");
        Append(builder, minutes, "min");
        Append(builder, rest, "s");
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, decimal value, string unit)
    {
        if (value == 0)
        {
            return;
        }
        if (builder.Length > 0)
        {
            builder.Append(' ');
        }
        builder.Append(FormatDecimal(value)).Append(' ').Append(unit);
    }
}
