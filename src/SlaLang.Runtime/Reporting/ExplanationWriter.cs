using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace SlaLang.Runtime;

/// <summary>Writes explanations (LANGUAGE.md §10) as JSON, plain text or Markdown.</summary>
public static class ExplanationWriter
{
    /// <summary>The explanations as a JSON array (exact decimals; instants as in reports).</summary>
    public static void WriteJson(IReadOnlyList<ObjectiveExplanation> explanations, Utf8JsonWriter w, DateTimeZone zone)
    {
        w.WriteStartArray();
        foreach (var e in explanations)
        {
            var r = e.Result;
            w.WriteStartObject();
            w.WriteString("service", r.Service);
            w.WriteString("objective", r.Objective);
            if (e.ClauseLocation is not null)
            {
                w.WriteString("clause", e.ClauseLocation);
                w.WriteString("clauseText", e.Clause);
            }
            w.WriteStartObject("period");
            w.WriteString("start", ReportNames.FormatTime(r.Period.Start));
            w.WriteString("end", ReportNames.FormatTime(r.Period.End));
            w.WriteString("localDates", PeriodText(r.Period));
            w.WriteEndObject();
            w.WriteString("calendar", r.Calendar);
            w.WriteString("indicator", e.Indicator);
            w.WriteString("formula", e.Formula);
            Number(w, "numerator", e.Numerator);
            Number(w, "denominator", e.Denominator);
            if (r.Value is { } v)
            {
                Number(w, "value", v);
            }
            else
            {
                w.WriteNull("value");
            }
            w.WriteString("unit", r.Unit.ToWireName());
            w.WriteString("target", r.Target);
            w.WriteString("status", r.Status.ToWireName());
            w.WriteBoolean("atRisk", r.AtRisk);
            if (e.ScheduledSeconds is { } sched)
            {
                w.WriteStartObject("time");
                Number(w, "scheduledSeconds", sched);
                Number(w, "maintenanceExcludedSeconds", e.MaintenanceSeconds ?? 0);
                Number(w, "closedHoursSeconds", e.ClosedSeconds ?? 0);
                w.WriteEndObject();
            }
            w.WriteStartArray("contributions");
            foreach (var c in e.Contributions)
            {
                w.WriteStartObject();
                w.WriteString("id", c.Id);
                w.WriteString("kind", c.Kind);
                w.WriteStartArray("intervals");
                foreach (var i in c.Intervals)
                {
                    w.WriteStartObject();
                    w.WriteString("start", ReportNames.FormatTime(i.Start.InZone(zone).ToOffsetDateTime()));
                    w.WriteString("end", ReportNames.FormatTime(i.End.InZone(zone).ToOffsetDateTime()));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                Number(w, "seconds", c.Seconds);
                Number(w, "numerator", c.Numerator);
                Number(w, "denominator", c.Denominator);
                w.WriteStartArray("lines");
                foreach (var line in c.Lines)
                {
                    w.WriteNumberValue(line);
                }
                w.WriteEndArray();
                w.WriteString("note", c.Note);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("credits");
            foreach (var c in e.Credits)
            {
                w.WriteStartObject();
                w.WriteString("penalty", c.Penalty);
                w.WriteString("base", c.BaseIsFee ? "fee" : "fixed");
                w.WriteStartArray("months");
                foreach (var m in c.Months)
                {
                    w.WriteStartObject();
                    w.WriteString("month", $"{m.Year:0000}-{m.Month:00}");
                    Number(w, "monthlyFee", m.MonthlyFee);
                    Number(w, "daysInside", m.DaysInside);
                    w.WriteNumber("daysInMonth", m.DaysInMonth);
                    Number(w, "amount", m.Amount);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                Number(w, "baseAmount", c.Base);
                if (c.Tier is not null)
                {
                    w.WriteString("tier", c.Tier);
                }
                if (c.Steps is { } steps)
                {
                    Number(w, "shortfall", c.Shortfall!.Value);
                    Number(w, "step", c.StepSize!.Value);
                    Number(w, "steps", steps);
                    Number(w, "creditPerStep", c.StepCredit!.Value);
                }
                Number(w, "rateBeforeCap", c.RateBeforeCap);
                if (c.Cap is { } cap)
                {
                    Number(w, "cap", cap);
                }
                Number(w, "rate", c.Rate);
                Number(w, "unrounded", c.Unrounded);
                w.WriteNumber("amount", c.Amount);
                w.WriteString("currency", c.Currency);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>The explanations as a JSON document (indented).</summary>
    public static string ToJson(IReadOnlyList<ObjectiveExplanation> explanations, DateTimeZone zone)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(explanations, w, zone);
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>The explanations as text, or as Markdown when <paramref name="markdown"/> (a PR comment, a dispute file).</summary>
    public static string ToText(IReadOnlyList<ObjectiveExplanation> explanations, DateTimeZone zone, string eventsName, bool markdown)
    {
        var sb = new StringBuilder();
        if (explanations.Count == 0)
        {
            sb.AppendLine("No period to explain: nothing is breached or at risk (ask for one with --objective and --period).");
            return sb.ToString();
        }
        foreach (var e in explanations)
        {
            var r = e.Result;
            var status = r.Status == ObjectiveStatus.NoData ? "no data" : r.Status.ToWireName() + (r.AtRisk ? " (at risk)" : "");
            sb.AppendLine(markdown ? $"### {r.Service}.{r.Objective}, {PeriodText(r.Period)}: {status}" : $"{r.Service}.{r.Objective}, {PeriodText(r.Period)}: {status}");
            sb.AppendLine();
            if (e.ClauseLocation is not null)
            {
                sb.AppendLine(markdown ? $"Clause ({e.ClauseLocation}):" : $"  clause ({e.ClauseLocation}):");
                sb.AppendLine(markdown ? $"```sla\n{e.Clause}\n```" : Indent(e.Clause ?? "", "    "));
            }
            Item(sb, markdown, $"period {PeriodText(r.Period)}, measured in calendar {(r.Calendar == "always" ? "always (24/7)" : r.Calendar)}");
            Item(sb, markdown, $"{(markdown ? "`" + e.Formula + "`" : e.Formula)}; target {r.Target}: {status}");
            if (e.ScheduledSeconds is { } sched)
            {
                Item(sb, markdown, $"scheduled {Text(sched)} s; excluded: {Text(e.MaintenanceSeconds ?? 0)} s of maintenance, {Text(e.ClosedSeconds ?? 0)} s of closed hours");
            }
            Item(sb, markdown, e.Contributions.Count == 0 ? "no contributing event" : $"{e.Contributions.Count} contribution(s), adding up to {Text(e.Numerator)}" + (e.Denominator != 0 && e.ScheduledSeconds is null ? $" / {Text(e.Denominator)}" : ""));
            foreach (var c in e.Contributions)
            {
                var lines = c.Lines.Count == 0 ? "" : $" ({eventsName}:{string.Join(", ", c.Lines)})";
                var intervals = c.Kind is "outage" ? " " + string.Join(", ", c.Intervals.Select(i => $"[{Local(i.Start, zone)} – {Local(i.End, zone)})")) : "";
                sb.AppendLine($"{(markdown ? "  - " : "      ")}{c.Kind} {c.Id}:{intervals} {c.Note}; counts {Text(c.Numerator)}{(c.Denominator != 0 ? " / " + Text(c.Denominator) : "")}{lines}");
            }
            foreach (var c in e.Credits)
            {
                var months = string.Join(" + ", c.Months.Select(m => $"{Text(m.MonthlyFee)} × {Text(m.DaysInside)} / {m.DaysInMonth}"));
                var rate = c.Tier ?? "";
                if (c.Steps is { } steps)
                {
                    rate += (rate.Length > 0 ? " plus " : "") + $"ceil(shortfall {ReportNames.Quantity(c.Shortfall!.Value, e.Result.Unit)} / step {ReportNames.Quantity(c.StepSize!.Value, e.Result.Unit)}) = {Text(steps)} step(s) × {Text(c.StepCredit!.Value)}%";
                }
                var cap = c.Cap is { } capPercent ? $", cap {Text(capPercent)}%" : "";
                Item(sb, markdown, $"credit {c.Penalty}: base {(c.BaseIsFee ? months + " = " : "")}{Text(c.Base)} {c.Currency}; rate {rate} = {Text(c.RateBeforeCap)}%{cap} → {Text(c.Rate)}%; "
                    + $"{Text(c.Base)} × {Text(c.Rate)}% = {Text(c.Unrounded)}, rounded half away from zero to {c.Amount.ToString(CultureInfo.InvariantCulture)} {c.Currency}");
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static void Item(StringBuilder sb, bool markdown, string text) => sb.AppendLine((markdown ? "- " : "  ") + text);

    private static string Indent(string text, string prefix) => string.Join("\n", text.Split('\n').Select(l => prefix + l));

    private static void Number(Utf8JsonWriter w, string name, decimal value) => w.WriteNumber(name, ReportNames.Normalize(value));

    private static string Text(decimal value) => ReportNames.Normalize(value).ToString(CultureInfo.InvariantCulture);

    private static string Local(Instant t, DateTimeZone zone) => t.InZone(zone).LocalDateTime.ToString("uuuu-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A period as inclusive local dates (<c>2026-01-01 – 2026-01-31</c>); bounds off midnight keep their times.</summary>
    public static string PeriodText(PeriodBounds period)
    {
        if (period.Start.TimeOfDay == LocalTime.Midnight && period.End.TimeOfDay == LocalTime.Midnight)
        {
            var last = period.End.Date.PlusDays(-1);
            return last <= period.Start.Date
                ? period.Start.Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)
                : $"{period.Start.Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)} – {last.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)}";
        }
        return $"{period.Start.LocalDateTime.ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture)} – {period.End.LocalDateTime.ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture)} (end excluded)";
    }
}
