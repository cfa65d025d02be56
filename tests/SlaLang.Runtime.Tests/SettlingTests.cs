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
        // 480 incidents over the year; the reopen-rate objective is quarterly, so at most about a quarter plus the
        // lateness of incidents (≈ 120–150), plus the few never resolved, are ever held at once.
        peakIncidents.ShouldBeLessThan(200);
        settled.Facts.IncidentCount.ShouldBeLessThan(200);
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
            var first = NovaTerraFixture.NewMonitor();
            first.EnableSettling(Duration.FromDays(7));
            foreach (var e in events.Take(cut))
            {
                first.Observe(e);
                first.Settle();
            }
            using var ms = new MemoryStream();
            first.Snapshot(ms);
            ms.Position = 0;
            var second = NovaTerraFixture.NewMonitor();
            second.Restore(ms);
            foreach (var e in events.Skip(cut))
            {
                second.Observe(e);
                second.Settle();
            }
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
}
