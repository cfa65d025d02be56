using NodaTime;
using NodaTime.Text;

namespace SlaLang.Runtime;

/// <summary>
/// The instant a report is made as of, as people write it (<c>slac run --as-of</c>, <c>slac serve</c>'s <c>?asOf=</c>): with an
/// offset, or local (date-time or date) in the contract's zone.
/// </summary>
public static class AsOf
{
    private static readonly OffsetDateTimePattern[] OffsetPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern[] LocalPatterns =
    [
        LocalDateTimePattern.ExtendedIso,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
    ];

    /// <summary>
    /// Parses <paramref name="text"/>; a local time is read in <paramref name="zone"/> (leniently across a clock change). The instant
    /// must lie in the years monitors compute in (those of event timestamps, <see cref="SlaEvent.MinSupported"/> to
    /// <see cref="SlaEvent.MaxSupported"/>). On failure, <paramref name="problem"/> completes a sentence that starts with the text.
    /// </summary>
    public static bool TryParse(string text, DateTimeZone zone, out Instant instant, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        if (!TryParseForm(text, zone, out instant))
        {
            problem = "is not a time: use 2026-04-01T00:00:00+02:00, 2026-04-01T00:00 or 2026-04-01.";
            return false;
        }
        if (instant < SlaEvent.MinSupported || instant > SlaEvent.MaxSupported)
        {
            problem = "is outside the supported years: use a time from 1900-01-01T00:00Z to 3000-01-01T00:00Z.";
            return false;
        }
        problem = null;
        return true;
    }

    private static bool TryParseForm(string text, DateTimeZone zone, out Instant instant)
    {
        foreach (var pattern in OffsetPatterns)
        {
            if (pattern.Parse(text) is { Success: true } parsed)
            {
                instant = parsed.Value.ToInstant();
                return true;
            }
        }
        foreach (var pattern in LocalPatterns)
        {
            if (pattern.Parse(text) is { Success: true } parsed)
            {
                instant = parsed.Value.InZoneLeniently(zone).ToInstant();
                return true;
            }
        }
        if (LocalDatePattern.Iso.Parse(text) is { Success: true } date)
        {
            instant = zone.AtStartOfDay(date.Value).ToInstant();
            return true;
        }
        instant = default;
        return false;
    }
}
