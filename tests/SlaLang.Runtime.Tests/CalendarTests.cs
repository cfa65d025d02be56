using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

public class CalendarTests
{
    [Fact]
    public void Always_day_of_spring_forward_lasts_23_real_hours()
    {
        // Europe/Paris 2026-03-29: 02:00 CET jumps to 03:00 CEST, so local midnight to midnight is 23 h.
        var always = BusinessCalendar.Always(Paris);
        var day = always.Measure(I("2026-03-29T00:00:00+01:00"), I("2026-03-30T00:00:00+02:00"));
        day.ShouldBe(Duration.FromHours(23));
    }

    [Fact]
    public void Full_day_open_hours_count_the_repeated_hour_twice_on_fall_back()
    {
        // 2026-10-25: 03:00 CEST falls back to 02:00 CET; a 00:00–24:00 day is 25 real hours.
        var cal = new BusinessCalendar("AllDay", Paris, [new WeeklyHours(IsoDayOfWeek.Sunday, Duration.Zero, Duration.FromHours(24))], []);
        cal.OpenIntervals(new LocalDate(2026, 10, 25)).ToArray()
            .ShouldBe([new InstantInterval(I("2026-10-25T00:00:00+02:00"), I("2026-10-26T00:00:00+01:00"))]);
        cal.Measure(I("2026-10-24T00:00:00+02:00"), I("2026-10-27T00:00:00+01:00")).ShouldBe(Duration.FromHours(25));
    }

    [Fact]
    public void Ten_hour_business_day_on_a_DST_sunday_is_ten_real_hours()
    {
        // Sunday 08:00–18:00 on both change days: the change happens outside open hours, so 10 h each.
        var cal = new BusinessCalendar("Sun", Paris, [new WeeklyHours(IsoDayOfWeek.Sunday, Duration.FromHours(8), Duration.FromHours(18))], []);
        cal.Measure(I("2026-03-29T00:00:00+01:00"), I("2026-03-30T00:00:00+02:00")).ShouldBe(Duration.FromHours(10));
        cal.Measure(I("2026-10-25T00:00:00+02:00"), I("2026-10-26T00:00:00+01:00")).ShouldBe(Duration.FromHours(10));
        // Open 08:00 CEST = 06:00Z on 03-29; 08:00 CET = 07:00Z on 10-25.
        cal.OpenIntervals(new LocalDate(2026, 3, 29))[0].Start.ShouldBe(Instant.FromUtc(2026, 3, 29, 6, 0));
        cal.OpenIntervals(new LocalDate(2026, 10, 25))[0].Start.ShouldBe(Instant.FromUtc(2026, 10, 25, 7, 0));
    }

    [Fact]
    public void Night_shift_hours_across_the_gap_and_the_repeated_hour_measure_real_time()
    {
        // Sunday 01:00–04:00 local. Spring: 02:00–03:00 does not exist → 01:00–02:00 CET + 03:00–04:00 CEST = 2 h.
        // Autumn: 02:00–03:00 happens twice → 01:00 CEST .. 04:00 CET = 4 h of real time.
        var cal = new BusinessCalendar("Night", Paris, [new WeeklyHours(IsoDayOfWeek.Sunday, Duration.FromHours(1), Duration.FromHours(4))], []);
        cal.Measure(I("2026-03-29T00:00:00+01:00"), I("2026-03-30T00:00:00+02:00")).ShouldBe(Duration.FromHours(2));
        cal.Measure(I("2026-10-25T00:00:00+02:00"), I("2026-10-26T00:00:00+01:00")).ShouldBe(Duration.FromHours(4));
        cal.OpenIntervals(new LocalDate(2026, 3, 29)).ToArray().ShouldBe(
        [
            new InstantInterval(I("2026-03-29T01:00:00+01:00"), I("2026-03-29T04:00:00+02:00")),
        ]);
    }

    [Fact]
    public void Holidays_and_closed_days_have_no_open_hours()
    {
        var cal = Business();
        // Fri 2026-05-01 is a holiday; Sat 05-02 is open 09:00–12:00; Sun 05-03 closed.
        cal.Measure(I("2026-05-01T00:00:00+02:00"), I("2026-05-04T00:00:00+02:00")).ShouldBe(Duration.FromHours(3));
        cal.IsWorkingDay(new LocalDate(2026, 5, 1)).ShouldBeFalse();
        cal.IsWorkingDay(new LocalDate(2026, 5, 2)).ShouldBeTrue();
        cal.IsWorkingDay(new LocalDate(2026, 5, 3)).ShouldBeFalse();
    }

    [Fact]
    public void Measure_of_an_interval_set_counts_overlaps_once_and_clips_to_open_hours()
    {
        var cal = Business();
        // Mon 2026-03-02: [07:00, 10:00) ∪ [09:00, 11:00) = [07:00, 11:00) → open part 08:00–11:00 = 3 h.
        var set = IntervalSet.From(
        [
            new InstantInterval(I("2026-03-02T07:00:00+01:00"), I("2026-03-02T10:00:00+01:00")),
            new InstantInterval(I("2026-03-02T09:00:00+01:00"), I("2026-03-02T11:00:00+01:00")),
        ]);
        cal.Measure(set).ShouldBe(Duration.FromHours(3));
    }

    [Fact]
    public void Working_days_after_a_friday_evening_skip_the_weekend_and_a_holiday()
    {
        // Calendar mon-fri only with holiday Mon 2026-05-04.
        var cal = new BusinessCalendar("Weekdays", Paris,
            Enumerable.Range(1, 5).Select(d => new WeeklyHours((IsoDayOfWeek)d, Duration.FromHours(8), Duration.FromHours(18))),
            [new LocalDate(2026, 5, 4)]);
        // T = Fri 2026-05-01 00:00 local: days starting at or after T: Fri 1 (wd 1), Sat, Sun, Mon 4 holiday, Tue 5 (wd 2), Wed 6 (wd 3).
        cal.AddWorkingDays(I("2026-05-01T00:00:00+02:00"), 3).ShouldBe(I("2026-05-07T00:00:00+02:00"));
        // T = Fri 2026-05-01 17:00: Friday started before T, so the first day is Sat; wd1 = Tue 5 → ends Wed 6 00:00.
        cal.AddWorkingDays(I("2026-05-01T17:00:00+02:00"), 1).ShouldBe(I("2026-05-06T00:00:00+02:00"));
    }

    [Fact]
    public void A_day_whose_only_hours_are_skipped_by_DST_is_not_a_working_day()
    {
        // §3: "A working day of C is a local day with open hours that is not a holiday". Hours sun 02:00–03:00 in Paris:
        // on Sun 2026-03-29 local 02:00–03:00 does not exist, so that Sunday has no open hours.
        var cal = new BusinessCalendar("Night", Paris, [new WeeklyHours(IsoDayOfWeek.Sunday, Duration.FromHours(2), Duration.FromHours(3))], []);
        cal.IsWorkingDay(new LocalDate(2026, 3, 29)).ShouldBeFalse();
        cal.IsWorkingDay(new LocalDate(2026, 3, 22)).ShouldBeTrue();
        // 1bd after Mon 2026-03-23 00:00: Sun 29 is skipped, the first working day is Sun 04-05 → ends Mon 04-06 00:00+02:00.
        cal.AddWorkingDays(I("2026-03-23T00:00:00+01:00"), 1).ShouldBe(I("2026-04-06T00:00:00+02:00"));
    }

    [Fact]
    public void Working_days_of_a_calendar_without_hours_never_come()
    {
        var closed = new BusinessCalendar("Closed", Paris, [], [new LocalDate(2026, 1, 1)]);
        closed.AddWorkingDays(I("2026-02-01T00:00:00+01:00"), 2).ShouldBeNull();
        closed.AddWorkingDays(I("2026-02-01T10:00:00+01:00"), 0).ShouldBe(I("2026-02-02T00:00:00+01:00"));
    }

    [Fact]
    public void Escalation_delays_past_the_representable_range_are_never_reached()
    {
        // after 1000000w (≈ 19,165 years) from 2026: no overflow, just never reached before the limit.
        BusinessCalendar.Always(Paris).WhenMeasureReaches(I("2026-01-05T10:00:00+01:00"), Duration.FromDays(7_000_000), IntervalSet.Empty, Instant.MaxValue)
            .ShouldBeNull();
    }
}
