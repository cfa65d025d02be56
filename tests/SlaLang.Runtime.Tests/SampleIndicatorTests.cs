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

    [Fact]
    public void Change_failure_rate_is_the_share_of_changes_deployed_in_the_period_that_failed()
    {
        var m = NewMonitor();
        m.Add(new Objective("S", "Cfr", IndicatorKind.ChangeFailureRate, new Target(Comparison.LessOrEqual, 15m, "<= 15%"), PeriodRule.Month, m.Always));
        // March: CH-1 failed, CH-2 and CH-3 did not, CH-4 reported twice (once failed): 2 of 4 failed → 50 %.
        m.Observe(SlaEvent.ChangeDeployed(T("2026-03-02T12:00:00+01:00"), "S", "CH-1", T("2026-03-02T10:00:00+01:00"), failed: true));
        m.Observe(SlaEvent.ChangeDeployed(T("2026-03-03T12:00:00+01:00"), "S", "CH-2", T("2026-03-02T10:00:00+01:00")));
        m.Observe(SlaEvent.ChangeDeployed(T("2026-03-04T12:00:00+01:00"), "S", "CH-3", T("2026-02-20T10:00:00+01:00")));
        m.Observe(SlaEvent.ChangeDeployed(T("2026-03-05T12:00:00+01:00"), "S", "CH-4", T("2026-03-05T10:00:00+01:00")));
        m.Observe(SlaEvent.ChangeDeployed(T("2026-03-05T12:00:00+01:00"), "S", "CH-4", T("2026-03-05T10:00:00+01:00"), failed: true));
        // February: one change, not failed → 0 %; January: none → no data.
        m.Observe(SlaEvent.ChangeDeployed(T("2026-02-10T12:00:00+01:00"), "S", "CH-0", T("2026-02-09T10:00:00+01:00")));
        var r = m.Report(I("2026-04-01T00:00:00+02:00"));
        March(r, "Cfr").Value.ShouldBe(50m);
        March(r, "Cfr").Unit.ShouldBe(IndicatorUnit.Percent);
        March(r, "Cfr").Status.ShouldBe(ObjectiveStatus.Breached);
        r.Objectives.Single(o => o.Period.Start.Month == 2).Value.ShouldBe(0m);
        r.Objectives.Single(o => o.Period.Start.Month == 2).Status.ShouldBe(ObjectiveStatus.Met);
        r.Objectives.Single(o => o.Period.Start.Month == 1).Status.ShouldBe(ObjectiveStatus.NoData);
    }
}
