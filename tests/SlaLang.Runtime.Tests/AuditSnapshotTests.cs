using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

/// <summary>A monitor and its audit snapshotted at any line and restored give the report, warnings and input summary of an
/// uninterrupted run (what a live service needs to replay only the lines after its last snapshot).</summary>
public sealed class AuditSnapshotTests
{
    private static readonly Instant AsOf = I("2027-01-15T00:00:00+01:00");

    /// <summary>A year of NovaTerra events with every kind of data-quality problem mixed in, and a duplicate now and then.</summary>
    private static List<SlaEvent> Messy()
    {
        var events = NovaTerraFixture.LongStream(4);
        var rnd = new Random(17);
        var extra = new List<SlaEvent>();
        for (var i = 0; i < 60; i++)
        {
            var t = events[rnd.Next(events.Count)].Time;
            extra.Add((i % 6) switch
            {
                0 => SlaEvent.IncidentOpened(t, "Unknown", $"U{i}", "sev1"),
                1 => SlaEvent.IncidentResolved(t, $"NEVER{i % 4}"),
                2 => SlaEvent.OutageEnd(t, "Monitoring", $"ORPHAN{i}"),
                3 => SlaEvent.FulfilledObligation(t, "MonthlyReport"),
                4 => SlaEvent.FulfilledObligation(t, "NoSuchObligation"),
                _ => events[rnd.Next(events.Count)],
            });
        }
        foreach (var e in extra)
        {
            events.Insert(rnd.Next(events.Count), e);
        }
        return events;
    }

    private static (string Report, IReadOnlyList<DataWarning> Warnings, InputSummary Input) Run(List<SlaEvent> events, Duration? lateness, int? cut)
    {
        var monitor = NovaTerraFixture.NewMonitor();
        if (lateness is { } l)
        {
            monitor.EnableSettling(l);
        }
        var audit = new EventAudit(monitor);
        for (var i = 0; i < events.Count; i++)
        {
            if (i == cut)
            {
                using var facts = new MemoryStream();
                using var seen = new MemoryStream();
                monitor.Snapshot(facts);
                audit.Snapshot(seen);
                (facts.Position, seen.Position) = (0, 0);
                monitor = NovaTerraFixture.NewMonitor();
                if (lateness is { } again)
                {
                    monitor.EnableSettling(again);
                }
                audit = new EventAudit(monitor);
                monitor.Restore(facts);
                audit.Restore(seen);
            }
            monitor.Observe(events[i]);
            audit.Observe(events[i], i + 1);
        }
        var (warnings, input) = audit.Finish(AsOf);
        return (ReportJsonWriter.ToJson(monitor.Report(AsOf)), warnings, input);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Snapshotted_at_any_line_and_restored_the_run_gives_the_same_report_warnings_and_input(bool settling)
    {
        var events = Messy();
        Duration? lateness = settling ? Duration.FromDays(7) : null;
        var whole = Run(events, lateness, cut: null);
        // (The fixture declares no services, so an unknown service is recorded rather than warned of.)
        whole.Warnings.Select(w => w.Code).Distinct().Order().ShouldBe(["SLA4003", "SLA4004", "SLA4005", "SLA4006"]);
        whole.Input.Duplicates.ShouldBeGreaterThan(0);
        var rnd = new Random(3);
        foreach (var cut in new[] { 0, 1, events.Count - 1 }.Concat(Enumerable.Range(0, 6).Select(_ => rnd.Next(events.Count))))
        {
            var resumed = Run(events, lateness, cut);
            resumed.Report.ShouldBe(whole.Report, $"cut at {cut}");
            resumed.Warnings.ShouldBe(whole.Warnings, $"cut at {cut}");
            resumed.Input.ShouldBe(whole.Input, $"cut at {cut}");
        }
    }

    [Fact]
    public void Something_else_is_not_an_audit_snapshot()
    {
        var audit = new EventAudit(NovaTerraFixture.NewMonitor());
        Should.Throw<InvalidDataException>(() => audit.Restore(new MemoryStream([1, 2, 3])));
        using var ok = new MemoryStream();
        audit.Snapshot(ok);
        Should.Throw<InvalidDataException>(() => new EventAudit(NovaTerraFixture.NewMonitor()).Restore(new MemoryStream(ok.ToArray()[..^3])));
    }
}
