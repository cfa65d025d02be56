using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SlaLang.Runtime;

public static partial class EventReader
{
    /// <summary>
    /// Parses one JSON line from its UTF-8 bytes (valid UTF-8: the callers decode and re-encode a line that is not).
    /// The fast path takes a canonical line; anything else, and every error, goes to the general path, so results
    /// and messages are the general path's. <paramref name="cache"/>, when given, interns the string fields.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static SlaEvent ParseLine(ReadOnlySpan<byte> utf8, Utf8StringCache? cache, bool fastPath, out string? error)
    {
        if (fastPath && TryParseCanonical(utf8, cache, out var ev))
        {
            error = null;
            return ev;
        }
        return ParseGeneral(utf8, out error);
    }

    /// <summary>
    /// The fast path: a JSON object whose names and string values have no escapes, whose known fields are strings
    /// (<c>good</c>, <c>total</c>, <c>score</c>: numbers) with canonical timestamps, and which makes a valid event.
    /// False for anything else; the general path then decides.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryParseCanonical(ReadOnlySpan<byte> utf8, Utf8StringCache? cache, out SlaEvent ev)
    {
        ev = default;
        var fields = new Fields();
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.ValueIsEscaped)
                {
                    return false;
                }
                var field = Fields.FieldOf(reader.ValueSpan);
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.String when reader.ValueIsEscaped:
                        return false; // the general path unescapes (and may reject) even an unknown field's value
                    case JsonTokenType.StartObject or JsonTokenType.StartArray when field == Field.Unknown:
                        reader.Skip();
                        continue;
                    case var _ when field == Field.Unknown:
                        continue;
                    case JsonTokenType.String or JsonTokenType.Number:
                        if (!TrySetCanonical(ref fields, field, reader.TokenType == JsonTokenType.Number, reader.ValueSpan, cache))
                        {
                            return false;
                        }
                        continue;
                    default:
                        return false;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }
        ev = fields.Build(out var error);
        return error is null;
    }

    /// <summary>Sets a known field from a value token in its canonical form; false for any other form or a bad value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TrySetCanonical(ref Fields fields, Field field, bool isNumber, ReadOnlySpan<byte> value, Utf8StringCache? cache)
    {
        if (isNumber != (field is Field.Good or Field.Total or Field.Score))
        {
            return false;
        }
        switch (field)
        {
            case Field.Kind:
                if (!Fields.TryParseKind(value, out var kind))
                {
                    return false;
                }
                fields.Kind = kind;
                return true;
            case Field.Time or Field.Requested:
                if (!CanonicalTimestamp.TryParse(value, out var time))
                {
                    return false;
                }
                if (field == Field.Time)
                {
                    fields.Time = time;
                }
                else
                {
                    fields.Requested = time;
                }
                return true;
            case Field.Good or Field.Total:
                if (!long.TryParse(value, CountStyles, CultureInfo.InvariantCulture, out var n))
                {
                    return false;
                }
                if (field == Field.Good)
                {
                    fields.Good = n;
                }
                else
                {
                    fields.Total = n;
                }
                return true;
            case Field.Score:
                if (!decimal.TryParse(value, ScoreStyles, CultureInfo.InvariantCulture, out var s))
                {
                    return false;
                }
                fields.Score = s;
                return true;
            default:
                var text = cache is null ? Encoding.UTF8.GetString(value) : cache.Get(value);
                switch (field)
                {
                    case Field.Service:
                        fields.Service = text;
                        break;
                    case Field.Id:
                        fields.Id = text;
                        break;
                    case Field.Severity:
                        fields.Severity = text;
                        break;
                    default:
                        fields.Name = text;
                        break;
                }
                return true;
        }
    }

    /// <summary>The general path: any line, with the error messages of the format.</summary>
    private static SlaEvent ParseGeneral(ReadOnlySpan<byte> utf8, out string? error)
    {
        var fields = new Fields();
        try
        {
            var reader = new Utf8JsonReader(utf8);
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
                    case JsonTokenType.String when !Fields.IsKnown(name):
                        continue; // unknown fields are ignored, whatever their text
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
        catch (InvalidOperationException)
        {
            // GetString refuses a \u escape that is half of a UTF-16 surrogate pair: valid JSON grammar, but no text.
            error = "invalid JSON: a \\u escape is an unpaired UTF-16 surrogate (\\uD800-\\uDFFF)";
            return default;
        }
        return fields.Build(out error);
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" Path:", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}
