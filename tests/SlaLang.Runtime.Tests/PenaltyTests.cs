using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

public class PenaltyTests
{
    private static readonly Objective Availability = new("S", "Avail", IndicatorKind.Availability,
        new Target(Comparison.GreaterOrEqual, 99.93m, ">= 99.93%"), PeriodRule.Month, BusinessCalendar.Always(Paris));

    private static readonly Objective Restore = new("S", "Restore", IndicatorKind.Mttr,
        new Target(Comparison.LessOrEqual, 14400m, "<= 4h"), PeriodRule.Month, BusinessCalendar.Always(Paris));

    private static readonly PenaltyTier[] Tiers =
    [
        new(Comparison.Less, 99.93m, 5m), new(Comparison.Less, 99.5m, 10m), new(Comparison.Less, 99m, 25m),
    ];

    [Theory]
    [InlineData("99.92", "5")]    // only < 99.93 holds
    [InlineData("99.5", "5")]     // < 99.5 does not hold at 99.5 exactly
    [InlineData("99.2", "10")]    // largest credit whose when holds: 10
    [InlineData("98", "25")]
    public void Tier_rate_is_the_largest_credit_whose_condition_holds(string value, string rate)
    {
        new Penalty("P", Availability, PenaltyBase.Fee(18000m), Tiers, capPercent: 25m)
            .RateFor(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Tiers_are_capped()
    {
        new Penalty("P", Availability, PenaltyBase.Fee(18000m), Tiers, capPercent: 20m).RateFor(98m).ShouldBe(20m);
    }

    [Fact]
    public void Step_credit_counts_each_started_step_of_shortfall_then_caps()
    {
        var p = new Penalty("P", Restore, PenaltyBase.Fee(18000m), [], new PenaltyStep(3600m, 2m), capPercent: 10m);
        // 20000 − 14400 = 5600 s short → ceil(5600 / 3600) = 2 steps × 2 % = 4 %.
        p.RateFor(20000m).ShouldBe(4m);
        // exactly one step short: 18000 − 14400 = 3600 → 1 step → 2 %.
        p.RateFor(18000m).ShouldBe(2m);
        // 14400 + 7 × 3600 + 1 = 39601 → 8 started steps = 16 % → cap 10 %.
        p.RateFor(39601m).ShouldBe(10m);
    }

    [Fact]
    public void Percent_steps_use_percent_points()
    {
        // step 0.1% credit 1%: 99.93 − 99.75 = 0.18 points → ceil(1.8) = 2 → 2 %.
        new Penalty("P", Availability, PenaltyBase.Fixed(1000m), [], new PenaltyStep(0.1m, 1m)).RateFor(99.75m).ShouldBe(2m);
    }

    [Fact]
    public void Fee_base_is_pro_rated_by_days_of_each_month_inside_the_period()
    {
        // ISO week Mon 2026-03-30 .. Sun 04-05: March 2/31 + April 5/30 of 18000.
        // 18000 × 2 / 31 = 1161.2903225806451612903225806…; 18000 × 5 / 30 = 3000.
        var b = PenaltyBase.Fee(18000m).For(new LocalDateTime(2026, 3, 30, 0, 0), new LocalDateTime(2026, 4, 6, 0, 0));
        b.ShouldBe(18000m * 2 / 31 + 3000m);
        // A whole month is exactly the fee; a partial first month of 17 days of 31 is 18000 × 17 / 31.
        PenaltyBase.Fee(18000m).For(new LocalDateTime(2026, 2, 1, 0, 0), new LocalDateTime(2026, 3, 1, 0, 0)).ShouldBe(18000m);
        PenaltyBase.Fee(18000m).For(new LocalDateTime(2026, 1, 15, 0, 0), new LocalDateTime(2026, 2, 1, 0, 0)).ShouldBe(18000m * 17 / 31);
    }

    [Fact]
    public void A_fee_for_several_months_is_divided_only_once_with_the_credit()
    {
        // fee 2002 EUR per year: the year 2026 is 12 whole months → base 2002; × 0.25 % = 5.005 exactly, which rounds
        // half away from zero to 5.01 (a monthly fee of 2002 / 12 rounded to 28 digits would give 5.00499… → 5.00).
        var year = PenaltyBase.Fee(2002m, 12);
        year.CreditFor(new LocalDateTime(2026, 1, 1, 0, 0), new LocalDateTime(2027, 1, 1, 0, 0), 0.25m).ShouldBe(5.005m);
        year.For(new LocalDateTime(2026, 1, 1, 0, 0), new LocalDateTime(2027, 1, 1, 0, 0)).ShouldBe(2002m);
        // Two months clipped to the term, 15 Jan .. 15 Mar, of 1001 a month: 1001 × (17/31 + 1 + 14/31) = 2002.
        PenaltyBase.Fee(1001m).CreditFor(new LocalDateTime(2026, 1, 15, 0, 0), new LocalDateTime(2026, 3, 15, 0, 0), 0.25m).ShouldBe(5.005m);
        Should.Throw<ArgumentOutOfRangeException>(() => PenaltyBase.Fee(1m, 0));
    }

    [Theory]
    [InlineData("5.025", "EUR", "5.03")]    // half away from zero, not to even (banker's would give 5.02)
    [InlineData("5.0249", "EUR", "5.02")]
    [InlineData("900", "EUR", "900.00")]
    [InlineData("1234.5", "JPY", "1235")]
    [InlineData("1.2345", "KWD", "1.235")]
    [InlineData("-5.025", "USD", "-5.03")]
    public void Amounts_round_half_away_from_zero_to_the_currency_minor_unit(string amount, string currency, string expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var rounded = Currencies.Round(decimal.Parse(amount, inv), currency);
        rounded.ToString(inv).ShouldBe(expected);
    }

    [Fact]
    public void Monitor_lists_credits_for_finished_breached_periods_with_pro_rata_base_and_rounding()
    {
        var m = new ContractMonitor("C", "Europe/Paris", new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), "EUR");
        var o = m.Add(new Objective("S", "Avail", IndicatorKind.Availability, new Target(Comparison.GreaterOrEqual, 99.93m, ">= 99.93%"), PeriodRule.Week, m.Always));
        m.Add(new Penalty("Credit", o, PenaltyBase.Fee(18000m), Tiers, capPercent: 25m));
        // Week 2026-03-30..04-05 (7 × 24 h = 604800 s; no DST change in it): outage of 4838.4 s
        // → 100 × (604800 − 4838.4) / 604800 = 99.2 → tier 10 %.
        m.Observe(SlaEvent.OutageStart(T("2026-04-01T10:00:00+02:00"), "S", "O"));
        m.Observe(SlaEvent.OutageEnd(T("2026-04-01T11:20:38.4+02:00"), "S", "O"));
        var report = m.Report(I("2026-04-06T00:00:00+02:00"));
        report.Objectives.Single(r => r.Period.Start == T("2026-03-30T00:00:00+02:00")).Value.ShouldBe(99.2m);
        var credit = report.Credits.ShouldHaveSingleItem();
        credit.Rate.ShouldBe(10m);
        // base = 18000 × 2/31 + 3000 = 4161.2903225806…; × 10 % = 416.12903… → 416.13 EUR.
        credit.Amount.ShouldBe(416.13m);
        credit.Currency.ShouldBe("EUR");
        // Unfinished breached-so-far periods owe nothing yet.
        m.Report(I("2026-04-05T00:00:00+02:00")).Credits.ShouldBeEmpty();
    }
}
