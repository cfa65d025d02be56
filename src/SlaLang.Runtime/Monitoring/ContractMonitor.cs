using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using NodaTime;

namespace SlaLang.Runtime;

/// <summary>
/// Base of generated monitors. A generated class constructs its calendars, objectives, penalties, escalations and
/// obligations in its constructor and registers them with the <c>Add</c> methods; <see cref="Observe"/> records
/// events as set-like facts; <see cref="Report"/> computes every figure of LANGUAGE.md §4–§5 as of an instant.
/// By default the monitor is exact for any arrival order; <see cref="EnableSettling"/> bounds memory for long
/// streams by finalising periods older than an allowed lateness (see docs/runtime.md).
/// </summary>
public partial class ContractMonitor
{
    private readonly List<Objective> _objectives = [];
    private readonly List<Penalty> _penalties = [];
    private readonly List<Escalation> _escalations = [];
    private readonly List<Obligation> _obligations = [];
    private readonly HashSet<string> _services = new(StringComparer.Ordinal);
    private FactStore _facts;
    private BusinessCalendar? _always;

    /// <summary>Creates a monitor for the contract <paramref name="name"/> (term dates inclusive, in <paramref name="timeZoneId"/>).</summary>
    public ContractMonitor(string name, string timeZoneId, LocalDate termStart, LocalDate termEnd, string currency)
    {
        Name = name;
        Zone = DateTimeZoneProviders.Tzdb[timeZoneId];
        Term = new ContractTerm(Zone, termStart, termEnd);
        Currency = currency;
        _facts = new FactStore(_services);
    }

    /// <summary>The contract's name.</summary>
    public string Name { get; }

    /// <summary>The contract zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The term.</summary>
    public ContractTerm Term { get; }

    /// <summary>ISO 4217 currency of credits.</summary>
    public string Currency { get; }

    /// <summary>The built-in 24/7 calendar in the contract zone.</summary>
    public BusinessCalendar Always => _always ??= BusinessCalendar.Always(Zone);

    /// <summary>The recorded facts.</summary>
    public FactStore Facts => _facts;

    /// <summary>The registered objectives.</summary>
    public IReadOnlyList<Objective> Objectives => _objectives;

    /// <summary>Creates a calendar in the contract zone.</summary>
    public BusinessCalendar Calendar(string name, IEnumerable<WeeklyHours> hours, IEnumerable<LocalDate> holidays) =>
        new(name, Zone, hours, holidays);

    /// <summary>Registers an objective (events of its service are kept from now on) and returns it.</summary>
    public Objective Add(Objective objective)
    {
        _objectives.Add(objective);
        _services.Add(objective.Service);
        return objective;
    }

    /// <summary>Registers a penalty and returns it.</summary>
    public Penalty Add(Penalty penalty)
    {
        _penalties.Add(penalty);
        return penalty;
    }

    /// <summary>Registers an escalation ladder and returns it.</summary>
    public Escalation Add(Escalation escalation)
    {
        _escalations.Add(escalation);
        return escalation;
    }

    /// <summary>Registers an obligation and returns it.</summary>
    public Obligation Add(Obligation obligation)
    {
        _obligations.Add(obligation);
        return obligation;
    }

    /// <summary>
    /// States the services and severities the contract declares (generated monitors do, first thing). From then on an incident
    /// opened for a service or severity the contract does not declare cannot count (LANGUAGE.md §6): it is not recorded, and
    /// <see cref="EventAudit"/> reports it. A monitor that declares nothing records every incident.
    /// </summary>
    protected void Declare(string[] services, string[] severities)
    {
        _declaredServices = new HashSet<string>(services, StringComparer.Ordinal);
        _declaredSeverities = new HashSet<string>(severities, StringComparer.Ordinal);
        _lastDeclaredService = _lastDeclaredSeverity = null;
    }

    private HashSet<string>? _declaredServices;
    private HashSet<string>? _declaredSeverities;
    // The last service and severity found declared: the event reader shares one instance per text, so most openings are
    // decided by a reference comparison, without hashing (a set lookup through IReadOnlySet cost two interface calls and two
    // hashes per incident_opened).
    private string? _lastDeclaredService;
    private string? _lastDeclaredSeverity;

    /// <summary>The services the contract declares, or null when the monitor did not say (<see cref="Declare"/>).</summary>
    public IReadOnlySet<string>? DeclaredServices => _declaredServices;

    /// <summary>The severities the contract declares, or null when the monitor did not say (<see cref="Declare"/>).</summary>
    public IReadOnlySet<string>? DeclaredSeverities => _declaredSeverities;

    /// <summary>The registered obligations (their names are what <c>fulfilled</c> events carry).</summary>
    public IReadOnlyList<Obligation> Obligations => _obligations;

    /// <summary>Whether an <c>incident_opened</c> names a service and severity the contract declares (always true when it declared none).</summary>
    public bool IsDeclaredIncident(in SlaEvent e) =>
        IsDeclared(e.Service, _declaredServices, ref _lastDeclaredService) && IsDeclared(e.Severity, _declaredSeverities, ref _lastDeclaredSeverity);

    private static bool IsDeclared(string? value, HashSet<string>? declared, ref string? last)
    {
        if (declared is null || value is null || ReferenceEquals(value, last))
        {
            return true;
        }
        if (!declared.Contains(value))
        {
            return false;
        }
        last = value;
        return true;
    }

    /// <summary>Records one event (idempotent; order does not matter).</summary>
    public virtual void Observe(in SlaEvent e)
    {
        if (_lateness is not null && !Admit(in e))
        {
            return;
        }
        if (e.Kind == EventKind.IncidentOpened && !IsDeclaredIncident(in e))
        {
            return;
        }
        _facts.Observe(in e);
    }

    /// <summary>Records many events.</summary>
    public void ObserveAll(IEnumerable<SlaEvent> events)
    {
        foreach (var e in events)
        {
            Observe(in e);
        }
    }

    /// <summary>Records a batch of events held in memory, in order: the same as <see cref="Observe"/> on each, faster.</summary>
    /// <remarks>
    /// An event is two cache lines, and observing one is too much work for the processor to run ahead to the next
    /// events by itself: the batch asks for the event <see cref="PrefetchDistance"/> places ahead while observing this
    /// one, so events stream in from memory while the monitor works.
    /// </remarks>
    public void ObserveAll(ReadOnlySpan<SlaEvent> events)
    {
        for (var i = 0; i < events.Length; i++)
        {
            if (i + PrefetchDistance < events.Length)
            {
                Prefetch(in events[i + PrefetchDistance]);
            }
            Observe(in events[i]);
        }
    }

    /// <summary>How many events ahead <see cref="ObserveAll(ReadOnlySpan{SlaEvent})"/> prefetches (measured: 8 beats 4).</summary>
    private const int PrefetchDistance = 8;

    /// <summary>Asks the processor to bring <paramref name="e"/> into the cache (a hint: no effect on results).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(in SlaEvent e)
    {
        if (Sse.IsSupported)
        {
            // The address is only a hint: if the GC moves the events meanwhile, the prefetch is merely wasted.
            var p = (byte*)Unsafe.AsPointer(ref Unsafe.AsRef(in e));
            Sse.Prefetch0(p);
            Sse.Prefetch0(p + 64);
        }
    }

    /// <summary>The report as of <paramref name="asOf"/>: every period starting before it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Settling is on and <paramref name="asOf"/> is before the settled horizon.</exception>
    public SlaReport Report(Instant asOf)
    {
        RequireSettledAsOf(asOf);
        var objectives = new List<ObjectiveResult>();
        var byObjective = new Dictionary<Objective, IReadOnlyList<ObjectiveResult>>();
        for (var k = 0; k < _objectives.Count; k++)
        {
            var o = _objectives[k];
            var results = Results(k, asOf);
            byObjective[o] = results;
            objectives.AddRange(results);
        }
        var credits = new List<CreditResult>();
        foreach (var p in _penalties)
        {
            var results = byObjective.TryGetValue(p.Objective, out var r) ? r : p.Objective.Evaluate(_facts, Term, asOf);
            credits.AddRange(p.Evaluate(results, Currency));
        }
        var escalations = new EscalationRows(_settledEscalations.Freeze(), LiveEscalations(asOf), _escalations, Zone, _settledEscalations.SpillAt);
        var obligations = ObligationResults(asOf);
        return new SlaReport(
            Name,
            Term.Local(asOf),
            [.. objectives.OrderBy(o => o.Service, StringComparer.Ordinal).ThenBy(o => o.Objective, StringComparer.Ordinal).ThenBy(o => o.Period.Start.ToInstant())],
            [.. credits.OrderBy(c => c.Service, StringComparer.Ordinal).ThenBy(c => c.Penalty, StringComparer.Ordinal).ThenBy(c => c.Period.Start.ToInstant())],
            escalations,
            [.. obligations.OrderBy(o => o.Obligation, StringComparer.Ordinal).ThenBy(o => o.Period.Start.ToInstant())]);
    }

    private void RequireSettledAsOf(Instant asOf)
    {
        if (_lateness is not null && asOf < _horizon)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), $"As-of {Term.Local(asOf)} is before the settled horizon {Term.Local(_horizon)}: periods before it were finalised.");
        }
    }

    /// <summary>The escalation levels incidents reached before <paramref name="asOf"/> (unordered). As of a later instant, the
    /// levels they will reach then unless a resolution arrives first: what a live service schedules.</summary>
    public List<EscalationResult> Escalations(Instant asOf) => Escalations(asOf, includeSettled: true);

    /// <summary><see cref="Escalations(Instant)"/>, with or without the levels settled incidents reached (with settling, those
    /// are final: <see cref="SettledEscalations"/> gives them once).</summary>
    public List<EscalationResult> Escalations(Instant asOf, bool includeSettled)
    {
        var live = LiveEscalations(asOf);
        var escalations = new List<EscalationResult>((includeSettled ? _settledEscalations.Count : 0) + live.Count);
        if (includeSettled)
        {
            escalations.AddRange(SettledEscalations(0));
        }
        foreach (var row in live)
        {
            escalations.Add(_escalations[row.Escalation].Result(row.Incident, row.Level, row.At, Zone));
        }
        return escalations;
    }

    /// <summary>The levels incidents still in the facts reached before <paramref name="asOf"/>, as rows.</summary>
    private List<EscalationRow> LiveEscalations(Instant asOf)
    {
        var rows = new List<EscalationRow>();
        foreach (var (id, inc) in _facts.Incidents)
        {
            for (var x = 0; x < _escalations.Count; x++)
            {
                _escalations[x].AddReached(id, inc, x, asOf, rows);
            }
        }
        return rows;
    }

    /// <summary>Every obligation in every period started before <paramref name="asOf"/>, with its due instant and status then (unordered).</summary>
    public List<ObligationResult> ObligationResults(Instant asOf)
    {
        var obligations = new List<ObligationResult>();
        foreach (var o in _obligations)
        {
            obligations.AddRange(o.Evaluate(_facts, Term, asOf));
        }
        return obligations;
    }

    /// <summary>
    /// Explanations (LANGUAGE.md §10) as of <paramref name="asOf"/>: of every breached or at-risk period, or, when
    /// <paramref name="periodContaining"/> is given, of the period holding that instant; only of the objective
    /// <paramref name="objective"/> (<c>Service.Objective</c>) when given. Each carries the credits its penalties owe. With
    /// settling, a period finalised or holding settled incidents has lost the facts that made its figure (the report keeps the
    /// figure): it is not explained but added to <paramref name="unexplained"/>, never explained from what is left.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Settling is on and <paramref name="asOf"/> is before the settled horizon.</exception>
    public IReadOnlyList<ObjectiveExplanation> Explain(Instant asOf, string? objective = null, Instant? periodContaining = null, EventLineIndex? lines = null,
        ICollection<ObjectiveResult>? unexplained = null)
    {
        RequireSettledAsOf(asOf);
        var explanations = new List<ObjectiveExplanation>();
        foreach (var k in Enumerable.Range(0, _objectives.Count)
                     .OrderBy(k => _objectives[k].Service, StringComparer.Ordinal).ThenBy(k => _objectives[k].Name, StringComparer.Ordinal))
        {
            var o = _objectives[k];
            if (objective is not null && !string.Equals($"{o.Service}.{o.Name}", objective, StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var result in Results(k, asOf))
            {
                var start = result.Period.Start.ToInstant();
                var wanted = periodContaining is { } t
                    ? start <= t && t < result.Period.End.ToInstant()
                    : result.Status == ObjectiveStatus.Breached || result.AtRisk;
                if (!wanted)
                {
                    continue;
                }
                if (FactsDropped(k, start))
                {
                    unexplained?.Add(result);
                    continue;
                }
                if (o.Explain(_facts, Term, asOf, start, lines) is not { } explanation)
                {
                    continue;
                }
                var credits = _penalties.Where(p => ReferenceEquals(p.Objective, o))
                    .Select(p => p.Explain(result, Currency)).OfType<CreditExplanation>().ToList();
                explanations.Add(explanation with { Credits = credits });
            }
        }
        return explanations;
    }

    /// <summary>Writes the monitor's state; <see cref="Restore"/> on a monitor of the same contract resumes it exactly.</summary>
    public void Snapshot(Stream stream)
    {
        _facts.Snapshot(stream);
        WriteSettlement(stream);
    }

    /// <summary>Replaces the monitor's state with a snapshot.</summary>
    /// <exception cref="InvalidDataException">The stream is not a snapshot of this monitor's format.</exception>
    public void Restore(Stream stream)
    {
        var facts = new FactStore(_services);
        facts.Restore(stream);
        ReadSettlement(stream);
        _facts = facts;
        if (_lateness is not null)
        {
            foreach (var (id, inc) in facts.Incidents)
            {
                Enqueue(id, inc.Latest);
            }
        }
    }
}
