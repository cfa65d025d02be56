using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

public class SampleIndicatorTests
{
    private static ContractMonitor NewMonitor() =>
        new("C", "Europe/Paris", new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), "EUR");

    private static ObjectiveResult March(SlaReport r, string objective) =>
        r.Objectives.Single(o => o.Objective == objective && o.Period.Start == T("2026-03-01T00:00:00+01:00"));

    [Fact]
    public void Error_and_success_rates_sum_requests_of_the_period_and_count_a_duplicate_once()
    {
        var m = NewMonitor();
        m.Add(new Objective("S", "Errors", IndicatorKind.ErrorRate, new Target(Comparison.LessOrEqual, 0.5m, "<= 0.5%"), PeriodRule.Month, m.Always));
        m.Add(new Objective("S", "Success", IndicatorKind.SuccessRate, new Target(Comparison.GreaterOrEqual, 99m, ">= 99%"), PeriodRule.Month, m.Always));
        m.Observe(SlaEvent.RequestsSample(T("2026-03-02T10:00:00+01:00"), "S", 990, 1000));
        m.Observe(SlaEvent.RequestsSample(T("2026-03-02T10:00:00+01:00"), "S", 990, 1000)); // duplicate
        m.Observe(SlaEvent.RequestsSample(T("2026-03-03T10:00:00+01:00"), "S", 2970, 3000));
        m.Observe(SlaEvent.RequestsSample(T("2026-02-28T10:00:00+01:00"), "S", 0, 5000));   // February
        var r = m.Report(I("2026-04-01T00:00:00+02:00"));
        // errors: (1000 − 990) + (3000 − 2970) = 40 of 4000 → 1 %; success 3960 / 4000 = 99 %.
        March(r, "Errors").Value.ShouldBe(1m);
        March(r, "Errors").Status.ShouldBe(ObjectiveStatus.Breached);
        March(r, "Success").Value.ShouldBe(99m);
        March(r, "Success").Status.ShouldBe(ObjectiveStatus.Met);
        r.Objectives.Single(o => o.Objective == "Errors" && o.Period.Start.Month == 1).Status.ShouldBe(ObjectiveStatus.NoData);
    }

    [Fact]
    public void Satisfaction_is_the_mean_score_of_the_period()
    {
        var m = NewMonitor();
        m.Add(new Objective("S", "Csat", IndicatorKind.Satisfaction, new Target(Comparison.GreaterOrEqual, 4m, ">= 4"), PeriodRule.Month, m.Always));
        m.Observe(SlaEvent.SurveyScore(T("2026-03-02T10:00:00+01:00"), "S", 4m));
        m.Observe(SlaEvent.SurveyScore(T("2026-03-05T10:00:00+01:00"), "S", 5m));
        m.Observe(SlaEvent.SurveyScore(T("2026-03-09T10:00:00+01:00"), "S", 4.5m));
        m.Observe(SlaEvent.SurveyScore(T("2026-03-09T10:00:00+01:00"), "S", 4.50m)); // same event, other spelling
        // (4 + 5 + 4.5) / 3 = 4.5.
        var r = March(m.Report(I("2026-04-01T00:00:00+02:00")), "Csat");
        r.Value.ShouldBe(4.5m);
        r.Unit.ShouldBe(IndicatorUnit.Score);
    }

    [Fact]
    public void Lead_time_is_the_mean_of_deployed_minus_requested_over_changes_deployed_in_the_period()
    {
        var m = NewMonitor();
        m.Add(new Objective("S", "Lead", IndicatorKind.LeadTime, new Target(Comparison.LessOrEqual, 7200m, "<= 2h"), PeriodRule.Month, m.Always));
        // 2 h and 2 h 30 (requested in February, deployed in March) → (7200 + 9000) / 2 = 8100 s.
        m.Observe(SlaEvent.ChangeDeployed(T("2026-03-02T12:00:00+01:00"), "S", "CH-1", T("2026-03-02T10:00:00+01:00")));
        m.Observe(SlaEvent.ChangeDeployed(T("2026-03-01T01:30:00+01:00"), "S", "CH-2", T("2026-02-28T23:00:00+01:00")));
        var r = March(m.Report(I("2026-04-01T00:00:00+02:00")), "Lead");
        r.Value.ShouldBe(8100m);
        r.Status.ShouldBe(ObjectiveStatus.Breached);
    }
}
