using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace SlaLang.Runtime;

public static partial class EventReader
{
    private static readonly OffsetDateTimePattern TimePattern = OffsetDateTimePattern.ExtendedIso;

    /// <summary>How <c>good</c> and <c>total</c> are parsed: digits only.</summary>
    private const NumberStyles CountStyles = NumberStyles.None;

    /// <summary>How <c>score</c> is parsed (with <see cref="CultureInfo.InvariantCulture"/>).</summary>
    private const NumberStyles ScoreStyles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>The fields of one line as they are read; <see cref="Build"/> checks them and makes the event.</summary>
    private struct Fields
    {
        /// <summary>The known field names; a field's index here is its <see cref="Field"/>.</summary>
        private static readonly string[] Known = ["kind", "time", "service", "id", "severity", "good", "total", "score", "requested", "name"];

        /// <summary>The wire names of the event kinds as UTF-8, in enum order.</summary>
        private static readonly byte[][] KindsUtf8 = [.. EventKinds.All.Select(Encoding.UTF8.GetBytes)];

        public EventKind? Kind;
        public OffsetDateTime? Time, Requested;
        public string? Service, Id, Severity, Name;
        public long? Good, Total;
        public decimal? Score;

        /// <summary>True when <paramref name="name"/> is one of the known field names.</summary>
        public static bool IsKnown(string name) => Array.IndexOf(Known, name) >= 0;

        /// <summary>The known field named by the UTF-8 <paramref name="name"/>, or <see cref="Field.Unknown"/>.</summary>
        /// <remarks>Five or so fields on every line: decided by length and one comparison, not a search of the list.</remarks>
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
        public string? Set(string name, string value, bool isNumberToken)
        {
            switch (name)
            {
                case "kind":
                    if (!EventKinds.TryParse(value, out var k))
                    {
                        return $"unknown kind '{value}' (expected one of {string.Join(", ", EventKinds.All)})";
                    }
                    Kind = k;
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
                        Time = r.Value;
                    }
                    else
                    {
                        Requested = r.Value;
                    }
                    return null;
                }
                case "good" or "total":
                    if (!long.TryParse(value, CountStyles, CultureInfo.InvariantCulture, out var n))
                    {
                        return $"field '{name}': '{value}' is not a non-negative whole number";
                    }
                    if (name == "good")
                    {
                        Good = n;
                    }
                    else
                    {
                        Total = n;
                    }
                    return null;
                case "score":
                    if (!decimal.TryParse(value, ScoreStyles, CultureInfo.InvariantCulture, out var s))
                    {
                        return $"field 'score': '{value}' is not a number";
                    }
                    Score = s;
                    return null;
                case "service":
                    Service = value;
                    return null;
                case "id":
                    Id = value;
                    return null;
                case "severity":
                    Severity = value;
                    return null;
                case "name":
                    Name = value;
                    return null;
                default:
                    return null;
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
            var ev = new SlaEvent(kind, time, Service, Id, Severity, Good ?? 0, Total ?? 0, Score ?? 0m, Requested, Name);
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
    }
}
