using System.Collections.Concurrent;
using NodaTime;

namespace SlaLang.Runtime;

/// <summary>Open hours on one weekday as offsets from local midnight; <see cref="End"/> may be 24h (next midnight).</summary>
public readonly record struct WeeklyHours(IsoDayOfWeek Day, Duration Start, Duration End);

/// <summary>
/// A business calendar in an IANA zone: weekly local open hours plus holidays (whole local days off).
/// Open hours of a local date D are the instants whose local date is D and whose local time of day is in
/// [start, end): on a DST change day this is the real elapsed time (a 00:00–24:00 day lasts 23 or 25 hours;
/// 08:00–18:00 lasts 10 hours; a repeated local hour inside open hours counts twice, a skipped one not at all).
/// </summary>
public sealed class BusinessCalendar
{
    private static readonly Duration OneDay = Duration.FromDays(1);
    private readonly List<(Duration Start, Duration End)>[] _weekly = new List<(Duration, Duration)>[8];
    private readonly HashSet<LocalDate> _holidays;
    private readonly ConcurrentDictionary<LocalDate, InstantInterval[]> _openCache = new();
    private readonly Func<LocalDate, InstantInterval[]> _computeOpen;

    /// <summary>Creates a calendar named <paramref name="name"/> in <paramref name="zone"/>.</summary>
    public BusinessCalendar(string name, DateTimeZone zone, IEnumerable<WeeklyHours> hours, IEnumerable<LocalDate> holidays)
    {
        Name = name;
        Zone = zone;
        _computeOpen = ComputeOpen;
        for (var d = 0; d < _weekly.Length; d++)
        {
            _weekly[d] = [];
        }
        foreach (var h in hours)
        {
            if (h.Start < Duration.Zero || h.End > OneDay || h.End <= h.Start)
            {
                throw new ArgumentException($"Calendar '{name}': open hours {h.Start}–{h.End} on {h.Day} must satisfy 0 ≤ start < end ≤ 24h.", nameof(hours));
            }
            _weekly[(int)h.Day].Add((h.Start, h.End));
        }
        foreach (var list in _weekly)
        {
            list.Sort();
        }
        _holidays = [.. holidays];
    }

    /// <summary>Convenience constructor taking the IANA zone id (resolved through NodaTime's TZDB).</summary>
    public BusinessCalendar(string name, string timeZoneId, IEnumerable<WeeklyHours> hours, IEnumerable<LocalDate> holidays)
        : this(name, DateTimeZoneProviders.Tzdb[timeZoneId], hours, holidays)
    {
    }

    private BusinessCalendar(DateTimeZone zone)
        : this("always", zone, AllWeek(), [])
    {
        IsAlways = true;
    }

    /// <summary>The built-in 24/7 calendar <c>always</c> in <paramref name="zone"/> (its zone only matters for working days).</summary>
    public static BusinessCalendar Always(DateTimeZone zone) => new(zone);

    /// <summary>The built-in 24/7 calendar in the zone named <paramref name="timeZoneId"/>.</summary>
    public static BusinessCalendar Always(string timeZoneId) => new(DateTimeZoneProviders.Tzdb[timeZoneId]);

    private static IEnumerable<WeeklyHours> AllWeek()
    {
        for (var d = IsoDayOfWeek.Monday; d <= IsoDayOfWeek.Sunday; d++)
        {
            yield return new WeeklyHours(d, Duration.Zero, OneDay);
        }
    }

    /// <summary>The calendar's name.</summary>
    public string Name { get; }

    /// <summary>The zone local hours and days are read in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>True for the built-in 24/7 calendar.</summary>
    public bool IsAlways { get; }

    /// <summary>The instant local <paramref name="date"/> starts (the first instant of that local day).</summary>
    public Instant StartOfDay(LocalDate date) => Zone.AtStartOfDay(date).ToInstant();

    /// <summary>The local date of <paramref name="t"/> in this calendar's zone.</summary>
    public LocalDate DateOf(Instant t) => t.InZone(Zone).Date;

    /// <summary>True when <paramref name="date"/> is a holiday.</summary>
    public bool IsHoliday(LocalDate date) => _holidays.Contains(date);

    /// <summary>
    /// A working day is a local day with open hours that is not a holiday: a day whose only hours fall in the local
    /// hour skipped by a daylight-saving change (<c>hours sun 02:00-03:00</c> on the last Sunday of March in Paris) has none.
    /// </summary>
    public bool IsWorkingDay(LocalDate date) => OpenIntervals(date).Length > 0;

    /// <summary>The open intervals of local <paramref name="date"/> as instants, ascending (none on holidays).</summary>
    public ReadOnlySpan<InstantInterval> OpenIntervals(LocalDate date) => _openCache.GetOrAdd(date, _computeOpen);

    private InstantInterval[] ComputeOpen(LocalDate date)
    {
        if (_holidays.Contains(date))
        {
            return [];
        }
        var ranges = _weekly[(int)date.DayOfWeek];
        if (ranges.Count == 0)
        {
            return [];
        }
        var result = new List<InstantInterval>();
        // The local date's midnight read as if it were UTC: local = instant + offset, so instant = local - offset.
        var midnightAsUtc = date.AtMidnight().InUtc().ToInstant();
        foreach (var (start, end) in ranges)
        {
            var localStart = midnightAsUtc + start;
            var localEnd = midnightAsUtc + end;
            // Any instant with a local time in [localStart, localEnd) lies within ±18h of it.
            var search = new Interval(localStart - Duration.FromHours(18), localEnd + Duration.FromHours(18));
            foreach (var zi in Zone.GetZoneIntervals(search))
            {
                var offset = Duration.FromSeconds(zi.WallOffset.Seconds);
                var piece = new InstantInterval(localStart - offset, localEnd - offset);
                var ziStart = zi.HasStart ? zi.Start : Instant.MinValue;
                var ziEnd = zi.HasEnd ? zi.End : Instant.MaxValue;
                piece = piece.Intersect(new InstantInterval(ziStart, ziEnd));
                if (!piece.IsEmpty)
                {
                    result.Add(piece);
                }
            }
        }
        return [.. IntervalSet.From(result).Intervals];
    }

    /// <summary>Real elapsed time of [start, end) that falls inside open hours.</summary>
    public Duration Measure(Instant start, Instant end)
    {
        if (end <= start)
        {
            return Duration.Zero;
        }
        if (IsAlways)
        {
            return end - start;
        }
        var total = Duration.Zero;
        var probe = new InstantInterval(start, end);
        // Open hours of local date D lie within D's local day, which starts at most 18h before D's UTC midnight.
        var date = DateOf(start).PlusDays(-1);
        var last = DateOf(end).PlusDays(1);
        for (; date <= last; date = date.PlusDays(1))
        {
            foreach (var open in OpenIntervals(date))
            {
                total += probe.Intersect(open).Length;
            }
        }
        return total;
    }

    /// <summary><c>measure(X in C)</c>: real elapsed time of the interval set inside open hours (overlaps once).</summary>
    public Duration Measure(IntervalSet set)
    {
        var total = Duration.Zero;
        foreach (var i in set.Intervals)
        {
            total += Measure(i.Start, i.End);
        }
        return total;
    }

    /// <summary>The open-hours part of [start, end) as an interval set.</summary>
    public IntervalSet OpenWithin(Instant start, Instant end)
    {
        if (end <= start)
        {
            return IntervalSet.Empty;
        }
        if (IsAlways)
        {
            return IntervalSet.Of(start, end);
        }
        var probe = new InstantInterval(start, end);
        var pieces = new List<InstantInterval>();
        for (var date = DateOf(start).PlusDays(-1); date <= DateOf(end).PlusDays(1); date = date.PlusDays(1))
        {
            foreach (var open in OpenIntervals(date))
            {
                pieces.Add(probe.Intersect(open));
            }
        }
        return IntervalSet.From(pieces);
    }

    /// <summary>
    /// The instant at which the measured time of [<paramref name="from"/>, t) minus <paramref name="excluded"/> first
    /// reaches <paramref name="amount"/>, or null if it does not before <paramref name="limit"/> (t ≤ limit).
    /// </summary>
    public Instant? WhenMeasureReaches(Instant from, Duration amount, IntervalSet excluded, Instant limit)
    {
        if (amount <= Duration.Zero)
        {
            return from <= limit ? from : null;
        }
        if (IsAlways)
        {
            return AlwaysReaches(from, amount, excluded, limit);
        }
        if (!Array.Exists(_weekly, l => l.Count > 0))
        {
            return null; // never open: no measured time ever accrues
        }
        if (limit > SlaEvent.MaxSupported)
        {
            limit = SlaEvent.MaxSupported;
        }
        var remaining = amount;
        var chunkStart = from;
        while (chunkStart < limit)
        {
            // Walk one week of open hours at a time so that a calendar with little open time still terminates at limit.
            var chunkEnd = chunkStart + Duration.FromDays(7);
            if (chunkEnd > limit)
            {
                chunkEnd = limit;
            }
            var open = OpenWithin(chunkStart, chunkEnd).Subtract(excluded);
            foreach (var i in open.Intervals)
            {
                var len = i.Length;
                if (len >= remaining)
                {
                    return i.Start + remaining;
                }
                remaining -= len;
            }
            chunkStart = chunkEnd;
        }
        return null;
    }

    private static Instant? AlwaysReaches(Instant from, Duration amount, IntervalSet excluded, Instant limit)
    {
        // 24/7: walk the gaps between excluded intervals after `from`.
        var cursor = from;
        var remaining = amount;
        foreach (var x in excluded.Intervals)
        {
            if (x.End <= cursor)
            {
                continue;
            }
            if (x.Start > cursor)
            {
                var gap = x.Start - cursor;
                if (gap >= remaining)
                {
                    break;
                }
                remaining -= gap;
            }
            cursor = x.End;
            if (cursor >= limit)
            {
                return null;
            }
        }
        // Compared as durations: cursor + remaining may lie past the last representable instant.
        return remaining <= limit - cursor ? cursor + remaining : null;
    }

    /// <summary>
    /// <c>N bd after T</c>: the end (the next local midnight) of the Nth working day among the local days that start
    /// at or after <paramref name="t"/>. N = 0 gives the first local midnight at or after T. Null when there is no
    /// such day: the calendar has no open hours at all, or the day lies past the last supported instant.
    /// </summary>
    public Instant? AddWorkingDays(Instant t, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        if (t >= SlaEvent.MaxSupported)
        {
            return null;
        }
        var date = DateOf(t);
        if (StartOfDay(date) < t)
        {
            date = date.PlusDays(1);
        }
        if (workingDays == 0)
        {
            return StartOfDay(date);
        }
        // A calendar without any open weekday would never find one.
        if (!Array.Exists(_weekly, l => l.Count > 0))
        {
            return null;
        }
        var last = DateOf(SlaEvent.MaxSupported);
        for (var found = 0; date <= last; date = date.PlusDays(1))
        {
            if (IsWorkingDay(date) && ++found == workingDays)
            {
                return StartOfDay(date.PlusDays(1));
            }
        }
        return null;
    }
}
