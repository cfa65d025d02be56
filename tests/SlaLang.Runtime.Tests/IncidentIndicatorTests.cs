using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

public class IncidentIndicatorTests
{
    private static bool Sev1(in IncidentInfo i) => i.Severity == "sev1";

    private static ContractMonitor NewMonitor() =>
        new("C", "Europe/Paris", new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), "EUR");

    private static ObjectiveResult Period(SlaReport r, string objective, string start) =>
        r.Objectives.Single(o => o.Objective == objective && o.Period.Start == T(start));

    /// <summary>Incidents of March 2026 in the Business calendar (Mon–Fri 08–18, Sat 09–12).</summary>
    private static void MarchIncidents(ContractMonitor m)
    {
        // INC-1 sev1: opened Fri 03-06 17:00, paused 17:30, resumed Mon 03-09 09:00, resolved Mon 10:00,
        // reopened 11:00, resolved again 12:00. Age at FIRST resolution: Fri 17:00–17:30 (1800 s) + Mon 09:00–10:00
        // (3600 s) = 5400 s.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-06T17:00:00+01:00"), "S", "INC-1", "sev1"));
        m.Observe(SlaEvent.IncidentPaused(T("2026-03-06T17:30:00+01:00"), "INC-1"));
        m.Observe(SlaEvent.IncidentResumed(T("2026-03-09T09:00:00+01:00"), "INC-1"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-09T10:00:00+01:00"), "INC-1"));
        m.Observe(SlaEvent.IncidentReopened(T("2026-03-09T11:00:00+01:00"), "INC-1"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-09T12:00:00+01:00"), "INC-1"));
        // INC-2 sev1: opened Sat 03-07 11:00, resolved Mon 03-09 09:00: Sat 11–12 (3600) + Mon 08–09 (3600) = 7200 s.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-07T11:00:00+01:00"), "S", "INC-2", "sev1"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-09T09:00:00+01:00"), "INC-2"));
        // INC-3 sev2 (filtered out by `where severity == sev1`), INC-4 sev1 of another service.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-10T08:00:00+01:00"), "S", "INC-3", "sev2"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-10T18:00:00+01:00"), "INC-3"));
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-10T08:00:00+01:00"), "Other", "INC-4", "sev1"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-10T18:00:00+01:00"), "INC-4"));
    }

    [Fact]
    public void Mttr_uses_first_resolution_excludes_pauses_and_filters_by_service_and_where()
    {
        var m = NewMonitor();
        m.Add(new Objective("S", "Restore", IndicatorKind.Mttr, new Target(Comparison.LessOrEqual, 14400m, "<= 4h"), PeriodRule.Month, Business(), where: Sev1));
        MarchIncidents(m);
        var r = Period(m.Report(I("2026-04-01T00:00:00+02:00")), "Restore", "2026-03-01T00:00:00+01:00");
        // (5400 + 7200) / 2 = 6300 s.
        r.Value.ShouldBe(6300m);
        r.Unit.ShouldBe(IndicatorUnit.Seconds);
        r.Status.ShouldBe(ObjectiveStatus.Met);
    }

    [Fact]
    public void Mttr_over_the_spring_forward_night_counts_real_elapsed_time()
    {
        var m = NewMonitor();
        m.Add(new Objective("S", "Restore", IndicatorKind.Mttr, new Target(Comparison.LessOrEqual, 3600m, "<= 1h"), PeriodRule.Month, m.Always));
        // 01:00+01:00 → 04:00+02:00: the wall clock moved 3 h, real time 2 h = 7200 s.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-29T01:00:00+01:00"), "S", "I", "sev1"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-29T04:00:00+02:00"), "I"));
        var r = Period(m.Report(I("2026-04-01T00:00:00+02:00")), "Restore", "2026-03-01T00:00:00+01:00");
        r.Value.ShouldBe(7200m);
        r.Status.ShouldBe(ObjectiveStatus.Breached);
    }

    [Fact]
    public void Mttr_on_a_business_hours_DST_day_measures_local_open_hours_in_real_time()
    {
        // A calendar open Sundays 01:00–05:00: on 2026-03-29 local 02:00–03:00 does not exist.
        var night = new BusinessCalendar("Night", Paris, [new WeeklyHours(IsoDayOfWeek.Sunday, Duration.FromHours(1), Duration.FromHours(5))], []);
        var m = NewMonitor();
        m.Add(new Objective("S", "Restore", IndicatorKind.Mttr, new Target(Comparison.LessOrEqual, 3600m, "<= 1h"), PeriodRule.Month, night));
        // Opened 00:30+01:00, resolved 04:30+02:00: open 01:00 CET .. 04:30 CEST = 00:00Z .. 02:30Z = 9000 s.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-29T00:30:00+01:00"), "S", "I", "sev1"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-29T04:30:00+02:00"), "I"));
        Period(m.Report(I("2026-04-01T00:00:00+02:00")), "Restore", "2026-03-01T00:00:00+01:00").Value.ShouldBe(9000m);
    }

    [Fact]
    public void Resolved_within_counts_incidents_still_open_at_period_end_once_over_the_delay()
    {
        var m = NewMonitor();
        m.Add(new Objective("S", "Within4h", IndicatorKind.ResolvedWithin, new Target(Comparison.GreaterOrEqual, 95m, ">= 95%"), PeriodRule.Month, m.Always, within: Duration.FromHours(4)));
        // A: 2 h (good, March). B: 6 h (bad, March). E: 30 min (good, March).
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-10T10:00:00+01:00"), "S", "A", "sev1"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-10T12:00:00+01:00"), "A"));
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-11T10:00:00+01:00"), "S", "B", "sev1"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-11T16:00:00+01:00"), "B"));
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-12T10:00:00+01:00"), "S", "E", "sev2"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-12T10:30:00+01:00"), "E"));
        // C: opened 03-31 22:00, resolved 04-01 01:00 (3 h). At March end its age is 2 h ≤ 4 h → not in March;
        // April: resolved in April within 4 h → good.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-31T22:00:00+02:00"), "S", "C", "sev1"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-04-01T01:00:00+02:00"), "C"));
        // D: opened 03-31 18:00, never resolved. March end: age 6 h > 4 h → in March, bad.
        // As of 04-15 (April unfinished): still unresolved, age > 4 h → in April, bad.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-31T18:00:00+02:00"), "S", "D", "sev1"));
        var report = m.Report(I("2026-04-15T00:00:00+02:00"));
        // March: A good, B bad, E good, D bad → 2 / 4 = 50 %.
        var march = Period(report, "Within4h", "2026-03-01T00:00:00+01:00");
        march.Value.ShouldBe(50m);
        march.Status.ShouldBe(ObjectiveStatus.Breached);
        // April: C good, D bad → 50 %, pending and at risk.
        var april = Period(report, "Within4h", "2026-04-01T00:00:00+02:00");
        april.Value.ShouldBe(50m);
        april.Status.ShouldBe(ObjectiveStatus.Pending);
        april.AtRisk.ShouldBeTrue();
        // February: empty population → no data.
        Period(report, "Within4h", "2026-02-01T00:00:00+01:00").Status.ShouldBe(ObjectiveStatus.NoData);
    }

    [Fact]
    public void Responded_within_uses_the_first_acknowledgement_and_pauses()
    {
        var m = NewMonitor();
        m.Add(new Objective("S", "Ack30", IndicatorKind.RespondedWithin, new Target(Comparison.GreaterOrEqual, 90m, ">= 90%"), PeriodRule.Month, m.Always, within: Duration.FromMinutes(30)));
        // X: acked after 20 min, acked again later (only the first counts) → good.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-02T10:00:00+01:00"), "S", "X", "sev1"));
        m.Observe(SlaEvent.IncidentAcknowledged(T("2026-03-02T10:50:00+01:00"), "X"));
        m.Observe(SlaEvent.IncidentAcknowledged(T("2026-03-02T10:20:00+01:00"), "X"));
        // Y: opened 10:00, paused 10:10–11:00, acked 11:15 → measured 10 + 15 = 25 min → good.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-03T10:00:00+01:00"), "S", "Y", "sev1"));
        m.Observe(SlaEvent.IncidentPaused(T("2026-03-03T10:10:00+01:00"), "Y"));
        m.Observe(SlaEvent.IncidentResumed(T("2026-03-03T11:00:00+01:00"), "Y"));
        m.Observe(SlaEvent.IncidentAcknowledged(T("2026-03-03T11:15:00+01:00"), "Y"));
        // Z: acked after 45 min → bad. W: never acked, opened 03-04 → over 30 min at March end → bad.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-03T12:00:00+01:00"), "S", "Z", "sev1"));
        m.Observe(SlaEvent.IncidentAcknowledged(T("2026-03-03T12:45:00+01:00"), "Z"));
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-04T12:00:00+01:00"), "S", "W", "sev1"));
        var r = Period(m.Report(I("2026-04-01T00:00:00+02:00")), "Ack30", "2026-03-01T00:00:00+01:00");
        // 2 good of 4 = 50 %.
        r.Value.ShouldBe(50m);
    }

    [Fact]
    public void Incident_count_counts_incidents_opened_in_the_period()
    {
        var m = NewMonitor();
        m.Add(new Objective("S", "Count", IndicatorKind.IncidentCount, new Target(Comparison.LessOrEqual, 2m, "<= 2"), PeriodRule.Month, m.Always, where: Sev1));
        MarchIncidents(m);
        var r = Period(m.Report(I("2026-04-01T00:00:00+02:00")), "Count", "2026-03-01T00:00:00+01:00");
        // INC-1 and INC-2 (sev1, service S); INC-3 is sev2, INC-4 is another service.
        r.Value.ShouldBe(2m);
        r.Unit.ShouldBe(IndicatorUnit.Count);
        r.Status.ShouldBe(ObjectiveStatus.Met);
        // A month without incidents has a count of 0, not no data.
        Period(m.Report(I("2026-04-01T00:00:00+02:00")), "Count", "2026-02-01T00:00:00+01:00").Value.ShouldBe(0m);
    }

    [Fact]
    public void Reopen_rate_is_reopen_events_over_resolve_events_in_the_period()
    {
        var m = NewMonitor();
        m.Add(new Objective("S", "Reopens", IndicatorKind.ReopenRate, new Target(Comparison.LessOrEqual, 5m, "<= 5%"), PeriodRule.Quarter, m.Always));
        MarchIncidents(m);
        var r = Period(m.Report(I("2026-04-01T00:00:00+02:00")), "Reopens", "2026-01-01T00:00:00+01:00");
        // Service S resolve events: INC-1 ×2, INC-2, INC-3 = 4; reopen events: INC-1 ×1 → 100 × 1 / 4 = 25 %.
        r.Value.ShouldBe(25m);
        r.Status.ShouldBe(ObjectiveStatus.Breached);
    }

    [Fact]
    public void Incident_resolved_exactly_at_a_period_end_is_counted_once_in_the_next_period()
    {
        var m = NewMonitor();
        m.Add(new Objective("S", "Within1h", IndicatorKind.ResolvedWithin, new Target(Comparison.GreaterOrEqual, 95m, ">= 95%"), PeriodRule.Month, m.Always, within: Duration.FromHours(1)));
        // Opened 03-31 20:00, resolved 04-01 00:00 (the March end) after 4 h: not "unresolved at March end";
        // April: resolved in April, late → 0 %. March: empty population → no data.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-31T20:00:00+02:00"), "S", "B", "sev1"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-04-01T00:00:00+02:00"), "B"));
        var report = m.Report(I("2026-05-01T00:00:00+02:00"));
        Period(report, "Within1h", "2026-03-01T00:00:00+01:00").Status.ShouldBe(ObjectiveStatus.NoData);
        Period(report, "Within1h", "2026-04-01T00:00:00+02:00").Value.ShouldBe(0m);
        // As of the March end itself the resolution is not seen yet: the incident is unresolved at N, 4 h > 1 h → 0 %.
        Period(m.Report(I("2026-04-01T00:00:00+02:00")), "Within1h", "2026-03-01T00:00:00+01:00").Value.ShouldBe(0m);
    }
}
