using NodaTime;

namespace SlaLang.Runtime;

/// <summary>A tier <c>when &lt; 99.5% credit 10%</c>: threshold in the objective's unit, credit in percent.</summary>
public readonly record struct PenaltyTier(Comparison Comparison, decimal Threshold, decimal CreditPercent);

/// <summary>A step <c>step 1h credit 2%</c>: credit for each started step of shortfall (step in the objective's unit: seconds, percent points…).</summary>
public readonly record struct PenaltyStep(decimal Step, decimal CreditPercent);

/// <summary>What a penalty's rate applies to: the pro-rata service fee, or a fixed amount.</summary>
public sealed record PenaltyBase
{
    /// <summary>Least common multiple of the month lengths 28, 29, 30 and 31: days ÷ days in month over it are whole.</summary>
    private const long MonthDenominator = 377_580;

    private const long NanosPerDay = 86_400_000_000_000L;

    private PenaltyBase(decimal amount, int feeMonths, bool isFee)
    {
        Amount = amount;
        FeeMonths = feeMonths;
        IsFee = isFee;
    }

    /// <summary>True for <c>base fee</c>: <see cref="Amount"/> is the fee for <see cref="FeeMonths"/> months, pro-rated over the period's months.</summary>
    public bool IsFee { get; }

    /// <summary>The fee as written (for <see cref="FeeMonths"/> months) or the fixed base.</summary>
    public decimal Amount { get; }

    /// <summary>How many months <see cref="Amount"/> is the fee of (1 for <c>per month</c>, 3 for <c>per quarter</c>, 12 for <c>per year</c>).</summary>
    public int FeeMonths { get; }

    /// <summary><c>base fee</c> with the service's fee per calendar month.</summary>
    public static PenaltyBase Fee(decimal monthlyFee) => new(monthlyFee, 1, true);

    /// <summary>
    /// <c>base fee</c> with a fee of <paramref name="amount"/> per <paramref name="months"/> months (<c>fee 27000 EUR per
    /// quarter</c>: 27000, 3). The monthly fee amount ÷ months is never rounded: a credit is computed with one final division.
    /// </summary>
    public static PenaltyBase Fee(decimal amount, int months) =>
        months > 0 ? new(amount, months, true) : throw new ArgumentOutOfRangeException(nameof(months));

    /// <summary>A fixed base amount.</summary>
    public static PenaltyBase Fixed(decimal amount) => new(amount, 1, false);

    /// <summary>
    /// The base for a period: fixed, or Σ over the calendar months the period overlaps of monthly fee × (days of that
    /// month inside the period ÷ days in that month). Days are local days (fractional for a rolling window).
    /// </summary>
    public decimal For(LocalDateTime start, LocalDateTime end) => Times(start, end, 1m, 1m);

    /// <summary>
    /// base × <paramref name="ratePercent"/> / 100 for the period, before rounding. The numerator is multiplied out
    /// exactly and divided once, so a credit that is exactly half a minor unit (2002 EUR a year × 0.25 % = 5.005)
    /// stays exact and rounds as exact arithmetic says.
    /// </summary>
    public decimal CreditFor(LocalDateTime start, LocalDateTime end, decimal ratePercent) => Times(start, end, ratePercent, 100m);

    /// <summary>base × <paramref name="factor"/> / <paramref name="divisor"/> with a single division (exact for whole local days).</summary>
    private decimal Times(LocalDateTime start, LocalDateTime end, decimal factor, decimal divisor)
    {
        if (!IsFee)
        {
            return Amount * factor / divisor;
        }
        // Σ days inside × (MonthDenominator / days in month): a whole number when the bounds are local midnights.
        var units = 0m;
        foreach (var (_, inside, daysInMonth) in Months(start, end))
        {
            units += (decimal)inside * (MonthDenominator / daysInMonth) / NanosPerDay;
        }
        return Amount * factor * units / (MonthDenominator * FeeMonths * divisor);
    }

    /// <summary>Each calendar month [<paramref name="start"/>, <paramref name="end"/>) overlaps: its first day, the nanoseconds inside, its days.</summary>
    private static IEnumerable<(LocalDate Month, long InsideNanos, int DaysInMonth)> Months(LocalDateTime start, LocalDateTime end)
    {
        var monthStart = new LocalDate(start.Year, start.Month, 1).AtMidnight();
        while (monthStart < end)
        {
            var next = monthStart.PlusMonths(1);
            var from = start > monthStart ? start : monthStart;
            var to = end < next ? end : next;
            if (to > from)
            {
                yield return (monthStart.Date, Period.Between(from, to, PeriodUnits.Nanoseconds).Nanoseconds,
                    CalendarSystem.Iso.GetDaysInMonth(monthStart.Year, monthStart.Month));
            }
            monthStart = next;
        }
    }

    /// <summary>The months of a fee base over a period (monthly fee × days inside ÷ days in month); empty for a fixed base.</summary>
    public IReadOnlyList<FeeMonth> MonthsOf(LocalDateTime start, LocalDateTime end)
    {
        if (!IsFee)
        {
            return [];
        }
        var monthly = Amount / FeeMonths;
        return [.. Months(start, end).Select(m =>
        {
            var days = (decimal)m.InsideNanos / NanosPerDay;
            return new FeeMonth(m.Month.Year, m.Month.Month, monthly, days, m.DaysInMonth, monthly * days / m.DaysInMonth);
        })];
    }
}

/// <summary>ISO 4217: the active currency codes and their minor units (decimal places), and rounding to them.</summary>
public static class Currencies
{
    private static readonly Dictionary<string, int> MinorDigits = Build();

    private static Dictionary<string, int> Build()
    {
        const string two = "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CNY COP CRC CUP CZK " +
            "DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL " +
            "MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD " +
            "SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD XCG YER ZAR ZMW ZWG";
        const string zero = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF";
        const string three = "BHD IQD JOD KWD LYD OMR TND";
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (codes, digits) in new[] { (two, 2), (zero, 0), (three, 3) })
        {
            foreach (var code in codes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                map[code] = digits;
            }
        }
        return map;
    }

    /// <summary>Whether <paramref name="code"/> is an active ISO 4217 code (upper case, e.g. <c>EUR</c>; funds and metals excluded).</summary>
    public static bool IsKnown(string code) => MinorDigits.ContainsKey(code);

    /// <summary>Every known code, in alphabetical order.</summary>
    public static IEnumerable<string> All => MinorDigits.Keys.Order(StringComparer.Ordinal);

    /// <summary>Decimal places of the currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD (2 for a code not in the list).</summary>
    public static int MinorUnits(string currency) => MinorDigits.GetValueOrDefault(currency, 2);

    /// <summary>Rounds half away from zero to the minor unit, with exactly that many decimal places (900 → 900.00).</summary>
    public static decimal Round(decimal amount, string currency)
    {
        var places = MinorUnits(currency);
        var rounded = Math.Round(amount, places, MidpointRounding.AwayFromZero);
        return rounded + new decimal(0, 0, 0, false, (byte)places);
    }
}

/// <summary>A service-credit rule on one objective: tiers and/or steps, then a cap, applied to a base.</summary>
public sealed partial class Penalty
{
    /// <summary>Creates a penalty on <paramref name="objective"/>.</summary>
    public Penalty(string name, Objective objective, PenaltyBase @base, IReadOnlyList<PenaltyTier> tiers, PenaltyStep? step = null, decimal? capPercent = null)
    {
        if (step is { Step: <= 0 })
        {
            throw new ArgumentException($"Penalty '{name}': step must be positive.", nameof(step));
        }
        Name = name;
        Objective = objective;
        Base = @base;
        Tiers = tiers;
        Step = step;
        CapPercent = capPercent;
    }

    /// <summary>The penalty's name.</summary>
    public string Name { get; }

    /// <summary>The objective it applies to.</summary>
    public Objective Objective { get; }

    /// <summary>The base.</summary>
    public PenaltyBase Base { get; }

    /// <summary>The tiers (any order).</summary>
    public IReadOnlyList<PenaltyTier> Tiers { get; }

    /// <summary>The step rule, if any.</summary>
    public PenaltyStep? Step { get; }

    /// <summary>The cap in percent, if any.</summary>
    public decimal? CapPercent { get; }

    /// <summary>
    /// The credit rate in percent for a breached value: the largest tier credit whose <c>when</c> holds, plus
    /// ceil(shortfall / step) × step credit; then capped.
    /// </summary>
    public decimal RateFor(decimal value) => Rate(value).Rate;

    /// <summary>How the rate of <paramref name="value"/> is made (§5): the largest tier that holds, the steps, then the cap.</summary>
    private (decimal Rate, decimal BeforeCap, PenaltyTier? Tier, decimal? Shortfall, decimal? Steps) Rate(decimal value)
    {
        var rate = 0m;
        PenaltyTier? applied = null;
        foreach (var tier in Tiers)
        {
            if (Target.Holds(tier.Comparison, value, tier.Threshold) && tier.CreditPercent > rate)
            {
                (rate, applied) = (tier.CreditPercent, tier);
            }
        }
        decimal? shortfall = null, steps = null;
        if (Step is { } step)
        {
            shortfall = Objective.Target.Shortfall(value);
            steps = decimal.Ceiling(shortfall.Value / step.Step);
            rate += steps.Value * step.CreditPercent;
        }
        return (CapPercent is { } cap && rate > cap ? cap : rate, rate, applied, shortfall, steps);
    }

    /// <summary>Credits for the finished, breached periods among <paramref name="results"/> of this penalty's objective (zero rates omitted).</summary>
    public IEnumerable<CreditResult> Evaluate(IEnumerable<ObjectiveResult> results, string currency)
    {
        foreach (var r in results)
        {
            if (r.Status != ObjectiveStatus.Breached || r.Value is not { } value)
            {
                continue;
            }
            var rate = RateFor(value);
            if (rate <= 0)
            {
                continue;
            }
            var amount = Currencies.Round(Base.CreditFor(r.Period.Start.LocalDateTime, r.Period.End.LocalDateTime, rate), currency);
            yield return new CreditResult(Objective.Service, Name, Objective.Name, r.Period, rate, amount, currency);
        }
    }

    /// <summary>How the credit of a breached period is computed (LANGUAGE.md §5), or null when it owes none.</summary>
    public CreditExplanation? Explain(ObjectiveResult result, string currency)
    {
        if (result.Status != ObjectiveStatus.Breached || result.Value is not { } value)
        {
            return null;
        }
        var (capped, rate, applied, shortfall, steps) = Rate(value);
        if (capped <= 0)
        {
            return null;
        }
        var tier = applied is { } t
            ? $"when {t.Comparison.ToOperator()} {ReportNames.Quantity(t.Threshold, result.Unit)} credit {ReportNames.Normalize(t.CreditPercent)}%"
            : null;
        var (start, end) = (result.Period.Start.LocalDateTime, result.Period.End.LocalDateTime);
        var unrounded = Base.CreditFor(start, end, capped);
        return new CreditExplanation(Name, Base.IsFee, Base.MonthsOf(start, end), Base.For(start, end), tier, shortfall, Step?.Step, steps,
            Step?.CreditPercent, rate, CapPercent, capped, unrounded, Currencies.Round(unrounded, currency), currency);
    }
}
