using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace SlaLang.Runtime;

/// <summary>A malformed input line: its 1-based number and what is wrong with it.</summary>
public readonly record struct EventReadError(int Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>
/// Reads events from JSON Lines (canonical) or CSV with a header naming the fields. A malformed line is reported
/// through the error callback with its line number and skipped; every other line is still read.
/// Field names: kind, time, service, id, severity, good, total, score, requested, name. Unknown fields are ignored.
/// </summary>
public static class EventReader
{
    private static readonly OffsetDateTimePattern TimePattern = OffsetDateTimePattern.ExtendedIso;

    /// <summary>Reads JSON Lines: one JSON object per line; blank lines are skipped.</summary>
    public static IEnumerable<SlaEvent> ReadJsonLines(TextReader reader, Action<EventReadError> onError)
    {
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (lineNo == 1)
            {
                line = line.TrimStart('\uFEFF');
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var ev = ParseJsonLine(line, out var error);
            if (error is not null)
            {
                onError(new EventReadError(lineNo, error));
                continue;
            }
            yield return ev;
        }
    }

    /// <summary>Reads CSV: the first line names the columns; fields may be quoted (<c>""</c> escapes a quote); empty cells are absent.</summary>
    public static IEnumerable<SlaEvent> ReadCsv(TextReader reader, Action<EventReadError> onError)
    {
        var lineNo = 0;
        string[]? header = null;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (!TrySplitCsv(line, out var cells, out var csvError))
            {
                onError(new EventReadError(lineNo, csvError));
                continue;
            }
            if (header is null)
            {
                header = [.. cells.Select(c => c.Trim().TrimStart('\uFEFF'))];
                if (!header.Contains("kind") || !header.Contains("time"))
                {
                    onError(new EventReadError(lineNo, "the CSV header must name the columns 'kind' and 'time'"));
                    yield break;
                }
                continue;
            }
            if (cells.Count != header.Length)
            {
                onError(new EventReadError(lineNo, $"expected {header.Length} fields as in the header, found {cells.Count}"));
                continue;
            }
            var fields = new Fields();
            string? error = null;
            for (var i = 0; i < header.Length && error is null; i++)
            {
                if (cells[i].Length > 0)
                {
                    error = fields.Set(header[i], cells[i], isNumberToken: false);
                }
            }
            if (error is null)
            {
                var ev = fields.Build(out error);
                if (error is null)
                {
                    yield return ev;
                    continue;
                }
            }
            onError(new EventReadError(lineNo, error!));
        }
    }

    /// <summary>Reads a file, choosing CSV for a <c>.csv</c> extension and JSON Lines otherwise.</summary>
    public static IEnumerable<SlaEvent> ReadFile(string path, Action<EventReadError> onError)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var events = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(reader, onError) : ReadJsonLines(reader, onError);
        foreach (var e in events)
        {
            yield return e;
        }
    }

    /// <summary>Parses one JSON Lines line; <paramref name="error"/> says what is wrong, or is null.</summary>
    public static SlaEvent ParseJsonLine(string line, out string? error)
    {
        var fields = new Fields();
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "expected a JSON object";
                return default;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString()!;
                reader.Read();
                string? value;
                var isNumber = false;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        value = reader.GetString();
                        break;
                    case JsonTokenType.Number:
                        value = Encoding.UTF8.GetString(reader.ValueSpan);
                        isNumber = true;
                        break;
                    case JsonTokenType.Null:
                        value = null;
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        reader.Skip();
                        if (Fields.IsKnown(name))
                        {
                            error = $"field '{name}' must be a string or a number";
                            return default;
                        }
                        continue;
                    default:
                        if (Fields.IsKnown(name))
                        {
                            error = $"field '{name}' must be a string or a number";
                            return default;
                        }
                        continue;
                }
                if (value is not null && fields.Set(name, value, isNumber) is { } e)
                {
                    error = e;
                    return default;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = "unexpected text after the JSON object";
                return default;
            }
        }
        catch (JsonException ex)
        {
            error = "invalid JSON: " + FirstSentence(ex.Message);
            return default;
        }
        return fields.Build(out error);
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" Path:", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }

    private static bool TrySplitCsv(string line, out List<string> cells, out string error)
    {
        cells = [];
        error = "";
        var sb = new StringBuilder();
        var i = 0;
        while (true)
        {
            sb.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        error = "unterminated quoted field";
                        return false;
                    }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',')
                {
                    error = $"unexpected character after a quoted field at column {i + 1}";
                    return false;
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    sb.Append(line[i++]);
                }
            }
            cells.Add(sb.ToString());
            if (i >= line.Length)
            {
                return true;
            }
            i++; // the comma
        }
    }

    private sealed class Fields
    {
        private static readonly string[] Known = ["kind", "time", "service", "id", "severity", "good", "total", "score", "requested", "name"];
        private EventKind? _kind;
        private OffsetDateTime? _time;
        private OffsetDateTime? _requested;
        private string? _service, _id, _severity, _name;
        private long? _good, _total;
        private decimal? _score;

        public static bool IsKnown(string name) => Array.IndexOf(Known, name) >= 0;

        public string? Set(string name, string value, bool isNumberToken)
        {
            switch (name)
            {
                case "kind":
                    if (!EventKinds.TryParse(value, out var k))
                    {
                        return $"unknown kind '{value}' (expected one of {string.Join(", ", EventKinds.All)})";
                    }
                    _kind = k;
                    return null;
                case "time" or "requested":
                {
                    if (isNumberToken)
                    {
                        return $"field '{name}' must be an ISO 8601 timestamp with an offset";
                    }
                    var r = TimePattern.Parse(value);
                    if (!r.Success)
                    {
                        return $"field '{name}': '{value}' is not an ISO 8601 timestamp with an offset (e.g. 2026-01-05T08:30:00+01:00)";
                    }
                    if (name == "time")
                    {
                        _time = r.Value;
                    }
                    else
                    {
                        _requested = r.Value;
                    }
                    return null;
                }
                case "good" or "total":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    {
                        return $"field '{name}': '{value}' is not a non-negative whole number";
                    }
                    if (name == "good")
                    {
                        _good = n;
                    }
                    else
                    {
                        _total = n;
                    }
                    return null;
                case "score":
                    if (!decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var s))
                    {
                        return $"field 'score': '{value}' is not a number";
                    }
                    _score = s;
                    return null;
                case "service":
                    _service = value;
                    return null;
                case "id":
                    _id = value;
                    return null;
                case "severity":
                    _severity = value;
                    return null;
                case "name":
                    _name = value;
                    return null;
                default:
                    return null;
            }
        }

        public SlaEvent Build(out string? error)
        {
            if (_kind is not { } kind)
            {
                error = "missing field 'kind'";
                return default;
            }
            if (_time is not { } time)
            {
                error = "missing field 'time'";
                return default;
            }
            if (kind == EventKind.Requests && (_good is null || _total is null))
            {
                error = $"kind 'requests' requires fields 'good' and 'total'";
                return default;
            }
            if (kind == EventKind.Survey && _score is null)
            {
                error = "kind 'survey' requires field 'score'";
                return default;
            }
            var ev = new SlaEvent(kind, time, _service, _id, _severity, _good ?? 0, _total ?? 0, _score ?? 0m, _requested, _name);
            error = ev.Validate();
            return error is null ? ev : default;
        }
    }
}
