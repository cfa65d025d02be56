using NodaTime;
using SlaLang.Runtime;

namespace SlaLang.Server;

/// <summary>A line of a request or tailed file that is not an event: its 1-based line number there and why.</summary>
public readonly record struct RejectedLine(int Line, string Reason);

/// <summary>A notification the service sends its webhook: a unique key (the idempotency key), when it is due, and its body.</summary>
public sealed record Notification(string Key, Instant At, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// One served contract: its monitor, fed every stored line in sequence order (the line number of an event is its sequence
/// number, as in <c>slac run</c> on a file of the same lines), and the data-quality audit of those lines. Calls are serialised.
/// Its lines are kept in <paramref name="store"/> by <see cref="Ingest"/>, or by the owner (an Orleans grain keeps them in its
/// persistent state) who then calls <see cref="Observe"/>.
/// </summary>
internal sealed class ContractHost(ContractMonitor monitor, IEventStore? store = null, long snapshotEvery = 0)
{
    private readonly object _gate = new();
    private readonly EventAudit _audit = new(monitor);
    private long _events;
    private Instant? _latest;
    private long _snapshotAt;

    public string Name => monitor.Name;

    public ContractMonitor Monitor => monitor;

    /// <summary>The events stored and observed.</summary>
    public long Events
    {
        get
        {
            lock (_gate)
            {
                return _events;
            }
        }
    }

    /// <summary>The latest event instant observed, or null.</summary>
    public Instant? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>
    /// Feeds the monitor every line the store holds (at start, after a crash or a restart): from the store's last snapshot when
    /// it is one of this very monitor (same generated code, runtime and lateness), only the lines after it; returns how many lines were
    /// replayed and the sequence number the snapshot covered (0 without one).
    /// </summary>
    public (long Replayed, long FromSnapshot) Replay()
    {
        var from = store!.LoadSnapshot(Name) is { } snapshot && TryRestore(snapshot.Seq, snapshot.Data) ? snapshot.Seq : 0;
        var before = Events;
        Replay(store.Lines(Name, from));
        return (Events - before, from);
    }

    /// <summary>What identifies the monitor a snapshot was taken of: its generated type and code, the runtime's code, and the
    /// settling it runs with (a snapshot of another lateness is not used).</summary>
    private string Fingerprint =>
        $"{monitor.GetType().FullName}|{monitor.GetType().Module.ModuleVersionId}|{typeof(ContractMonitor).Module.ModuleVersionId}|{monitor.Lateness?.ToInt64Nanoseconds()}";

    private const string SnapshotMagic = "SLAHOST1";

    /// <summary>The state after the lines observed so far: the monitor's, the audit's, and the count and latest instant.</summary>
    public byte[] Snapshot()
    {
        lock (_gate)
        {
            return SnapshotLocked();
        }
    }

    private byte[] SnapshotLocked()
    {
        // Sized as the last one and a quarter: a snapshot of tens of megabytes is not grown by doubling copies.
        using var stream = new MemoryStream(_lastSnapshotSize + _lastSnapshotSize / 4);
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(SnapshotMagic);
            w.Write(Fingerprint);
            w.Write(_events);
            w.Write(_latest.HasValue);
            w.Write(_latest is { } latest ? (latest - NodaConstants.UnixEpoch).ToInt64Nanoseconds() : 0L);
        }
        monitor.Snapshot(stream);
        _audit.Snapshot(stream);
        _lastSnapshotSize = checked((int)stream.Length);
        return stream.ToArray();
    }

    private int _lastSnapshotSize;

    /// <summary>
    /// Restores a snapshot of <paramref name="seq"/> lines when it is one of this monitor; false (nothing changed) when it is not.
    /// It is read into a second monitor of the same type first, so a snapshot that does not read leaves this one untouched.
    /// </summary>
    private bool TryRestore(long seq, byte[] data)
    {
        lock (_gate)
        {
            if (_events != 0 || !Header(data, out var events, out var latest, out var offset) || events != seq
                || monitor.GetType().GetConstructor(Type.EmptyTypes) is null)
            {
                return false;
            }
            try
            {
                var probe = (ContractMonitor)Activator.CreateInstance(monitor.GetType())!;
                using (var stream = new MemoryStream(data, offset, data.Length - offset, writable: false))
                {
                    probe.Restore(stream);
                    new EventAudit(probe).Restore(stream);
                }
                using (var stream = new MemoryStream(data, offset, data.Length - offset, writable: false))
                {
                    monitor.Restore(stream);
                    _audit.Restore(stream);
                }
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or OverflowException or EndOfStreamException)
            {
                return false; // thrown by the probe: this monitor was not touched
            }
            (_events, _latest, _snapshotAt) = (events, latest, events);
            return true;
        }
    }

    private bool Header(byte[] data, out long events, out Instant? latest, out int offset)
    {
        (events, latest, offset) = (0, null, 0);
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            if (r.ReadString() != SnapshotMagic || r.ReadString() != Fingerprint)
            {
                return false;
            }
            events = r.ReadInt64();
            var hasLatest = r.ReadBoolean();
            var nanoseconds = r.ReadInt64();
            latest = hasLatest ? NodaConstants.UnixEpoch + Duration.FromNanoseconds(nanoseconds) : null;
            offset = checked((int)stream.Position);
            return true;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException)
        {
            return false;
        }
    }

    /// <summary>After lines were stored and observed, with settling: keeps a snapshot when at least <c>snapshotEvery</c> lines
    /// and half as many as the count at the last snapshot came since (the state is bounded but for the report's rows, which grow
    /// with the lines: the snapshots' total cost stays proportional to the lines, and a restart replays at most a third of them).
    /// Exact mode keeps none: its state grows with the facts, and a snapshot cost nearly what the replay it saves does (1M
    /// events: restart 2.5 → 1.9 s, ingestion 200k → 167k events/s). One every 100,000 lines with settling slowed ingestion of
    /// 10M events 182k → 146k events/s and raised the peak 560 → 676 MiB (each rewrote the growing escalation rows).</summary>
    private void SnapshotIfDueLocked()
    {
        if (snapshotEvery <= 0 || store is null || monitor.Lateness is null)
        {
            return;
        }
        var threshold = Math.Max(snapshotEvery, _snapshotAt / 2);
        if (_events - _snapshotAt < threshold)
        {
            return;
        }
        try
        {
            store.SaveSnapshot(Name, _events, SnapshotLocked());
            _snapshotAt = _events;
        }
        catch (System.Data.Common.DbException)
        {
            // A snapshot only shortens restarts; the lines themselves are stored already.
        }
    }

    /// <summary>Feeds the monitor <paramref name="lines"/>, stored lines in sequence order (they are all events).</summary>
    public void Replay(IEnumerable<string> lines)
    {
        lock (_gate)
        {
            foreach (var line in lines)
            {
                var e = EventReader.ParseJsonLine(line, out var error);
                if (error is null)
                {
                    ObserveLocked(in e);
                }
            }
        }
    }

    /// <summary>The JSON lines of <paramref name="text"/> that are events (blank lines skipped), and the others with their line
    /// number in the text and why.</summary>
    public static (List<string> Lines, List<SlaEvent> Events, List<RejectedLine> Rejected) Read(string text)
    {
        var lines = new List<string>();
        var events = new List<SlaEvent>();
        var rejected = new List<RejectedLine>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var e = EventReader.ParseJsonLine(line, out var error);
            if (error is not null)
            {
                rejected.Add(new RejectedLine(number, error));
                continue;
            }
            lines.Add(line);
            events.Add(e);
        }
        return (lines, events, rejected);
    }

    /// <summary>Observes <paramref name="events"/>, stored (elsewhere) after every event observed so far, in this order.</summary>
    public void Observe(IReadOnlyList<SlaEvent> events)
    {
        lock (_gate)
        {
            foreach (var e in events)
            {
                ObserveLocked(in e);
            }
        }
    }

    /// <summary>
    /// Reads the JSON lines of <paramref name="text"/> (<see cref="Read"/>), stores the events in one transaction (with
    /// <paramref name="batchKey"/>, and the <paramref name="tail"/> offset of a tailed file) and then observes them; returns what was
    /// stored and the lines that are not events (not stored). A batch whose key was stored before is not stored or observed again.
    /// </summary>
    public (Appended Stored, IReadOnlyList<RejectedLine> Rejected) Ingest(string text, string? batchKey, (string Path, long Offset)? tail = null)
    {
        var (lines, events, rejected) = Read(text);
        lock (_gate)
        {
            if (lines.Count == 0 && tail is null)
            {
                return (new Appended(_events + 1, 0, false), rejected);
            }
            var stored = store!.Append(Name, lines, batchKey, tail);
            if (!stored.Repeated)
            {
                foreach (var e in events)
                {
                    ObserveLocked(in e);
                }
                SnapshotIfDueLocked();
            }
            return (stored, rejected);
        }
    }

    /// <summary>Reads an as-of as a request gives it (<see cref="AsOf.TryParse"/>, in the contract's zone) and requires it within
    /// the term; <paramref name="problem"/> says what is wrong, starting with the text.</summary>
    public bool TryParseAsOf(string text, out Instant asOf, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        if (!AsOf.TryParse(text, monitor.Zone, out asOf, out problem))
        {
            problem = $"asOf '{text}' {problem}";
            return false;
        }
        if (asOf < monitor.Term.Start || asOf > monitor.Term.End)
        {
            problem = $"asOf '{text}' lies outside the term of {Name}";
            return false;
        }
        return true;
    }

    /// <summary>The report as of <paramref name="asOf"/>, with the data-quality warnings and input summary of the stored lines.</summary>
    public SlaReport Report(Instant asOf)
    {
        lock (_gate)
        {
            var report = monitor.Report(asOf);
            var (warnings, input) = _audit.Finish(asOf);
            return report with { Warnings = warnings, Input = input };
        }
    }

    /// <summary>The report as of <paramref name="asOf"/> as JSON: the text <c>slac run --format json</c> prints on the same lines.</summary>
    public string ReportJson(Instant asOf) => Json(Report(asOf));

    /// <summary>A report as <c>slac run --format json</c> prints it.</summary>
    public static string Json(SlaReport report) => ReportJsonWriter.ToJson(report) + "\n";

    /// <summary>Explanations of the breached or at-risk periods as of <paramref name="asOf"/> (for the HTML report).</summary>
    public IReadOnlyList<ObjectiveExplanation> Explain(Instant asOf)
    {
        lock (_gate)
        {
            return monitor.Explain(asOf);
        }
    }

    /// <summary>
    /// The notifications due by <paramref name="now"/> (escalation levels reached, obligations missed), and the next instant one
    /// falls due if no event arrives before (null when none will).
    /// </summary>
    public (List<Notification> Due, Instant? Next) Notifications(Instant now, Func<string, bool>? delivered = null)
    {
        lock (_gate)
        {
            var due = new List<Notification>();
            Instant? next = null;
            var horizon = monitor.Term.End;
            // The levels settled incidents reached are final: each is made a notification once and kept until delivered (with
            // settling, hundreds of thousands of them would otherwise be made again on every wake-up).
            foreach (var level in monitor.SettledEscalations(_settledNotified))
            {
                _settledPending.Add(EscalationNotification(level));
            }
            _settledNotified = monitor.SettledEscalationCount;
            if (delivered is not null)
            {
                _settledPending.RemoveAll(n => delivered(n.Key));
            }
            foreach (var notification in _settledPending)
            {
                if (notification.At > now)
                {
                    next = next is { } n && n <= notification.At ? n : notification.At;
                    continue;
                }
                due.Add(notification);
            }
            foreach (var level in monitor.Escalations(horizon, includeSettled: false))
            {
                var at = level.At.ToInstant();
                if (at > now)
                {
                    next = next is { } n && n <= at ? n : at;
                    continue;
                }
                due.Add(EscalationNotification(level));
            }
            // An obligation not fulfilled by its due instant is missed then: the next such instant is when to look again.
            foreach (var obligation in monitor.ObligationResults(horizon))
            {
                if (obligation.Due is not { } dueAt || obligation.Status == ObligationStatus.Met && obligation.FulfilledAt!.Value.ToInstant() <= dueAt.ToInstant())
                {
                    continue;
                }
                var at = dueAt.ToInstant();
                if (at > now)
                {
                    next = next is { } n && n <= at ? n : at;
                }
            }
            foreach (var obligation in monitor.ObligationResults(now))
            {
                if (obligation.Status != ObligationStatus.Missed || obligation.Due is not { } dueAt)
                {
                    continue;
                }
                var period = ReportNames.FormatTime(obligation.Period.Start);
                due.Add(new Notification($"{Name}/obligation/{obligation.Obligation}/{period}", dueAt.ToInstant(), new Dictionary<string, string>
                {
                    ["kind"] = "obligation_missed",
                    ["contract"] = Name,
                    ["obligation"] = obligation.Obligation,
                    ["periodStart"] = period,
                    ["periodEnd"] = ReportNames.FormatTime(obligation.Period.End),
                    ["due"] = ReportNames.FormatTime(dueAt),
                }));
            }
            return (due, next);
        }
    }

    // Settled escalation levels made notifications so far, and those of them not known delivered.
    private int _settledNotified;
    private readonly List<Notification> _settledPending = [];

    private Notification EscalationNotification(EscalationResult level) =>
        new($"{Name}/escalation/{level.Escalation}/{level.Incident}/{level.Level}", level.At.ToInstant(), new Dictionary<string, string>
        {
            ["kind"] = "escalation",
            ["contract"] = Name,
            ["escalation"] = level.Escalation,
            ["incident"] = level.Incident,
            ["level"] = level.Level.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["notify"] = level.Notify,
            ["at"] = ReportNames.FormatTime(level.At),
        });

    private void ObserveLocked(in SlaEvent e)
    {
        _events++;
        monitor.Observe(in e);
        _audit.Observe(in e, checked((int)_events));
        var instant = e.Instant;
        if (_latest is null || instant > _latest)
        {
            _latest = instant;
        }
    }
}
