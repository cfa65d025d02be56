using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

public class EscalationAndObligationTests
{
    private static bool Sev1(in IncidentInfo i) => i.Severity == "sev1";

    private static ContractMonitor NewMonitor() =>
        new("C", "Europe/Paris", new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), "EUR");

    private static readonly EscalationLevel[] Levels =
    [
        new(1, Duration.FromMinutes(30), ["ServiceManager"]),
        new(2, Duration.FromHours(2), ["ITDirector", "CIO"]),
    ];

    [Fact]
    public void Escalation_levels_are_reached_at_exact_instants_in_business_hours_excluding_pauses()
    {
        var m = NewMonitor();
        m.Add(new Escalation("Path", Sev1, Business(), Levels));
        // Fri 2026-03-06 17:00, paused 17:10–17:20: 30 min of measured age at 17:40.
        // 2 h: Fri 17:00–18:00 minus 10 min pause = 50 min; Sat opens 09:00 → 70 more min → Sat 10:10.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-06T17:00:00+01:00"), "S", "INC-1", "sev1"));
        m.Observe(SlaEvent.IncidentPaused(T("2026-03-06T17:10:00+01:00"), "INC-1"));
        m.Observe(SlaEvent.IncidentResumed(T("2026-03-06T17:20:00+01:00"), "INC-1"));
        // A sev2 never escalates.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-06T08:00:00+01:00"), "S", "INC-2", "sev2"));
        var report = m.Report(I("2026-03-09T00:00:00+01:00"));
        report.Escalations.ShouldBe(
        [
            new EscalationResult("Path", "INC-1", 1, "ServiceManager", T("2026-03-06T17:40:00+01:00")),
            new EscalationResult("Path", "INC-1", 2, "ITDirector, CIO", T("2026-03-07T10:10:00+01:00")),
        ]);
    }

    [Fact]
    public void Escalation_stops_at_first_resolution_and_at_as_of()
    {
        var m = NewMonitor();
        m.Add(new Escalation("Path", Sev1, Business(), Levels));
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-06T17:00:00+01:00"), "S", "INC-1", "sev1"));
        // Resolved Sat 09:30 (age 1 h 30): level 2 (2 h) never reached; a later reopen does not restart the ladder.
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-07T09:30:00+01:00"), "INC-1"));
        m.Observe(SlaEvent.IncidentReopened(T("2026-03-07T11:00:00+01:00"), "INC-1"));
        m.Report(I("2026-03-10T00:00:00+01:00")).Escalations.Select(e => e.Level).ShouldBe([1]);
        // As of 17:30 (age exactly 30 min, not before N): nothing yet.
        m.Report(I("2026-03-06T17:30:00+01:00")).Escalations.ShouldBeEmpty();
    }

    [Fact]
    public void Escalation_over_the_spring_forward_gap_is_one_real_hour_later()
    {
        var m = NewMonitor();
        m.Add(new Escalation("Path", null, m.Always, [new EscalationLevel(1, Duration.FromHours(1), ["Duty"])]));
        // Opened 01:30+01:00 (00:30Z); 1 real hour later is 01:30Z = 03:30+02:00.
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-29T01:30:00+01:00"), "S", "I", "sev3"));
        m.Report(I("2026-03-30T00:00:00+02:00")).Escalations.ShouldHaveSingleItem().At.ShouldBe(T("2026-03-29T03:30:00+02:00"));
    }

    private static BusinessCalendar Weekdays() => new("Weekdays", Paris,
        Enumerable.Range(1, 5).Select(d => new WeeklyHours((IsoDayOfWeek)d, Duration.FromHours(8), Duration.FromHours(18))),
        [new LocalDate(2026, 4, 6), new LocalDate(2026, 5, 1), new LocalDate(2026, 5, 8)]);

    [Fact]
    public void Obligation_due_five_working_days_after_period_end_across_weekends_and_holidays()
    {
        var m = NewMonitor();
        m.Add(new Obligation("MonthlyReport", PeriodRule.Month, DueOffset.BusinessDays(5), Weekdays()));
        // February ends Sun 03-01 00:00: Sun not working, Mon 2 … Fri 6 = 5th → due Sat 03-07 00:00.
        // March ends Wed 04-01 00:00: Wed 1, Thu 2, Fri 3, (weekend), Mon 6 holiday, Tue 7, Wed 8 = 5th → due Thu 04-09 00:00.
        // April ends Fri 05-01 00:00: Fri 1 holiday, Mon 4, Tue 5, Wed 6, Thu 7, Fri 8 holiday, Mon 11 = 5th → due Tue 05-12.
        // May ends Mon 06-01: Mon 1 … Fri 5 = 5th → due Sat 06-06 00:00.
        m.Observe(SlaEvent.FulfilledObligation(T("2026-05-11T17:00:00+02:00"), "MonthlyReport"));           // April's
        m.Observe(SlaEvent.FulfilledObligation(T("2026-02-27T09:00:00+01:00"), "MonthlyReport"));           // February's (in period)
        m.Observe(SlaEvent.FulfilledObligation(T("2026-05-11T17:00:00Z"), "OtherReport"));
        var report = m.Report(I("2026-06-03T00:00:00+02:00"));
        var rows = report.Obligations.Where(o => o.Period.Start.Month >= 2).ToList();
        rows.Select(o => (o.Period.Start.Month, o.Due, o.Status)).ShouldBe(
        [
            (2, T("2026-03-07T00:00:00+01:00"), ObligationStatus.Met),
            (3, T("2026-04-09T00:00:00+02:00"), ObligationStatus.Missed),
            // April's report is met by the 05-11 event (it is before April's due 05-12, and after April's start).
            (4, T("2026-05-12T00:00:00+02:00"), ObligationStatus.Met),
            // May: the 05-11 event also lies in May's window [05-01, 06-06), but each event fulfils at most one period (§5):
            // it went to April, the earliest-starting period not yet met whose window holds it. May is pending until 06-06.
            (5, T("2026-06-06T00:00:00+02:00"), ObligationStatus.Pending),
            (6, T("2026-07-08T00:00:00+02:00"), ObligationStatus.Pending),
        ]);
        rows[2].FulfilledAt.ShouldBe(T("2026-05-11T17:00:00+02:00"));
        rows[3].FulfilledAt.ShouldBeNull();
        m.Report(I("2026-06-06T00:00:00+02:00")).Obligations.Single(o => o.Period.Start.Month == 5).Status.ShouldBe(ObligationStatus.Missed);
        // January's window [01-01, 02-07) holds no event (02-27 is after its due) → missed.
        report.Obligations[0].Status.ShouldBe(ObligationStatus.Missed);
    }

    [Fact]
    public void A_January_report_delivered_in_February_fulfils_January_only_and_February_needs_its_own()
    {
        // LANGUAGE.md §5's example: due 5bd after period end. January's due: Mon 02-02 … Fri 02-06 = 5th → 02-07 00:00.
        var m = NewMonitor();
        var obligation = m.Add(new Obligation("MonthlyReport", PeriodRule.Month, DueOffset.BusinessDays(5), Weekdays()));
        m.Observe(SlaEvent.FulfilledObligation(T("2026-02-04T10:00:00+01:00"), "MonthlyReport"));
        m.Observe(SlaEvent.FulfilledObligation(T("2026-02-04T10:00:00+01:00"), "MonthlyReport")); // a duplicate counts once
        var rows = m.Report(I("2026-03-10T00:00:00+01:00")).Obligations;
        rows.Select(o => (o.Period.Start.Month, o.Status, o.FulfilledAt)).ShouldBe([
            (1, ObligationStatus.Met, (OffsetDateTime?)T("2026-02-04T10:00:00+01:00")),
            (2, ObligationStatus.Missed, null), // due 03-07 passed with no event of its own
            (3, ObligationStatus.Pending, null),
        ]);
        obligation.Unassigned(m.Facts, m.Term, I("2026-03-10T00:00:00+01:00")).ShouldBeEmpty();

        // A second delivery on 02-05 goes to February (January is met); a third on 02-06 fulfils nothing: March's window starts 03-01.
        m.Observe(SlaEvent.FulfilledObligation(T("2026-02-05T10:00:00+01:00"), "MonthlyReport"));
        m.Observe(SlaEvent.FulfilledObligation(T("2026-02-06T10:00:00+01:00"), "MonthlyReport"));
        m.Report(I("2026-03-10T00:00:00+01:00")).Obligations.Select(o => (o.Status, o.FulfilledAt)).ShouldBe([
            (ObligationStatus.Met, (OffsetDateTime?)T("2026-02-04T10:00:00+01:00")),
            (ObligationStatus.Met, T("2026-02-05T10:00:00+01:00")),
            (ObligationStatus.Pending, null),
        ]);
        obligation.Unassigned(m.Facts, m.Term, I("2026-03-10T00:00:00+01:00")).ShouldBe([I("2026-02-06T10:00:00+01:00")]);
        // An event at or after the as-of time is not yet taken into account.
        obligation.Unassigned(m.Facts, m.Term, I("2026-02-06T10:00:00+01:00")).ShouldBeEmpty();
    }

    [Fact]
    public void Fulfilment_assignment_does_not_depend_on_arrival_order()
    {
        var times = new[] { "2026-02-06T10:00:00+01:00", "2026-01-20T10:00:00+01:00", "2026-02-04T10:00:00+01:00", "2026-03-02T10:00:00+01:00" };
        string Run(IEnumerable<string> order)
        {
            var m = NewMonitor();
            m.Add(new Obligation("MonthlyReport", PeriodRule.Month, DueOffset.BusinessDays(5), Weekdays()));
            foreach (var t in order)
            {
                m.Observe(SlaEvent.FulfilledObligation(T(t), "MonthlyReport"));
            }
            return string.Join(";", m.Report(I("2026-04-15T00:00:00+02:00")).Obligations.Select(o => $"{o.Status}@{o.FulfilledAt}"));
        }
        var expected = Run(times);
        // 01-20 → January; 02-04 → February (January met); 02-06 → nothing (March starts 03-01); 03-02 → March.
        expected.ShouldBe("Met@2026-01-20T10:00:00+01;Met@2026-02-04T10:00:00+01;Met@2026-03-02T10:00:00+01;Pending@");
        Run(times.Reverse()).ShouldBe(expected);
        Run([times[2], times[0], times[3], times[1]]).ShouldBe(expected);
    }

    [Fact]
    public void Obligation_is_pending_before_due_and_missed_once_as_of_reaches_due()
    {
        var m = NewMonitor();
        m.Add(new Obligation("Review", PeriodRule.Week, DueOffset.AtPeriodEnd, m.Always));
        m.Add(new Obligation("security.audit", PeriodRule.Quarter, DueOffset.Exact(Duration.FromDays(10)), m.Always));
        // As of Mon 2026-01-12 00:00 exactly: week 1 (partial, Thu 01-01..Sun 01-04) and week 2 (01-05..01-11) are due → missed;
        // week 3 started at N exactly, so it is not reported (periods starting before N).
        var r = m.Report(I("2026-01-12T00:00:00+01:00"));
        r.Obligations.Where(o => o.Obligation == "Review").Select(o => o.Status).ShouldBe([ObligationStatus.Missed, ObligationStatus.Missed]);
        var audit = r.Obligations.Single(o => o.Obligation == "security.audit");
        audit.Status.ShouldBe(ObligationStatus.Pending);
        // Q1 ends 04-01 00:00+02:00, due 10 days later: 04-11 00:00+02:00.
        audit.Due.ShouldBe(T("2026-04-11T00:00:00+02:00"));
    }

    [Fact]
    public void An_obligation_due_in_working_days_of_a_calendar_without_hours_is_never_due()
    {
        // `due 2bd after period end` during a calendar with no open hours: there is no 2nd working day, so no due
        // instant: never missed (pending, or met by a fulfilled event assigned to it). Was an internal error.
        var m = NewMonitor();
        var closed = m.Calendar("Closed", [], []);
        m.Add(new Obligation("Report", PeriodRule.Month, DueOffset.BusinessDays(2), closed));
        m.Observe(SlaEvent.FulfilledObligation(T("2026-02-20T10:00:00+01:00"), "Report"));
        var rows = m.Report(I("2026-03-15T00:00:00+01:00")).Obligations;
        // The one event fulfils one period: January's, the earliest-starting one whose (endless) window holds it.
        rows.Select(o => (o.Period.Start.Month, o.Due, o.Status)).ShouldBe([
            (1, (OffsetDateTime?)null, ObligationStatus.Met), (2, null, ObligationStatus.Pending), (3, null, ObligationStatus.Pending)]);
        ReportJsonWriter.ToJson(m.Report(I("2026-02-01T00:00:00+01:00"))).ShouldContain("\"due\": null");
    }

    [Fact]
    public void A_due_past_the_supported_range_is_never_reached()
    {
        var m = NewMonitor();
        m.Add(new Obligation("Archive", PeriodRule.Year, DueOffset.Exact(Duration.FromDays(7_000_000)), m.Always));
        var row = m.Report(I("2026-03-15T00:00:00+01:00")).Obligations.ShouldHaveSingleItem();
        (row.Due, row.Status).ShouldBe((null, ObligationStatus.Pending));
    }
}
