using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace SlaLang.Runtime;

/// <summary>Wire names of report enums.</summary>
public static class ReportNames
{
    /// <summary><c>met</c>, <c>breached</c>, <c>pending</c>, <c>no_data</c>.</summary>
    public static string ToWireName(this ObjectiveStatus s) => s switch
    {
        ObjectiveStatus.Met => "met",
        ObjectiveStatus.Breached => "breached",
        ObjectiveStatus.Pending => "pending",
        _ => "no_data",
    };

    /// <summary><c>met</c>, <c>missed</c>, <c>pending</c>.</summary>
    public static string ToWireName(this ObligationStatus s) => s switch
    {
        ObligationStatus.Met => "met",
        ObligationStatus.Missed => "missed",
        _ => "pending",
    };

    /// <summary><c>percent</c>, <c>seconds</c>, <c>count</c>, <c>score</c>.</summary>
    public static string ToWireName(this IndicatorUnit u) => u switch
    {
        IndicatorUnit.Percent => "percent",
        IndicatorUnit.Seconds => "seconds",
        IndicatorUnit.Count => "count",
        _ => "score",
    };

    private static readonly OffsetDateTimePattern Pattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");

    private static readonly OffsetDateTimePattern PatternWithOffsetSeconds =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm:ss>");

    /// <summary>
    /// ISO 8601 with the offset written <c>+02:00</c> (fraction only when non-zero). An offset with seconds (local mean
    /// time in old tz data: Paris was +00:09:21 until 1911) keeps them, so the text reads back as the same instant.
    /// </summary>
    public static string FormatTime(OffsetDateTime t) =>
        (t.Offset.Seconds % 60 == 0 ? Pattern : PatternWithOffsetSeconds).Format(t);

    /// <summary>A decimal without trailing zeros (1.500 → 1.5); integers stay integers.</summary>
    public static decimal Normalize(decimal d) => d / 1.0000000000000000000000000000m;
}

/// <summary>Writes a <see cref="SlaReport"/> as the JSON of LANGUAGE.md §7 (values exact decimals, not rounded).</summary>
public static class ReportJsonWriter
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/> (UTF-8, indented when asked).</summary>
    public static void Write(SlaReport report, Stream stream, bool indented = true, Action<Utf8JsonWriter>? more = null)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Write(report, w, more);
    }

    /// <summary>The report as a JSON string; <paramref name="more"/> writes further properties of the report object.</summary>
    public static string ToJson(SlaReport report, bool indented = true, Action<Utf8JsonWriter>? more = null)
    {
        using var ms = new MemoryStream();
        Write(report, ms, indented, more);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Writes <paramref name="report"/> with <paramref name="w"/>; <paramref name="more"/> writes further properties (explanations).</summary>
    public static void Write(SlaReport report, Utf8JsonWriter w, Action<Utf8JsonWriter>? more = null)
    {
        w.WriteStartObject();
        w.WriteString("contract", report.Contract);
        w.WriteString("asOf", ReportNames.FormatTime(report.AsOf));
        w.WriteStartArray("objectives");
        foreach (var o in report.Objectives)
        {
            w.WriteStartObject();
            w.WriteString("service", o.Service);
            w.WriteString("objective", o.Objective);
            WritePeriod(w, o.Period);
            WriteDecimal(w, "value", o.Value);
            w.WriteString("unit", o.Unit.ToWireName());
            w.WriteString("target", o.Target);
            w.WriteString("calendar", o.Calendar);
            w.WriteString("status", o.Status.ToWireName());
            w.WriteBoolean("atRisk", o.AtRisk);
            if (o.Budget is { } b)
            {
                w.WriteStartObject("budget");
                w.WriteNumber("allowedSeconds", ReportNames.Normalize(b.AllowedSeconds));
                WriteDecimal(w, "consumed", b.Consumed);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("credits");
        foreach (var c in report.Credits)
        {
            w.WriteStartObject();
            w.WriteString("service", c.Service);
            w.WriteString("penalty", c.Penalty);
            w.WriteString("objective", c.Objective);
            WritePeriod(w, c.Period);
            w.WriteNumber("rate", ReportNames.Normalize(c.Rate));
            w.WriteNumber("amount", c.Amount);
            w.WriteString("currency", c.Currency);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("escalations");
        foreach (var e in report.Escalations)
        {
            w.WriteStartObject();
            w.WriteString("escalation", e.Escalation);
            w.WriteString("incident", e.Incident);
            w.WriteNumber("level", e.Level);
            w.WriteString("notify", e.Notify);
            w.WriteString("at", ReportNames.FormatTime(e.At));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("obligations");
        foreach (var o in report.Obligations)
        {
            w.WriteStartObject();
            w.WriteString("obligation", o.Obligation);
            WritePeriod(w, o.Period);
            w.WriteString("due", o.Due is { } due ? ReportNames.FormatTime(due) : null);
            w.WriteString("status", o.Status.ToWireName());
            w.WriteString("fulfilledAt", o.FulfilledAt is { } f ? ReportNames.FormatTime(f) : null);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("warnings");
        foreach (var warning in report.Warnings)
        {
            w.WriteStartObject();
            w.WriteString("code", warning.Code);
            w.WriteNumber("line", warning.Line);
            w.WriteString("message", warning.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (report.Input is { } input)
        {
            w.WriteStartObject("input");
            w.WriteNumber("linesRead", input.LinesRead);
            w.WriteNumber("eventsRead", input.EventsRead);
            w.WriteNumber("eventsUsed", input.EventsUsed);
            w.WriteNumber("duplicates", input.Duplicates);
            w.WriteNumber("malformedLines", input.MalformedLines);
            w.WriteEndObject();
        }
        more?.Invoke(w);
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteDecimal(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, ReportNames.Normalize(v));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WritePeriod(Utf8JsonWriter w, PeriodBounds p)
    {
        w.WriteStartObject("period");
        w.WriteString("start", ReportNames.FormatTime(p.Start));
        w.WriteString("end", ReportNames.FormatTime(p.End));
        w.WriteEndObject();
    }
}
