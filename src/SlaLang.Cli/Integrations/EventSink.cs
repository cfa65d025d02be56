using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SlaLang.Runtime;

namespace SlaLang.Cli.Integrations;

/// <summary>
/// Canonical events (docs/language.md §6) written by an importer, in time order, and the warnings about records it could not map
/// (each with the source record's id). Events go through <see cref="ReportNames.FormatTime"/>, so they read back exactly.
/// </summary>
internal sealed class EventSink
{
    private readonly List<(Instant At, int Order, string Line)> _events = [];

    /// <summary>What could not be mapped or read, by source record.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Events written so far.</summary>
    public int Count => _events.Count;

    public void Warn(string source, string record, string message) => Warnings.Add($"{source} {record}: {message}");

    public void Add(OffsetDateTime time, string kind, params (string Name, object? Value)[] fields)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("time", ReportNames.FormatTime(time));
            w.WriteString("kind", kind);
            foreach (var (name, value) in fields)
            {
                switch (value)
                {
                    case null:
                        break;
                    case string s:
                        w.WriteString(name, s);
                        break;
                    case long n:
                        w.WriteNumber(name, n);
                        break;
                    case bool b:
                        w.WriteBoolean(name, b);
                        break;
                    case OffsetDateTime t:
                        w.WriteString(name, ReportNames.FormatTime(t));
                        break;
                }
            }
            w.WriteEndObject();
        }
        _events.Add((time.ToInstant(), _events.Count, System.Text.Encoding.UTF8.GetString(stream.ToArray())));
    }

    /// <summary>The events as JSON Lines, by time (ties in the order written).</summary>
    public void WriteTo(TextWriter writer)
    {
        foreach (var (_, _, line) in _events.OrderBy(e => e.At).ThenBy(e => e.Order))
        {
            writer.Write(line);
            writer.Write('\n');
        }
    }

    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HHmm>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern UtcPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss");

    /// <summary>
    /// A tool's timestamp: ISO 8601 with an offset (<c>Z</c>, <c>+01:00</c>, or Jira's <c>+0100</c>), or ServiceNow's
    /// <c>2026-01-05 10:00:00</c>, which the Table API gives in UTC. Null when it is none of these.
    /// </summary>
    public static OffsetDateTime? Time(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        foreach (var pattern in OffsetPatterns)
        {
            if (pattern.Parse(text) is { Success: true } parsed)
            {
                return parsed.Value;
            }
        }
        return UtcPattern.Parse(text) is { Success: true } utc ? utc.Value.WithOffset(Offset.Zero) : null;
    }

    /// <summary>Seconds since the Unix epoch (Prometheus sample times), in UTC.</summary>
    public static OffsetDateTime FromUnix(decimal seconds) =>
        Instant.FromUnixTimeTicks((long)(seconds * NodaConstants.TicksPerSecond)).WithOffset(Offset.Zero);

    /// <summary>A JSON value as text: a string, a number, or ServiceNow's <c>{"display_value": …, "value": …}</c> (the display value).</summary>
    public static string? Text(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value))
        {
            return null;
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.Object when value.TryGetProperty("display_value", out var display) && display.ValueKind == JsonValueKind.String => display.GetString(),
            JsonValueKind.Object when value.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String => name.GetString(),
            JsonValueKind.Object when value.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.String => summary.GetString(),
            _ => null,
        };
    }

    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
