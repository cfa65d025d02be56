using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

public class RollingAndMonthsTests
{
    private static ContractMonitor NewMonitor() =>
        new("C", "Europe/Paris", new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), "EUR");

    [Fact]
    public void Rolling_window_ends_at_as_of_counts_as_finished_and_owes_credit_pro_rata()
    {
        var m = NewMonitor();
        var o = m.Add(new Objective("S", "Avail7d", IndicatorKind.Availability, new Target(Comparison.GreaterOrEqual, 99m, ">= 99%"), PeriodRule.Rolling(Duration.FromDays(7)), m.Always));
        m.Add(new Penalty("Credit", o, PenaltyBase.Fee(3100m), [new PenaltyTier(Comparison.Less, 99m, 10m)]));
        // Window [03-03T12:00, 03-10T12:00) = 604800 s (no DST change). Outage 03-05 00:00 – 03-05 03:21:36 = 12096 s,
        // and an outage after as-of that must not count.
        m.Observe(SlaEvent.OutageStart(T("2026-03-05T00:00:00+01:00"), "S", "O1"));
        m.Observe(SlaEvent.OutageEnd(T("2026-03-05T03:21:36+01:00"), "S", "O1"));
        m.Observe(SlaEvent.OutageStart(T("2026-03-10T13:00:00+01:00"), "S", "O2"));
        var report = m.Report(I("2026-03-10T12:00:00+01:00"));
        var r = report.Objectives.ShouldHaveSingleItem();
        r.Period.ShouldBe(new PeriodBounds(T("2026-03-03T12:00:00+01:00"), T("2026-03-10T12:00:00+01:00")));
        // 100 × (604800 − 12096) / 604800 = 98 → breached (a rolling window counts as finished).
        r.Value.ShouldBe(98m);
        r.Status.ShouldBe(ObjectiveStatus.Breached);
        // Base: 7 local days of March (31 d) at 3100 a month = 3100 × 7 / 31 = 700; 10 % → 70.00.
        report.Credits.ShouldHaveSingleItem().Amount.ShouldBe(70.00m);
    }

    [Fact]
    public void Three_month_periods_align_to_the_term_start_and_their_fee_base_is_three_months()
    {
        var m = new ContractMonitor("C", "Europe/Paris", new LocalDate(2026, 2, 1), new LocalDate(2026, 12, 31), "EUR");
        var o = m.Add(new Objective("S", "Count", IndicatorKind.IncidentCount, new Target(Comparison.LessOrEqual, 1m, "<= 1"), PeriodRule.Months(3), m.Always));
        m.Add(new Penalty("Credit", o, PenaltyBase.Fee(1000m), [], new PenaltyStep(1m, 1.5m), capPercent: 4m));
        foreach (var (id, day) in new[] { ("A", 3), ("B", 10), ("C", 20), ("D", 25) })
        {
            m.Observe(SlaEvent.IncidentOpened(T($"2026-04-{day:00}T10:00:00+02:00"), "S", id, "sev1"));
        }
        var report = m.Report(I("2026-05-01T00:00:00+02:00"));
        // Periods: [02-01, 05-01) finished; [05-01, …) starts at N, not reported.
        var r = report.Objectives.ShouldHaveSingleItem();
        r.Period.ShouldBe(new PeriodBounds(T("2026-02-01T00:00:00+01:00"), T("2026-05-01T00:00:00+02:00")));
        r.Value.ShouldBe(4m);
        // Shortfall 4 − 1 = 3 → ceil(3 / 1) × 1.5 % = 4.5 % → cap 4 %; base = 3 whole months = 3000 → 120.00.
        var c = report.Credits.ShouldHaveSingleItem();
        c.Rate.ShouldBe(4m);
        c.Amount.ShouldBe(120.00m);
    }

    [Fact]
    public void Escalation_in_business_hours_skips_a_holiday()
    {
        var m = NewMonitor();
        m.Add(new Escalation("Path", null, Business(), [new EscalationLevel(1, Duration.FromHours(2), ["Duty"])]));
        // Thu 2026-04-30 17:00: 1 h on Thursday; Fri 05-01 is a holiday; Sat 05-02 opens 09:00 → reached Sat 10:00.
        m.Observe(SlaEvent.IncidentOpened(T("2026-04-30T17:00:00+02:00"), "S", "I", "sev2"));
        m.Report(I("2026-05-04T00:00:00+02:00")).Escalations.ShouldHaveSingleItem().At.ShouldBe(T("2026-05-02T10:00:00+02:00"));
    }

    [Fact]
    public void A_rolling_window_longer_than_time_itself_is_clipped_to_the_term_without_overflow()
    {
        // rolling 1000000w (the longest duration literal): asOf − length lies before the first representable instant.
        var term = new ContractTerm(Paris, new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31));
        PeriodRule.Rolling(Duration.FromDays(7_000_000)).PeriodsAsOf(term, I("2026-03-01T00:00:00+01:00"))
            .ShouldBe([new ReportPeriod(I("2026-01-01T00:00:00+01:00"), I("2026-03-01T00:00:00+01:00"), true)]);
    }
}
