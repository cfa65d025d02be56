using NodaTime;
using NodaTime.Text;

namespace SlaLang.Runtime.Tests;

/// <summary>Helpers to write instants and calendars tersely in tests.</summary>
internal static class TestTime
{
    public static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    /// <summary>Parses an ISO 8601 timestamp with offset, e.g. 2026-03-29T08:00:00+02:00.</summary>
    public static OffsetDateTime T(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow();

    /// <summary>The instant of <see cref="T"/>.</summary>
    public static Instant I(string text) => T(text).ToInstant();

    /// <summary>Mon–Fri 08:00–18:00, Sat 09:00–12:00, holidays 2026-05-01 and 2026-12-25, in Paris.</summary>
    public static BusinessCalendar Business() => new(
        "Business",
        Paris,
        [
            .. Enumerable.Range(1, 5).Select(d => new WeeklyHours((IsoDayOfWeek)d, Duration.FromHours(8), Duration.FromHours(18))),
            new WeeklyHours(IsoDayOfWeek.Saturday, Duration.FromHours(9), Duration.FromHours(12)),
        ],
        [new LocalDate(2026, 5, 1), new LocalDate(2026, 12, 25)]);
}
