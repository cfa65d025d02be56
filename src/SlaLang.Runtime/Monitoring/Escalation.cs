using NodaTime;

namespace SlaLang.Runtime;

/// <summary>A level of an escalation ladder: reached when a matching incident's measured age reaches <see cref="After"/>.</summary>
public readonly record struct EscalationLevel(int Level, Duration After, IReadOnlyList<string> Notify);

/// <summary>An escalation ladder for incidents matching <see cref="Where"/> (any service unless the filter says so).</summary>
public sealed class Escalation
{
    /// <summary>Creates an escalation ladder.</summary>
    public Escalation(string name, IncidentFilter? where, BusinessCalendar calendar, IReadOnlyList<EscalationLevel> levels)
    {
        Name = name;
        Where = where;
        Calendar = calendar;
        Levels = levels;
        _notify = [.. levels.Select(l => string.Join(", ", l.Notify))];
    }

    private readonly string[] _notify; // per level, the roles joined once (not once per reported row)

    /// <summary>The escalation's name.</summary>
    public string Name { get; }

    /// <summary>The compiled <c>for incidents where</c> filter, if any.</summary>
    public IncidentFilter? Where { get; }

    /// <summary>The <c>during</c> calendar the age is measured in.</summary>
    public BusinessCalendar Calendar { get; }

    /// <summary>The levels.</summary>
    public IReadOnlyList<EscalationLevel> Levels { get; }

    /// <summary>
    /// Adds to <paramref name="rows"/> the levels one incident reached, as rows of the ladder numbered <paramref name="self"/>:
    /// each at the instant the incident's measured age (pauses excluded) reaches <c>after</c>, strictly before its first
    /// resolution and strictly before <paramref name="asOf"/>.
    /// </summary>
    internal void AddReached(string id, IncidentFacts inc, int self, Instant asOf, List<EscalationRow> rows)
    {
        for (var i = 0; i < Levels.Count; i++)
        {
            if (Reached(id, inc, i, asOf) is { } t)
            {
                rows.Add(new EscalationRow(id, self, i, t));
            }
        }
    }

    /// <summary>When the incident reached the level at <paramref name="index"/> (strictly before its first resolution and <paramref name="asOf"/>), or null.</summary>
    internal Instant? Reached(string id, IncidentFacts inc, int index, Instant asOf)
    {
        if (inc.Opened is not { } opened || opened >= asOf)
        {
            return null;
        }
        if (Where is not null && !Where(new IncidentInfo(id, inc.Service!, inc.Severity!)))
        {
            return null;
        }
        var limit = inc.Resolves.Min is { } r && r < asOf ? r : asOf;
        var at = Calendar.WhenMeasureReaches(opened, Levels[index].After, inc.PausedIntervals, limit);
        return at is { } t && t < limit ? t : null;
    }

    /// <summary>The report row of level <paramref name="index"/> reached by incident <paramref name="id"/> at <paramref name="at"/>.</summary>
    internal EscalationResult Result(string id, int index, Instant at, DateTimeZone zone) =>
        new(Name, id, Levels[index].Level, _notify[index], at.WithOffset(zone.GetUtcOffset(at)));
}

/// <summary>When an obligation is due relative to its period end.</summary>
public sealed record DueOffset
{
    private DueOffset(Duration? after, int? workingDays)
    {
        After = after;
        WorkingDays = workingDays;
    }

    /// <summary>An exact duration after the period end, if so.</summary>
    public Duration? After { get; }

    /// <summary>N working days after the period end, if so.</summary>
    public int? WorkingDays { get; }

    /// <summary>Due at the period end.</summary>
    public static DueOffset AtPeriodEnd { get; } = new(null, null);

    /// <summary>Due an exact duration after the period end.</summary>
    public static DueOffset Exact(Duration after) => new(after, null);

    /// <summary>Due N working days (of the obligation's calendar) after the period end: <c>Nbd after T</c>.</summary>
    public static DueOffset BusinessDays(int n) => new(null, n);

    /// <summary>
    /// The due instant for a period ending at <paramref name="periodEnd"/>; null when there is none (working days of a
    /// calendar without open hours, or a due past <see cref="SlaEvent.MaxSupported"/>): the obligation is then never missed.
    /// </summary>
    public Instant? DueFor(Instant periodEnd, BusinessCalendar calendar) => this switch
    {
        { After: { } d } => d < SlaEvent.MaxSupported - periodEnd ? periodEnd + d : null,
        { WorkingDays: { } n } => calendar.AddWorkingDays(periodEnd, n),
        _ => periodEnd,
    };
}

/// <summary>A periodic obligation (an <c>obligation</c>, a committee, or a <c>security.*</c> control).</summary>
public sealed class Obligation
{
    /// <summary>Creates an obligation named as <c>fulfilled</c> events name it.</summary>
    public Obligation(string name, PeriodRule every, DueOffset due, BusinessCalendar calendar)
    {
        if (every.Unit == PeriodUnit.Rolling)
        {
            throw new ArgumentException($"Obligation '{name}': a rolling period has no due date.", nameof(every));
        }
        Name = name;
        Every = every;
        Due = due;
        Calendar = calendar;
    }

    /// <summary>The obligation's name.</summary>
    public string Name { get; }

    /// <summary>The period rule (<c>every</c>).</summary>
    public PeriodRule Every { get; }

    /// <summary>When it is due.</summary>
    public DueOffset Due { get; }

    /// <summary>The calendar working days are counted in.</summary>
    public BusinessCalendar Calendar { get; }

    /// <summary>
    /// Per period starting before <paramref name="asOf"/>: <c>met</c> when a <c>fulfilled</c> event is assigned to it,
    /// <c>missed</c> once asOf ≥ due without one, else <c>pending</c> (LANGUAGE.md §5). A period's window is
    /// [period start, due). Each event fulfils at most one period: taking the events before asOf in time order (one per
    /// instant), each goes to the earliest-starting period not yet met whose window holds it; an event no window takes
    /// fulfils nothing (<see cref="Unassigned"/>). So a January report delivered on 4 February, inside both January's
    /// window (due 5bd after January) and February's, fulfils January only.
    /// </summary>
    public IEnumerable<ObligationResult> Evaluate(FactStore facts, ContractTerm term, Instant asOf)
    {
        facts.Fulfilled.TryGetValue(Name, out var times);
        var periods = Every.PeriodsAsOf(term, asOf);
        var fulfilledAt = Assign(times, periods, asOf, out _);
        for (var k = 0; k < periods.Count; k++)
        {
            var p = periods[k];
            var due = Due.DueFor(p.End, Calendar);
            var bounds = term.Bounds(p);
            OffsetDateTime? dueText = due is { } d ? term.Local(d) : null;
            if (fulfilledAt[k] is { } t)
            {
                yield return new ObligationResult(Name, bounds, dueText, ObligationStatus.Met, t.At.WithOffset(t.Offset));
            }
            else
            {
                yield return new ObligationResult(Name, bounds, dueText, due is { } passed && asOf >= passed ? ObligationStatus.Missed : ObligationStatus.Pending, null);
            }
        }
    }

    /// <summary>The instants of <c>fulfilled</c> events before <paramref name="asOf"/> that no period's window takes (they fulfil
    /// nothing), but for those a settled horizon passed already (<see cref="Settle"/> told of them then).</summary>
    public IReadOnlyList<Instant> Unassigned(FactStore facts, ContractTerm term, Instant asOf)
    {
        facts.Fulfilled.TryGetValue(Name, out var times);
        Assign(times, Every.PeriodsAsOf(term, asOf), asOf, out var unassigned);
        return unassigned;
    }

    // The assignment of the fulfilments before a settled horizon (settling only): final, since no event before it can come.
    private (Instant At, Offset Offset)?[] _settledAt = [];
    private int _settledFirst;
    private Instant _settledBefore = Instant.MinValue;

    /// <summary>
    /// Settles the fulfilments before <paramref name="horizon"/> (no event before it can still come): assigns them, in time order,
    /// as <see cref="Evaluate"/> would (the assignment takes events in time order, so its decisions for them are final), keeps the
    /// periods they fulfil, removes them from <paramref name="facts"/>, and tells <paramref name="settled"/> of each (its instant,
    /// and whether it fulfilled a period).
    /// </summary>
    internal void Settle(FactStore facts, ContractTerm term, Instant horizon, Action<string, Instant, bool>? settled)
    {
        if (horizon <= _settledBefore)
        {
            return;
        }
        if (!facts.Fulfilled.TryGetValue(Name, out var times) || !times.Keys.Any(t => t < horizon))
        {
            _settledBefore = horizon;
            return;
        }
        var before = times.Keys.Where(t => t < horizon).Order().ToList();
        var periods = Every.PeriodsAsOf(term, horizon);
        var fulfilledAt = new (Instant At, Offset Offset)?[periods.Count];
        _settledAt.AsSpan().CopyTo(fulfilledAt);
        var first = _settledFirst;
        var windowEnds = WindowEnds(periods);
        foreach (var t in before)
        {
            var taken = Take(fulfilledAt, periods, windowEnds, ref first, t, times[t]);
            times.Remove(t);
            settled?.Invoke(Name, t, taken);
        }
        _settledAt = fulfilledAt;
        _settledFirst = first;
        _settledBefore = horizon;
    }

    /// <summary>Writes the settled part of the assignment (monitor snapshots).</summary>
    internal void WriteSettled(BinaryWriter w)
    {
        Snapshots.WriteInstant(w, _settledBefore);
        w.Write(_settledFirst);
        w.Write(_settledAt.Length);
        foreach (var at in _settledAt)
        {
            w.Write(at.HasValue);
            if (at is { } a)
            {
                Snapshots.WriteInstant(w, a.At);
                w.Write(a.Offset.Seconds);
            }
        }
    }

    /// <summary>Forgets the settled part (a snapshot without settling).</summary>
    internal void ClearSettled()
    {
        _settledBefore = Instant.MinValue;
        _settledFirst = 0;
        _settledAt = [];
    }

    /// <summary>Reads what <see cref="WriteSettled"/> wrote.</summary>
    internal void ReadSettled(BinaryReader r)
    {
        var before = Snapshots.ReadInstant(r);
        var first = r.ReadInt32();
        var count = r.ReadInt32();
        if (count < 0 || first < 0 || first > count)
        {
            throw new InvalidDataException("Snapshot of another contract: settled obligation periods out of range.");
        }
        var settled = new (Instant At, Offset Offset)?[count];
        for (var k = 0; k < count; k++)
        {
            if (r.ReadBoolean())
            {
                settled[k] = (Snapshots.ReadInstant(r), Offset.FromSeconds(r.ReadInt32()));
            }
        }
        _settledBefore = before;
        _settledFirst = first;
        _settledAt = settled;
    }

    /// <summary>The §5 assignment: per period (in <paramref name="periods"/>' order), the event that fulfils it (its instant and
    /// offset), or null; from the settled part on, with the events still in the facts.</summary>
    private (Instant At, Offset Offset)?[] Assign(Dictionary<Instant, Offset>? times, IReadOnlyList<ReportPeriod> periods, Instant asOf, out List<Instant> unassigned)
    {
        var fulfilledAt = new (Instant At, Offset Offset)?[periods.Count];
        _settledAt.AsSpan(0, Math.Min(_settledAt.Length, periods.Count)).CopyTo(fulfilledAt);
        unassigned = [];
        if (times is null || times.Count == 0)
        {
            return fulfilledAt;
        }
        var windowEnds = WindowEnds(periods);
        var first = _settledFirst; // every period before it is met, or its window closed before the current event
        foreach (var t in times.Keys.Where(t => t < asOf).Order())
        {
            if (!Take(fulfilledAt, periods, windowEnds, ref first, t, times[t]))
            {
                unassigned.Add(t);
            }
        }
        return fulfilledAt;
    }

    /// <summary>Each period's window end: its due instant (none: never closes).</summary>
    private Instant[] WindowEnds(IReadOnlyList<ReportPeriod> periods)
    {
        var windowEnds = new Instant[periods.Count];
        for (var k = 0; k < periods.Count; k++)
        {
            windowEnds[k] = Due.DueFor(periods[k].End, Calendar) ?? Instant.MaxValue;
        }
        return windowEnds;
    }

    /// <summary>One step of the assignment, for the event at <paramref name="t"/> (events come in time order): it goes to the
    /// earliest-starting period not yet met whose window holds it (periods start in order, so the first in list order); returns
    /// whether one took it.</summary>
    private static bool Take((Instant At, Offset Offset)?[] fulfilledAt, IReadOnlyList<ReportPeriod> periods, Instant[] windowEnds, ref int first,
        Instant t, Offset offset)
    {
        var taken = false;
        for (var k = first; k < periods.Count && periods[k].Start <= t; k++)
        {
            if (fulfilledAt[k] is null && t < windowEnds[k])
            {
                fulfilledAt[k] = (t, offset);
                taken = true;
                break;
            }
        }
        while (first < periods.Count && (fulfilledAt[first] is not null || windowEnds[first] <= t))
        {
            first++;
        }
        return taken;
    }
}
