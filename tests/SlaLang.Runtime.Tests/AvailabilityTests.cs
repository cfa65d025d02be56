using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

public class AvailabilityTests
{
    private static ContractMonitor Monitor(out BusinessCalendar business, LocalDate? termStart = null)
    {
        var m = new ContractMonitor("C", "Europe/Paris", termStart ?? new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), "EUR");
        business = Business();
        return m;
    }

    private static Target AtLeast(decimal v) => new(Comparison.GreaterOrEqual, v, $">= {v}%");

    [Fact]
    public void Spring_forward_day_has_23_scheduled_hours_and_an_outage_across_the_gap_counts_real_time()
    {
        var m = Monitor(out _);
        m.Add(new Objective("S", "Avail", IndicatorKind.Availability, AtLeast(99m), PeriodRule.Day, m.Always));
        // 01:00+01:00 = 00:00Z, 04:18+02:00 = 02:18Z → 2 h 18 min = 8280 s down (local clock shows 3 h 18).
        m.Observe(SlaEvent.OutageStart(T("2026-03-29T01:00:00+01:00"), "S", "O1"));
        m.Observe(SlaEvent.OutageEnd(T("2026-03-29T04:18:00+02:00"), "S", "O1"));
        var r = m.Report(I("2026-03-30T00:00:00+02:00")).Objectives.Single(o => o.Period.Start.Day == 29 && o.Period.Start.Month == 3);
        // sched = 23 h = 82800 s; value = 100 × (82800 − 8280) / 82800 = 100 × 0.9 = 90.
        r.Value.ShouldBe(90m);
        r.Status.ShouldBe(ObjectiveStatus.Breached);
        // budget: allowed = 82800 × (100 − 99)/100 = 828 s; consumed = 8280 / 828 = 10.
        r.Budget.ShouldBe(new ErrorBudget(828m, 10m));
    }

    [Fact]
    public void Fall_back_day_has_25_scheduled_hours()
    {
        var m = Monitor(out _, new LocalDate(2026, 10, 25));
        m.Add(new Objective("S", "Avail", IndicatorKind.Availability, AtLeast(99m), PeriodRule.Day, m.Always));
        // 01:30+02:00 = 23:30Z (24th), 02:30+01:00 = 01:30Z → 2 h = 7200 s, though the local clock shows 1 h.
        m.Observe(SlaEvent.OutageStart(T("2026-10-25T01:30:00+02:00"), "S", "O1"));
        m.Observe(SlaEvent.OutageEnd(T("2026-10-25T02:30:00+01:00"), "S", "O1"));
        var r = m.Report(I("2026-10-26T00:00:00+01:00")).Objectives[0];
        // sched = 25 h = 90000 s; value = 100 × (90000 − 7200) / 90000 = 92.
        r.Value.ShouldBe(92m);
        r.Period.End.ShouldBe(T("2026-10-26T00:00:00+01:00"));
    }

    [Fact]
    public void Maintenance_is_excluded_from_schedule_and_downtime_in_business_hours()
    {
        var m = Monitor(out var business);
        m.Add(new Objective("S", "Avail", IndicatorKind.Availability, AtLeast(99.5m), PeriodRule.Week, business, excludeMaintenance: true));
        // Week Mon 2026-03-02 .. Sun 03-08: 5 × 10 h + Sat 3 h = 53 h.
        // Maintenance Tue 17:00–20:00 → open part 17:00–18:00 (1 h) leaves sched = 52 h = 187200 s.
        m.Observe(SlaEvent.MaintenanceStart(T("2026-03-03T17:00:00+01:00"), "S", "M1"));
        m.Observe(SlaEvent.MaintenanceEnd(T("2026-03-03T20:00:00+01:00"), "S", "M1"));
        // Outage Tue 17:30–18:30: 17:30–18:00 is maintenance, 18:00–18:30 closed → 0 s.
        m.Observe(SlaEvent.OutageStart(T("2026-03-03T17:30:00+01:00"), "S", "O1"));
        m.Observe(SlaEvent.OutageEnd(T("2026-03-03T18:30:00+01:00"), "S", "O1"));
        // Outage Wed 07:00–08:31:12: open part 08:00–08:31:12 = 1872 s.
        m.Observe(SlaEvent.OutageStart(T("2026-03-04T07:00:00+01:00"), "S", "O2"));
        m.Observe(SlaEvent.OutageEnd(T("2026-03-04T08:31:12+01:00"), "S", "O2"));
        // An overlapping outage report of the same minutes (other id) is counted once.
        m.Observe(SlaEvent.OutageStart(T("2026-03-04T08:10:00+01:00"), "S", "O3"));
        m.Observe(SlaEvent.OutageEnd(T("2026-03-04T08:20:00+01:00"), "S", "O3"));
        var r = m.Report(I("2026-03-09T00:00:00+01:00")).Objectives.Single(o => o.Period.Start == T("2026-03-02T00:00:00+01:00"));
        // value = 100 × (187200 − 1872) / 187200 = 99 → breached against 99.5.
        r.Value.ShouldBe(99m);
        r.Status.ShouldBe(ObjectiveStatus.Breached);
        // allowed = 187200 × 0.5 / 100 = 936 s; consumed = 1872 / 936 = 2.
        r.Budget.ShouldBe(new ErrorBudget(936m, 2m));
    }

    [Fact]
    public void Outage_still_open_counts_until_as_of_and_the_unfinished_period_is_pending_at_risk()
    {
        var m = Monitor(out var business);
        m.Add(new Objective("S", "Avail", IndicatorKind.Availability, AtLeast(99m), PeriodRule.Day, business));
        m.Observe(SlaEvent.OutageStart(T("2026-03-04T11:00:00+01:00"), "S", "O1"));
        var r = m.Report(I("2026-03-04T12:00:00+01:00")).Objectives[^1];
        // sched = 08:00–12:00 = 14400 s; down = 11:00–12:00 = 3600 s; 100 × 10800 / 14400 = 75.
        r.Value.ShouldBe(75m);
        r.Status.ShouldBe(ObjectiveStatus.Pending);
        r.AtRisk.ShouldBeTrue();
    }

    [Fact]
    public void A_period_without_scheduled_time_has_no_data()
    {
        var m = Monitor(out var business);
        m.Add(new Objective("S", "Avail", IndicatorKind.Availability, AtLeast(99m), PeriodRule.Day, business));
        var report = m.Report(I("2026-03-09T00:00:00+01:00"));
        // Sunday 2026-03-08 has no open hours: sched = 0.
        var sunday = report.Objectives.Single(o => o.Period.Start == T("2026-03-08T00:00:00+01:00"));
        sunday.Value.ShouldBeNull();
        sunday.Status.ShouldBe(ObjectiveStatus.NoData);
        sunday.Budget.ShouldBeNull();
        // Saturday 03-07 has 3 h and no outage: 100 %, met.
        report.Objectives.Single(o => o.Period.Start == T("2026-03-07T00:00:00+01:00")).Value.ShouldBe(100m);
    }

    [Fact]
    public void Partial_first_month_at_the_term_start_is_measured_from_the_term_start()
    {
        var m = Monitor(out _, new LocalDate(2026, 1, 15));
        m.Add(new Objective("S", "Avail", IndicatorKind.Availability, AtLeast(99m), PeriodRule.Month, m.Always));
        // Outage before the term start is outside every period; outage 01-20 00:00–02:02:24 = 7344 s.
        m.Observe(SlaEvent.OutageStart(T("2026-01-10T00:00:00+01:00"), "S", "O0"));
        m.Observe(SlaEvent.OutageEnd(T("2026-01-10T05:00:00+01:00"), "S", "O0"));
        m.Observe(SlaEvent.OutageStart(T("2026-01-20T00:00:00+01:00"), "S", "O1"));
        m.Observe(SlaEvent.OutageEnd(T("2026-01-20T02:02:24+01:00"), "S", "O1"));
        var r = m.Report(I("2026-02-01T00:00:00+01:00")).Objectives.ShouldHaveSingleItem();
        r.Period.Start.ShouldBe(T("2026-01-15T00:00:00+01:00"));
        // sched = 17 days = 1468800 s; 100 × (1468800 − 7344) / 1468800 = 100 × 0.995 = 99.5.
        r.Value.ShouldBe(99.5m);
        r.Status.ShouldBe(ObjectiveStatus.Met);
    }

    [Fact]
    public void Mtbf_is_uptime_divided_by_outages_starting_in_the_period()
    {
        var m = Monitor(out _);
        m.Add(new Objective("S", "Mtbf", IndicatorKind.Mtbf, new Target(Comparison.GreaterOrEqual, 36000m, ">= 10h"), PeriodRule.Day, m.Always));
        // Day 2026-03-04: outages 10:00–10:40 and 15:00–15:20 → down 3600 s; an outage starting the day before and
        // ending 00:30 on the 4th adds 1800 s down but does not start in P.
        m.Observe(SlaEvent.OutageStart(T("2026-03-03T23:00:00+01:00"), "S", "O0"));
        m.Observe(SlaEvent.OutageEnd(T("2026-03-04T00:30:00+01:00"), "S", "O0"));
        m.Observe(SlaEvent.OutageStart(T("2026-03-04T10:00:00+01:00"), "S", "O1"));
        m.Observe(SlaEvent.OutageEnd(T("2026-03-04T10:40:00+01:00"), "S", "O1"));
        m.Observe(SlaEvent.OutageStart(T("2026-03-04T15:00:00+01:00"), "S", "O2"));
        m.Observe(SlaEvent.OutageEnd(T("2026-03-04T15:20:00+01:00"), "S", "O2"));
        var r = m.Report(I("2026-03-05T00:00:00+01:00")).Objectives.Single(o => o.Period.Start == T("2026-03-04T00:00:00+01:00"));
        // (86400 − 5400) / 2 = 40500 s.
        r.Value.ShouldBe(40500m);
        r.Status.ShouldBe(ObjectiveStatus.Met);
        // Days without an outage start: no data.
        m.Report(I("2026-03-05T00:00:00+01:00")).Objectives.Single(o => o.Period.Start == T("2026-03-02T00:00:00+01:00")).Status.ShouldBe(ObjectiveStatus.NoData);
    }

    private static bool NotO2(in IncidentInfo outage) => outage.Id != "O2";

    [Fact]
    public void A_where_clause_on_availability_filters_outages_by_id()
    {
        var m = Monitor(out _, new LocalDate(2026, 10, 25));
        m.Add(new Objective("S", "Avail", IndicatorKind.Availability, AtLeast(99m), PeriodRule.Day, m.Always, where: NotO2));
        // O1 = 9000 s counted; O2 = 3600 s filtered out. sched = 25 h = 90000 s → 100 × 81000 / 90000 = 90.
        m.Observe(SlaEvent.OutageStart(T("2026-10-25T10:00:00+01:00"), "S", "O1"));
        m.Observe(SlaEvent.OutageEnd(T("2026-10-25T12:30:00+01:00"), "S", "O1"));
        m.Observe(SlaEvent.OutageStart(T("2026-10-25T14:00:00+01:00"), "S", "O2"));
        m.Observe(SlaEvent.OutageEnd(T("2026-10-25T15:00:00+01:00"), "S", "O2"));
        m.Report(I("2026-10-26T00:00:00+01:00")).Objectives[0].Value.ShouldBe(90m);
    }

    [Fact]
    public void A_reused_outage_id_makes_two_outages_not_one_long_one()
    {
        var m = Monitor(out _);
        m.Add(new Objective("S", "Avail", IndicatorKind.Availability, AtLeast(99m), PeriodRule.Day, m.Always));
        m.Add(new Objective("S", "Mtbf", IndicatorKind.Mtbf, new Target(Comparison.GreaterOrEqual, 3600m, ">= 1h"), PeriodRule.Day, m.Always));
        // "db-down" 10:00–10:30 and again 14:00–14:15, events shuffled: 1800 + 900 = 2700 s down, not 10:00–14:15.
        m.Observe(SlaEvent.OutageEnd(T("2026-03-04T14:15:00+01:00"), "S", "db-down"));
        m.Observe(SlaEvent.OutageStart(T("2026-03-04T10:00:00+01:00"), "S", "db-down"));
        m.Observe(SlaEvent.OutageStart(T("2026-03-04T14:00:00+01:00"), "S", "db-down"));
        m.Observe(SlaEvent.OutageEnd(T("2026-03-04T10:30:00+01:00"), "S", "db-down"));
        var report = m.Report(I("2026-03-05T00:00:00+01:00"));
        // 100 × (86400 − 2700) / 86400 = 96.875; MTBF = (86400 − 2700) / 2 = 41850 s.
        report.Objectives.Single(o => o.Objective == "Avail" && o.Period.Start == T("2026-03-04T00:00:00+01:00")).Value.ShouldBe(96.875m);
        report.Objectives.Single(o => o.Objective == "Mtbf" && o.Period.Start == T("2026-03-04T00:00:00+01:00")).Value.ShouldBe(41850m);
    }
}
