using NodaTime;

namespace SlaLang.Runtime;

/// <summary>
/// What settled incidents contributed to one period of an incident objective: the population, its good part
/// (within the delay, or reopens) and the sum of restore times in seconds. Exact integers and decimals, so adding
/// tallies in any order gives the same figures.
/// </summary>
internal readonly record struct IncidentTally(long Count, long Good, decimal Sum);

/// <summary>A target: comparison and value in the indicator's unit (percent, seconds, count, score); <see cref="Text"/> as written.</summary>
public readonly record struct Target(Comparison Comparison, decimal Value, string Text)
{
    /// <summary>True when <paramref name="value"/> satisfies the target.</summary>
    public bool IsMetBy(decimal value) => Holds(Comparison, value, Value);

    /// <summary>How far <paramref name="value"/> misses the target, in the target's unit (0 when met or on the boundary).</summary>
    public decimal Shortfall(decimal value)
    {
        var s = Comparison is Comparison.GreaterOrEqual or Comparison.Greater ? Value - value : value - Value;
        return s > 0 ? s : 0;
    }

    /// <summary><c>left cmp right</c>.</summary>
    public static bool Holds(Comparison comparison, decimal left, decimal right) => comparison switch
    {
        Comparison.GreaterOrEqual => left >= right,
        Comparison.Greater => left > right,
        Comparison.LessOrEqual => left <= right,
        _ => left < right,
    };
}

/// <summary>
/// A service-level objective: an indicator of §4 computed per period on the facts of one service, filtered by an
/// optional compiled <c>where</c> clause over incidents.
/// </summary>
public sealed partial class Objective
{
    /// <summary>Creates an objective; <paramref name="within"/> is the delay of <c>resolved_within</c>/<c>responded_within</c>.</summary>
    public Objective(
        string service,
        string name,
        IndicatorKind indicator,
        Target target,
        PeriodRule per,
        BusinessCalendar calendar,
        Duration? within = null,
        bool excludeMaintenance = false,
        IncidentFilter? where = null)
    {
        if (indicator is IndicatorKind.ResolvedWithin or IndicatorKind.RespondedWithin && within is null)
        {
            throw new ArgumentException($"Objective '{name}': {indicator} needs a delay.", nameof(within));
        }
        Service = service;
        Name = name;
        Indicator = indicator;
        Target = target;
        Per = per;
        Calendar = calendar;
        Within = within;
        ExcludeMaintenance = excludeMaintenance;
        Where = where;
    }

    /// <summary>The service the objective belongs to.</summary>
    public string Service { get; }

    /// <summary>The objective's name.</summary>
    public string Name { get; }

    /// <summary>The indicator measured.</summary>
    public IndicatorKind Indicator { get; }

    /// <summary>The target.</summary>
    public Target Target { get; }

    /// <summary>The period rule (<c>per</c>).</summary>
    public PeriodRule Per { get; }

    /// <summary>The <c>during</c> calendar.</summary>
    public BusinessCalendar Calendar { get; }

    /// <summary>The delay D of <c>resolved_within(D)</c>/<c>responded_within(D)</c>.</summary>
    public Duration? Within { get; }

    /// <summary>True when maintenance windows are excluded (<c>exclude maintenance</c>).</summary>
    public bool ExcludeMaintenance { get; }

    /// <summary>
    /// The compiled <c>where</c> clause, if any: over incidents (id, service, severity); for availability/mtbf over
    /// outages (id, service, empty severity); for samples over the service (and a change's id).
    /// </summary>
    public IncidentFilter? Where { get; }

    /// <summary>The unit of the indicator's value.</summary>
    public IndicatorUnit Unit => UnitOf(Indicator);

    /// <summary>The unit of an indicator's value.</summary>
    public static IndicatorUnit UnitOf(IndicatorKind kind) => IndicatorCatalog.Of(kind).Unit;

    /// <summary>Seconds of a duration as an exact decimal.</summary>
    public static decimal Seconds(Duration d) => d.ToInt64Nanoseconds() / 1_000_000_000m;

    /// <summary>
    /// The objective's results for every period starting before <paramref name="asOf"/> (and, when
    /// <paramref name="from"/> is given, at or after it: facts only touching earlier periods are then skipped cheaply).
    /// </summary>
    public IReadOnlyList<ObjectiveResult> Evaluate(FactStore facts, ContractTerm term, Instant asOf, Instant? from = null) =>
        Evaluate(facts, term, asOf, from, folded: null);

    /// <summary>
    /// As <see cref="Evaluate(FactStore, ContractTerm, Instant, Instant?)"/>, adding <paramref name="folded"/>: the
    /// tallies (by period start) of incidents already settled and dropped from <paramref name="facts"/>.
    /// </summary>
    internal IReadOnlyList<ObjectiveResult> Evaluate(FactStore facts, ContractTerm term, Instant asOf, Instant? from, IReadOnlyDictionary<Instant, IncidentTally>? folded)
    {
        var periods = Per.PeriodsAsOf(term, asOf);
        if (from is { } f)
        {
            periods = [.. periods.Where(p => p.Start >= f)];
        }
        var values = new Measured[periods.Count];
        switch (IndicatorCatalog.Of(Indicator).Source)
        {
            case IndicatorSource.Outages:
                EvaluateAvailability(facts, periods, asOf, values);
                break;
            case IndicatorSource.Incidents:
                EvaluateIncidents(facts, periods, asOf, values, folded);
                break;
            default:
                EvaluateSamples(facts, periods, asOf, values);
                break;
        }
        var results = new List<ObjectiveResult>(periods.Count);
        for (var k = 0; k < periods.Count; k++)
        {
            var p = periods[k];
            var m = values[k];
            var bounds = term.Bounds(p);
            ObjectiveStatus status;
            var atRisk = false;
            if (m.Value is not { } v)
            {
                status = ObjectiveStatus.NoData;
            }
            else if (p.IsFinished)
            {
                status = Target.IsMetBy(v) ? ObjectiveStatus.Met : ObjectiveStatus.Breached;
            }
            else
            {
                status = ObjectiveStatus.Pending;
                atRisk = !Target.IsMetBy(v);
            }
            ErrorBudget? budget = null;
            if (Indicator == IndicatorKind.Availability && m.Value is not null)
            {
                var allowed = m.SchedSeconds * (100m - Target.Value) / 100m;
                budget = new ErrorBudget(allowed, allowed == 0 ? null : m.DownSeconds / allowed);
            }
            results.Add(new ObjectiveResult(Service, Name, bounds, m.Value, Unit, Target.Text, status, atRisk, budget) { Calendar = Calendar.Name, TargetValue = Target.Value });
        }
        return results;
    }

    private struct Measured
    {
        public decimal? Value;
        public decimal SchedSeconds;
        public decimal DownSeconds;
    }

    private void EvaluateAvailability(FactStore facts, IReadOnlyList<ReportPeriod> periods, Instant asOf, Measured[] values)
    {
        var svc = facts.FindService(Service);
        var outages = svc?.OutageSet(asOf, Where is null ? null : KeepOutage) ?? IntervalSet.Empty;
        var maintenance = ExcludeMaintenance && svc is not null ? svc.MaintenanceSet(asOf) : IntervalSet.Empty;
        for (var k = 0; k < periods.Count; k++)
        {
            var p = periods[k];
            var end = p.EffectiveEnd(asOf);
            var window = IntervalSet.Of(p.Start, end).Subtract(maintenance);
            var sched = Calendar.Measure(window);
            var down = Calendar.Measure(outages.Intersect(window));
            if (sched == Duration.Zero)
            {
                continue;
            }
            var schedS = Seconds(sched);
            var downS = Seconds(down);
            if (Indicator == IndicatorKind.Availability)
            {
                values[k] = new Measured { Value = 100m * (schedS - downS) / schedS, SchedSeconds = schedS, DownSeconds = downS };
            }
            else
            {
                var starts = 0;
                foreach (var (id, o) in svc!.Outages)
                {
                    if (Where is null || KeepOutage(id))
                    {
                        foreach (var s in o.Starts)
                        {
                            if (s >= p.Start && s < end)
                            {
                                starts++;
                            }
                        }
                    }
                }
                if (starts > 0)
                {
                    values[k] = new Measured { Value = (schedS - downS) / starts };
                }
            }
        }
    }

    /// <summary>A <c>where</c> clause on an outage sees its id and service (severity is empty).</summary>
    private bool KeepOutage(string id) => Where!(new IncidentInfo(id, Service, ""));

    /// <summary>A <c>where</c> clause on a sample sees its service, and the id of a change (severity is empty).</summary>
    private bool KeepSample(string? id) => Where is null || Where(new IncidentInfo(id ?? "", Service, ""));

    private void EvaluateIncidents(FactStore facts, IReadOnlyList<ReportPeriod> periods, Instant asOf, Measured[] values, IReadOnlyDictionary<Instant, IncidentTally>? folded)
    {
        var count = new long[periods.Count];
        var good = new long[periods.Count];
        var sum = new decimal[periods.Count];
        foreach (var (id, inc) in facts.Incidents)
        {
            Tally(id, inc, periods, asOf, count, good, sum);
        }
        if (folded is not null)
        {
            for (var k = 0; k < periods.Count; k++)
            {
                if (folded.TryGetValue(periods[k].Start, out var f))
                {
                    count[k] += f.Count;
                    good[k] += f.Good;
                    sum[k] += f.Sum;
                }
            }
        }
        for (var k = 0; k < periods.Count; k++)
        {
            switch (Indicator)
            {
                case IndicatorKind.IncidentCount:
                    values[k].Value = count[k];
                    break;
                case IndicatorKind.ReopenRate:
                    if (count[k] > 0)
                    {
                        values[k].Value = 100m * good[k] / count[k];
                    }
                    break;
                case IndicatorKind.Mttr:
                    if (count[k] > 0)
                    {
                        values[k].Value = sum[k] / count[k];
                    }
                    break;
                default:
                    if (count[k] > 0)
                    {
                        values[k].Value = 100m * good[k] / count[k];
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// Adds one incident's contribution to the per-period population (<paramref name="count"/>), the good part
    /// (<paramref name="good"/>: within the delay, or reopens) and the sum of restore times (<paramref name="sum"/>).
    /// </summary>
    internal void Tally(string id, IncidentFacts inc, IReadOnlyList<ReportPeriod> periods, Instant asOf, long[] count, long[] good, decimal[] sum)
    {
        if (inc.Opened is not { } opened || inc.Service != Service)
        {
            return;
        }
        if (Where is not null && !Where(new IncidentInfo(id, inc.Service, inc.Severity!)))
        {
            return;
        }
        switch (Indicator)
        {
            case IndicatorKind.IncidentCount:
                if (IndexOf(periods, opened, asOf) is { } ic)
                {
                    count[ic]++;
                }
                break;
            case IndicatorKind.ReopenRate:
                foreach (var t in inc.Resolves)
                {
                    if (IndexOf(periods, t, asOf) is { } k)
                    {
                        count[k]++;
                    }
                }
                foreach (var t in inc.Reopens)
                {
                    if (IndexOf(periods, t, asOf) is { } k)
                    {
                        good[k]++;
                    }
                }
                break;
            case IndicatorKind.Mttr:
                if (inc.Resolves.Min is { } r && IndexOf(periods, r, asOf) is { } im)
                {
                    count[im]++;
                    sum[im] += Seconds(inc.MeasuredAge(Calendar, r));
                }
                break;
            default:
            {
                // resolved_within / responded_within: the stop is the first resolution or the first acknowledgement.
                var stop = Indicator == IndicatorKind.ResolvedWithin ? inc.Resolves.Min : inc.FirstAck;
                var d = Within!.Value;
                if (stop is { } s && IndexOf(periods, s, asOf) is { } iw)
                {
                    count[iw]++;
                    if (inc.MeasuredAge(Calendar, s) <= d)
                    {
                        good[iw]++;
                    }
                }
                // Unstopped at E = min(end P, N) with measured age already over D: counted, not within.
                // Only periods with opened < E ≤ stop qualify: start at the first period ending after the opening.
                for (var k = FirstEndingAfter(periods, opened); k < periods.Count; k++)
                {
                    var e = periods[k].EffectiveEnd(asOf);
                    // Stopped exactly at a period end E < N counts as stopped at E (it is then counted once, in the
                    // next period); a stop at N itself is not seen yet (events at or after N are not seen).
                    if (stop is { } st && (st < e || (st == e && e < asOf)))
                    {
                        break;
                    }
                    if (opened < e && inc.MeasuredAge(Calendar, e) > d)
                    {
                        count[k]++;
                    }
                }
                break;
            }
        }
    }

    /// <summary>An indicator over samples: each sample in a period adds the catalog's numerator and denominator to it.</summary>
    private void EvaluateSamples(FactStore facts, IReadOnlyList<ReportPeriod> periods, Instant asOf, Measured[] values)
    {
        var definition = IndicatorCatalog.Of(Indicator);
        var sample = definition.Sample!;
        var svc = facts.FindService(Service);
        var a = new decimal[periods.Count];
        var b = new decimal[periods.Count];
        void Add(int k, IndicatorSample s)
        {
            var (numerator, denominator) = sample(s);
            a[k] += numerator;
            b[k] += denominator;
        }
        if (svc is not null)
        {
            ForEachSample(svc, definition.Source, (t, s, _, _) =>
            {
                if (IndexOf(periods, t, asOf) is { } k)
                {
                    Add(k, s);
                }
            });
        }
        for (var k = 0; k < periods.Count; k++)
        {
            if (b[k] != 0)
            {
                values[k].Value = definition.Scale * a[k] / b[k];
            }
        }
    }

    /// <summary>
    /// Visits each sample of <paramref name="svc"/> the indicator reads (requests, surveys or changes) that the <c>where</c> clause
    /// keeps: its time, the catalog's view of it, a change's id and its request time. Evaluation and explanation both read this.
    /// </summary>
    private void ForEachSample(ServiceFacts svc, IndicatorSource source, Action<Instant, IndicatorSample, string?, Instant?> visit)
    {
        switch (source)
        {
            case IndicatorSource.Requests:
                if (KeepSample(null))
                {
                    foreach (var r in svc.Requests)
                    {
                        visit(r.Time, new IndicatorSample(r.Good, r.Total, 0m, 0m, false), null, null);
                    }
                }
                break;
            case IndicatorSource.Surveys:
                if (KeepSample(null))
                {
                    foreach (var s in svc.Surveys)
                    {
                        visit(s.Time, new IndicatorSample(0, 0, s.Score, 0m, false), null, null);
                    }
                }
                break;
            default:
                foreach (var (key, change) in svc.Changes)
                {
                    if (KeepSample(key.Id))
                    {
                        visit(key.Deployed, new IndicatorSample(0, 0, 0m, Seconds(key.Deployed - change.Requested), change.Failed), key.Id, change.Requested);
                    }
                }
                break;
        }
    }

    /// <summary>Index of the first period whose end is after <paramref name="t"/> (periods are ordered and disjoint).</summary>
    private static int FirstEndingAfter(IReadOnlyList<ReportPeriod> periods, Instant t)
    {
        int lo = 0, hi = periods.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (periods[mid].End <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>Index of the period whose measured part [start, min(end, asOf)) holds <paramref name="t"/>.</summary>
    private static int? IndexOf(IReadOnlyList<ReportPeriod> periods, Instant t, Instant asOf)
    {
        int lo = 0, hi = periods.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var p = periods[mid];
            if (t < p.Start)
            {
                hi = mid - 1;
            }
            else if (t >= p.End)
            {
                lo = mid + 1;
            }
            else
            {
                return t < asOf ? mid : null;
            }
        }
        return null;
    }
}
