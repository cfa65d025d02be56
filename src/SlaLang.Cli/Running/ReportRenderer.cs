using System.Globalization;
using NodaTime;
using SlaLang.Runtime;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SlaLang.Cli.Running;

/// <summary>
/// Prints a <see cref="SlaReport"/> as human tables (Spectre.Console): objectives, credits, escalations and
/// obligations, with values in readable units. Text from the contract and the events is never read as markup.
/// </summary>
internal static class ReportRenderer
{
    /// <summary>Writes the tables to <paramref name="writer"/> (no colours or ANSI codes: the output may be a file or a pipe).</summary>
    public static void Write(SlaReport report, TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // A terminal gets its own width; a file or a pipe gets a fixed, wide layout (stable output for scripts and tests).
        console.Profile.Width = ReferenceEquals(writer, Console.Out) && TerminalWidth() is { } width ? width : 160;

        var breached = report.Objectives.Count(o => o.Status == ObjectiveStatus.Breached);
        var atRisk = report.Objectives.Count(o => o.AtRisk);
        var missed = report.Obligations.Count(o => o.Status == ObligationStatus.Missed);
        var credits = report.Credits.GroupBy(c => c.Currency, StringComparer.Ordinal)
            .Select(g => Money(g.Sum(c => c.Amount), g.Key));
        console.Write(new Spectre.Console.Text($"Contract {report.Contract} as of {ReportNames.FormatTime(report.AsOf)}"));
        console.WriteLine();
        console.Write(new Spectre.Console.Text($"{report.Objectives.Count} objective periods: {breached} breached, {atRisk} at risk; "
            + $"credits owed: {(report.Credits.Count == 0 ? "none" : string.Join(", ", credits))}; "
            + $"{report.Escalations.Count} escalations; {missed} obligations missed."));
        console.WriteLine();

        Section(console, "Objectives", ["Service", "Objective", "Period", "Value", "Target", "Status"],
            report.Objectives.Select(o => new[]
            {
                o.Service, o.Objective, Period(o.Period), Value(o.Value, o.Unit), o.Target,
                o.Status.ToWireName() + (o.AtRisk ? " (at risk)" : "") + (o.Budget is { Consumed: { } used } ? $", budget used {used * 100m:0.#}%" : ""),
            }));
        Section(console, "Credits", ["Service", "Penalty", "Objective", "Period", "Rate", "Amount"],
            report.Credits.Select(c => new[]
            {
                c.Service, c.Penalty, c.Objective, Period(c.Period), ReportNames.Normalize(c.Rate).ToString(CultureInfo.InvariantCulture) + "%", Money(c.Amount, c.Currency),
            }));
        Section(console, "Escalations", ["Escalation", "Incident", "Level", "Notify", "Reached at"],
            report.Escalations.Select(e => new[] { e.Escalation, e.Incident, e.Level.ToString(CultureInfo.InvariantCulture), e.Notify, Time(e.At) }));
        Section(console, "Obligations", ["Obligation", "Period", "Due", "Status", "Fulfilled at"],
            report.Obligations.Select(o => new[] { o.Obligation, Period(o.Period), o.Due is { } due ? Time(due) : "-", o.Status.ToWireName(), o.FulfilledAt is { } f ? Time(f) : "-" }));
    }

    private static int? TerminalWidth()
    {
        try
        {
            return !Console.IsOutputRedirected && Console.WindowWidth >= 80 ? Console.WindowWidth : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void Section(IAnsiConsole console, string title, string[] columns, IEnumerable<string[]> rows)
    {
        var list = rows.ToList();
        console.WriteLine();
        if (list.Count == 0)
        {
            console.Write(new Spectre.Console.Text($"{title}: none"));
            console.WriteLine();
            return;
        }
        var table = new Table { Border = TableBorder.Simple, Title = new TableTitle(title) };
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Spectre.Console.Text(column)));
        }
        foreach (var row in list)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Spectre.Console.Text(cell)));
        }
        console.Write(table);
    }

    /// <summary>A value in its unit: <c>99.951%</c>, <c>3h 12min 5s</c>, <c>4</c>, <c>4.35</c>; <c>no data</c> when absent.</summary>
    internal static string Value(decimal? value, IndicatorUnit unit)
    {
        if (value is not { } v)
        {
            return "no data";
        }
        return unit switch
        {
            IndicatorUnit.Percent => Math.Round(v, 3, MidpointRounding.AwayFromZero).ToString("0.###", CultureInfo.InvariantCulture) + "%",
            IndicatorUnit.Seconds => DurationText(v),
            IndicatorUnit.Count => v.ToString("0.##", CultureInfo.InvariantCulture),
            _ => Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Seconds as <c>1d 3h 12min 5s</c> (whole seconds).</summary>
    internal static string DurationText(decimal seconds)
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

    private static string Money(decimal amount, string currency) => amount.ToString("#,##0.00##", CultureInfo.InvariantCulture) + " " + currency;

    private static string Period(PeriodBounds period) => $"{Time(period.Start)} .. {Time(period.End)}";

    /// <summary>A local time, written as a date alone at midnight: <c>2026-02-01</c>, <c>2026-01-05 09:30</c>.</summary>
    private static string Time(OffsetDateTime time) =>
        time.TimeOfDay == LocalTime.Midnight
            ? time.Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)
            : time.LocalDateTime.ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
