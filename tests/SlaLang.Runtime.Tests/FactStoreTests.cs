using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

/// <summary>Exact behaviour of the fact store's fast paths (event validity bounds, known openings, duplicates).</summary>
public class FactStoreTests
{
    [Fact]
    public void Supported_instants_are_exactly_1900_inclusive_to_3000_exclusive()
    {
        SlaEvent.IsSupported(SlaEvent.MinSupported).ShouldBeTrue();
        SlaEvent.IsSupported(SlaEvent.MinSupported - Duration.FromNanoseconds(1)).ShouldBeFalse();
        SlaEvent.IsSupported(SlaEvent.MinSupported - Duration.FromTicks(1)).ShouldBeFalse();
        SlaEvent.IsSupported(SlaEvent.MaxSupported).ShouldBeFalse();
        SlaEvent.IsSupported(SlaEvent.MaxSupported - Duration.FromNanoseconds(1)).ShouldBeTrue();
        SlaEvent.IsSupported(Instant.MinValue).ShouldBeFalse();
        SlaEvent.IsSupported(Instant.MaxValue).ShouldBeFalse();
        SlaEvent.MinSupported.ShouldBe(Instant.FromUtc(1900, 1, 1, 0, 0));
        SlaEvent.MaxSupported.ShouldBe(Instant.FromUtc(3000, 1, 1, 0, 0));
    }

    [Fact]
    public void Events_outside_the_supported_range_are_ignored_and_inside_it_kept()
    {
        var store = new FactStore();
        store.Observe(SlaEvent.IncidentOpened(T("1899-12-31T23:59:59Z"), "S", "A", "sev1"));
        store.Observe(SlaEvent.IncidentOpened(T("3000-01-01T00:00:00Z"), "S", "B", "sev1"));
        store.Observe(SlaEvent.IncidentOpened(T("1900-01-01T00:00:00Z"), "S", "C", "sev1"));
        store.Observe(SlaEvent.IncidentOpened(T("2999-12-31T23:59:59Z"), "S", "D", "sev1"));
        store.IncidentCount.ShouldBe(2);
    }

    /// <summary>Openings of one id: the earliest wins; ties go to the ordinal-smallest service, then severity.</summary>
    [Fact]
    public void Competing_openings_resolve_the_same_way_in_every_order_and_with_repeats()
    {
        SlaEvent[] openings =
        [
            SlaEvent.IncidentOpened(T("2026-03-02T10:00:00+01:00"), "S", "X", "sev2"),
            SlaEvent.IncidentOpened(T("2026-03-02T10:00:00+01:00"), "S", "X", "sev1"),   // same instant: sev1 < sev2
            SlaEvent.IncidentOpened(T("2026-03-02T10:00:00+01:00"), "T", "X", "sev0"),   // same instant: S < T
            SlaEvent.IncidentOpened(T("2026-03-02T11:00:00+01:00"), "R", "X", "sev0"),   // later: loses
            SlaEvent.IncidentOpened(T("2026-03-02T10:00:00+01:00"), new string("S".AsSpan()), "X", new string("sev1".AsSpan())), // equal copies
        ];
        var expected = (Opened: I("2026-03-02T10:00:00+01:00"), Service: "S", Severity: "sev1");
        var rnd = new Random(3);
        for (var k = 0; k < 50; k++)
        {
            var store = new FactStore();
            foreach (var e in openings.Concat(openings.Where(_ => rnd.Next(2) == 0)).OrderBy(_ => rnd.Next()))
            {
                store.Observe(in e);
            }
            var inc = store.Incidents["X"];
            (inc.Opened, inc.Service, inc.Severity).ShouldBe(expected);
        }
    }

    [Fact]
    public void An_earlier_opening_replaces_a_later_one_even_of_a_greater_service()
    {
        var store = new FactStore();
        store.Observe(SlaEvent.IncidentOpened(T("2026-03-02T10:00:00+01:00"), "A", "X", "sev1"));
        store.Observe(SlaEvent.IncidentOpened(T("2026-03-02T09:00:00+01:00"), "Z", "X", "sev3"));
        var inc = store.Incidents["X"];
        (inc.Opened, inc.Service, inc.Severity).ShouldBe((I("2026-03-02T09:00:00+01:00"), "Z", "sev3"));
    }

    [Fact]
    public void The_earliest_acknowledgement_and_every_distinct_resolution_are_kept_whatever_the_order()
    {
        SlaEvent[] events =
        [
            SlaEvent.IncidentOpened(T("2026-03-02T10:00:00+01:00"), "S", "X", "sev1"),
            SlaEvent.IncidentAcknowledged(T("2026-03-02T10:20:00+01:00"), "X"),
            SlaEvent.IncidentAcknowledged(T("2026-03-02T10:05:00+01:00"), "X"),
            SlaEvent.IncidentResolved(T("2026-03-02T12:00:00+01:00"), "X"),
            SlaEvent.IncidentResolved(T("2026-03-02T11:00:00+01:00"), "X"),
            SlaEvent.IncidentResolved(T("2026-03-02T12:00:00+01:00"), "X"),
            SlaEvent.IncidentAcknowledged(T("2026-03-02T10:05:00+01:00"), "Y"),           // another id in between
        ];
        var rnd = new Random(5);
        for (var k = 0; k < 50; k++)
        {
            var store = new FactStore();
            foreach (var e in events.OrderBy(_ => rnd.Next()))
            {
                store.Observe(in e);
            }
            var x = store.Incidents["X"];
            x.FirstAck.ShouldBe(I("2026-03-02T10:05:00+01:00"));
            x.Resolves.Count.ShouldBe(2);
            (x.Resolves.Min, x.Resolves.Max).ShouldBe((I("2026-03-02T11:00:00+01:00"), I("2026-03-02T12:00:00+01:00")));
            store.Incidents["Y"].FirstAck.ShouldBe(I("2026-03-02T10:05:00+01:00"));
        }
    }

    [Fact]
    public void An_opening_without_service_or_severity_leaves_no_incident()
    {
        var store = new FactStore();
        store.Observe(new SlaEvent(EventKind.IncidentOpened, T("2026-03-02T10:00:00+01:00"), Id: "X", Severity: "sev1"));
        store.Observe(new SlaEvent(EventKind.IncidentOpened, T("2026-03-02T10:00:00+01:00"), Service: "S", Id: "Y"));
        store.Observe(new SlaEvent(EventKind.IncidentResolved, T("2026-03-02T10:00:00+01:00")));
        store.IncidentCount.ShouldBe(0);
    }
}
