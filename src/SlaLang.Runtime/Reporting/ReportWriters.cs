using System.Globalization;
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
    public static string FormatTime(OffsetDateTime t)
    {
        Span<char> buffer = stackalloc char[MaxTimeLength];
        return TryFormatTime(t, buffer, out var written) ? new string(buffer[..written]) : SlowFormatTime(t);
    }

    /// <summary>The longest text <see cref="TryFormatTime"/> writes.</summary>
    internal const int MaxTimeLength = 35;

    /// <summary>
    /// Writes <see cref="FormatTime"/>'s text into <paramref name="destination"/> without allocating (reports list hundreds of
    /// thousands of times); false for what only the general pattern writes (years outside 0001–9999, offsets with seconds).
    /// </summary>
    internal static bool TryFormatTime(OffsetDateTime t, Span<char> destination, out int written)
    {
        written = 0;
        var offset = t.Offset.Seconds;
        var year = t.Year;
        if (offset % 60 != 0 || year < 1 || year > 9999 || destination.Length < MaxTimeLength)
        {
            return false;
        }
        Digits(destination, 0, year, 4);
        destination[4] = '-';
        Digits(destination, 5, t.Month, 2);
        destination[7] = '-';
        Digits(destination, 8, t.Day, 2);
        destination[10] = 'T';
        Digits(destination, 11, t.Hour, 2);
        destination[13] = ':';
        Digits(destination, 14, t.Minute, 2);
        destination[16] = ':';
        Digits(destination, 17, t.Second, 2);
        var at = 19;
        var nanos = t.NanosecondOfSecond;
        if (nanos != 0)
        {
            destination[at++] = '.';
            var digits = 9;
            while (nanos % 10 == 0)
            {
                nanos /= 10;
                digits--;
            }
            Digits(destination, at, nanos, digits);
            at += digits;
        }
        destination[at++] = offset < 0 ? '-' : '+';
        var minutes = Math.Abs(offset) / 60;
        Digits(destination, at, minutes / 60, 2);
        destination[at + 2] = ':';
        Digits(destination, at + 3, minutes % 60, 2);
        written = at + 5;
        return true;
    }

    private static void Digits(Span<char> destination, int at, int value, int count)
    {
        for (var k = count - 1; k >= 0; k--)
        {
            destination[at + k] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>The general pattern: every year NodaTime writes, and offsets with seconds.</summary>
    internal static string SlowFormatTime(OffsetDateTime t) =>
        (t.Offset.Seconds % 60 == 0 ? Pattern : PatternWithOffsetSeconds).Format(t);

    /// <summary>A decimal without trailing zeros (1.500 → 1.5); integers stay integers.</summary>
    public static decimal Normalize(decimal d) => d / 1.0000000000000000000000000000m;

    /// <summary>
    /// A threshold or step in an indicator's unit, exactly and as a contract writes it: <c>99.5%</c>, <c>1h30min</c> (whole
    /// seconds; a fraction is written <c>12.5 s</c>), <c>4</c>.
    /// </summary>
    public static string Quantity(decimal value, IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Percent => Normalize(value).ToString(CultureInfo.InvariantCulture) + "%",
        IndicatorUnit.Seconds when value == decimal.Truncate(value) && Math.Abs(value) < 1_000_000_000_000m => SlaDuration.Format(Duration.FromSeconds((long)value)),
        IndicatorUnit.Seconds => Normalize(value).ToString(CultureInfo.InvariantCulture) + " s",
        _ => Normalize(value).ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>Writes a <see cref="SlaReport"/> as the JSON of LANGUAGE.md §7 (values exact decimals, not rounded).</summary>
public static class ReportJsonWriter
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/> (UTF-8, indented when asked).</summary>
    public static void Write(SlaReport report, Stream stream, bool indented = true, Action<Utf8JsonWriter>? more = null)
    {
        using var w = new Utf8JsonWriter(stream, Options(indented));
        Write(report, w, more);
    }

    /// <summary>Writes <paramref name="report"/> into <paramref name="output"/> (a pipe, such as an HTTP response's body writer), as
    /// <see cref="Write(SlaReport, Stream, bool, Action{Utf8JsonWriter}?)"/> does.</summary>
    public static void Write(SlaReport report, System.Buffers.IBufferWriter<byte> output, bool indented = true, Action<Utf8JsonWriter>? more = null)
    {
        using var w = new Utf8JsonWriter(output, Options(indented));
        Write(report, w, more);
    }

    private static JsonWriterOptions Options(bool indented) =>
        new() { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The report as a JSON string; <paramref name="more"/> writes further properties of the report object.</summary>
    public static string ToJson(SlaReport report, bool indented = true, Action<Utf8JsonWriter>? more = null)
    {
        using var ms = new MemoryStream();
        Write(report, ms, indented, more);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Writes <paramref name="report"/> with <paramref name="w"/>; <paramref name="more"/> writes further properties (explanations).</summary>
    // Property names encoded once: a report of a large log writes them hundreds of thousands of times.
    private static readonly JsonEncodedText PContract = JsonEncodedText.Encode("contract");
    private static readonly JsonEncodedText PAsOf = JsonEncodedText.Encode("asOf");
    private static readonly JsonEncodedText PObjectives = JsonEncodedText.Encode("objectives");
    private static readonly JsonEncodedText PService = JsonEncodedText.Encode("service");
    private static readonly JsonEncodedText PObjective = JsonEncodedText.Encode("objective");
    private static readonly JsonEncodedText PValue = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText PUnit = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText PTarget = JsonEncodedText.Encode("target");
    private static readonly JsonEncodedText PCalendar = JsonEncodedText.Encode("calendar");
    private static readonly JsonEncodedText PStatus = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText PAtRisk = JsonEncodedText.Encode("atRisk");
    private static readonly JsonEncodedText PBudget = JsonEncodedText.Encode("budget");
    private static readonly JsonEncodedText PAllowedSeconds = JsonEncodedText.Encode("allowedSeconds");
    private static readonly JsonEncodedText PConsumed = JsonEncodedText.Encode("consumed");
    private static readonly JsonEncodedText PCredits = JsonEncodedText.Encode("credits");
    private static readonly JsonEncodedText PPenalty = JsonEncodedText.Encode("penalty");
    private static readonly JsonEncodedText PRate = JsonEncodedText.Encode("rate");
    private static readonly JsonEncodedText PAmount = JsonEncodedText.Encode("amount");
    private static readonly JsonEncodedText PCurrency = JsonEncodedText.Encode("currency");
    private static readonly JsonEncodedText PEscalations = JsonEncodedText.Encode("escalations");
    private static readonly JsonEncodedText PEscalation = JsonEncodedText.Encode("escalation");
    private static readonly JsonEncodedText PIncident = JsonEncodedText.Encode("incident");
    private static readonly JsonEncodedText PLevel = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText PNotify = JsonEncodedText.Encode("notify");
    private static readonly JsonEncodedText PAt = JsonEncodedText.Encode("at");
    private static readonly JsonEncodedText PObligations = JsonEncodedText.Encode("obligations");
    private static readonly JsonEncodedText PObligation = JsonEncodedText.Encode("obligation");
    private static readonly JsonEncodedText PDue = JsonEncodedText.Encode("due");
    private static readonly JsonEncodedText PFulfilledAt = JsonEncodedText.Encode("fulfilledAt");
    private static readonly JsonEncodedText PWarnings = JsonEncodedText.Encode("warnings");
    private static readonly JsonEncodedText PCode = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText PLine = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText PMessage = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText PInput = JsonEncodedText.Encode("input");
    private static readonly JsonEncodedText PLinesRead = JsonEncodedText.Encode("linesRead");
    private static readonly JsonEncodedText PEventsRead = JsonEncodedText.Encode("eventsRead");
    private static readonly JsonEncodedText PEventsUsed = JsonEncodedText.Encode("eventsUsed");
    private static readonly JsonEncodedText PDuplicates = JsonEncodedText.Encode("duplicates");
    private static readonly JsonEncodedText PMalformedLines = JsonEncodedText.Encode("malformedLines");
    private static readonly JsonEncodedText PPeriod = JsonEncodedText.Encode("period");
    private static readonly JsonEncodedText PStart = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText PEnd = JsonEncodedText.Encode("end");

    public static void Write(SlaReport report, Utf8JsonWriter w, Action<Utf8JsonWriter>? more = null)
    {
        w.WriteStartObject();
        w.WriteString(PContract, report.Contract);
        WriteTime(w, PAsOf, report.AsOf);
        w.WriteStartArray(PObjectives);
        foreach (var o in report.Objectives)
        {
            w.WriteStartObject();
            w.WriteString(PService, o.Service);
            w.WriteString(PObjective, o.Objective);
            WritePeriod(w, o.Period);
            WriteDecimal(w, PValue, o.Value);
            w.WriteString(PUnit, o.Unit.ToWireName());
            w.WriteString(PTarget, o.Target);
            w.WriteString(PCalendar, o.Calendar);
            w.WriteString(PStatus, o.Status.ToWireName());
            w.WriteBoolean(PAtRisk, o.AtRisk);
            if (o.Budget is { } b)
            {
                w.WriteStartObject(PBudget);
                w.WriteNumber(PAllowedSeconds, ReportNames.Normalize(b.AllowedSeconds));
                WriteDecimal(w, PConsumed, b.Consumed);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            FlushSometimes(w);
        }
        w.WriteEndArray();
        w.WriteStartArray(PCredits);
        foreach (var c in report.Credits)
        {
            w.WriteStartObject();
            w.WriteString(PService, c.Service);
            w.WriteString(PPenalty, c.Penalty);
            w.WriteString(PObjective, c.Objective);
            WritePeriod(w, c.Period);
            w.WriteNumber(PRate, ReportNames.Normalize(c.Rate));
            w.WriteNumber(PAmount, c.Amount);
            w.WriteString(PCurrency, c.Currency);
            w.WriteEndObject();
            FlushSometimes(w);
        }
        w.WriteEndArray();
        w.WriteStartArray(PEscalations);
        foreach (var e in report.Escalations)
        {
            w.WriteStartObject();
            w.WriteString(PEscalation, e.Escalation);
            w.WriteString(PIncident, e.Incident);
            w.WriteNumber(PLevel, e.Level);
            w.WriteString(PNotify, e.Notify);
            WriteTime(w, PAt, e.At);
            w.WriteEndObject();
            FlushSometimes(w);
        }
        w.WriteEndArray();
        w.WriteStartArray(PObligations);
        foreach (var o in report.Obligations)
        {
            w.WriteStartObject();
            w.WriteString(PObligation, o.Obligation);
            WritePeriod(w, o.Period);
            WriteTime(w, PDue, o.Due);
            w.WriteString(PStatus, o.Status.ToWireName());
            WriteTime(w, PFulfilledAt, o.FulfilledAt);
            w.WriteEndObject();
            FlushSometimes(w);
        }
        w.WriteEndArray();
        w.WriteStartArray(PWarnings);
        foreach (var warning in report.Warnings)
        {
            w.WriteStartObject();
            w.WriteString(PCode, warning.Code);
            w.WriteNumber(PLine, warning.Line);
            w.WriteString(PMessage, warning.Message);
            w.WriteEndObject();
            FlushSometimes(w);
        }
        w.WriteEndArray();
        if (report.Input is { } input)
        {
            w.WriteStartObject(PInput);
            w.WriteNumber(PLinesRead, input.LinesRead);
            w.WriteNumber(PEventsRead, input.EventsRead);
            w.WriteNumber(PEventsUsed, input.EventsUsed);
            w.WriteNumber(PDuplicates, input.Duplicates);
            w.WriteNumber(PMalformedLines, input.MalformedLines);
            w.WriteEndObject();
        }
        more?.Invoke(w);
        w.WriteEndObject();
        w.Flush();
    }

    /// <summary>Hands the pending bytes to the stream every 64 KiB, so that a large report streams out instead of being
    /// held whole in the writer's buffer (a string target flushes into its memory stream all the same).</summary>
    private static void FlushSometimes(Utf8JsonWriter w)
    {
        if (w.BytesPending > 1 << 16)
        {
            w.Flush();
        }
    }

    private static void WriteTime(Utf8JsonWriter w, JsonEncodedText name, OffsetDateTime? time)
    {
        if (time is not { } t)
        {
            w.WriteNull(name);
            return;
        }
        Span<char> buffer = stackalloc char[ReportNames.MaxTimeLength];
        if (ReportNames.TryFormatTime(t, buffer, out var written))
        {
            w.WriteString(name, buffer[..written]);
        }
        else
        {
            w.WriteString(name, ReportNames.SlowFormatTime(t));
        }
    }

    private static void WriteDecimal(Utf8JsonWriter w, JsonEncodedText name, decimal? value)
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
        w.WriteStartObject(PPeriod);
        WriteTime(w, PStart, p.Start);
        WriteTime(w, PEnd, p.End);
        w.WriteEndObject();
    }
}
