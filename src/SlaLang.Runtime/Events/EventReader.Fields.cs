using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace SlaLang.Runtime;

public static partial class EventReader
{
    /// <summary>
    /// Timestamps (LANGUAGE.md §6): ISO 8601 extended format with an offset (<c>Z</c> or <c>±hh:mm</c>); seconds and a decimal
    /// fraction are optional (<c>2026-05-20T10:00+02:00</c>, <c>2026-05-20T10:00:00.125Z</c>).
    /// </summary>
    private static readonly OffsetDateTimePattern[] TimePatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern LocalTimeless = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    /// <summary>How a value was written: a CSV cell (text, whatever it holds), a JSON string, or a JSON number or literal.</summary>
    private enum ValueForm
    {
        Cell,
        JsonString,
        JsonNumber,
        JsonLiteral,
    }

    /// <summary>How <c>good</c> and <c>total</c> are parsed: digits only.</summary>
    private const NumberStyles CountStyles = NumberStyles.None;

    /// <summary>How <c>score</c> is parsed (with <see cref="CultureInfo.InvariantCulture"/>).</summary>
    private const NumberStyles ScoreStyles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>The fields of one line as they are read; <see cref="Build"/> checks them and makes the event.</summary>
    private struct Fields
    {
        /// <summary>The known field names; a field's index here is its <see cref="Field"/>.</summary>
        private static readonly string[] Known = ["kind", "time", "service", "id", "severity", "good", "total", "score", "requested", "name", "failed"];

        /// <summary>The wire names of the event kinds as UTF-8, in enum order.</summary>
        private static readonly byte[][] KindsUtf8 = [.. EventKinds.All.Select(Encoding.UTF8.GetBytes)];

        public EventKind? Kind;
        public OffsetDateTime? Time, Requested;
        public string? Service, Id, Severity, Name;
        public long? Good, Total;
        public decimal? Score;
        public bool? Failed;

        /// <summary>The known field named <paramref name="name"/>, or <see cref="Field.Unknown"/> (the general path).</summary>
        public static Field FieldOf(string name) => (Field)Array.IndexOf(Known, name);

        /// <summary>True when <paramref name="name"/> is one of the known field names.</summary>
        public static bool IsKnown(string name) => FieldOf(name) != Field.Unknown;

        /// <summary>The known field named by the UTF-8 <paramref name="name"/>, or <see cref="Field.Unknown"/>.</summary>
        /// <remarks>
        /// Five or so fields on every line: decided by length and one comparison, not a search of <see cref="Known"/>
        /// (the same names; the differential tests fail if the two disagree).
        /// </remarks>
        public static Field FieldOf(ReadOnlySpan<byte> name) => name.Length switch
        {
            2 when name.SequenceEqual("id"u8) => Field.Id,
            4 when name.SequenceEqual("kind"u8) => Field.Kind,
            4 when name.SequenceEqual("time"u8) => Field.Time,
            4 when name.SequenceEqual("name"u8) => Field.Name,
            4 when name.SequenceEqual("good"u8) => Field.Good,
            5 when name.SequenceEqual("total"u8) => Field.Total,
            5 when name.SequenceEqual("score"u8) => Field.Score,
            7 when name.SequenceEqual("service"u8) => Field.Service,
            8 when name.SequenceEqual("severity"u8) => Field.Severity,
            9 when name.SequenceEqual("requested"u8) => Field.Requested,
            6 when name.SequenceEqual("failed"u8) => Field.Failed,
            _ => Field.Unknown,
        };

        /// <summary>The kind whose wire name is the UTF-8 <paramref name="name"/>; false when none is.</summary>
        public static bool TryParseKind(ReadOnlySpan<byte> name, out EventKind kind)
        {
            var i = IndexOf(KindsUtf8, name);
            kind = (EventKind)Math.Max(i, 0);
            return i >= 0;
        }

        private static int IndexOf(byte[][] names, ReadOnlySpan<byte> name)
        {
            for (var i = 0; i < names.Length; i++)
            {
                if (names[i].Length == name.Length && name.SequenceEqual(names[i]))
                {
                    return i;
                }
            }
            return -1;
        }

        /// <summary>Sets field <paramref name="name"/> from its text; returns what is wrong, or null.</summary>
        public string? Set(string name, string value, ValueForm form)
        {
            var field = FieldOf(name);
            switch (field)
            {
                case Field.Kind:
                    if (!EventKinds.TryParse(value, out var k))
                    {
                        return $"unknown kind '{value}' (expected one of {string.Join(", ", EventKinds.All)})";
                    }
                    Kind = k;
                    return null;
                case Field.Time or Field.Requested:
                {
                    if (form is ValueForm.JsonNumber or ValueForm.JsonLiteral)
                    {
                        return $"field '{name}' must be an ISO 8601 timestamp with an offset";
                    }
                    foreach (var pattern in TimePatterns)
                    {
                        if (pattern.Parse(value) is { Success: true } parsed)
                        {
                            // Far years are refused before the instant is computed: 9999-12-31T23:59:59-14:00 is past NodaTime's range.
                            if (parsed.Value.Year is < 1800 or > 3199)
                            {
                                return SlaEvent.UnsupportedYears;
                            }
                            SetTime(field, parsed.Value);
                            return null;
                        }
                    }
                    return LocalDateTimePattern.ExtendedIso.Parse(value).Success || LocalTimeless.Parse(value).Success
                        ? $"field '{name}': '{value}' has no offset; add Z or ±hh:mm (e.g. {value}+01:00)"
                        : $"field '{name}': '{value}' is not an ISO 8601 timestamp with an offset (e.g. 2026-01-05T08:30:00+01:00)";
                }
                case Field.Good or Field.Total or Field.Score when form == ValueForm.JsonString:
                    return $"field '{name}': \"{value}\" is a string, not a number (write {name} without quotes)";
                case Field.Good or Field.Total:
                    if (!long.TryParse(value, CountStyles, CultureInfo.InvariantCulture, out var n))
                    {
                        return $"field '{name}': '{value}' is not a non-negative whole number";
                    }
                    SetCount(field, n);
                    return null;
                case Field.Score:
                    if (!decimal.TryParse(value, ScoreStyles, CultureInfo.InvariantCulture, out var s))
                    {
                        return $"field 'score': '{value}' is not a number";
                    }
                    Score = s;
                    return null;
                case Field.Failed:
                    if (form == ValueForm.JsonNumber || value is not ("true" or "false"))
                    {
                        return $"field 'failed': '{value}' is not true or false";
                    }
                    Failed = value == "true";
                    return null;
                case Field.Unknown:
                    return null;
                default:
                    SetText(field, value);
                    return null;
            }
        }

        /// <summary>Sets <c>time</c> or <c>requested</c>.</summary>
        public void SetTime(Field field, OffsetDateTime value)
        {
            if (field == Field.Time)
            {
                Time = value;
            }
            else
            {
                Requested = value;
            }
        }

        /// <summary>Sets <c>good</c> or <c>total</c>.</summary>
        public void SetCount(Field field, long value)
        {
            if (field == Field.Good)
            {
                Good = value;
            }
            else
            {
                Total = value;
            }
        }

        /// <summary>Sets <c>service</c>, <c>id</c>, <c>severity</c> or <c>name</c>.</summary>
        public void SetText(Field field, string value)
        {
            switch (field)
            {
                case Field.Service:
                    Service = value;
                    break;
                case Field.Id:
                    Id = value;
                    break;
                case Field.Severity:
                    Severity = value;
                    break;
                default:
                    Name = value;
                    break;
            }
        }

        /// <summary>Checks the fields the kind requires and makes the event; <paramref name="error"/> says what is wrong, or is null.</summary>
        public readonly SlaEvent Build(out string? error)
        {
            if (Kind is not { } kind)
            {
                error = "missing field 'kind'";
                return default;
            }
            if (Time is not { } time)
            {
                error = "missing field 'time'";
                return default;
            }
            if (kind == EventKind.Requests && (Good is null || Total is null))
            {
                error = $"kind 'requests' requires fields 'good' and 'total'";
                return default;
            }
            if (kind == EventKind.Survey && Score is null)
            {
                error = "kind 'survey' requires field 'score'";
                return default;
            }
            var ev = new SlaEvent(kind, time, Service, Id, Severity, Good ?? 0, Total ?? 0, Score ?? 0m, Requested, Name, Failed ?? false);
            error = ev.Validate();
            return error is null ? ev : default;
        }
    }

    /// <summary>A known field, numbered as in <c>Fields.Known</c>.</summary>
    private enum Field
    {
        Unknown = -1,
        Kind,
        Time,
        Service,
        Id,
        Severity,
        Good,
        Total,
        Score,
        Requested,
        Name,
        Failed,
    }
}
