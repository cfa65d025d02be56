using NodaTime;

namespace SlaLang.Runtime;

/// <summary>The contract's term in its zone: inclusive dates map to [start-of-day(TermStart), start-of-day(TermEnd + 1)).</summary>
public sealed class ContractTerm
{
    /// <summary>Creates the term of a contract.</summary>
    public ContractTerm(DateTimeZone zone, LocalDate startDate, LocalDate endDateInclusive)
    {
        Zone = zone;
        StartDate = startDate;
        EndDate = endDateInclusive;
        Start = zone.AtStartOfDay(startDate).ToInstant();
        End = zone.AtStartOfDay(endDateInclusive.PlusDays(1)).ToInstant();
    }

    /// <summary>The contract zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>First day of the term.</summary>
    public LocalDate StartDate { get; }

    /// <summary>Last day of the term (inclusive).</summary>
    public LocalDate EndDate { get; }

    /// <summary>First instant of the term.</summary>
    public Instant Start { get; }

    /// <summary>First instant after the term.</summary>
    public Instant End { get; }

    /// <summary><paramref name="t"/> with the contract zone's offset at that instant (how reports print instants).</summary>
    public OffsetDateTime Local(Instant t) => t.WithOffset(Zone.GetUtcOffset(t));

    /// <summary>The bounds of <paramref name="period"/> as printed in reports.</summary>
    public PeriodBounds Bounds(ReportPeriod period) => new(Local(period.Start), Local(period.End));
}

/// <summary>One reporting period, already clipped to the term.</summary>
public readonly record struct ReportPeriod(Instant Start, Instant End, bool IsFinished)
{
    /// <summary>The part of the period measured as of <paramref name="asOf"/>: [Start, min(End, asOf)).</summary>
    public Instant EffectiveEnd(Instant asOf) => asOf < End ? asOf : End;
}

/// <summary>A period rule of <c>per</c>/<c>every</c>: a calendar unit, <c>N months</c> aligned to the term start, or <c>rolling</c>.</summary>
public sealed record PeriodRule(PeriodUnit Unit, int Count, Duration RollingLength)
{
    /// <summary>Local days.</summary>
    public static PeriodRule Day { get; } = new(PeriodUnit.Day, 1, default);

    /// <summary>ISO weeks starting Monday.</summary>
    public static PeriodRule Week { get; } = new(PeriodUnit.Week, 1, default);

    /// <summary>Calendar months.</summary>
    public static PeriodRule Month { get; } = new(PeriodUnit.Month, 1, default);

    /// <summary>Calendar quarters.</summary>
    public static PeriodRule Quarter { get; } = new(PeriodUnit.Quarter, 1, default);

    /// <summary>Calendar years.</summary>
    public static PeriodRule Year { get; } = new(PeriodUnit.Year, 1, default);

    /// <summary><c>N months</c> aligned to the term's start.</summary>
    public static PeriodRule Months(int count) =>
        count > 0 ? new(PeriodUnit.Months, count, default) : throw new ArgumentOutOfRangeException(nameof(count));

    /// <summary><c>rolling</c> window of <paramref name="length"/> ending at the as-of time.</summary>
    public static PeriodRule Rolling(Duration length) =>
        length > Duration.Zero ? new(PeriodUnit.Rolling, 1, length) : throw new ArgumentOutOfRangeException(nameof(length));

    /// <summary>Text as written in the contract (e.g. <c>month</c>, <c>3 months</c>, <c>rolling 7d</c>).</summary>
    public override string ToString() => Unit switch
    {
        PeriodUnit.Months => $"{Count} months",
        PeriodUnit.Rolling => $"rolling {RollingLength.TotalDays}d",
        _ => Unit.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The periods starting before <paramref name="asOf"/>, clipped to the term, in order. A period is finished when
    /// asOf ≥ its (clipped) end; a rolling window [asOf − length, asOf) ∩ term counts as finished.
    /// </summary>
    public IReadOnlyList<ReportPeriod> PeriodsAsOf(ContractTerm term, Instant asOf)
    {
        var result = new List<ReportPeriod>();
        var limit = asOf < term.End ? asOf : term.End;
        if (limit <= term.Start)
        {
            return result;
        }
        if (Unit == PeriodUnit.Rolling)
        {
            // Compared as durations: asOf − length may lie before the first representable instant.
            var start = asOf - term.Start > RollingLength ? asOf - RollingLength : term.Start;
            result.Add(new ReportPeriod(start, limit, true));
            return result;
        }
        var date = AlignedStart(term.StartDate, term.StartDate);
        while (true)
        {
            var next = Next(date, term.StartDate);
            var start = term.Zone.AtStartOfDay(date).ToInstant();
            var end = term.Zone.AtStartOfDay(next).ToInstant();
            if (start < term.Start)
            {
                start = term.Start;
            }
            if (end > term.End)
            {
                end = term.End;
            }
            if (start >= limit)
            {
                break;
            }
            result.Add(new ReportPeriod(start, end, asOf >= end));
            date = next;
        }
        return result;
    }

    /// <summary>The local date the period containing <paramref name="date"/> starts on (before clipping).</summary>
    public LocalDate AlignedStart(LocalDate date, LocalDate termStart) => Unit switch
    {
        PeriodUnit.Day => date,
        PeriodUnit.Week => date.PlusDays(-((int)date.DayOfWeek - 1)),
        PeriodUnit.Month => new LocalDate(date.Year, date.Month, 1),
        PeriodUnit.Quarter => new LocalDate(date.Year, (date.Month - 1) / 3 * 3 + 1, 1),
        PeriodUnit.Year => new LocalDate(date.Year, 1, 1),
        PeriodUnit.Months => AlignedMonths(date, termStart),
        _ => throw new InvalidOperationException("A rolling period has no calendar alignment."),
    };

    private LocalDate AlignedMonths(LocalDate date, LocalDate termStart)
    {
        var k = 0;
        while (termStart.PlusMonths((k + 1) * Count) <= date)
        {
            k++;
        }
        return termStart.PlusMonths(k * Count);
    }

    private LocalDate Next(LocalDate start, LocalDate termStart) => Unit switch
    {
        PeriodUnit.Day => start.PlusDays(1),
        PeriodUnit.Week => start.PlusWeeks(1),
        PeriodUnit.Month => start.PlusMonths(1),
        PeriodUnit.Quarter => start.PlusMonths(3),
        PeriodUnit.Year => start.PlusYears(1),
        // Aligned on the term start (not chained) so that month-end clamping never drifts (Jan 31 + 1 month = Feb 28, then Mar 31).
        PeriodUnit.Months => termStart.PlusMonths((MonthsIndex(start, termStart) + 1) * Count),
        _ => throw new InvalidOperationException("A rolling period has no successor."),
    };

    private int MonthsIndex(LocalDate start, LocalDate termStart)
    {
        var k = 0;
        while (termStart.PlusMonths((k + 1) * Count) <= start)
        {
            k++;
        }
        return k;
    }
}
