using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SlaLang.Runtime;

public static partial class EventReader
{
    /// <summary>
    /// Parses one JSON line from its UTF-8 bytes (valid UTF-8: the callers report a line that is not as malformed).
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
    /// The fast path: one flat JSON object whose names and string values have no escapes or control characters,
    /// whose known fields are strings (<c>good</c>, <c>total</c>, <c>score</c>: numbers) with canonical timestamps,
    /// whose unknown fields are strings or numbers, and which makes a valid event. It is scanned by hand (a general
    /// JSON reader costs more than the rest of the line's work); anything else, valid JSON or not, is false and the
    /// general path decides, so this accepts a subset of what the general path accepts, with the same result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryParseCanonical(ReadOnlySpan<byte> utf8, Utf8StringCache? cache, out SlaEvent ev)
    {
        ev = default;
        var fields = new Fields();
        var i = SkipWhitespace(utf8, 0);
        if (i >= utf8.Length || utf8[i] != '{')
        {
            return false;
        }
        i = SkipWhitespace(utf8, i + 1);
        if (i < utf8.Length && utf8[i] == '}')
        {
            i++;
        }
        else
        {
            while (true)
            {
                if (!TryScanString(utf8, ref i, out var name))
                {
                    return false;
                }
                i = SkipWhitespace(utf8, i);
                if (i >= utf8.Length || utf8[i] != ':')
                {
                    return false;
                }
                i = SkipWhitespace(utf8, i + 1);
                ReadOnlySpan<byte> value;
                bool isNumber;
                if (i < utf8.Length && utf8[i] == '"')
                {
                    if (!TryScanString(utf8, ref i, out value))
                    {
                        return false;
                    }
                    isNumber = false;
                }
                else if (TryScanNumber(utf8, ref i, out value))
                {
                    isNumber = true;
                }
                else if (TrySkipValue(utf8, ref i, out var isNull))
                {
                    // true, false, null, an object or an array: ignored in an unknown field, and a null known field
                    // is absent; any other in a known field is an error, which the general path words.
                    if (!isNull && Fields.FieldOf(name) != Field.Unknown)
                    {
                        return false;
                    }
                    goto next;
                }
                else
                {
                    return false;
                }
                var field = Fields.FieldOf(name);
                if (field != Field.Unknown && !TrySetCanonical(ref fields, field, isNumber, value, cache))
                {
                    return false;
                }
            next:
                i = SkipWhitespace(utf8, i);
                if (i >= utf8.Length)
                {
                    return false;
                }
                if (utf8[i] == '}')
                {
                    i++;
                    break;
                }
                if (utf8[i] != ',')
                {
                    return false;
                }
                i = SkipWhitespace(utf8, i + 1);
            }
        }
        if (SkipWhitespace(utf8, i) != utf8.Length)
        {
            return false;
        }
        ev = fields.Build(out var error);
        return error is null;
    }

    /// <summary>The index of the first byte at or after <paramref name="i"/> that is not JSON whitespace.</summary>
    private static int SkipWhitespace(ReadOnlySpan<byte> utf8, int i)
    {
        while (i < utf8.Length && utf8[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }
        return i;
    }

    /// <summary>
    /// A string token at <paramref name="i"/> without escapes or control characters (the line is valid UTF-8, so its
    /// bytes are its text); <paramref name="i"/> moves past the closing quote. False for anything else.
    /// </summary>
    private static bool TryScanString(ReadOnlySpan<byte> utf8, scoped ref int i, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (i >= utf8.Length || utf8[i] != '"')
        {
            return false;
        }
        // One scalar pass: the texts of a line are short, shorter than a vectorised search takes to set up.
        for (var j = i + 1; j < utf8.Length; j++)
        {
            var b = utf8[j];
            if (b == '"')
            {
                text = utf8[(i + 1)..j];
                i = j + 1;
                return true;
            }
            if (b == '\\' || b < 0x20)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>
    /// Any other JSON value at <paramref name="i"/> (a literal, an object, an array), checked and skipped by a JSON
    /// reader; <paramref name="isNull"/> tells a <c>null</c>. False when it is not valid JSON.
    /// </summary>
    private static bool TrySkipValue(ReadOnlySpan<byte> utf8, scoped ref int i, out bool isNull)
    {
        isNull = false;
        try
        {
            var reader = new Utf8JsonReader(utf8[i..], new JsonReaderOptions { AllowMultipleValues = true });
            if (!reader.Read() || reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
            {
                return false;
            }
            isNull = reader.TokenType == JsonTokenType.Null;
            reader.Skip();
            i += (int)reader.BytesConsumed;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A number token at <paramref name="i"/> in JSON's grammar (<c>-?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?</c>).</summary>
    private static bool TryScanNumber(ReadOnlySpan<byte> utf8, scoped ref int i, out ReadOnlySpan<byte> number)
    {
        number = default;
        var start = i;
        var j = i;
        if (j < utf8.Length && utf8[j] == '-')
        {
            j++;
        }
        if (j >= utf8.Length || !char.IsAsciiDigit((char)utf8[j]))
        {
            return false;
        }
        if (utf8[j] == '0')
        {
            j++;
        }
        else
        {
            j = SkipDigits(utf8, j);
        }
        if (j < utf8.Length && utf8[j] == '.')
        {
            var fraction = SkipDigits(utf8, j + 1);
            if (fraction == j + 1)
            {
                return false;
            }
            j = fraction;
        }
        if (j < utf8.Length && utf8[j] is (byte)'e' or (byte)'E')
        {
            j++;
            if (j < utf8.Length && utf8[j] is (byte)'+' or (byte)'-')
            {
                j++;
            }
            var exponent = SkipDigits(utf8, j);
            if (exponent == j)
            {
                return false;
            }
            j = exponent;
        }
        number = utf8[start..j];
        i = j;
        return true;
    }

    private static int SkipDigits(ReadOnlySpan<byte> utf8, int i)
    {
        while (i < utf8.Length && char.IsAsciiDigit((char)utf8[i]))
        {
            i++;
        }
        return i;
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
                fields.SetTime(field, time);
                return true;
            case Field.Good or Field.Total:
                if (!long.TryParse(value, CountStyles, CultureInfo.InvariantCulture, out var n))
                {
                    return false;
                }
                fields.SetCount(field, n);
                return true;
            case Field.Score:
                if (!decimal.TryParse(value, ScoreStyles, CultureInfo.InvariantCulture, out var s))
                {
                    return false;
                }
                fields.Score = s;
                return true;
            case Field.Failed:
                return false; // a boolean: the general path reads (and words) it
            default:
                fields.SetText(field, cache is null ? Encoding.UTF8.GetString(value) : cache.Get(value));
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
                var form = ValueForm.JsonString;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String when !Fields.IsKnown(name):
                        continue; // unknown fields are ignored, whatever their text
                    case JsonTokenType.String:
                        value = reader.GetString();
                        break;
                    case JsonTokenType.Number:
                        value = Encoding.UTF8.GetString(reader.ValueSpan);
                        form = ValueForm.JsonNumber;
                        break;
                    case JsonTokenType.Null:
                        value = null;
                        break;
                    case JsonTokenType.True or JsonTokenType.False when Fields.FieldOf(name) == Field.Failed:
                        value = reader.TokenType == JsonTokenType.True ? "true" : "false";
                        form = ValueForm.JsonLiteral;
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
                if (value is not null && fields.Set(name, value, form) is { } e)
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
            error = "invalid JSON: " + WithoutPosition(ex.Message) + ColumnOf(utf8, ex.BytePositionInLine);
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

    /// <summary>System.Text.Json's message without its own position (<c>LineNumber: 0 | BytePositionInLine: 9.</c>), which counts from 0 and in bytes.</summary>
    private static string WithoutPosition(string message)
    {
        foreach (var marker in (ReadOnlySpan<string>)[" LineNumber:", " Path:"])
        {
            var i = message.IndexOf(marker, StringComparison.Ordinal);
            if (i > 0)
            {
                message = message[..i];
            }
        }
        return message;
    }

    /// <summary><c> (column N)</c>: the 1-based character column of the byte at <paramref name="bytePosition"/>, as editors count it.</summary>
    private static string ColumnOf(ReadOnlySpan<byte> utf8, long? bytePosition) =>
        bytePosition is { } b && b >= 0 && b <= utf8.Length
            ? $" (column {Encoding.UTF8.GetCharCount(utf8[..(int)b]) + 1})"
            : "";
}
