using NodaTime;

namespace SlaLang.Runtime;

/// <summary>Bounded-memory mode: periods older than the allowed lateness are finalised and their facts dropped.</summary>
public partial class ContractMonitor
{
    private const int SettleEvery = 4096;
    private static readonly Duration SettleStep = Duration.FromDays(1);
    private Duration? _lateness;
    private Instant _watermark = Instant.MinValue;
    private Instant _horizon = Instant.MinValue;
    private long _lateEvents;
    private int _sinceSettle;
    private readonly Dictionary<int, List<ObjectiveResult>> _final = [];
    // Per incident objective (calendar periods): tallies of settled incidents by period start, for periods not yet final.
    private readonly Dictionary<int, Dictionary<Instant, IncidentTally>> _folded = [];
    // Levels reached by settled incidents: report rows, kept in memory up to a point, then in a temporary file, until reported.
    private EscalationRowStore _settledEscalations = new();
    private readonly List<EscalationRow> _reached = []; // scratch: the levels of the incident being settled
    // Incident ids bucketed by the UTC day of their events: a pass visits only buckets of days before the cutoff.
    private readonly Dictionary<int, List<string>> _settleBuckets = [];
    private int _firstBucket = int.MaxValue;

    /// <summary>
    /// Turns on settling: with W the latest event time seen, the horizon is W − <paramref name="lateness"/>.
    /// Events before the horizon are dropped and counted in <see cref="LateEvents"/>; objective periods ending at or
    /// before it are computed once and kept as results; facts that can no longer change a report (resolved
    /// incidents, closed outages and samples wholly inside finalised periods) are dropped, keeping memory
    /// proportional to open incidents and recent facts. Exact as long as no event is later than the lateness.
    /// Call before the first event.
    /// </summary>
    public void EnableSettling(Duration lateness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lateness, Duration.Zero);
        _lateness = lateness;
    }

    /// <summary>Told of each fulfilment a settling pass decides for good (settling only): the obligation, the instant, and whether
    /// it fulfilled a period (<see cref="EventAudit"/> warns of those that did not, with their line, and forgets the rest).</summary>
    internal Action<string, Instant, bool>? SettledFulfilment { get; set; }

    /// <summary>Told of each closed outage or maintenance window a settling pass drops (its start kind, service and id): an end
    /// that comes for it later finds no start, here as in <see cref="EventAudit"/>.</summary>
    internal Action<EventKind, string, string>? SettledSpan { get; set; }

    /// <summary>The allowed lateness when settling is on (<see cref="EnableSettling"/>), else null.</summary>
    public Duration? Lateness => _lateness;

    /// <summary>The settled horizon (reports need an as-of at or after it), or null when settling is off or has settled nothing yet.</summary>
    public Instant? SettledHorizon => _lateness is not null && _horizon != Instant.MinValue ? _horizon : null;

    /// <summary>Events dropped because they arrived after the settled horizon had passed them (settling only).</summary>
    public long LateEvents => _lateEvents;

    private bool Admit(in SlaEvent e)
    {
        var t = e.Instant;
        if (t < _horizon)
        {
            _lateEvents++;
            return false;
        }
        if (t > _watermark)
        {
            _watermark = t;
        }
        if (++_sinceSettle >= SettleEvery)
        {
            _sinceSettle = 0;
            Settle();
            if (t < _horizon)
            {
                // More than the lateness behind the latest event: the pass it triggered settled its instant already.
                _lateEvents++;
                return false;
            }
        }
        if (e.Id is { } id && e.Kind is >= EventKind.IncidentOpened and <= EventKind.IncidentResumed)
        {
            Enqueue(id, t);
        }
        return true;
    }

    /// <summary>Advances the horizon to the latest event time minus the lateness and finalises what it passed.</summary>
    public void Settle()
    {
        if (_lateness is not { } lateness || _watermark == Instant.MinValue)
        {
            return;
        }
        var h = _watermark - lateness;
        // A pass costs a walk over the live facts: advance in steps of at least a day (settling later is still exact).
        if (h <= _horizon || (_horizon != Instant.MinValue && h < _horizon + SettleStep))
        {
            return;
        }
        _horizon = h;

        // 1. Finalise objective periods that ended at or before the horizon (their figures can no longer change).
        var incidentCutoff = h;
        var folding = new List<(int Index, Objective Objective, ReportPeriod[] Periods)>();
        // An incident never acknowledged keeps counting in later periods of responded_within (§4): never settled then.
        var respondedWithin = _objectives.Any(o => o.Indicator == IndicatorKind.RespondedWithin);
        var availabilityCutoff = new Dictionary<string, Instant>(StringComparer.Ordinal);
        var sampleCutoff = new Dictionary<string, Instant>(StringComparer.Ordinal);
        for (var k = 0; k < _objectives.Count; k++)
        {
            var o = _objectives[k];
            Instant needFrom;
            if (o.Per.Unit == PeriodUnit.Rolling)
            {
                needFrom = h - o.Per.RollingLength;
            }
            else
            {
                if (!_final.TryGetValue(k, out var final))
                {
                    _final[k] = final = [];
                }
                var periods = o.Per.PeriodsAsOf(Term, h);
                var firstOpen = final.Count;
                var folded = _folded.GetValueOrDefault(k);
                if (firstOpen < periods.Count && periods[firstOpen].End <= h)
                {
                    // Only the periods not yet final: older facts are skipped without measuring them.
                    var results = o.Evaluate(_facts, Term, h, periods[firstOpen].Start, folded);
                    for (var j = 0; firstOpen < periods.Count && periods[firstOpen].End <= h; j++)
                    {
                        final.Add(results[j]);
                        folded?.Remove(periods[firstOpen].Start); // now inside the final result
                        firstOpen++;
                    }
                }
                if (IndicatorCatalog.Of(o.Indicator).Source == IndicatorSource.Incidents)
                {
                    // Settled incidents are folded into the tallies of the periods not yet final (see step 2).
                    folding.Add((k, o, [.. periods.Skip(firstOpen)]));
                    continue;
                }
                needFrom = firstOpen < periods.Count ? periods[firstOpen].Start : (periods.Count > 0 ? periods[^1].End : Term.Start);
            }
            switch (IndicatorCatalog.Of(o.Indicator).Source)
            {
                case IndicatorSource.Outages:
                    availabilityCutoff[o.Service] = Min(availabilityCutoff.GetValueOrDefault(o.Service, h), needFrom);
                    break;
                case IndicatorSource.Requests or IndicatorSource.Surveys or IndicatorSource.Changes:
                    sampleCutoff[o.Service] = Min(sampleCutoff.GetValueOrDefault(o.Service, h), needFrom);
                    break;
                default:
                    incidentCutoff = Min(incidentCutoff, needFrom); // a rolling window: its facts are kept from h − length
                    break;
            }
        }

        // 2. Settle incidents whose every fact lies before the cutoff (the horizon, or the start of a rolling
        //    window) and that are resolved (or never opened): their escalations are final (levels are reached before
        //    the first resolution) and kept as results; their contribution to each calendar-period incident objective
        //    no longer depends on as-of (every fact is before it, the first resolution/acknowledgement stops the
        //    clocks) and is added to the tallies of the periods not yet final; then they are dropped.
        //    Candidates come from day buckets of (incident id) filled as events arrive, so a pass only visits
        //    incidents with events on days wholly before the cutoff instead of every live incident.
        var tallies = new (long[] Count, long[] Good, decimal[] Sum)[folding.Count];
        for (var f = 0; f < folding.Count; f++)
        {
            var n = folding[f].Periods.Length;
            tallies[f] = (new long[n], new long[n], new decimal[n]);
        }
        var cutoffDay = (incidentCutoff - NodaConstants.UnixEpoch).Days; // buckets of days < cutoffDay end before the cutoff
        for (; _firstBucket < cutoffDay; _firstBucket++)
        {
            if (!_settleBuckets.Remove(_firstBucket, out var ids))
            {
                continue;
            }
            foreach (var id in ids)
            {
                if (!_facts.Incidents.TryGetValue(id, out var inc) || inc.Latest >= incidentCutoff)
                {
                    continue; // already dropped, or a later event of it sits in a later bucket
                }
                if (inc.Opened is not null && inc.Resolves.Min is null)
                {
                    continue; // still open: its next event queues it again
                }
                if (respondedWithin && inc.Opened is not null && inc.FirstAck is null)
                {
                    continue; // never acknowledged: its response clock runs on (§4), it keeps counting in later periods
                }
                _reached.Clear();
                for (var x = 0; x < _escalations.Count; x++)
                {
                    _escalations[x].AddReached(id, inc, x, h, _reached);
                }
                foreach (var row in _reached)
                {
                    _settledEscalations.Add(row.Incident, row.Escalation, row.Level, row.At);
                }
                for (var f = 0; f < folding.Count; f++)
                {
                    folding[f].Objective.Tally(id, inc, folding[f].Periods, h, tallies[f].Count, tallies[f].Good, tallies[f].Sum);
                }
                _facts.RemoveIncident(id);
            }
        }
        for (var f = 0; f < folding.Count; f++)
        {
            var (k, _, periods) = folding[f];
            var (count, good, sum) = tallies[f];
            for (var j = 0; j < periods.Length; j++)
            {
                if (count[j] != 0 || good[j] != 0 || sum[j] != 0)
                {
                    if (!_folded.TryGetValue(k, out var folded))
                    {
                        _folded[k] = folded = [];
                    }
                    var known = folded.GetValueOrDefault(periods[j].Start);
                    folded[periods[j].Start] = new IncidentTally(known.Count + count[j], known.Good + good[j], known.Sum + sum[j]);
                }
            }
        }

        // 3. Settle the obligations' fulfilments before the horizon: their assignment to periods is final (it takes events in
        //    time order), and kept; the events are dropped (the audit learns which fulfilled nothing, with their line).
        foreach (var obligation in _obligations)
        {
            obligation.Settle(_facts, Term, h, SettledFulfilment);
        }

        // 4. Drop closed outages and maintenance windows, and samples, that only touch finalised periods. A service's cutoff
        //    is the start of its first period not yet final: under a calendar period it moves once a period, so the walk over
        //    its spans and samples is made only when it moved (it was made on every pass, and was a fifth of settling's time).
        foreach (var (name, svc) in _facts.Services)
        {
            var avail = availabilityCutoff.GetValueOrDefault(name, h);
            if (Advanced(_spanCutoffs, name, avail))
            {
                DropSpans(svc.Outages, avail, h, name, EventKind.OutageStart);
                DropSpans(svc.Maintenance, avail, h, name, EventKind.MaintenanceStart);
            }
            var samples = sampleCutoff.GetValueOrDefault(name, h);
            if (Advanced(_sampleCutoffs, name, samples))
            {
                svc.Requests.RemoveWhere(r => r.Time < samples);
                svc.Surveys.RemoveWhere(r => r.Time < samples);
                foreach (var key in svc.Changes.Keys.Where(c => c.Deployed < samples).ToList())
                {
                    svc.Changes.Remove(key);
                }
            }
        }
    }

    // The cutoff each service's spans and samples were last dropped before.
    private readonly Dictionary<string, Instant> _spanCutoffs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Instant> _sampleCutoffs = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="cutoff"/> is later than the one <paramref name="last"/> holds for <paramref name="service"/>
    /// (and records it).</summary>
    private static bool Advanced(Dictionary<string, Instant> last, string service, Instant cutoff)
    {
        ref var known = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(last, service, out var exists);
        if (exists && cutoff <= known)
        {
            return false;
        }
        known = cutoff;
        return true;
    }

    private void Enqueue(string id, Instant t)
    {
        var day = (t - NodaConstants.UnixEpoch).Days;
        if (day < _firstBucket)
        {
            _firstBucket = day;
        }
        ref var list = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_settleBuckets, day, out _);
        (list ??= []).Add(id);
    }

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    /// <summary>How many of the levels settled incidents reached are kept in memory before they go to a temporary file (tests set it
    /// low; set before the first event).</summary>
    internal int EscalationRowsInMemory
    {
        get => _settledEscalations.SpillAt;
        set => _settledEscalations = new EscalationRowStore { SpillAt = value };
    }

    /// <summary>How many escalation levels settled incidents reached (rows only ever added: a live service reads the new ones
    /// with <see cref="SettledEscalations"/>).</summary>
    public int SettledEscalationCount => _settledEscalations.Count;

    /// <summary>The levels settled incidents reached, from the <paramref name="from"/>-th settled on (in the order they settled).</summary>
    public IEnumerable<EscalationResult> SettledEscalations(int from) =>
        _settledEscalations.Rows(from).Select(e => _escalations[e.Escalation].Result(e.Incident, e.Level, e.At, Zone));

    private void DropSpans(Dictionary<string, SpanFacts> spans, Instant cutoff, Instant horizon, string service, EventKind start)
    {
        List<string>? drop = null;
        foreach (var (id, s) in spans)
        {
            // A closed span wholly before the cutoff, or an end whose start never came (and now never will).
            var closed = s.ClosedBefore(cutoff);
            if (closed || (s.Starts.Count == 0 && s.Ends.Max is { } e && e < horizon))
            {
                (drop ??= []).Add(id);
                if (closed)
                {
                    SettledSpan?.Invoke(start, service, id);
                }
            }
        }
        foreach (var id in drop ?? [])
        {
            spans.Remove(id);
        }
    }

    /// <summary>The results of objective <paramref name="k"/>: the finalised periods, then the live ones computed from the facts.</summary>
    /// <summary>Whether settling dropped facts behind the figure of objective <paramref name="k"/>'s period starting at
    /// <paramref name="start"/>: the period is finalised, or settled incidents were folded into its tallies.</summary>
    private bool FactsDropped(int k, Instant start) =>
        (_final.TryGetValue(k, out var final) && final.Count > 0 && start < final[^1].Period.End.ToInstant())
        || (_folded.TryGetValue(k, out var tallies) && tallies.ContainsKey(start));

    private IReadOnlyList<ObjectiveResult> Results(int k, Instant asOf)
    {
        var o = _objectives[k];
        if (!_final.TryGetValue(k, out var final) || final.Count == 0)
        {
            return o.Evaluate(_facts, Term, asOf, null, _folded.GetValueOrDefault(k));
        }
        var merged = new List<ObjectiveResult>(final);
        merged.AddRange(o.Evaluate(_facts, Term, asOf, final[^1].Period.End.ToInstant(), _folded.GetValueOrDefault(k)));
        return merged;
    }

    private void WriteSettlement(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(_lateness.HasValue);
        if (_lateness is not { } lateness)
        {
            return;
        }
        w.Write(lateness.ToInt64Nanoseconds());
        Snapshots.WriteInstant(w, _watermark);
        Snapshots.WriteInstant(w, _horizon);
        w.Write(_lateEvents);
        w.Write(_sinceSettle);
        w.Write(_final.Count);
        foreach (var (k, list) in _final.OrderBy(p => p.Key))
        {
            w.Write(k);
            w.Write(list.Count);
            foreach (var r in list)
            {
                Snapshots.WriteTime(w, r.Period.Start);
                Snapshots.WriteTime(w, r.Period.End);
                w.Write(r.Value.HasValue);
                w.Write(r.Value ?? 0m);
                w.Write((int)r.Status);
                w.Write(r.AtRisk);
                w.Write(r.Budget is not null);
                if (r.Budget is { } b)
                {
                    w.Write(b.AllowedSeconds);
                    w.Write(b.Consumed.HasValue);
                    w.Write(b.Consumed ?? 0m);
                }
            }
        }
        w.Write(_folded.Count);
        foreach (var (k, folded) in _folded.OrderBy(p => p.Key))
        {
            w.Write(k);
            w.Write(folded.Count);
            foreach (var (start, tally) in folded.OrderBy(p => p.Key))
            {
                Snapshots.WriteInstant(w, start);
                w.Write(tally.Count);
                w.Write(tally.Good);
                w.Write(tally.Sum);
            }
        }
        w.Write(_settledEscalations.Count);
        foreach (var e in _settledEscalations.Rows(0))
        {
            w.Write(e.Incident);
            w.Write(e.Escalation);
            w.Write(e.Level);
            Snapshots.WriteInstant(w, e.At);
        }
        w.Write(_obligations.Count);
        foreach (var obligation in _obligations)
        {
            obligation.WriteSettled(w);
        }
    }

    private void ReadSettlement(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            _final.Clear();
            _folded.Clear();
            _settledEscalations.Clear();
            if (!r.ReadBoolean())
            {
                _lateness = null;
                _watermark = _horizon = Instant.MinValue;
                _lateEvents = 0;
                _sinceSettle = 0;
                foreach (var obligation in _obligations)
                {
                    obligation.ClearSettled();
                }
                return;
            }
            _lateness = Duration.FromNanoseconds(r.ReadInt64());
            _watermark = Snapshots.ReadInstant(r);
            _horizon = Snapshots.ReadInstant(r);
            _lateEvents = r.ReadInt64();
            _sinceSettle = r.ReadInt32();
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                var k = r.ReadInt32();
                if (k < 0 || k >= _objectives.Count)
                {
                    throw new InvalidDataException("Snapshot of another contract: objective index out of range.");
                }
                var o = _objectives[k];
                var list = new List<ObjectiveResult>();
                for (var m = r.ReadInt32(); m > 0; m--)
                {
                    var start = Snapshots.ReadTime(r);
                    var end = Snapshots.ReadTime(r);
                    var hasValue = r.ReadBoolean();
                    var value = r.ReadDecimal();
                    var status = (ObjectiveStatus)r.ReadInt32();
                    var atRisk = r.ReadBoolean();
                    ErrorBudget? budget = null;
                    if (r.ReadBoolean())
                    {
                        var allowed = r.ReadDecimal();
                        var hasConsumed = r.ReadBoolean();
                        var consumed = r.ReadDecimal();
                        budget = new ErrorBudget(allowed, hasConsumed ? consumed : null);
                    }
                    list.Add(new ObjectiveResult(o.Service, o.Name, new PeriodBounds(start, end), hasValue ? value : null, o.Unit, o.Target.Text, status, atRisk, budget) { Calendar = o.Calendar.Name, TargetValue = o.Target.Value });
                }
                _final[k] = list;
            }
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                var k = r.ReadInt32();
                if (k < 0 || k >= _objectives.Count)
                {
                    throw new InvalidDataException("Snapshot of another contract: objective index out of range.");
                }
                var folded = new Dictionary<Instant, IncidentTally>();
                for (var m = r.ReadInt32(); m > 0; m--)
                {
                    var start = Snapshots.ReadInstant(r);
                    folded[start] = new IncidentTally(r.ReadInt64(), r.ReadInt64(), r.ReadDecimal());
                }
                _folded[k] = folded;
            }
            _settleBuckets.Clear();
            _spanCutoffs.Clear();
            _sampleCutoffs.Clear();
            _firstBucket = int.MaxValue;
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                var incident = r.ReadString();
                var escalation = r.ReadInt32();
                var level = r.ReadInt32();
                if (escalation < 0 || escalation >= _escalations.Count || level < 0 || level >= _escalations[escalation].Levels.Count)
                {
                    throw new InvalidDataException("Snapshot of another contract: escalation level out of range.");
                }
                _settledEscalations.Add(incident, escalation, level, Snapshots.ReadInstant(r));
            }
            if (r.ReadInt32() != _obligations.Count)
            {
                throw new InvalidDataException("Snapshot of another contract: obligation count differs.");
            }
            foreach (var obligation in _obligations)
            {
                obligation.ReadSettled(r);
            }
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("Truncated monitor snapshot.", ex);
        }
    }
}

/// <summary>Binary encodings shared by the snapshot writers.</summary>
internal static class Snapshots
{
    // Days since the Unix epoch and nanosecond of that day: covers every Instant NodaTime can hold.
    public static void WriteInstant(BinaryWriter w, Instant t)
    {
        var d = t - NodaConstants.UnixEpoch;
        w.Write(d.Days);
        w.Write(d.NanosecondOfDay);
    }

    public static Instant ReadInstant(BinaryReader r)
    {
        var days = r.ReadInt32();
        var nanos = r.ReadInt64();
        return NodaConstants.UnixEpoch + Duration.FromDays(days) + Duration.FromNanoseconds(nanos);
    }

    public static void WriteTime(BinaryWriter w, OffsetDateTime t)
    {
        WriteInstant(w, t.ToInstant());
        w.Write(t.Offset.Seconds);
    }

    public static OffsetDateTime ReadTime(BinaryReader r)
    {
        var t = ReadInstant(r);
        return t.WithOffset(Offset.FromSeconds(r.ReadInt32()));
    }
}
