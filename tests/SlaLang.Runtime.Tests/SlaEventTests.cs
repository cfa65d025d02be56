using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

/// <summary>The event's instant is converted once, when its time is set; it must always be the time's instant.</summary>
public class SlaEventTests
{
    [Fact]
    public void The_instant_is_the_time_converted_whichever_way_the_event_was_made()
    {
        var made = SlaEvent.IncidentOpened(T("2026-03-29T03:30:00+02:00"), "S", "INC-1", "sev1");
        made.Instant.ShouldBe(Instant.FromUtc(2026, 3, 29, 1, 30));

        var moved = made with { Time = T("2026-03-29T01:30:00+01:00") };
        moved.Instant.ShouldBe(Instant.FromUtc(2026, 3, 29, 0, 30));
        moved.Time.Offset.ShouldBe(Offset.FromHours(1));
        made.Instant.ShouldBe(Instant.FromUtc(2026, 3, 29, 1, 30)); // the original is unchanged

        var (_, time, _, _, _, _, _, _, _, _, _) = moved;
        time.ShouldBe(T("2026-03-29T01:30:00+01:00"));

        default(SlaEvent).Instant.ShouldBe(default(OffsetDateTime).ToInstant());
        (default(SlaEvent) with { Kind = EventKind.Fulfilled }).Instant.ShouldBe(default(OffsetDateTime).ToInstant());
    }

    [Fact]
    public void Equality_compares_the_fields_not_how_the_instant_was_obtained()
    {
        var a = SlaEvent.IncidentResolved(T("2026-03-02T10:00:00+01:00"), "INC-1");
        var b = new SlaEvent(EventKind.IncidentResolved, T("2026-03-02T10:00:00+01:00"), Id: new string("INC-1".AsSpan()));
        a.ShouldBe(b);
        (a == b).ShouldBeTrue();
        a.GetHashCode().ShouldBe(b.GetHashCode());

        // Same instant written with another offset: another event (the offset is reported).
        var c = a with { Time = T("2026-03-02T09:00:00Z") };
        c.Instant.ShouldBe(a.Instant);
        c.ShouldNotBe(a);

        // An event built from default(SlaEvent) equals the same event built with a default time.
        var fromDefault = default(SlaEvent) with { Kind = EventKind.Fulfilled, Name = "X" };
        fromDefault.ShouldBe(new SlaEvent(EventKind.Fulfilled, default, Name: "X"));
        fromDefault.GetHashCode().ShouldBe(new SlaEvent(EventKind.Fulfilled, default, Name: "X").GetHashCode());

        // Every field takes part.
        a.ShouldNotBe(a with { Id = "INC-2" });
        SlaEvent.RequestsSample(T("2026-03-02T10:00:00Z"), "S", 1, 2).ShouldNotBe(SlaEvent.RequestsSample(T("2026-03-02T10:00:00Z"), "S", 1, 3));
        SlaEvent.SurveyScore(T("2026-03-02T10:00:00Z"), "S", 4.5m).ShouldBe(SlaEvent.SurveyScore(T("2026-03-02T10:00:00Z"), "S", 4.50m));
        SlaEvent.SurveyScore(T("2026-03-02T10:00:00Z"), "S", 4.5m).ShouldNotBe(SlaEvent.SurveyScore(T("2026-03-02T10:00:00Z"), "S", 4.6m));
    }
}
