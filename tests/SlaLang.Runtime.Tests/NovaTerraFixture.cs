using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

/// <summary>A hand-built monitor shaped like the NovaTerra example, and a seeded quarter of events for it.</summary>
internal static class NovaTerraFixture
{
    private static bool Sev1(in IncidentInfo i) => i.Severity == "sev1";

    private static bool Sev1Or2(in IncidentInfo i) => i.Severity is "sev1" or "sev2";

    public static ContractMonitor NewMonitor()
    {
        var m = new ContractMonitor("NovaTerraRun", "Europe/Paris", new LocalDate(2026, 1, 1), new LocalDate(2028, 12, 31), "EUR");
        var business = Business();
        var availability = m.Add(new Objective("Monitoring", "Availability", IndicatorKind.Availability,
            new Target(Comparison.GreaterOrEqual, 99.93m, ">= 99.93%"), PeriodRule.Month, m.Always, excludeMaintenance: true));
        var restore = m.Add(new Objective("Monitoring", "Sev1Restore", IndicatorKind.Mttr,
            new Target(Comparison.LessOrEqual, 14400m, "<= 4h"), PeriodRule.Month, business, where: Sev1));
        m.Add(new Objective("Monitoring", "Sev1Within4h", IndicatorKind.ResolvedWithin,
            new Target(Comparison.GreaterOrEqual, 95m, ">= 95%"), PeriodRule.Month, m.Always, within: Duration.FromHours(4), where: Sev1Or2));
        m.Add(new Objective("Monitoring", "Reopens", IndicatorKind.ReopenRate,
            new Target(Comparison.LessOrEqual, 5m, "<= 5%"), PeriodRule.Quarter, m.Always));
        m.Add(new Objective("Portal", "Errors", IndicatorKind.ErrorRate,
            new Target(Comparison.LessOrEqual, 1m, "<= 1%"), PeriodRule.Week, m.Always));
        m.Add(new Penalty("AvailabilityCredit", availability, PenaltyBase.Fee(18000m),
            [new PenaltyTier(Comparison.Less, 99.93m, 5m), new PenaltyTier(Comparison.Less, 99.5m, 10m), new PenaltyTier(Comparison.Less, 99m, 25m)],
            capPercent: 25m));
        m.Add(new Penalty("RestoreCredit", restore, PenaltyBase.Fee(18000m), [], new PenaltyStep(3600m, 2m), 10m));
        m.Add(new Escalation("Sev1Path", Sev1, m.Always,
            [new EscalationLevel(1, Duration.FromMinutes(30), ["ServiceManager"]), new EscalationLevel(2, Duration.FromHours(2), ["ITDirector"])]));
        m.Add(new Obligation("MonthlyReport", PeriodRule.Month, DueOffset.BusinessDays(5), business));
        m.Add(new Obligation("IncidentReview", PeriodRule.Week, DueOffset.AtPeriodEnd, m.Always));
        return m;
    }

    /// <summary>
    /// A long stream: the quarter generator repeated over <paramref name="quarters"/> consecutive quarters (ids made
    /// unique), sorted by time, then shuffled within blocks of 20 events (bounded lateness of about two days).
    /// </summary>
    public static List<SlaEvent> LongStream(int quarters, int seed = 3)
    {
        var all = new List<SlaEvent>();
        for (var q = 0; q < quarters; q++)
        {
            var shift = Duration.FromDays(91 * q);
            foreach (var e in Quarter(seed + q))
            {
                var moved = e with
                {
                    Time = Shift(e.Time, shift),
                    Requested = e.Requested is { } r ? Shift(r, shift) : null,
                    Id = e.Id is null ? null : $"{e.Id}-q{q}",
                };
                all.Add(moved);
            }
        }
        all.Sort((a, b) => a.Instant.CompareTo(b.Instant));
        var rnd = new Random(seed);
        var result = new List<SlaEvent>(all.Count);
        for (var i = 0; i < all.Count; i += 20)
        {
            result.AddRange(all.Skip(i).Take(20).OrderBy(_ => rnd.Next()));
        }
        return result;
    }

    private static OffsetDateTime Shift(OffsetDateTime t, Duration d)
    {
        var i = t.ToInstant() + d;
        return i.WithOffset(Paris.GetUtcOffset(i));
    }

    /// <summary>A quarter (Q1 2026) of events from a seeded generator: incidents with pauses, acks, reopens; outages; maintenance; requests; fulfilments.</summary>
    public static List<SlaEvent> Quarter(int seed = 42)
    {
        var rnd = new Random(seed);
        var events = new List<SlaEvent>();
        var start = Instant.FromUtc(2026, 1, 1, 0, 0);
        var span = Duration.FromDays(89).TotalSeconds;
        OffsetDateTime At(Instant t) => t.WithOffset(Paris.GetUtcOffset(t));
        Instant Rand() => start + Duration.FromSeconds(rnd.Next(0, (int)span));
        string[] severities = ["sev1", "sev2", "sev3"];
        for (var i = 0; i < 120; i++)
        {
            var id = $"INC-{i}";
            var opened = Rand();
            events.Add(SlaEvent.IncidentOpened(At(opened), i % 10 == 0 ? "Other" : "Monitoring", id, severities[rnd.Next(3)]));
            events.Add(SlaEvent.IncidentAcknowledged(At(opened + Duration.FromMinutes(rnd.Next(1, 90))), id));
            var t = opened + Duration.FromMinutes(rnd.Next(5, 60));
            if (rnd.Next(4) == 0)
            {
                events.Add(SlaEvent.IncidentPaused(At(t), id));
                t += Duration.FromMinutes(rnd.Next(10, 600));
                events.Add(SlaEvent.IncidentResumed(At(t), id));
            }
            if (rnd.Next(10) != 0)
            {
                t += Duration.FromMinutes(rnd.Next(10, 600));
                events.Add(SlaEvent.IncidentResolved(At(t), id));
                if (rnd.Next(8) == 0)
                {
                    t += Duration.FromMinutes(rnd.Next(10, 300));
                    events.Add(SlaEvent.IncidentReopened(At(t), id));
                    t += Duration.FromMinutes(rnd.Next(10, 300));
                    events.Add(SlaEvent.IncidentResolved(At(t), id));
                }
            }
        }
        for (var i = 0; i < 25; i++)
        {
            var s = Rand();
            events.Add(SlaEvent.OutageStart(At(s), "Monitoring", $"OUT-{i}"));
            if (i != 24)
            {
                events.Add(SlaEvent.OutageEnd(At(s + Duration.FromSeconds(rnd.Next(60, 7200))), "Monitoring", $"OUT-{i}"));
            }
        }
        for (var i = 0; i < 10; i++)
        {
            var s = Rand();
            events.Add(SlaEvent.MaintenanceStart(At(s), "Monitoring", $"MW-{i}"));
            events.Add(SlaEvent.MaintenanceEnd(At(s + Duration.FromHours(rnd.Next(1, 5))), "Monitoring", $"MW-{i}"));
        }
        for (var i = 0; i < 400; i++)
        {
            var total = rnd.Next(100, 5000);
            events.Add(SlaEvent.RequestsSample(At(Rand()), "Portal", total - rnd.Next(0, total / 50), total));
        }
        // January's report, delivered 02-04: it also lies in February's window [02-01, due) (§5 to the letter), and
        // March's report is not delivered by 03-20, so March stays pending.
        events.Add(SlaEvent.FulfilledObligation(At(Instant.FromUtc(2026, 2, 4, 9, 0)), "MonthlyReport"));
        for (var week = 0; week < 12; week += 2)
        {
            events.Add(SlaEvent.FulfilledObligation(At(Instant.FromUtc(2026, 1, 6, 14, 0) + Duration.FromDays(7 * week)), "IncidentReview"));
        }
        return events;
    }
}
