using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

public class SettlingTests
{
    private static readonly Instant AsOf = I("2027-01-15T00:00:00+01:00");

    private static string Exact(List<SlaEvent> events)
    {
        var m = NovaTerraFixture.NewMonitor();
        m.ObserveAll(events);
        return ReportJsonWriter.ToJson(m.Report(AsOf));
    }

    [Fact]
    public void Settled_run_with_bounded_lateness_gives_the_exact_report_and_keeps_few_incidents()
    {
        // Four quarters (2026), ~2100 events; events are at most a block of 20 events late (hours, not weeks).
        var events = NovaTerraFixture.LongStream(4);
        var expected = Exact(events);
        var settled = NovaTerraFixture.NewMonitor();
        settled.EnableSettling(Duration.FromDays(7));
        var peakIncidents = 0;
        foreach (var e in events)
        {
            settled.Observe(e);
            settled.Settle();
            peakIncidents = Math.Max(peakIncidents, settled.Facts.IncidentCount);
        }
        settled.LateEvents.ShouldBe(0);
        ReportJsonWriter.ToJson(settled.Report(AsOf)).ShouldBe(expected);
        // 480 incidents over the year, 38 of them never resolved (open: kept). A resolved incident is settled (folded
        // into the tallies of its periods) once the horizon passes its last event, so besides the open ones only
        // those of the last lateness + a day or so (≈ 1.3 incidents a day) are held, not a quarter's worth.
        var neverResolved = events.Where(e => e.Kind == EventKind.IncidentOpened).Select(e => e.Id)
            .Except(events.Where(e => e.Kind == EventKind.IncidentResolved).Select(e => e.Id)).Count();
        neverResolved.ShouldBe(38);
        peakIncidents.ShouldBeLessThan(neverResolved + 20);
        settled.Facts.IncidentCount.ShouldBeLessThan(neverResolved + 20);
    }

    /// <summary>The same March incidents in exact mode.</summary>
    private static SlaReport Replay(ContractMonitor settled)
    {
        var m = WideMonitor(rolling: false);
        foreach (var (kind, time, id) in new[]
        {
            (EventKind.IncidentOpened, "2026-03-02T10:00:00+01:00", "A"), (EventKind.IncidentAcknowledged, "2026-03-02T10:10:00+01:00", "A"),
            (EventKind.IncidentResolved, "2026-03-02T12:00:00+01:00", "A"), (EventKind.IncidentOpened, "2026-03-03T10:00:00+01:00", "B"),
            (EventKind.IncidentAcknowledged, "2026-03-03T11:00:00+01:00", "B"), (EventKind.IncidentResolved, "2026-03-03T16:00:00+01:00", "B"),
            (EventKind.IncidentOpened, "2026-03-10T10:00:00+01:00", "C"), (EventKind.IncidentAcknowledged, "2026-03-10T10:05:00+01:00", "C"),
            (EventKind.IncidentResolved, "2026-03-10T11:00:00+01:00", "C"),
        })
        {
            m.Observe(new SlaEvent(kind, T(time), kind == EventKind.IncidentOpened ? "Monitoring" : null, id, kind == EventKind.IncidentOpened ? "sev1" : null));
        }
        settled.Facts.IncidentCount.ShouldBe(1);
        return m.Report(I("2026-03-20T00:00:00+01:00"));
    }

    /// <summary>NovaTerra plus incident_count, responded_within (monthly) and a rolling MTTR (which keeps incidents 30 days).</summary>
    private static ContractMonitor WideMonitor(bool rolling = true)
    {
        var m = NovaTerraFixture.NewMonitor();
        m.Add(new Objective("Monitoring", "Count", IndicatorKind.IncidentCount, new Target(Comparison.LessOrEqual, 30m, "<= 30"), PeriodRule.Month, m.Always));
        m.Add(new Objective("Monitoring", "Respond", IndicatorKind.RespondedWithin, new Target(Comparison.GreaterOrEqual, 90m, ">= 90%"),
            PeriodRule.Month, m.Always, within: Duration.FromMinutes(30)));
        if (rolling)
        {
            m.Add(new Objective("Monitoring", "RollingMttr", IndicatorKind.Mttr, new Target(Comparison.LessOrEqual, 14400m, "<= 4h"),
                PeriodRule.Rolling(Duration.FromDays(30)), Business()));
        }
        return m;
    }

    [Fact]
    public void Settled_incidents_folded_into_period_tallies_give_the_exact_report_for_every_incident_indicator()
    {
        // Every 7th incident is never acknowledged: responded_within keeps counting it in every later period
        // (a resolution does not stop the response clock), so it must not be settled away.
        var events = NovaTerraFixture.LongStream(4)
            .Where(e => !(e.Kind == EventKind.IncidentAcknowledged && int.Parse(e.Id!.Split('-')[1]) % 7 == 0)).ToList();
        string Exact(bool rolling)
        {
            var exact = WideMonitor(rolling);
            exact.ObserveAll(events);
            return ReportJsonWriter.ToJson(exact.Report(AsOf));
        }
        string[] expectedBy = [Exact(rolling: false), Exact(rolling: true)];
        expectedBy[0].ShouldContain("Respond");
        var rnd = new Random(5);
        for (var k = 0; k < 6; k++)
        {
            var cut = k == 0 ? events.Count : rnd.Next(events.Count);
            var second = SettledAcrossASnapshot(() => WideMonitor(rolling: k % 2 == 0), events, cut);
            second.LateEvents.ShouldBe(0);
            ReportJsonWriter.ToJson(second.Report(AsOf)).ShouldBe(expectedBy[k % 2 == 0 ? 1 : 0], $"cut at {cut}");
        }
    }

    [Fact]
    public void A_report_between_settle_passes_adds_the_folded_tallies_of_the_current_period()
    {
        // Three incidents in March; after the horizon passes the first two they are folded, the third is live.
        var m = WideMonitor(rolling: false);
        m.EnableSettling(Duration.FromDays(1));
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-02T10:00:00+01:00"), "Monitoring", "A", "sev1"));
        m.Observe(SlaEvent.IncidentAcknowledged(T("2026-03-02T10:10:00+01:00"), "A"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-02T12:00:00+01:00"), "A"));       // 2 h
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-03T10:00:00+01:00"), "Monitoring", "B", "sev1"));
        m.Observe(SlaEvent.IncidentAcknowledged(T("2026-03-03T11:00:00+01:00"), "B"));   // late answer
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-03T16:00:00+01:00"), "B"));       // 6 h
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-10T10:00:00+01:00"), "Monitoring", "C", "sev1"));
        m.Observe(SlaEvent.IncidentAcknowledged(T("2026-03-10T10:05:00+01:00"), "C"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-03-10T11:00:00+01:00"), "C"));       // 1 h
        m.Settle(); // horizon 03-09 11:00: A and B settled
        m.Facts.IncidentCount.ShouldBe(1);
        var r = m.Report(I("2026-03-20T00:00:00+01:00"));
        ObjectiveResult March(string name) => r.Objectives.Single(o => o.Objective == name && o.Period.Start == T("2026-03-01T00:00:00+01:00"));
        March("Count").Value.ShouldBe(3m);
        March("Respond").Value.ShouldBe(100m * 2 / 3);
        March("Sev1Restore").Value.ShouldBe((7200m + 21600m + 3600m) / 3); // Business hours: all within 08–18 on weekdays
        March("Sev1Within4h").Value.ShouldBe(100m * 2 / 3);
        r.Objectives.Single(o => o.Objective == "Reopens" && o.Period.Start == T("2026-01-01T00:00:00+01:00")).Value.ShouldBe(0m); // quarterly
        ReportJsonWriter.ToJson(r).ShouldBe(ReportJsonWriter.ToJson(Replay(m)));
    }

    /// <summary>
    /// The first <paramref name="cut"/> events through a settling monitor (lateness 7 d, a settle pass after each event),
    /// its snapshot restored into a new monitor, and the rest of the events through that one, which is returned.
    /// </summary>
    private static ContractMonitor SettledAcrossASnapshot(Func<ContractMonitor> create, IReadOnlyList<SlaEvent> events, int cut)
    {
        var first = create();
        first.EnableSettling(Duration.FromDays(7));
        foreach (var e in events.Take(cut))
        {
            first.Observe(e);
            first.Settle();
        }
        using var ms = new MemoryStream();
        first.Snapshot(ms);
        ms.Position = 0;
        var second = create();
        second.Restore(ms);
        foreach (var e in events.Skip(cut))
        {
            second.Observe(e);
            second.Settle();
        }
        return second;
    }

    [Fact]
    public void Settled_run_resumed_through_snapshot_gives_the_identical_report()
    {
        var events = NovaTerraFixture.LongStream(4);
        var expected = Exact(events);
        var rnd = new Random(11);
        for (var k = 0; k < 10; k++)
        {
            var cut = rnd.Next(events.Count);
            var second = SettledAcrossASnapshot(NovaTerraFixture.NewMonitor, events, cut);
            ReportJsonWriter.ToJson(second.Report(AsOf)).ShouldBe(expected, $"cut at {cut}");
        }
    }

    [Fact]
    public void Events_older_than_the_horizon_are_dropped_and_counted()
    {
        var m = NovaTerraFixture.NewMonitor();
        m.EnableSettling(Duration.FromDays(1));
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-10T10:00:00+01:00"), "Monitoring", "A", "sev3"));
        m.Settle(); // horizon = 03-09 10:00
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-09T09:59:59+01:00"), "Monitoring", "LATE", "sev3"));
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-09T10:00:00+01:00"), "Monitoring", "ON-TIME", "sev3"));
        m.LateEvents.ShouldBe(1);
        m.Facts.IncidentCount.ShouldBe(2);
        Should.Throw<ArgumentOutOfRangeException>(() => m.Report(I("2026-03-01T00:00:00+01:00")));
    }

    [Fact]
    public void An_incident_id_reused_after_its_incident_was_settled_is_recorded_again()
    {
        var m = NovaTerraFixture.NewMonitor();
        m.EnableSettling(Duration.FromDays(1));
        m.Observe(SlaEvent.IncidentOpened(T("2026-05-01T10:00:00+01:00"), "Monitoring", "Y", "sev3"));
        m.Observe(SlaEvent.IncidentOpened(T("2026-01-05T10:00:00+01:00"), "Monitoring", "X", "sev3"));
        m.Observe(SlaEvent.IncidentResolved(T("2026-01-05T11:00:00+01:00"), "X")); // X is the last incident seen
        m.Settle(); // Q1 is finalised: the closed incident X is dropped
        m.Facts.IncidentCount.ShouldBe(1);
        m.Observe(SlaEvent.IncidentOpened(T("2026-05-02T10:00:00+01:00"), "Monitoring", "X", "sev3"));
        m.Facts.IncidentCount.ShouldBe(2);
    }

    /// <summary>Fulfilments of NovaTerra's two obligations every 1 to 40 hours of 2026 (several in one window, some in both of
    /// MonthlyReport's overlapping windows, some in none), with neighbours swapped now and then (up to two days out of order).</summary>
    private static List<SlaEvent> Fulfilments(int seed)
    {
        var rnd = new Random(seed);
        var events = new List<SlaEvent>();
        for (var t = I("2026-01-01T03:00:00+01:00"); t < I("2026-12-31T00:00:00+01:00"); t += Duration.FromMinutes(rnd.Next(60, 40 * 60)))
        {
            events.Add(SlaEvent.FulfilledObligation(t.WithOffset(Offset.FromHours(rnd.Next(3) - 1)), rnd.Next(3) == 0 ? "MonthlyReport" : "IncidentReview"));
        }
        for (var i = 1; i < events.Count; i++)
        {
            if (rnd.Next(10) == 0 && events[i].Instant - events[i - 1].Instant < Duration.FromDays(2))
            {
                (events[i], events[i - 1]) = (events[i - 1], events[i]);
            }
        }
        return events;
    }

    private static (string Obligations, IReadOnlyList<DataWarning> Warnings, InputSummary Input, ContractMonitor Monitor) Audited(
        List<SlaEvent> events, Duration? lateness)
    {
        var m = NovaTerraFixture.NewMonitor();
        if (lateness is { } l)
        {
            m.EnableSettling(l);
        }
        var audit = new EventAudit(m);
        for (var i = 0; i < events.Count; i++)
        {
            m.Observe(events[i]);
            audit.Observe(events[i], i + 1);
            if (lateness is not null)
            {
                m.Settle();
            }
        }
        var (warnings, input) = audit.Finish(AsOf);
        var report = m.Report(AsOf);
        return (ReportJsonWriter.ToJson(report with { Objectives = [], Credits = [], Escalations = [] }), warnings, input, m);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Settled_fulfilments_give_the_exact_obligations_and_warnings_and_are_not_kept(int seed)
    {
        var events = Fulfilments(seed);
        var exact = Audited(events, null);
        var settled = Audited(events, Duration.FromDays(7));

        settled.Monitor.LateEvents.ShouldBe(0);
        settled.Obligations.ShouldBe(exact.Obligations);
        exact.Obligations.ShouldContain("\"met\"");
        exact.Obligations.ShouldContain("\"missed\"");
        settled.Warnings.ShouldBe(exact.Warnings);
        exact.Warnings.Count(w => w.Code == EventAudit.Codes.UnassignedFulfilment).ShouldBeGreaterThan(100);
        settled.Input.ShouldBe(exact.Input);
        // Only the fulfilments of the last week or so are still held (one every ~20 hours): not the year's ≈ 430.
        settled.Monitor.Facts.Fulfilled.Values.Sum(times => times.Count).ShouldBeLessThan(20);
        exact.Monitor.Facts.Fulfilled.Values.Sum(times => times.Count).ShouldBeGreaterThan(400);

        // Across a snapshot, at random points, the obligations are the same too.
        var rnd = new Random(seed);
        for (var k = 0; k < 5; k++)
        {
            var second = SettledAcrossASnapshot(NovaTerraFixture.NewMonitor, events, rnd.Next(events.Count));
            ReportJsonWriter.ToJson(second.Report(AsOf) with { Objectives = [], Credits = [], Escalations = [] }).ShouldBe(exact.Obligations);
        }
    }

    [Fact]
    public void An_event_that_triggers_a_settle_pass_passing_its_own_instant_is_late()
    {
        // The horizon trails the latest event by the lateness; the pass that moves it runs on the 4096th event since the last.
        var m = NovaTerraFixture.NewMonitor();
        m.EnableSettling(Duration.FromDays(1));
        var latest = I("2026-03-10T10:00:00+01:00");
        for (var i = 0; i < 4095; i++)
        {
            m.Observe(SlaEvent.IncidentOpened(latest.WithOffset(Offset.FromHours(1)), "Monitoring", $"A{i}", "sev3"));
        }
        m.LateEvents.ShouldBe(0);
        // The 4096th is two days behind: the pass sets the horizon to 03-09 10:00, after it.
        m.Observe(SlaEvent.IncidentOpened((latest - Duration.FromDays(2)).WithOffset(Offset.FromHours(1)), "Monitoring", "OLD", "sev3"));
        m.LateEvents.ShouldBe(1);
        m.Facts.Incidents.ContainsKey("OLD").ShouldBeFalse();
    }

    [Fact]
    public void The_audit_forgets_the_starts_of_outages_the_monitor_settled_but_keeps_those_still_open()
    {
        OffsetDateTime At(string local) => T(local);
        var events = new List<SlaEvent>
        {
            SlaEvent.OutageStart(At("2026-03-02T10:00:00+01:00"), "Monitoring", "SHORT"),
            SlaEvent.OutageEnd(At("2026-03-02T11:00:00+01:00"), "Monitoring", "SHORT"),
            SlaEvent.OutageStart(At("2026-03-03T10:00:00+01:00"), "Monitoring", "LONG"), // ends seven weeks later: open all along
        };
        // Something every hour until late April moves the horizon (lateness 7 d) past March, whose availability is then final
        // (a closed outage is dropped once the periods it touches are).
        for (var t = I("2026-03-02T12:00:00+01:00"); t < I("2026-04-25T00:00:00+02:00"); t += Duration.FromHours(1))
        {
            events.Add(SlaEvent.FulfilledObligation(t.WithOffset(Offset.FromHours(1)), "IncidentReview"));
        }
        events.Add(SlaEvent.OutageEnd(At("2026-04-24T10:00:00+02:00"), "Monitoring", "LONG"));
        events.Add(SlaEvent.OutageEnd(At("2026-04-20T10:00:00+02:00"), "Monitoring", "SHORT")); // a second end, long after
        events.Sort((a, b) => a.Instant.CompareTo(b.Instant));

        var settled = Audited(events, Duration.FromDays(7));
        var exact = Audited(events, null);

        exact.Warnings.Where(w => w.Code == EventAudit.Codes.EndWithoutStart).ShouldBeEmpty();
        // Settled, SHORT's start is gone with its outage (the monitor ignores the second end: it has no start now); LONG's is kept.
        var endWithoutStart = settled.Warnings.Where(w => w.Code == EventAudit.Codes.EndWithoutStart).ShouldHaveSingleItem();
        endWithoutStart.Line.ShouldBe(events.FindIndex(e => e.Kind == EventKind.OutageEnd && e.Id == "SHORT" && e.Instant == I("2026-04-20T10:00:00+02:00")) + 1);
        endWithoutStart.Message.ShouldContain("'SHORT'");
        settled.Monitor.LateEvents.ShouldBe(0);
    }

    [Fact]
    public void Settling_explains_only_periods_whose_facts_it_kept_and_names_the_others()
    {
        var events = NovaTerraFixture.LongStream(4);
        var exact = NovaTerraFixture.NewMonitor();
        exact.ObserveAll(events);
        var settled = NovaTerraFixture.NewMonitor();
        settled.EnableSettling(Duration.FromDays(7));
        foreach (var e in events)
        {
            settled.Observe(e);
            settled.Settle();
        }
        var asOf = I("2026-12-31T00:00:00+01:00"); // December still open: its periods keep their facts, or part of them
        Should.Throw<ArgumentOutOfRangeException>(() => settled.Explain(I("2026-12-01T00:00:00+01:00"))); // as the report
        var all = exact.Explain(asOf);
        var unexplained = new List<ObjectiveResult>();
        var explained = settled.Explain(asOf, unexplained: unexplained);

        // Every explanation given is exact mode's, and together with the periods named the same set as exact mode explains.
        all.Count.ShouldBeGreaterThan(3);
        explained.ShouldAllBe(x => all.Any(a => a.Result == x.Result && ExplanationWriter.ToJson(new[] { a }, exact.Zone) == ExplanationWriter.ToJson(new[] { x }, settled.Zone)));
        explained.Select(x => (x.Result.Objective, x.Result.Period)).Concat(unexplained.Select(r => (r.Objective, r.Period)))
            .OrderBy(p => p.Objective, StringComparer.Ordinal).ThenBy(p => p.Period.Start.ToInstant())
            .ShouldBe(all.Select(x => (x.Result.Objective, x.Result.Period)).OrderBy(p => p.Objective, StringComparer.Ordinal).ThenBy(p => p.Period.Start.ToInstant()));
        unexplained.Count.ShouldBeGreaterThan(0);
        explained.Count.ShouldBeGreaterThan(0);
        unexplained.ShouldAllBe(r => r.Period.Start.ToInstant() < asOf);
        // The figures named are the report's.
        var report = settled.Report(asOf).Objectives;
        unexplained.ShouldAllBe(r => report.Contains(r));
    }
}
