using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NodaTime;

namespace SlaLang.Runtime;

/// <summary>What a <c>where</c> filter sees of an incident: assembled from its <c>incident_opened</c> event.</summary>
public readonly record struct IncidentInfo(string Id, string Service, string Severity);

/// <summary>A compiled <c>where</c> clause over an incident (generated code passes a static method).</summary>
public delegate bool IncidentFilter(in IncidentInfo incident);

/// <summary>Everything known about one incident id; set-like, so arrival order and duplicates do not matter.</summary>
internal sealed class IncidentFacts
{
    private Instant _opened;
    private Instant _firstAck;
    private bool _hasOpened;
    private bool _hasAck;
    public string? Service;
    public string? Severity;
    public TimeSet Resolves;
    private RareFacts? _rare;
    private IntervalSet? _paused;

    /// <summary>Reopens, pauses and resumes: most incidents have none, so they live in a separate object.</summary>
    private sealed class RareFacts
    {
        public TimeSet Reopens;
        public TimeSet Pauses;
        public TimeSet Resumes;
    }

    public Instant? Opened
    {
        get => _hasOpened ? _opened : null;
        set => (_opened, _hasOpened) = value is { } v ? (v, true) : (default, false);
    }

    public Instant? FirstAck
    {
        get => _hasAck ? _firstAck : null;
        set => (_firstAck, _hasAck) = value is { } v ? (v, true) : (default, false);
    }

    /// <summary>Keeps the earliest acknowledgement; false when <paramref name="t"/> is the one already kept (a duplicate).</summary>
    public bool Acknowledge(Instant t)
    {
        if (!_hasAck || t < _firstAck)
        {
            (_firstAck, _hasAck) = (t, true);
            return true;
        }
        return t != _firstAck;
    }

    /// <summary>
    /// True when an opening at <paramref name="t"/> cannot change the known one: that one is earlier, or the same
    /// opening (same instant, service and severity) was already seen.
    /// </summary>
    public bool IsKnownOpening(Instant t, string service, string severity) =>
        _hasOpened && (t > _opened
            || (t == _opened && (ReferenceEquals(service, Service) || service == Service) && (ReferenceEquals(severity, Severity) || severity == Severity)));

    public TimeSet Reopens => _rare?.Reopens ?? default;

    public TimeSet Pauses => _rare?.Pauses ?? default;

    public TimeSet Resumes => _rare?.Resumes ?? default;

    public bool AddReopen(Instant t) => (_rare ??= new()).Reopens.Add(t);

    public bool AddPause(Instant t)
    {
        _paused = null;
        return (_rare ??= new()).Pauses.Add(t);
    }

    public bool AddResume(Instant t)
    {
        _paused = null;
        return (_rare ??= new()).Resumes.Add(t);
    }

    public void SetRare(TimeSet reopens, TimeSet pauses, TimeSet resumes)
    {
        _rare = reopens.Count + pauses.Count + resumes.Count == 0 ? null : new RareFacts { Reopens = reopens, Pauses = pauses, Resumes = resumes };
        _paused = null;
    }

    /// <summary>The latest instant of any fact of this incident.</summary>
    public Instant Latest
    {
        get
        {
            var latest = Instant.MinValue;
            foreach (var t in (ReadOnlySpan<Instant?>)[Opened, FirstAck, Resolves.Max, Reopens.Max, Pauses.Max, Resumes.Max])
            {
                if (t is { } v && v > latest)
                {
                    latest = v;
                }
            }
            return latest;
        }
    }

    /// <summary>Paused intervals: each pause runs until the next resume after it (or forever when none).</summary>
    public IntervalSet PausedIntervals
    {
        get
        {
            if (_paused is not null)
            {
                return _paused;
            }
            if (Pauses.Count == 0)
            {
                return _paused = IntervalSet.Empty;
            }
            var list = new List<InstantInterval>();
            foreach (var p in Pauses)
            {
                var resume = Resumes.FirstAtOrAfter(p);
                list.Add(new InstantInterval(p, resume ?? Instant.MaxValue));
            }
            return _paused = IntervalSet.From(list);
        }
    }

    /// <summary>Real elapsed time of [opened, t) minus pauses, inside <paramref name="calendar"/>'s open hours.</summary>
    public Duration MeasuredAge(BusinessCalendar calendar, Instant t)
    {
        if (Opened is not { } o)
        {
            return Duration.Zero;
        }
        return Pauses.Count == 0 ? calendar.Measure(o, t) : calendar.Measure(IntervalSet.Of(o, t).Subtract(PausedIntervals));
    }
}

/// <summary>
/// Starts and ends reported for one outage or maintenance id. An id may be reused: each start lasts until the first
/// end at or after it (or until as-of); starts repeated while already down merge into one interval.
/// </summary>
internal struct SpanFacts
{
    public TimeSet Starts;
    public TimeSet Ends;

    /// <summary>True when every start has an end and the last end is before <paramref name="t"/>.</summary>
    public readonly bool ClosedBefore(Instant t) =>
        Starts.Max is { } s && Ends.Max is { } e && e >= s && e < t;
}

/// <summary>A deployed change: when it was requested, and whether the deployment failed.</summary>
internal readonly record struct ChangeFact(Instant Requested, bool Failed);

/// <summary>The facts of one service: outages, maintenance windows, request samples, surveys, changes.</summary>
internal sealed class ServiceFacts
{
    public readonly Dictionary<string, SpanFacts> Outages = new(StringComparer.Ordinal);
    public readonly Dictionary<string, SpanFacts> Maintenance = new(StringComparer.Ordinal);
    public readonly HashSet<(Instant Time, long Good, long Total)> Requests = [];
    public readonly HashSet<(Instant Time, decimal Score)> Surveys = [];
    public readonly Dictionary<(string Id, Instant Deployed), ChangeFact> Changes = [];

    /// <summary>Outages as a merged set; one still open counts until <paramref name="asOf"/>.</summary>
    public IntervalSet OutageSet(Instant asOf, Func<string, bool>? keep = null) => Spans(Outages, asOf, keep);

    /// <summary>Maintenance windows as a merged set; one still open counts until <paramref name="asOf"/>.</summary>
    public IntervalSet MaintenanceSet(Instant asOf) => Spans(Maintenance, asOf);

    /// <summary>The outage <paramref name="id"/> alone as a set (empty when there is none).</summary>
    public IntervalSet OutageSetOf(string id, Instant asOf)
    {
        var list = new List<InstantInterval>();
        if (Outages.TryGetValue(id, out var s))
        {
            AddIntervals(s, asOf, list);
        }
        return IntervalSet.From(list);
    }

    private static IntervalSet Spans(Dictionary<string, SpanFacts> spans, Instant asOf, Func<string, bool>? keep = null)
    {
        var list = new List<InstantInterval>(spans.Count);
        foreach (var (id, s) in spans)
        {
            if (keep is null || keep(id))
            {
                AddIntervals(s, asOf, list);
            }
        }
        return IntervalSet.From(list);
    }

    /// <summary>A span's intervals: each start to the first end at or after it; one still open counts until <paramref name="asOf"/>.</summary>
    private static void AddIntervals(SpanFacts s, Instant asOf, List<InstantInterval> list)
    {
        foreach (var start in s.Starts)
        {
            if (start >= asOf)
            {
                break;
            }
            var end = s.Ends.FirstAtOrAfter(start) is { } e && e < asOf ? e : asOf;
            list.Add(new InstantInterval(start, end));
        }
    }
}

/// <summary>
/// The monitor's state: compact, set-like facts. Observing an event twice, or events in another order, leaves
/// the same state. Incident events are kept per id (their service and severity come from <c>incident_opened</c>,
/// which may arrive later). Events of services no objective measures are dropped.
/// </summary>
public sealed class FactStore
{
    private const int FormatVersion = 6; // 4: the settlement part carries the tallies of settled incidents; 5: changes carry 'failed'; 6: the event counters
    private readonly HashSet<string>? _services;
    internal readonly Dictionary<string, IncidentFacts> Incidents = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, ServiceFacts> Services = new(StringComparer.Ordinal);
    internal readonly Dictionary<string, Dictionary<Instant, Offset>> Fulfilled = new(StringComparer.Ordinal);

    /// <summary>Creates a store keeping service facts only for <paramref name="services"/> (all when null).</summary>
    public FactStore(IEnumerable<string>? services = null) =>
        _services = services is null ? null : new HashSet<string>(services, StringComparer.Ordinal);

    /// <summary>Shares the monitor's live set of measured services (objectives may be added after construction).</summary>
    internal FactStore(HashSet<string> services) => _services = services;

    /// <summary>Number of incidents known (open or closed).</summary>
    public int IncidentCount => Incidents.Count;

    /// <summary>Events that reached the store (those the contract measures) since it was created or restored.</summary>
    public long Observed { get; private set; }

    /// <summary>Of <see cref="Observed"/>, the events that repeated a fact already known (same kind, id or service, and time).</summary>
    public long Duplicates { get; private set; }

    /// <summary>Records one event. Invalid events (see <see cref="SlaEvent.Validate"/>) are ignored.</summary>
    /// <remarks>
    /// The hot path of every monitor: an at-least-once feed is mostly events already known, so the common cases
    /// (an incident's events, a duplicate of a known fact) are decided here with few comparisons and no
    /// allocation; first sightings and rarer kinds go to separate methods so this one stays small.
    /// </remarks>
    public void Observe(in SlaEvent e)
    {
        var t = e.Instant;
        if (!SlaEvent.IsSupported(t))
        {
            return;
        }
        var kind = e.Kind;
        Observed++;
        if (kind is >= EventKind.IncidentOpened and <= EventKind.IncidentResumed)
        {
            if (e.Id is not { } id || (kind == EventKind.IncidentOpened && (e.Service is null || e.Severity is null)))
            {
                Observed--;
                return; // invalid: no trace left (not even an empty incident)
            }
            // An incident's events usually arrive together: reuse the last one without a lookup.
            var last = _lastIncId;
            var inc = last is not null && (ReferenceEquals(last, id) || Same(last, id)) ? _lastInc! : Incident(id);
            switch (kind)
            {
                case EventKind.IncidentResolved:
                    Count(inc.Resolves.Add(t));
                    return;
                case EventKind.IncidentAcknowledged:
                    Count(inc.Acknowledge(t));
                    return;
                case EventKind.IncidentOpened:
                    if (inc.IsKnownOpening(t, e.Service!, e.Severity!))
                    {
                        Count(t != inc.Opened);
                        return;
                    }
                    Open(inc, t, e.Service!, e.Severity!);
                    return;
                case EventKind.IncidentReopened:
                    Count(inc.AddReopen(t));
                    return;
                case EventKind.IncidentPaused:
                    Count(inc.AddPause(t));
                    return;
                default:
                    Count(inc.AddResume(t));
                    return;
            }
        }
        if (kind == EventKind.Fulfilled)
        {
            if (e.Name is not null)
            {
                Count(ObserveFulfilled(e.Name, t, e.Time.Offset));
            }
            else
            {
                Observed--;
            }
            return;
        }
        if (e.Service is not { } name)
        {
            Observed--;
            return;
        }
        // Streams repeat the same few services: reuse the last measured one without the two lookups. Services are
        // never dropped from the measured set, and Restore clears this cache with the facts.
        var lastSvc = _lastSvcName;
        var svc = lastSvc is not null && (ReferenceEquals(lastSvc, name) || Same(lastSvc, name)) ? _lastSvc : MeasuredService(name);
        if (svc is null)
        {
            Observed--;
            return;
        }
        switch (kind)
        {
            case EventKind.OutageStart when e.Id is not null:
                Count(Span(svc.Outages, e.Id).Starts.Add(t));
                break;
            case EventKind.OutageEnd when e.Id is not null:
                Count(Span(svc.Outages, e.Id).Ends.Add(t));
                break;
            case EventKind.MaintenanceStart when e.Id is not null:
                Count(Span(svc.Maintenance, e.Id).Starts.Add(t));
                break;
            case EventKind.MaintenanceEnd when e.Id is not null:
                Count(Span(svc.Maintenance, e.Id).Ends.Add(t));
                break;
            case EventKind.Requests or EventKind.Survey or EventKind.Change:
                Count(ObserveSample(svc, in e, t));
                break;
        }
    }

    /// <summary>Counts a duplicate when the event added no new fact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Count(bool added)
    {
        if (!added)
        {
            Duplicates++;
        }
    }

    /// <summary>Ordinal equality of two non-null texts (inlined: a length test before the character compare).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Same(string a, string b) =>
        a.Length == b.Length && MemoryMarshal.Cast<char, byte>(a.AsSpan()).SequenceEqual(MemoryMarshal.Cast<char, byte>(b.AsSpan()));

    /// <summary>Records an opening that is not already known: the earliest wins (ties: ordinal smallest service, then severity).</summary>
    private void Open(IncidentFacts inc, Instant t, string service, string severity)
    {
        if (inc.Opened is not { } o || t < o
            || (t == o && (string.CompareOrdinal(service, inc.Service) < 0
                || (service == inc.Service && string.CompareOrdinal(severity, inc.Severity) < 0))))
        {
            inc.Opened = t;
            inc.Service = Intern(ref _lastService, service);
            inc.Severity = Intern(ref _lastSeverity, severity);
        }
    }

    private bool ObserveFulfilled(string name, Instant t, Offset offset)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(Fulfilled, name, out _);
        var times = slot ??= [];
        // The same instant written with two offsets: keep the smallest offset, whatever the order.
        ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(times, t, out var exists);
        if (!exists || offset < known)
        {
            known = offset;
        }
        return !exists;
    }

    /// <summary>The facts of measured service <paramref name="name"/> (remembered for the next event), or null when no objective measures it.</summary>
    private ServiceFacts? MeasuredService(string name)
    {
        if (_services is not null && !_services.Contains(name))
        {
            return null;
        }
        var svc = Service(name);
        (_lastSvcName, _lastSvc) = (name, svc);
        return svc;
    }

    /// <summary>Records a sample; false when it was known already (or is invalid and ignored).</summary>
    private static bool ObserveSample(ServiceFacts svc, in SlaEvent e, Instant t)
    {
        switch (e.Kind)
        {
            case EventKind.Requests when e.Good >= 0 && e.Good <= e.Total:
                return svc.Requests.Add((t, e.Good, e.Total));
            case EventKind.Survey:
                return svc.Surveys.Add((t, e.Score));
            case EventKind.Change when e.Id is not null && e.Requested is { } req && req.ToInstant() <= t && SlaEvent.IsSupported(req.ToInstant()):
            {
                var r = req.ToInstant();
                ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(svc.Changes, (e.Id, t), out var exists);
                // The same change reported twice: the earliest request, and failed if any report says so (order-independent).
                known = exists ? new ChangeFact(r < known.Requested ? r : known.Requested, known.Failed | e.Failed) : new ChangeFact(r, e.Failed);
                return !exists;
            }
            default:
                return true; // invalid samples leave no fact; the audit does not call them duplicates
        }
    }

    /// <summary>One shared instance per distinct service/severity text (events read from files carry fresh copies).</summary>
    private string Intern(ref string? last, string s)
    {
        // Streams repeat the same few texts: compare with the last one of this field before looking up the pool.
        if (last is not null && (ReferenceEquals(last, s) || last == s))
        {
            return last;
        }
        return last = Pool(s);
    }

    private string? _lastService;
    private string? _lastSvcName;
    private ServiceFacts? _lastSvc;
    private string? _lastSeverity;

    private string Pool(string s)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_interned, s, out _);
        return slot ??= s;
    }

    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);

    /// <summary>The facts of incident <paramref name="id"/> (created when new), remembered for the next event.</summary>
    private IncidentFacts Incident(string id)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(Incidents, id, out _);
        var inc = slot ??= new IncidentFacts();
        (_lastIncId, _lastInc) = (id, inc);
        return inc;
    }

    private string? _lastIncId;
    private IncidentFacts? _lastInc;

    /// <summary>Forgets a settled incident (and the lookup cache, which may hold it).</summary>
    internal void RemoveIncident(string id)
    {
        Incidents.Remove(id);
        (_lastIncId, _lastInc) = (null, null);
    }

    internal ServiceFacts Service(string name)
    {
        if (!Services.TryGetValue(name, out var svc))
        {
            Services[name] = svc = new ServiceFacts();
        }
        return svc;
    }

    internal ServiceFacts? FindService(string name) => Services.GetValueOrDefault(name);

    private static ref SpanFacts Span(Dictionary<string, SpanFacts> spans, string id) =>
        ref CollectionsMarshal.GetValueRefOrAddDefault(spans, id, out _);

    /// <summary>Writes the whole state (versioned binary). Restoring it gives an identical report.</summary>
    public void Snapshot(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write("SLAFACTS");
        w.Write(FormatVersion);
        w.Write(Observed);
        w.Write(Duplicates);
        w.Write(Incidents.Count);
        foreach (var (id, inc) in Incidents.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Write(id);
            WriteOpt(w, inc.Opened);
            WriteOptString(w, inc.Service);
            WriteOptString(w, inc.Severity);
            WriteOpt(w, inc.FirstAck);
            WriteTimes(w, inc.Resolves);
            WriteTimes(w, inc.Reopens);
            WriteTimes(w, inc.Pauses);
            WriteTimes(w, inc.Resumes);
        }
        w.Write(Services.Count);
        foreach (var (name, svc) in Services.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Write(name);
            WriteSpans(w, svc.Outages);
            WriteSpans(w, svc.Maintenance);
            w.Write(svc.Requests.Count);
            foreach (var r in svc.Requests)
            {
                WriteInstant(w, r.Time);
                w.Write(r.Good);
                w.Write(r.Total);
            }
            w.Write(svc.Surveys.Count);
            foreach (var s in svc.Surveys)
            {
                WriteInstant(w, s.Time);
                w.Write(s.Score);
            }
            w.Write(svc.Changes.Count);
            foreach (var (key, change) in svc.Changes)
            {
                w.Write(key.Id);
                WriteInstant(w, key.Deployed);
                WriteInstant(w, change.Requested);
                w.Write(change.Failed);
            }
        }
        w.Write(Fulfilled.Count);
        foreach (var (name, times) in Fulfilled.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Write(name);
            w.Write(times.Count);
            foreach (var (t, off) in times.OrderBy(p => p.Key))
            {
                WriteInstant(w, t);
                w.Write(off.Seconds);
            }
        }
    }

    /// <summary>Replaces the state with one written by <see cref="Snapshot"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not a snapshot of a supported version.</exception>
    public void Restore(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (r.ReadString() != "SLAFACTS")
            {
                throw new InvalidDataException("Not a SlaLang monitor snapshot.");
            }
            var version = r.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"Unsupported snapshot version {version} (expected {FormatVersion}).");
            }
            Observed = r.ReadInt64();
            Duplicates = r.ReadInt64();
            Incidents.Clear();
            Services.Clear();
            (_lastSvcName, _lastSvc) = (null, null);
            (_lastIncId, _lastInc) = (null, null);
            Fulfilled.Clear();
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                var inc = new IncidentFacts();
                Incidents[r.ReadString()] = inc;
                inc.Opened = ReadOpt(r);
                inc.Service = ReadOptString(r);
                inc.Severity = ReadOptString(r);
                inc.FirstAck = ReadOpt(r);
                inc.Resolves = ReadTimes(r);
                var reopens = ReadTimes(r);
                var pauses = ReadTimes(r);
                inc.SetRare(reopens, pauses, ReadTimes(r));
            }
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                var svc = Service(r.ReadString());
                ReadSpans(r, svc.Outages);
                ReadSpans(r, svc.Maintenance);
                for (var k = r.ReadInt32(); k > 0; k--)
                {
                    svc.Requests.Add((ReadInstant(r), r.ReadInt64(), r.ReadInt64()));
                }
                for (var k = r.ReadInt32(); k > 0; k--)
                {
                    svc.Surveys.Add((ReadInstant(r), r.ReadDecimal()));
                }
                for (var k = r.ReadInt32(); k > 0; k--)
                {
                    var id = r.ReadString();
                    var deployed = ReadInstant(r);
                    svc.Changes[(id, deployed)] = new ChangeFact(ReadInstant(r), r.ReadBoolean());
                }
            }
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                var times = new Dictionary<Instant, Offset>();
                Fulfilled[r.ReadString()] = times;
                for (var k = r.ReadInt32(); k > 0; k--)
                {
                    var t = ReadInstant(r);
                    times[t] = Offset.FromSeconds(r.ReadInt32());
                }
            }
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("Truncated monitor snapshot.", ex);
        }
    }

    private static void WriteInstant(BinaryWriter w, Instant t) => Snapshots.WriteInstant(w, t);

    private static Instant ReadInstant(BinaryReader r) => Snapshots.ReadInstant(r);

    private static void WriteOpt(BinaryWriter w, Instant? t)
    {
        w.Write(t.HasValue);
        if (t is { } v)
        {
            WriteInstant(w, v);
        }
    }

    private static Instant? ReadOpt(BinaryReader r) => r.ReadBoolean() ? ReadInstant(r) : null;

    private static void WriteOptString(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null)
        {
            w.Write(s);
        }
    }

    private static string? ReadOptString(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void WriteTimes(BinaryWriter w, TimeSet set)
    {
        w.Write(set.Count);
        foreach (var t in set)
        {
            WriteInstant(w, t);
        }
    }

    private static TimeSet ReadTimes(BinaryReader r)
    {
        var set = new TimeSet();
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            set.Add(ReadInstant(r));
        }
        return set;
    }

    private static void WriteSpans(BinaryWriter w, Dictionary<string, SpanFacts> spans)
    {
        w.Write(spans.Count);
        foreach (var (id, s) in spans.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Write(id);
            WriteTimes(w, s.Starts);
            WriteTimes(w, s.Ends);
        }
    }

    private static void ReadSpans(BinaryReader r, Dictionary<string, SpanFacts> spans)
    {
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var id = r.ReadString();
            var starts = ReadTimes(r);
            spans[id] = new SpanFacts { Starts = starts, Ends = ReadTimes(r) };
        }
    }
}
