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
    /// <summary>
    /// Writes the tables to <paramref name="writer"/> (no colours or ANSI codes: the output may be a file or a pipe). Periods are
    /// inclusive local dates, dues the last day they can still be met on, each figure with the calendar that measured it; the
    /// event log's data-quality warnings are grouped by code with their lines (<paramref name="eventsName"/> names the log).
    /// </summary>
    public static void Write(SlaReport report, TextWriter writer, string eventsName = "events", int rowsPerTable = RowsPerTable)
    {
        var console = PlainConsole(writer);
        // A terminal gets its own width; a file or a pipe gets a fixed, wide layout (stable output for scripts and tests).
        console.Profile.Width = ReferenceEquals(writer, Console.Out) && TerminalWidth() is { } width ? width : 160;

        var breached = report.Objectives.Count(o => o.Status == ObjectiveStatus.Breached);
        var atRisk = report.Objectives.Count(o => o.AtRisk);
        var missed = report.Obligations.Count(o => o.Status == ObligationStatus.Missed);
        var credits = report.Credits.GroupBy(c => c.Currency, StringComparer.Ordinal)
            .Select(g => Money(g.Sum(c => c.Amount), g.Key));
        console.Write(new Spectre.Console.Text($"Contract {report.Contract} as of {Time(report.AsOf)} ({Offset(report.AsOf)})"));
        console.WriteLine();
        var summary = $"{Count(report.Objectives.Count, "objective period")}: {breached} breached, {atRisk} at risk; "
            + $"credits owed: {(report.Credits.Count == 0 ? "none" : string.Join(", ", credits))}; "
            + $"{Count(report.Escalations.Count, "escalation")}; {Count(missed, "obligation")} missed";
        if (report.Input is not null)
        {
            summary += $"; {Count(report.Warnings.Count, "data-quality warning")}";
        }
        console.Write(new Spectre.Console.Text(summary + "."));
        console.WriteLine();

        Section(console, rowsPerTable, "Objectives", ["Service", "Objective", "Period", "Calendar", "Value", "Target", "Status"],
            report.Objectives.Select(o => new[]
            {
                o.Service, o.Objective, Period(o.Period), ReportText.Calendar(o.Calendar), Value(o.Value, o.Unit), o.Target,
                Status(o.Status) + (o.AtRisk ? " (at risk)" : "") + (o.Budget is { Consumed: { } used } ? $", budget used {used * 100m:0.#}%" : ""),
            }));
        Section(console, rowsPerTable, "Credits", ["Service", "Penalty", "Objective", "Period", "Rate", "Amount"],
            report.Credits.Select(c => new[]
            {
                c.Service, c.Penalty, c.Objective, Period(c.Period), ReportNames.Normalize(c.Rate).ToString(CultureInfo.InvariantCulture) + "%", Money(c.Amount, c.Currency),
            }));
        Section(console, rowsPerTable, "Escalations", ["Escalation", "Incident", "Level", "Notify", "Reached at"],
            report.Escalations.Select(e => new[] { e.Escalation, e.Incident, e.Level.ToString(CultureInfo.InvariantCulture), e.Notify, Time(e.At) }));
        Section(console, rowsPerTable, "Obligations", ["Obligation", "Period", "Due by", "Status", "Fulfilled at"],
            report.Obligations.Select(o => new[] { o.Obligation, Period(o.Period), o.Due is { } due ? DueBy(due) : "never due", o.Status.ToWireName(), o.FulfilledAt is { } f ? Time(f) : "-" }));
        if (report.Input is { } input)
        {
            WriteInput(console, input, eventsName);
            WriteWarnings(console, report.Warnings, eventsName);
        }
    }

    /// <summary>A console writing plain text to <paramref name="writer"/>: no colours, no ANSI codes, no interaction.</summary>
    private static IAnsiConsole PlainConsole(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    private static void WriteInput(IAnsiConsole console, InputSummary input, string eventsName)
    {
        console.WriteLine();
        console.Write(new Spectre.Console.Text($"Input {eventsName}: {Count(input.LinesRead, "line")} read, {Count(input.EventsRead, "event")}, "
            + $"{input.EventsUsed} used, {Count(input.Duplicates, "duplicate")}, {Count(input.MalformedLines, "malformed line")}."));
        console.WriteLine();
    }

    /// <summary>The warnings grouped by code: how many, and the lines (the first ten of each group).</summary>
    private static void WriteWarnings(IAnsiConsole console, IReadOnlyList<DataWarning> warnings, string eventsName)
    {
        console.WriteLine();
        if (warnings.Count == 0)
        {
            console.Write(new Spectre.Console.Text("Data quality: no warnings."));
            console.WriteLine();
            return;
        }
        console.Write(new Spectre.Console.Text($"Data quality: {Count(warnings.Count, "warning")}"));
        console.WriteLine();
        foreach (var group in warnings.GroupBy(w => w.Code, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = group.ToList();
            var lines = string.Join(", ", list.Take(10).Select(w => w.Line.ToString(CultureInfo.InvariantCulture))) + (list.Count > 10 ? ", …" : "");
            console.Write(new Spectre.Console.Text($"  {group.Key} {WarningTitle(group.Key)}: {list.Count} ({eventsName} line{(list.Count == 1 ? "" : "s")} {lines})"));
            console.WriteLine();
            foreach (var warning in list.Take(3))
            {
                console.Write(new Spectre.Console.Text($"    {eventsName}:{warning.Line}: {warning.Message}"));
                console.WriteLine();
            }
        }
    }

    private static string WarningTitle(string code) => code switch
    {
        EventAudit.Codes.MalformedLine => "malformed line",
        EventAudit.Codes.UnknownService => "service not declared",
        EventAudit.Codes.UnknownSeverity => "severity not declared",
        EventAudit.Codes.UnknownObligation => "no such obligation",
        EventAudit.Codes.NeverOpened => "incident never opened",
        EventAudit.Codes.EndWithoutStart => "end without a start",
        EventAudit.Codes.UnassignedFulfilment => "fulfilment no period takes",
        _ => "warning",
    };

    private static string Status(ObjectiveStatus status) => ReportText.Status(status);

    private static string Count(long count, string noun) => ReportText.Count(count, noun);

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

    /// <summary>Rows of a section rendered as one table; a longer section (a large log's escalations) goes out in tables of this
    /// many rows, so that printing it holds one such table, not all of them.</summary>
    internal const int RowsPerTable = 1000;

    /// <summary>
    /// A titled table of <paramref name="rows"/> (enumerated twice). Past <paramref name="rowsPerTable"/> rows the table
    /// is rendered in pieces with the column widths of the whole, each piece cut to its rows (title, top border, header and
    /// rule kept only by the first, the bottom border only by the last): the same text as one table, without a 277,000-row
    /// table held in memory (1.4 GB for a 10M-event log's escalations).
    /// </summary>
    private static void Section(IAnsiConsole console, int rowsPerTable, string title, string[] columns, IEnumerable<string[]> rows)
    {
        console.WriteLine();
        var options = RenderOptions.Create(console);
        int Width(string cell) => ((IRenderable)new Spectre.Console.Text(cell)).Measure(options, int.MaxValue).Max;
        var widths = columns.Select(Width).ToArray();
        var count = 0;
        foreach (var row in rows)
        {
            count++;
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], Width(row[i]));
            }
        }
        if (count == 0)
        {
            console.Write(new Spectre.Console.Text($"{title}: none"));
            console.WriteLine();
            return;
        }
        // Each column is its widest cell plus a space either side, and a border character between and around them.
        if (count <= rowsPerTable || widths.Sum() + 3 * widths.Length + 1 > console.Profile.Width)
        {
            console.Write(Table(title, columns, rows, null));
            return;
        }
        var piece = new StringWriter();
        var pieces = PlainConsole(piece);
        pieces.Profile.Width = console.Profile.Width;
        var done = 0;
        foreach (var chunk in rows.Chunk(rowsPerTable))
        {
            piece.GetStringBuilder().Clear();
            pieces.Write(Table(title, columns, chunk, widths));
            var text = piece.ToString();
            var from = 0;
            if (done > 0)
            {
                for (var line = 0; line < 4; line++) // title, top border, header, rule
                {
                    from = text.IndexOf('\n', from) + 1;
                }
            }
            done += chunk.Length;
            // Every piece but the last loses its bottom border: the last line, the text ending with a line break.
            var to = done < count ? text.LastIndexOf('\n', text.Length - 2) + 1 : text.Length;
            console.Profile.Out.Writer.Write(text.AsSpan(from, to - from));
        }
    }

    private static Table Table(string title, string[] columns, IEnumerable<string[]> rows, int[]? widths)
    {
        var table = new Table { Border = TableBorder.Simple, Title = new TableTitle(title) };
        for (var i = 0; i < columns.Length; i++)
        {
            table.AddColumn(new TableColumn(new Spectre.Console.Text(columns[i])) { Width = widths?[i] });
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Spectre.Console.Text(cell)));
        }
        return table;
    }

    private static string Value(decimal? value, IndicatorUnit unit) => ReportText.Value(value, unit);

    private static string Money(decimal amount, string currency) => ReportText.Money(amount, currency);

    private static string Period(PeriodBounds period) => ReportText.Period(period);

    private static string DueBy(OffsetDateTime due) => ReportText.DueBy(due);

    private static string Offset(OffsetDateTime time) => ReportText.Offset(time);

    private static string Time(OffsetDateTime time) => ReportText.Time(time);
}
