using System.Globalization;
using System.Text;
using NodaTime;
using Pidgin;
using static Pidgin.Parser;
using static Pidgin.Parser<char>;

namespace SlaLang.Parsing.Literals;

/// <summary>The outcome of parsing one literal's text: its value, or the error's span (relative to the text) and reason.</summary>
public readonly record struct LiteralResult(object? Value, int ErrorStart, int ErrorLength, string? Error)
{
    /// <summary>Whether the literal was valid.</summary>
    public bool Success => Error is null;
}

/// <summary>The Pidgin parsers that give each literal token its value, built once. The lexer finds a token's extent by hand and
/// calls these on exactly that text; a failure carries the span of the offending part.</summary>
public static class LiteralParsers
{
    private static readonly Parser<char, Unit> DigitsSkip = Digit.SkipAtLeastOnce();

    /// <summary>A decimal number at the start of a literal; more digits than <see cref="decimal"/> holds is an error on the whole number.</summary>
    private static readonly Parser<char, Checked<decimal>> DecimalNumber =
        DigitsSkip.Then(Char('.').Then(DigitsSkip.Labelled("digits after the decimal point")).Optional())
            .MapWithInput((span, _) => decimal.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                ? Checked<decimal>.Ok(d)
                : Checked<decimal>.Fail(0, span.Length, "the number has more than 28 digits"))
            .Labelled("a number");

    private static readonly Parser<char, Checked<decimal>> NumberParser = DecimalNumber.Before(End);

    private static readonly Parser<char, Checked<decimal>> PercentParser = DecimalNumber.Before(Char('%')).Before(End);

    private static readonly Parser<char, int> TwoDigits = Map((a, b) => ((a - '0') * 10) + (b - '0'), Digit, Digit);

    /// <summary>Two digits and where they start; a value outside [min, max] becomes an error on exactly those two characters
    /// (e.g. the <c>13</c> of <c>2026-13-01</c>).</summary>
    private static Parser<char, Checked<int>> Ranged(int min, int max, string message) =>
        Map((offset, v) => v >= min && v <= max ? Checked<int>.Ok(v) : Checked<int>.Fail(offset, 2, message), CurrentOffset, TwoDigits);

    private static readonly Parser<char, int> Year =
        Digit.Repeat(4).Select(cs => cs.Aggregate(0, (acc, c) => (acc * 10) + (c - '0'))).Labelled("a four-digit year");

    private static readonly Parser<char, Checked<int>> Month = Ranged(1, 12, "the month must be 01 to 12");

    private static readonly Parser<char, Checked<int>> DayOfMonth = Ranged(1, 31, "the day must be 01 to 31");

    private static readonly Parser<char, int> TextLength = Parser<char>.CurrentOffset;

    private static readonly Parser<char, Checked<LocalDate>> Date =
        Map((y, m, d, end) => m.Error is not null ? m.As<LocalDate>()
                : d.Error is not null ? d.As<LocalDate>()
                : d.Value > CalendarSystem.Iso.GetDaysInMonth(y, m.Value) ? Checked<LocalDate>.Fail(0, end, $"{y:D4}-{m.Value:D2} has no day {d.Value:D2}")
                : Checked<LocalDate>.Ok(new LocalDate(y, m.Value, d.Value)),
            Year.Before(Char('-')), Month.Before(Char('-')), DayOfMonth, TextLength);

    private static readonly Parser<char, Checked<int>> Hour = Ranged(0, 24, "the hour must be 00 to 24");

    private static readonly Parser<char, Checked<int>> MinuteOrSecond = Ranged(0, 59, "minutes and seconds must be 00 to 59");

    /// <summary>HH:MM[:SS] as seconds since midnight; 24:00 (end of day) is allowed when <c>allow24</c>.</summary>
    private static Parser<char, Checked<long>> Clock(bool allow24) =>
        Map((start, h, m, s, end) =>
            {
                foreach (var part in (ReadOnlySpan<Checked<int>>)[h, m, s])
                {
                    if (part.Error is not null)
                    {
                        return part.As<long>();
                    }
                }
                if (h.Value == 24 && (!allow24 || m.Value != 0 || s.Value != 0))
                {
                    return Checked<long>.Fail(start, end - start, allow24 ? "24:00 is the only time in hour 24" : "a date-time has hours 00 to 23");
                }
                return Checked<long>.Ok((h.Value * 3600L) + (m.Value * 60L) + s.Value);
            },
            CurrentOffset, Hour.Before(Char(':')), MinuteOrSecond,
            Char(':').Then(MinuteOrSecond).Optional().Select(o => o.HasValue ? o.Value : Checked<int>.Ok(0)), CurrentOffset);

    /// <summary>Time of day as the duration since local midnight; 24:00 (end of day) is allowed.</summary>
    private static readonly Parser<char, Checked<Duration>> TimeParser =
        Clock(allow24: true).Select(c => c.Error is null ? Checked<Duration>.Ok(Duration.FromSeconds(c.Value)) : c.As<Duration>()).Before(End);

    private static readonly Parser<char, Checked<LocalDate>> DateParser = Date.Before(End);

    private static readonly Parser<char, Checked<LocalDateTime>> DateTimeParser =
        Map((d, c) => d.Error is not null ? d.As<LocalDateTime>()
                : c.Error is not null ? c.As<LocalDateTime>()
                : Checked<LocalDateTime>.Ok(d.Value + LocalTime.FromSecondsSinceMidnight((int)c.Value)),
            Date.Before(Char('T')), Clock(allow24: false))
            .Before(End);

    private static readonly Parser<char, long> DurationUnitTicks =
        Char('m').Then(Char('s').ThenReturn(NodaConstants.TicksPerMillisecond).Or(String("in").ThenReturn(NodaConstants.TicksPerMinute)))
            .Or(Char('s').ThenReturn(NodaConstants.TicksPerSecond))
            .Or(Char('h').ThenReturn(NodaConstants.TicksPerHour))
            .Or(Char('d').ThenReturn(NodaConstants.TicksPerDay))
            .Or(Char('w').ThenReturn(NodaConstants.TicksPerWeek))
            .Labelled("a unit (ms, s, min, h, d, w)");

    /// <summary>A whole number of at most <paramref name="max"/>, read from its digits (Pidgin's UnsignedLong wraps past 2^64:
    /// 18446744073709551616ms would read as 0 and pass).</summary>
    private static Parser<char, long> BoundedWholeNumber(long max, string tooLarge) =>
        Lookahead(Digit.AtLeastOnceString().Assert(digits => digits.TrimStart('0').Length <= 18, tooLarge))
            .Then(UnsignedLong(10))
            .Assert(n => n <= max, tooLarge);

    private static readonly Parser<char, long> Quantity =
        BoundedWholeNumber(1_000_000, "at most 1000000 per unit").Labelled("a whole number");

    private static readonly Parser<char, Checked<Duration>> DurationParser =
        Map((n, unit) => n * unit, Quantity, DurationUnitTicks).AtLeastOnce()
            // Each part is at most 1000000 weeks; their sum may not wrap either.
            .MapWithInput((span, parts) => parts.Sum(p => (decimal)p) <= 1_000_000m * NodaConstants.TicksPerWeek
                ? Checked<Duration>.Ok(Duration.FromTicks(parts.Sum()))
                : Checked<Duration>.Fail(0, span.Length, "at most 1000000w in all"))
            .Before(End);

    private static readonly Parser<char, int> WorkingDaysParser =
        BoundedWholeNumber(100_000, "at most 100000 working days").Select(n => (int)n).Labelled("a whole number")
            .Before(String("bd")).Before(End);

    private static readonly Parser<char, char> CapitalLetter = Parser<char>.Token(c => c is >= 'A' and <= 'Z');

    private static readonly Parser<char, string> CurrencyCode =
        CapitalLetter.Then(CapitalLetter).Then(CapitalLetter)
            .MapWithInput((span, _) => span switch { "EUR" => "EUR", "USD" => "USD", "GBP" => "GBP", "CHF" => "CHF", _ => span.ToString() })
            .Labelled("a three-letter ISO 4217 code");

    private static readonly Parser<char, Checked<MoneyValue>> MoneyParser =
        Map((amount, code) => amount.Error is null ? Checked<MoneyValue>.Ok(new MoneyValue(amount.Value, code)) : amount.As<MoneyValue>(),
            DecimalNumber.Before(OneOf(' ', '\t').SkipAtLeastOnce()), CurrencyCode)
            .Before(End);

    private static readonly Parser<char, IsoDayOfWeek> Day =
        OneOf(
            Try(String("mon")).ThenReturn(IsoDayOfWeek.Monday),
            Try(String("tue")).ThenReturn(IsoDayOfWeek.Tuesday),
            Try(String("wed")).ThenReturn(IsoDayOfWeek.Wednesday),
            Try(String("thu")).ThenReturn(IsoDayOfWeek.Thursday),
            Try(String("fri")).ThenReturn(IsoDayOfWeek.Friday),
            Try(String("sat")).ThenReturn(IsoDayOfWeek.Saturday),
            String("sun").ThenReturn(IsoDayOfWeek.Sunday))
        .Labelled("a day (mon, tue, wed, thu, fri, sat, sun)");

    private static readonly Parser<char, DaySet> DaySetParser =
        Day.Then(
                Char('-').Then(Day).Optional(),
                (first, last) => last.HasValue ? DaySet.Range(first, last.Value) : DaySet.Of(first))
            .SeparatedAtLeastOnce(Char(','))
            .Select(sets => sets.Aggregate(default(DaySet), (acc, s) => acc.Union(s)))
            .Before(End);

    private static readonly Parser<char, string> HexDigits =
        Parser<char>.Token(c => char.IsAsciiHexDigit(c)).AtLeastOnceString().Labelled("hexadecimal digits");

    private static readonly Parser<char, Checked<string>> UnicodeEscape =
        Map((start, hex) => hex.Length <= 6 && int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture) is var cp && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)
                ? Checked<string>.Ok(char.ConvertFromUtf32(cp))
                : Checked<string>.Fail(start, hex.Length, $"{hex} is not a Unicode scalar value (at most 10FFFF, no surrogates)"),
            Char('u').Then(Char('{').Labelled("'{' after \\u")).Then(CurrentOffset), HexDigits)
        .Before(Char('}').Labelled("'}' closing \\u{…}"));

    private static readonly Parser<char, Checked<string>> Escape =
        Char('\\').Then(
            Char('"').ThenReturn(Checked<string>.Ok("\""))
                .Or(Char('\\').ThenReturn(Checked<string>.Ok("\\")))
                .Or(Char('n').ThenReturn(Checked<string>.Ok("\n")))
                .Or(Char('t').ThenReturn(Checked<string>.Ok("\t")))
                .Or(UnicodeEscape));

    private static readonly Parser<char, Checked<string>> StringContentParser =
        Parser<char>.Token(c => c != '\\').SkipAtLeastOnce().MapWithInput((span, _) => Checked<string>.Ok(span.ToString()))
            .Or(Escape)
            .Many()
            .Select(parts =>
            {
                var builder = new StringBuilder();
                foreach (var part in parts)
                {
                    if (part.Error is not null)
                    {
                        return part;
                    }
                    builder.Append(part.Value);
                }
                return Checked<string>.Ok(builder.ToString());
            })
            .Before(End);

    /// <summary>A decimal number such as <c>99.93</c>.</summary>
    public static LiteralResult ParseNumber(ReadOnlySpan<char> text) => Run(NumberParser, text);

    /// <summary>A percent such as <c>99.93%</c>; the value is a decimal in percent units (99.93).</summary>
    public static LiteralResult ParsePercent(ReadOnlySpan<char> text) => Run(PercentParser, text);

    /// <summary>A duration such as <c>1h30min</c>; the value is a NodaTime <see cref="NodaTime.Duration"/> of exact ticks.</summary>
    public static LiteralResult ParseDuration(ReadOnlySpan<char> text) => Run(DurationParser, text);

    /// <summary>Working days such as <c>5bd</c>; the value is an <see cref="int"/>.</summary>
    public static LiteralResult ParseWorkingDays(ReadOnlySpan<char> text) => Run(WorkingDaysParser, text);

    /// <summary>Money such as <c>1250.50 EUR</c>; the value is a <see cref="MoneyValue"/>.</summary>
    public static LiteralResult ParseMoney(ReadOnlySpan<char> text) => Run(MoneyParser, text);

    /// <summary>A date such as <c>2026-01-01</c>; the value is a <see cref="LocalDate"/>.</summary>
    public static LiteralResult ParseDate(ReadOnlySpan<char> text) => Run(DateParser, text);

    /// <summary>A time such as <c>08:00</c>; the value is the <see cref="NodaTime.Duration"/> since local midnight (24:00 allowed).</summary>
    public static LiteralResult ParseTime(ReadOnlySpan<char> text) => Run(TimeParser, text);

    /// <summary>A date-time such as <c>2026-01-01T08:00</c>; the value is a <see cref="LocalDateTime"/>.</summary>
    public static LiteralResult ParseDateTime(ReadOnlySpan<char> text) => Run(DateTimeParser, text);

    /// <summary>A day set such as <c>mon-fri</c> or <c>mon,wed,fri</c>; the value is a <see cref="DaySet"/>.</summary>
    public static LiteralResult ParseDaySet(ReadOnlySpan<char> text) => Run(DaySetParser, text);

    /// <summary>The content of a string literal (between the quotes) with its escapes; the value is the <see cref="string"/>.</summary>
    public static LiteralResult ParseStringContent(ReadOnlySpan<char> content)
    {
        if (content.IndexOf('\\') < 0)
        {
            return new LiteralResult(content.ToString(), 0, 0, null);
        }
        var result = Run(StringContentParser, content);
        if (!result.Success && result.ErrorStart > 0 && content[result.ErrorStart - 1] == '\\')
        {
            // A bad escape letter: point at the backslash and the letter (\q).
            return result with { ErrorStart = result.ErrorStart - 1, ErrorLength = 2 };
        }
        return result;
    }

    private static LiteralResult Run<T>(Parser<char, Checked<T>> parser, ReadOnlySpan<char> text)
    {
        var result = parser.Parse(text);
        if (result.Success)
        {
            var value = result.Value;
            return value.Error is null
                ? new LiteralResult(value.Value, 0, 0, null)
                : new LiteralResult(null, value.ErrorStart, value.ErrorLength, value.Error);
        }
        return Failure(result.Error!, text);
    }

    private static LiteralResult Run<T>(Parser<char, T> parser, ReadOnlySpan<char> text)
    {
        var result = parser.Parse(text);
        if (result.Success)
        {
            return new LiteralResult(result.Value, 0, 0, null);
        }
        return Failure(result.Error!, text);
    }

    private static LiteralResult Failure(ParseError<char> error, ReadOnlySpan<char> text)
    {
        var offset = Math.Clamp(error.ErrorOffset, 0, text.Length);
        var (start, length) = ErrorExtent(text, offset);
        return new LiteralResult(null, start, length, Describe(error, text, offset));
    }

    /// <summary>The part of the text an error points at: the run of letters or digits around the offset, else one character;
    /// an error at the very end (a failed check on the whole literal) covers the whole text.</summary>
    private static (int Start, int Length) ErrorExtent(ReadOnlySpan<char> text, int offset)
    {
        if (offset >= text.Length)
        {
            return (0, text.Length);
        }
        var c = text[offset];
        Func<char, bool>? sameClass = char.IsAsciiDigit(c) ? char.IsAsciiDigit : char.IsAsciiLetter(c) ? char.IsAsciiLetter : null;
        if (sameClass is null)
        {
            return (offset, char.IsHighSurrogate(c) && offset + 1 < text.Length ? 2 : 1);
        }
        var start = offset;
        while (start > 0 && sameClass(text[start - 1]))
        {
            start--;
        }
        var end = offset;
        while (end < text.Length && sameClass(text[end]))
        {
            end++;
        }
        return (start, end - start);
    }

    private static string Describe(ParseError<char> error, ReadOnlySpan<char> text, int offset)
    {
        if (error.Message is { } message)
        {
            return message;
        }
        var expected = error.Expected
            .Select(e => e.Label ?? (e.Tokens is { IsDefaultOrEmpty: false } tokens ? "'" + new string(tokens.ToArray()) + "'" : null))
            .Where(e => e is not null)
            .Distinct()
            .ToArray();
        var found = offset < text.Length ? $"'{text[offset]}'" : "the end";
        return expected.Length == 0 ? $"unexpected {found}" : $"expected {string.Join(" or ", expected)}, found {found}";
    }

    /// <summary>A value, or an error found after the structure parsed (a component out of range), with its span in the text.</summary>
    private readonly record struct Checked<T>(T Value, int ErrorStart, int ErrorLength, string? Error)
    {
        public static Checked<T> Ok(T value) => new(value, 0, 0, null);

        public static Checked<T> Fail(int start, int length, string error) => new(default!, start, length, error);

        public Checked<TOther> As<TOther>() => new(default!, ErrorStart, ErrorLength, Error);
    }
}
