using NodaTime;

namespace SlaLang.Runtime;

/// <summary>A data-quality warning about the event log (LANGUAGE.md §6): a stable code, the 1-based line, and what is wrong.</summary>
/// <remarks>Equal when code, line and message are. A log can hold hundreds of thousands of fulfilments no window takes, each a
/// warning kept until the report: those keep the obligation and the time and make their sentence when it is read (a warning with
/// its text cost ≈ 370 bytes, one without ≈ 90; at 4M events of the run benchmark, 400,000 of them were most of the heap).</remarks>
public sealed class DataWarning : IEquatable<DataWarning>
{
    // The text, or an UnassignedFulfilment that makes it when asked.
    private readonly object _message;

    /// <summary>A warning with its text.</summary>
    public DataWarning(string code, int line, string message)
    {
        Code = code;
        Line = line;
        _message = message;
    }

    private DataWarning(string code, int line, UnassignedFulfilment message)
    {
        Code = code;
        Line = line;
        _message = message;
    }

    /// <summary>The stable code (<see cref="EventAudit.Codes"/>).</summary>
    public string Code { get; }

    /// <summary>The 1-based line of the event log.</summary>
    public int Line { get; }

    /// <summary>What is wrong, in one sentence.</summary>
    public string Message => _message as string ?? ((UnassignedFulfilment)_message).Text();

    /// <summary>SLA4006 for a fulfilment of <paramref name="obligation"/> at <paramref name="at"/> that no period's window takes.</summary>
    internal static DataWarning Unassigned(int line, string obligation, OffsetDateTime at) =>
        new(EventAudit.Codes.UnassignedFulfilment, line, new UnassignedFulfilment(obligation, at));

    /// <inheritdoc/>
    public bool Equals(DataWarning? other) =>
        other is not null && Line == other.Line && Code == other.Code && Message == other.Message;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DataWarning);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Code, Line, Message);

    /// <inheritdoc/>
    public override string ToString() => $"line {Line}: {Code}: {Message}";

    /// <summary>Writes the warning (audit snapshots): a deferred sentence as its obligation and time.</summary>
    internal void Write(BinaryWriter w)
    {
        w.Write(Code);
        w.Write(Line);
        if (_message is UnassignedFulfilment u)
        {
            w.Write(true);
            w.Write(u.Obligation);
            Snapshots.WriteTime(w, u.At);
        }
        else
        {
            w.Write(false);
            w.Write((string)_message);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    internal static DataWarning Read(BinaryReader r)
    {
        var code = r.ReadString();
        var line = r.ReadInt32();
        return r.ReadBoolean()
            ? new DataWarning(code, line, new UnassignedFulfilment(r.ReadString(), Snapshots.ReadTime(r)))
            : new DataWarning(code, line, r.ReadString());
    }

    private sealed class UnassignedFulfilment(string obligation, OffsetDateTime at)
    {
        public string Obligation => obligation;

        public OffsetDateTime At => at;

        public string Text() =>
            $"'{obligation}' fulfilled at {ReportNames.FormatTime(at)} lies in no period's window that is still open (each period is fulfilled once); it fulfils nothing";
    }
}

/// <summary>What was read from the event log (LANGUAGE.md §7 <c>"input"</c>).</summary>
/// <param name="LinesRead">Lines of the log up to the last one holding an event or an error (blank lines included).</param>
/// <param name="EventsRead">Lines read as events.</param>
/// <param name="EventsUsed">Events recorded as new facts and not behind a data-quality warning: those that can count.</param>
/// <param name="Duplicates">Events that repeated one already recorded (same kind, id or service, and time): counted once.</param>
/// <param name="MalformedLines">Lines that could not be read as an event (reported and skipped).</param>
public sealed record InputSummary(long LinesRead, long EventsRead, long EventsUsed, long Duplicates, long MalformedLines);

/// <summary>
/// Watches an event log as a monitor consumes it and says what could not count (LANGUAGE.md §6), each with its line: a malformed
/// line, a service, severity or obligation name the contract does not declare, an incident id never opened, an outage or maintenance
/// end without a start, a fulfilment no period's window takes. Warnings that depend on the whole log (ids opened later in the file,
/// windows) are decided at <see cref="Finish"/>, so the result never depends on the order of the lines.
/// </summary>
public sealed class EventAudit
{
    private readonly ContractMonitor monitor;

    /// <summary>An audit of the events <paramref name="monitor"/> observes (one audit per monitor and log).</summary>
    public EventAudit(ContractMonitor monitor)
    {
        this.monitor = monitor;
        _obligationNames = [.. monitor.Obligations.Select(o => o.Name)];
        // With --lateness the monitor settles fulfilments as it goes: their lines are needed no more, or now for a warning.
        monitor.SettledFulfilment = Settled;
        // And the outages and maintenance windows it drops: an end that comes for one later has no start (it does not count).
        monitor.SettledSpan = (kind, service, id) => _spanStarts.Remove((kind, service, id));
    }

    /// <summary>Data-quality codes, stable across versions (docs/diagnostics.md).</summary>
    public static class Codes
    {
        /// <summary>A line that is not an event.</summary>
        public const string MalformedLine = "SLA4000";
        /// <summary>A <c>service</c> the contract does not declare.</summary>
        public const string UnknownService = "SLA4001";
        /// <summary>A <c>severity</c> the contract does not declare.</summary>
        public const string UnknownSeverity = "SLA4002";
        /// <summary>A <c>fulfilled</c> name that is no obligation, committee or security control of the contract.</summary>
        public const string UnknownObligation = "SLA4003";
        /// <summary>Incident events for an id no <c>incident_opened</c> opened.</summary>
        public const string NeverOpened = "SLA4004";
        /// <summary>An <c>outage_end</c> or <c>maintenance_end</c> with no start of the same service and id.</summary>
        public const string EndWithoutStart = "SLA4005";
        /// <summary>A <c>fulfilled</c> event that no period's window takes (it fulfils nothing).</summary>
        public const string UnassignedFulfilment = "SLA4006";
    }

    private readonly List<DataWarning> _warnings = [];
    private readonly HashSet<string> _obligationNames;
    // Fulfilments settled as fulfilling nothing (warned of when settled).
    private long _settledUnassigned;
    // Incident ids whose opening was refused (undeclared service or severity): their other events are not warned again.
    private readonly HashSet<string> _refusedIncidents = new(StringComparer.Ordinal);
    // The first line and count of incident events per id, kept only while no opening of that id has been seen.
    private readonly Dictionary<string, (int Line, int Count)> _unopened = new(StringComparer.Ordinal);
    private long _lateEvents;
    private readonly HashSet<(EventKind Kind, string Service, string Id)> _spanStarts = [];
    private readonly Dictionary<(EventKind Kind, string Service, string Id), (int Line, int Count)> _spanEnds = [];
    private readonly Dictionary<(string Name, Instant Time), int> _fulfilments = [];
    private long _eventsRead;
    private long _malformed;
    private int _lastLine;

    /// <summary>Records a line that could not be read.</summary>
    public void Malformed(EventReadError error)
    {
        _malformed++;
        _lastLine = Math.Max(_lastLine, error.Line);
        _warnings.Add(new DataWarning(Codes.MalformedLine, error.Line, error.Message + " (line skipped)"));
    }

    /// <summary>Looks at an event read from line <paramref name="line"/>; call it for every event, right after the monitor observed it.</summary>
    public void Observe(in SlaEvent e, int line)
    {
        _eventsRead++;
        _lastLine = Math.Max(_lastLine, line);
        if (monitor.LateEvents != _lateEvents)
        {
            _lateEvents = monitor.LateEvents; // skipped as too late (--lateness): reported as such, not judged here
            return;
        }
        switch (e.Kind)
        {
            case EventKind.Fulfilled when e.Name is { } name:
                if (!_obligationNames.Contains(name))
                {
                    Warn(Codes.UnknownObligation, line, $"'{name}' is no obligation, committee or security control of the contract; the event fulfils nothing");
                }
                else
                {
                    _fulfilments.TryAdd((name, e.Instant), line);
                }
                return;
            case EventKind.IncidentOpened when e.Id is { } id:
                if (!monitor.IsDeclaredIncident(in e))
                {
                    _refusedIncidents.Add(id);
                    var undeclaredService = monitor.DeclaredServices is { } services && e.Service is { } s && !services.Contains(s);
                    Warn(undeclaredService ? Codes.UnknownService : Codes.UnknownSeverity, line, undeclaredService
                        ? $"incident '{id}' is opened for service '{e.Service}', which the contract does not declare; the incident does not count"
                        : $"incident '{id}' has severity '{e.Severity}', which the contract does not declare; the incident does not count");
                    return;
                }
                _unopened.Remove(id); // its earlier events are not orphans after all
                return;
            case EventKind.IncidentAcknowledged or EventKind.IncidentResolved or EventKind.IncidentReopened
                or EventKind.IncidentPaused or EventKind.IncidentResumed when e.Id is { } id:
                // The monitor's facts know every opening seen so far (no second set of ids: memory stays flat with --lateness).
                if (!monitor.Facts.Incidents.TryGetValue(id, out var incident) || incident.Opened is null)
                {
                    _unopened[id] = _unopened.TryGetValue(id, out var known) ? (Math.Min(known.Line, line), known.Count + 1) : (line, 1);
                }
                return;
        }
        if (e.Service is not { } service)
        {
            return;
        }
        if (monitor.DeclaredServices is { } declared && !declared.Contains(service))
        {
            Warn(Codes.UnknownService, line, $"service '{service}' is not declared by the contract; the {e.Kind.ToWireName()} event does not count");
            return;
        }
        if (e.Id is not { } spanId)
        {
            return;
        }
        switch (e.Kind)
        {
            case EventKind.OutageStart or EventKind.MaintenanceStart:
                // Only ends whose start has not been seen are kept: a start, whenever it comes, answers them.
                _spanStarts.Add((e.Kind, service, spanId));
                _spanEnds.Remove((e.Kind, service, spanId));
                break;
            case EventKind.OutageEnd or EventKind.MaintenanceEnd:
                var start = e.Kind == EventKind.OutageEnd ? EventKind.OutageStart : EventKind.MaintenanceStart;
                var key = (start, service, spanId);
                if (!_spanStarts.Contains(key))
                {
                    _spanEnds[key] = _spanEnds.TryGetValue(key, out var seen) ? (Math.Min(seen.Line, line), seen.Count + 1) : (line, 1);
                }
                break;
        }
    }

    /// <summary>A fulfilment the monitor settled for good: a warning now if it fulfilled nothing; its line is forgotten.</summary>
    private void Settled(string obligation, Instant t, bool fulfilledAPeriod)
    {
        if (_fulfilments.Remove((obligation, t), out var line) && !fulfilledAPeriod)
        {
            _settledUnassigned++;
            _warnings.Add(DataWarning.Unassigned(line, obligation, monitor.Term.Local(t)));
        }
    }

    /// <summary>A warning decided at once: the monitor does not record such an event (its filter or <see cref="ContractMonitor.Observe"/> drops it).</summary>
    private void Warn(string code, int line, string message) => _warnings.Add(new DataWarning(code, line, message));

    /// <summary>Writes what the audit has seen, so that <see cref="Restore"/> on an audit of the same contract's monitor resumes it
    /// exactly (a live service stores it with the monitor's snapshot and replays only the lines after them).</summary>
    public void Snapshot(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(AuditMagic);
        w.Write(_eventsRead);
        w.Write(_malformed);
        w.Write(_lastLine);
        w.Write(_lateEvents);
        w.Write(_settledUnassigned);
        w.Write(_warnings.Count);
        foreach (var warning in _warnings)
        {
            warning.Write(w);
        }
        w.Write(_refusedIncidents.Count);
        foreach (var id in _refusedIncidents.Order(StringComparer.Ordinal))
        {
            w.Write(id);
        }
        w.Write(_unopened.Count);
        foreach (var (id, (line, count)) in _unopened.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.Write(id);
            w.Write(line);
            w.Write(count);
        }
        w.Write(_spanStarts.Count);
        foreach (var (kind, service, id) in _spanStarts)
        {
            w.Write((int)kind);
            w.Write(service);
            w.Write(id);
        }
        w.Write(_spanEnds.Count);
        foreach (var ((kind, service, id), (line, count)) in _spanEnds)
        {
            w.Write((int)kind);
            w.Write(service);
            w.Write(id);
            w.Write(line);
            w.Write(count);
        }
        w.Write(_fulfilments.Count);
        foreach (var ((name, t), line) in _fulfilments)
        {
            w.Write(name);
            Snapshots.WriteInstant(w, t);
            w.Write(line);
        }
    }

    /// <summary>Replaces what the audit has seen with what <see cref="Snapshot"/> wrote.</summary>
    /// <exception cref="InvalidDataException">The stream is not an audit snapshot, or is truncated.</exception>
    public void Restore(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (r.ReadString() != AuditMagic)
            {
                throw new InvalidDataException("Not a SlaLang audit snapshot of this version.");
            }
            _eventsRead = r.ReadInt64();
            _malformed = r.ReadInt64();
            _lastLine = r.ReadInt32();
            _lateEvents = r.ReadInt64();
            _settledUnassigned = r.ReadInt64();
            _warnings.Clear();
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                _warnings.Add(DataWarning.Read(r));
            }
            _refusedIncidents.Clear();
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                _refusedIncidents.Add(r.ReadString());
            }
            _unopened.Clear();
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                _unopened[r.ReadString()] = (r.ReadInt32(), r.ReadInt32());
            }
            _spanStarts.Clear();
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                _spanStarts.Add(((EventKind)r.ReadInt32(), r.ReadString(), r.ReadString()));
            }
            _spanEnds.Clear();
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                _spanEnds[((EventKind)r.ReadInt32(), r.ReadString(), r.ReadString())] = (r.ReadInt32(), r.ReadInt32());
            }
            _fulfilments.Clear();
            for (var n = r.ReadInt32(); n > 0; n--)
            {
                _fulfilments[(r.ReadString(), Snapshots.ReadInstant(r))] = r.ReadInt32();
            }
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Truncated audit snapshot.", e);
        }
    }

    private const string AuditMagic = "SLAAUDIT1";

    /// <summary>
    /// The warnings (by line, then code) and the input summary once every line was read; <paramref name="asOf"/> decides which
    /// fulfilments a window takes.
    /// </summary>
    public (IReadOnlyList<DataWarning> Warnings, InputSummary Input) Finish(Instant asOf)
    {
        var warnings = new List<DataWarning>(_warnings);
        // Events behind the warnings decided here (or when settled) were recorded by the monitor: they are taken out of the events used.
        var recordedButWarned = _settledUnassigned;
        foreach (var (id, (line, count)) in _unopened)
        {
            recordedButWarned += count;
            if (_refusedIncidents.Contains(id))
            {
                continue; // its opening was warned about already (one mistake, one warning); its events do not count either
            }
            warnings.Add(new DataWarning(Codes.NeverOpened, line, count == 1
                ? $"incident '{id}' is never opened (no incident_opened event); its event does not count"
                : $"incident '{id}' is never opened (no incident_opened event); its {count} events do not count"));
        }
        foreach (var ((kind, service, id), (line, count)) in _spanEnds)
        {
            var what = kind == EventKind.OutageStart ? "outage" : "maintenance";
            recordedButWarned += monitor.Facts.Services.ContainsKey(service) ? count : 0;
            warnings.Add(new DataWarning(Codes.EndWithoutStart, line,
                $"{what} '{id}' of service '{service}' ends without a start ({what}_start); the end does not count"));
        }
        foreach (var obligation in monitor.Obligations)
        {
            foreach (var t in obligation.Unassigned(monitor.Facts, monitor.Term, asOf))
            {
                if (_fulfilments.TryGetValue((obligation.Name, t), out var line))
                {
                    recordedButWarned++;
                    warnings.Add(DataWarning.Unassigned(line, obligation.Name, monitor.Term.Local(t)));
                }
            }
        }
        warnings.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : string.CompareOrdinal(a.Code, b.Code));
        var facts = monitor.Facts;
        var used = Math.Max(0, facts.Observed - facts.Duplicates - recordedButWarned);
        return (warnings, new InputSummary(_lastLine, _eventsRead, used, facts.Duplicates, _malformed));
    }
}
