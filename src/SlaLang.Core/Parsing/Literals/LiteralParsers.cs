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

    private static readonly Parser<char, decimal> DecimalNumber =
        DigitsSkip.Then(Char('.').Then(DigitsSkip.Labelled("digits after the decimal point")).Optional())
            .MapWithInput((span, _) => decimal.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : -1m)
            .Assert(d => d >= 0, "the number is too large");

    private static readonly Parser<char, decimal> NumberParser = DecimalNumber.Labelled("a number").Before(End);

    private static readonly Parser<char, decimal> PercentParser = DecimalNumber.Labelled("a number").Before(Char('%')).Before(End);

    private static Parser<char, int> TwoDigits(char firstMax, char lastMaxWhenFirstIsMax, string label) =>
        Map((a, b) => ((a - '0') * 10) + (b - '0'),
            Digit.Where(c => c <= firstMax),
            Digit).Labelled(label)
        .Assert(v => v / 10 < firstMax - '0' || v % 10 <= lastMaxWhenFirstIsMax - '0', label);

    private static readonly Parser<char, int> Year = Digit.Repeat(4).Select(cs => cs.Aggregate(0, (acc, c) => (acc * 10) + (c - '0'))).Labelled("a four-digit year");

    private static readonly Parser<char, int> Month =
        Char('0').Then(OneOf("123456789")).Select(c => c - '0')
            .Or(Char('1').Then(OneOf("012")).Select(c => 10 + (c - '0')))
            .Labelled("a month 01 to 12");

    private static readonly Parser<char, int> DayOfMonth =
        Map((a, b) => ((a - '0') * 10) + (b - '0'), OneOf("0123"), Digit).Labelled("a day 01 to 31");

    private static readonly Parser<char, LocalDate> Date =
        Map((y, m, d) => (y, m, d), Year.Before(Char('-')), Month.Before(Char('-')), DayOfMonth)
            .Assert(t => t.d >= 1 && t.d <= CalendarSystem.Iso.GetDaysInMonth(t.y, t.m), t => $"{t.y:D4}-{t.m:D2} has no day {t.d:D2}")
            .Select(t => new LocalDate(t.y, t.m, t.d));

    private static readonly Parser<char, int> Hour =
        OneOf("01").Then(Digit, (a, b) => ((a - '0') * 10) + (b - '0'))
            .Or(Char('2').Then(OneOf("01234")).Select(c => 20 + (c - '0')))
            .Labelled("an hour 00 to 24");

    private static readonly Parser<char, int> MinuteOrSecond =
        OneOf("012345").Then(Digit, (a, b) => ((a - '0') * 10) + (b - '0')).Labelled("minutes 00 to 59");

    private static readonly Parser<char, (int H, int M, int S)> Clock =
        Map((h, m, s) => (h, m, s.GetValueOrDefault()),
            Hour.Before(Char(':')), MinuteOrSecond, Char(':').Then(MinuteOrSecond).Optional().Select(o => o.HasValue ? o.Value : (int?)null));

    /// <summary>Time of day as the duration since local midnight; 24:00 (end of day) is allowed.</summary>
    private static readonly Parser<char, Duration> TimeParser =
        Clock.Assert(c => c.H < 24 || (c.M == 0 && c.S == 0), "24:00 is the only time in hour 24")
            .Select(c => Duration.FromSeconds((c.H * 3600L) + (c.M * 60L) + c.S))
            .Before(End);

    private static readonly Parser<char, LocalDate> DateParser = Date.Before(End);

    private static readonly Parser<char, LocalDateTime> DateTimeParser =
        Map((d, c) => (d, c), Date.Before(Char('T')), Clock)
            .Assert(t => t.c.H < 24, "a date-time has hours 00 to 23")
            .Select(t => t.d + new LocalTime(t.c.H, t.c.M, t.c.S))
            .Before(End);

    private static readonly Parser<char, long> DurationUnitTicks =
        Char('m').Then(Char('s').ThenReturn(NodaConstants.TicksPerMillisecond).Or(String("in").ThenReturn(NodaConstants.TicksPerMinute)))
            .Or(Char('s').ThenReturn(NodaConstants.TicksPerSecond))
            .Or(Char('h').ThenReturn(NodaConstants.TicksPerHour))
            .Or(Char('d').ThenReturn(NodaConstants.TicksPerDay))
            .Or(Char('w').ThenReturn(NodaConstants.TicksPerWeek))
            .Labelled("a unit (ms, s, min, h, d, w)");

    private static readonly Parser<char, long> Quantity =
        UnsignedLong(10).Assert(n => n <= 1_000_000, "at most 1000000 per unit").Labelled("a whole number");

    private static readonly Parser<char, Duration> DurationParser =
        Map((n, unit) => n * unit, Quantity, DurationUnitTicks).AtLeastOnce()
            .Select(parts => Duration.FromTicks(parts.Sum()))
            .Before(End);

    private static readonly Parser<char, int> WorkingDaysParser =
        UnsignedInt(10).Assert(n => n <= 100_000, "at most 100000 working days").Labelled("a whole number")
            .Before(String("bd")).Before(End);

    private static readonly Parser<char, string> CurrencyCode =
        Parser<char>.Token(c => c is >= 'A' and <= 'Z').Repeat(3).Select(cs => new string(cs.ToArray())).Labelled("a three-letter ISO 4217 code");

    private static readonly Parser<char, MoneyValue> MoneyParser =
        Map((amount, code) => new MoneyValue(amount, code),
            DecimalNumber.Labelled("an amount").Before(OneOf(' ', '\t').SkipAtLeastOnce()), CurrencyCode)
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

    private static readonly Parser<char, char> HexDigitChar = Parser<char>.Token(c => char.IsAsciiHexDigit(c)).Labelled("a hexadecimal digit");

    private static readonly Parser<char, string> UnicodeEscape =
        Char('u').Then(Char('{')).Then(HexDigitChar.AtLeastOnceString())
            .Assert(h => h.Length <= 6 && int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture) is var cp && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF), "not a Unicode scalar value")
            .Before(Char('}').Labelled("'}' closing the code point"))
            .Select(h => char.ConvertFromUtf32(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));

    private static readonly Parser<char, string> Escape =
        Char('\\').Then(
            Char('"').ThenReturn("\"")
                .Or(Char('\\').ThenReturn("\\"))
                .Or(Char('n').ThenReturn("\n"))
                .Or(Char('t').ThenReturn("\t"))
                .Or(UnicodeEscape)
                .Labelled("an escape (\\\", \\\\, \\n, \\t, \\u{hex})"));

    private static readonly Parser<char, string> StringContentParser =
        Parser<char>.Token(c => c != '\\').SkipAtLeastOnce().MapWithInput((span, _) => span.ToString())
            .Or(Escape)
            .Many()
            .Select(parts => string.Concat(parts))
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
        return Run(StringContentParser, content);
    }

    private static LiteralResult Run<T>(Parser<char, T> parser, ReadOnlySpan<char> text)
    {
        var result = parser.Parse(text);
        if (result.Success)
        {
            return new LiteralResult(result.Value, 0, 0, null);
        }
        var error = result.Error!;
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
}
