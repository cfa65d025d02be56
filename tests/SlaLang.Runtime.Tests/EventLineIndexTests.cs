using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

/// <summary>The line index explanations cite: of every fact, or of the facts an explanation asked for (read again for them).</summary>
public class EventLineIndexTests
{
    private static readonly (SlaEvent Event, int Line)[] Log =
    [
        (new SlaEvent(EventKind.IncidentOpened, T("2026-03-02T10:00:00+01:00"), "Monitoring", "A", "sev1"), 1),
        (new SlaEvent(EventKind.IncidentOpened, T("2026-03-02T11:00:00+01:00"), "Monitoring", "B", "sev1"), 2),
        (new SlaEvent(EventKind.OutageStart, T("2026-03-02T11:00:00+01:00"), "Monitoring", "O1", null), 3),
        (new SlaEvent(EventKind.IncidentResolved, T("2026-03-02T12:00:00+01:00"), null, "A", null), 4),
        (new SlaEvent(EventKind.IncidentResolved, T("2026-03-02T12:00:00+01:00"), null, "A", null), 5), // the same fact again
        (new SlaEvent(EventKind.IncidentResolved, T("2026-03-02T13:00:00+01:00"), null, "B", null), 6),
    ];

    [Fact]
    public void An_index_of_the_facts_asked_for_gives_their_lines_as_an_index_of_every_fact_does()
    {
        var every = new EventLineIndex();
        var probe = new EventLineIndex();
        foreach (var (e, line) in Log)
        {
            every.Add(in e, line);
        }
        probe.Lines(EventLineIndex.Incident("A")).ShouldBeEmpty(); // asked, not indexed
        probe.Lines(EventLineIndex.Outage("Monitoring", "O1")).ShouldBeEmpty();
        probe.Asked.ShouldBe([EventLineIndex.Incident("A"), EventLineIndex.Outage("Monitoring", "O1")], ignoreOrder: true);

        var cited = new EventLineIndex(probe.Asked);
        foreach (var (e, line) in Log)
        {
            cited.Add(in e, line);
        }
        cited.Lines(EventLineIndex.Incident("A")).ShouldBe([1, 4, 5]);
        cited.Lines(EventLineIndex.Incident("A")).ShouldBe(every.Lines(EventLineIndex.Incident("A")));
        cited.Lines(EventLineIndex.Outage("Monitoring", "O1")).ShouldBe([3]);
        cited.Lines(EventLineIndex.Incident("B")).ShouldBeEmpty(); // not asked for: not kept
        every.Lines(EventLineIndex.Incident("B")).ShouldBe([2, 6]);
    }
}
