using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

public class OrderAndSnapshotTests
{
    private static readonly Instant AsOf = I("2026-03-20T12:00:00+01:00");

    private static string Run(IEnumerable<SlaEvent> events, Instant asOf)
    {
        var m = NovaTerraFixture.NewMonitor();
        m.ObserveAll(events);
        return ReportJsonWriter.ToJson(m.Report(asOf));
    }

    [Fact]
    public void Fixture_report_is_not_trivial()
    {
        // Guards the tests below: the quarter yields figures, credits, escalations and obligations of every status.
        var m = NovaTerraFixture.NewMonitor();
        m.ObserveAll(NovaTerraFixture.Quarter());
        var r = m.Report(AsOf);
        r.Objectives.Count(o => o.Value is not null).ShouldBeGreaterThan(10);
        r.Escalations.Count.ShouldBeGreaterThan(10);
        r.Obligations.Select(o => o.Status).Distinct().Count().ShouldBe(3, ReportJsonWriter.ToJson(r));
        r.Objectives.Select(o => o.Status).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void A_batch_in_memory_gives_the_report_of_observing_each_event()
    {
        var events = NovaTerraFixture.Quarter().ToArray();
        var expected = Run(events, AsOf);
        // Whole, in chunks shorter and longer than the prefetch distance (8), and empty chunks in between.
        foreach (var chunk in new[] { events.Length, 1, 7, 8, 9, 64 })
        {
            var m = NovaTerraFixture.NewMonitor();
            for (var i = 0; i < events.Length; i += chunk)
            {
                m.ObserveAll(events.AsSpan(i, Math.Min(chunk, events.Length - i)));
                m.ObserveAll(ReadOnlySpan<SlaEvent>.Empty);
            }
            ReportJsonWriter.ToJson(m.Report(AsOf)).ShouldBe(expected, $"chunks of {chunk}");
        }
    }

    [Fact]
    public void Shuffled_and_duplicated_events_give_the_identical_report()
    {
        var events = NovaTerraFixture.Quarter();
        var expected = Run(events, AsOf);
        for (var seed = 1; seed <= 10; seed++)
        {
            var rnd = new Random(seed);
            var noisy = new List<SlaEvent>(events);
            noisy.AddRange(events.Where(_ => rnd.Next(3) == 0));      // about a third arrives twice
            noisy.AddRange(events.Where(_ => rnd.Next(20) == 0));     // some three times
            var shuffled = noisy.OrderBy(_ => rnd.Next()).ToList();
            Run(shuffled, AsOf).ShouldBe(expected, $"seed {seed}");
        }
    }

    [Fact]
    public void A_run_cut_anywhere_and_resumed_through_snapshot_gives_the_identical_report()
    {
        var events = NovaTerraFixture.Quarter().OrderBy(e => e.Instant).ToList();
        var expected = Run(events, AsOf);
        var rnd = new Random(7);
        for (var k = 0; k < 100; k++)
        {
            var cut = rnd.Next(events.Count + 1);
            var first = NovaTerraFixture.NewMonitor();
            first.ObserveAll(events.Take(cut));
            using var snapshot = new MemoryStream();
            first.Snapshot(snapshot);
            snapshot.Position = 0;
            var second = NovaTerraFixture.NewMonitor();
            second.Restore(snapshot);
            second.ObserveAll(events.Skip(cut));
            ReportJsonWriter.ToJson(second.Report(AsOf)).ShouldBe(expected, $"cut at {cut}");
        }
    }

    [Fact]
    public void Restoring_a_foreign_or_truncated_stream_fails_clearly()
    {
        var m = NovaTerraFixture.NewMonitor();
        Should.Throw<InvalidDataException>(() => m.Restore(new MemoryStream([1, 2, 3])));
        using var ok = new MemoryStream();
        m.ObserveAll(NovaTerraFixture.Quarter());
        m.Snapshot(ok);
        var truncated = ok.ToArray()[..(int)(ok.Length / 2)];
        Should.Throw<InvalidDataException>(() => NovaTerraFixture.NewMonitor().Restore(new MemoryStream(truncated)));
    }

    [Fact]
    public void Duplicates_do_not_grow_the_state()
    {
        var events = NovaTerraFixture.Quarter();
        var once = NovaTerraFixture.NewMonitor();
        once.ObserveAll(events);
        var twice = NovaTerraFixture.NewMonitor();
        twice.ObserveAll(events.Concat(events));
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        once.Snapshot(a);
        twice.Snapshot(b);
        // The same facts: the snapshots differ only in the event counters (after the header "SLAFACTS" and the version):
        // twice as many events observed, the second half all duplicates.
        const int counters = 9 + 4;
        b.ToArray()[(counters + 16)..].ShouldBe(a.ToArray()[(counters + 16)..]);
        twice.Facts.Observed.ShouldBe(2 * once.Facts.Observed);
        twice.Facts.Duplicates.ShouldBe(once.Facts.Duplicates + once.Facts.Observed);
    }
}
