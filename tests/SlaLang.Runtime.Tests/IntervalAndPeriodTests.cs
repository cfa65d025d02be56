using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

public class IntervalAndPeriodTests
{
    private static Instant H(int hour) => Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromHours(hour);

    private static InstantInterval[] Items(IntervalSet s) => s.Intervals.ToArray();

    [Fact]
    public void Union_merges_overlapping_and_adjacent_intervals()
    {
        var s = IntervalSet.From([new(H(0), H(2)), new(H(1), H(3)), new(H(3), H(4)), new(H(6), H(7))]);
        Items(s).ShouldBe([new InstantInterval(H(0), H(4)), new InstantInterval(H(6), H(7))]);
        s.TotalLength.ShouldBe(Duration.FromHours(5)); // 4 h + 1 h, the overlap 1–2 counted once
    }

    [Fact]
    public void Intersect_and_subtract_cut_exactly()
    {
        var a = IntervalSet.From([new(H(0), H(10))]);
        var b = IntervalSet.From([new(H(2), H(3)), new(H(5), H(12))]);
        Items(a.Intersect(b)).ShouldBe([new InstantInterval(H(2), H(3)), new InstantInterval(H(5), H(10))]);
        Items(a.Subtract(b)).ShouldBe([new InstantInterval(H(0), H(2)), new InstantInterval(H(3), H(5))]);
        a.Subtract(a).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Monthly_periods_start_with_a_partial_month_at_the_term_start_and_stop_before_as_of()
    {
        var term = new ContractTerm(Paris, new LocalDate(2026, 1, 15), new LocalDate(2026, 12, 31));
        var periods = PeriodRule.Month.PeriodsAsOf(term, I("2026-03-10T00:00:00+01:00"));
        periods.ShouldBe(
        [
            new ReportPeriod(I("2026-01-15T00:00:00+01:00"), I("2026-02-01T00:00:00+01:00"), true),
            new ReportPeriod(I("2026-02-01T00:00:00+01:00"), I("2026-03-01T00:00:00+01:00"), true),
            new ReportPeriod(I("2026-03-01T00:00:00+01:00"), I("2026-04-01T00:00:00+02:00"), false),
        ]);
    }

    [Fact]
    public void Periods_are_clipped_to_the_term_end_inclusive()
    {
        // Term ends 2026-02-10 (inclusive) → last instant is 2026-02-11T00:00+01:00.
        var term = new ContractTerm(Paris, new LocalDate(2026, 1, 1), new LocalDate(2026, 2, 10));
        var periods = PeriodRule.Quarter.PeriodsAsOf(term, I("2027-01-01T00:00:00+01:00"));
        periods.ShouldBe([new ReportPeriod(I("2026-01-01T00:00:00+01:00"), I("2026-02-11T00:00:00+01:00"), true)]);
    }

    [Fact]
    public void Iso_weeks_start_monday_and_n_months_align_to_the_term_start()
    {
        var term = new ContractTerm(Paris, new LocalDate(2026, 1, 31), new LocalDate(2027, 12, 31));
        // 2026-01-31 is a Saturday: the first week is the partial Sat–Sun, then Monday 2026-02-02.
        var weeks = PeriodRule.Week.PeriodsAsOf(term, I("2026-02-03T00:00:00+01:00"));
        weeks.Select(p => p.Start).ShouldBe([I("2026-01-31T00:00:00+01:00"), I("2026-02-02T00:00:00+01:00")]);
        // 3 months from Jan 31: Jan 31, Apr 30 (Jan 31 + 3 months clamps), Jul 31 (Jan 31 + 6 months, no drift).
        var quarters = PeriodRule.Months(3).PeriodsAsOf(term, I("2026-08-01T00:00:00+02:00"));
        quarters.Select(p => p.Start).ShouldBe(
            [I("2026-01-31T00:00:00+01:00"), I("2026-04-30T00:00:00+02:00"), I("2026-07-31T00:00:00+02:00")]);
    }

    [Fact]
    public void Rolling_window_ends_at_as_of_counts_as_finished_and_is_clipped_to_the_term()
    {
        var term = new ContractTerm(Paris, new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31));
        PeriodRule.Rolling(Duration.FromDays(7)).PeriodsAsOf(term, I("2026-03-10T12:00:00+01:00"))
            .ShouldBe([new ReportPeriod(I("2026-03-03T12:00:00+01:00"), I("2026-03-10T12:00:00+01:00"), true)]);
        PeriodRule.Rolling(Duration.FromDays(7)).PeriodsAsOf(term, I("2026-01-03T00:00:00+01:00"))
            .ShouldBe([new ReportPeriod(I("2026-01-01T00:00:00+01:00"), I("2026-01-03T00:00:00+01:00"), true)]);
    }

    [Fact]
    public void Daily_periods_on_DST_days_are_23_and_25_hours_long()
    {
        var term = new ContractTerm(Paris, new LocalDate(2026, 3, 29), new LocalDate(2026, 10, 25));
        var spring = PeriodRule.Day.PeriodsAsOf(term, I("2026-03-29T12:00:00+02:00"))[0];
        (spring.End - spring.Start).ShouldBe(Duration.FromHours(23));
        var all = PeriodRule.Day.PeriodsAsOf(term, I("2026-12-01T00:00:00+01:00"));
        (all[^1].End - all[^1].Start).ShouldBe(Duration.FromHours(25));
        all[^1].Start.ShouldBe(I("2026-10-25T00:00:00+02:00"));
    }
}
