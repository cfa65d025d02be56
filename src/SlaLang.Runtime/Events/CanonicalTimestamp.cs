using System.Runtime.CompilerServices;
using NodaTime;

namespace SlaLang.Runtime;

/// <summary>
/// Parses the canonical timestamp form <c>YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|+HH:MM|-HH:MM)</c> from UTF-8, to the same
/// value as <see cref="NodaTime.Text.OffsetDateTimePattern.ExtendedIso"/>, without allocating. It is a fast path only:
/// anything else (another form that pattern accepts, or one it rejects) is refused, and the caller uses the pattern.
/// </summary>
internal static class CanonicalTimestamp
{
    // Refused outside these (the pattern decides): the years keep every value far from NodaTime's limits, -00:00 and
    // offsets of 18 hours or more are left to the pattern's own rules.
    private const int MinYear = 1800, MaxYear = 3199, MaxOffsetHours = 17;

    private static readonly int[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>The timestamp of <paramref name="utf8"/>; false when it is not in the canonical form or not a valid date and time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> utf8, out OffsetDateTime value)
    {
        value = default;
        if (utf8.Length < 20 || utf8[4] != '-' || utf8[7] != '-' || utf8[10] != 'T' || utf8[13] != ':' || utf8[16] != ':'
            || !TryDigits(utf8.Slice(0, 4), out var year) || !TryDigits(utf8.Slice(5, 2), out var month)
            || !TryDigits(utf8.Slice(8, 2), out var day) || !TryDigits(utf8.Slice(11, 2), out var hour)
            || !TryDigits(utf8.Slice(14, 2), out var minute) || !TryDigits(utf8.Slice(17, 2), out var second)
            || year is < MinYear or > MaxYear || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        var rest = utf8[19..];
        var nanosecond = 0;
        if (rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && digits <= 9 && char.IsAsciiDigit((char)rest[digits]))
            {
                nanosecond = nanosecond * 10 + (rest[digits] - '0');
                digits++;
            }
            if (digits == 1)
            {
                return false;
            }
            nanosecond *= PowersOfTen[10 - digits];
            rest = rest[digits..];
        }
        if (!TryOffset(rest, out var offsetSeconds))
        {
            return false;
        }
        var local = new LocalDate(year, month, day).At(LocalTime.FromHourMinuteSecondNanosecond(hour, minute, second, nanosecond));
        value = new OffsetDateTime(local, Offset.FromSeconds(offsetSeconds));
        return true;
    }

    /// <summary>Parses <c>Z</c>, <c>+HH:MM</c> or <c>-HH:MM</c> (not <c>-00:00</c>) as the whole of <paramref name="utf8"/>.</summary>
    private static bool TryOffset(ReadOnlySpan<byte> utf8, out int seconds)
    {
        seconds = 0;
        if (utf8.Length == 1)
        {
            return utf8[0] == 'Z';
        }
        if (utf8.Length != 6 || utf8[0] is not ((byte)'+' or (byte)'-') || utf8[3] != ':'
            || !TryDigits(utf8.Slice(1, 2), out var hours) || !TryDigits(utf8.Slice(4, 2), out var minutes)
            || hours > MaxOffsetHours || minutes > 59)
        {
            return false;
        }
        seconds = hours * 3600 + minutes * 60;
        if (utf8[0] == '-')
        {
            seconds = -seconds;
        }
        return seconds != 0 || utf8[0] == '+';
    }

    private static bool TryDigits(ReadOnlySpan<byte> utf8, out int value)
    {
        value = 0;
        foreach (var b in utf8)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
