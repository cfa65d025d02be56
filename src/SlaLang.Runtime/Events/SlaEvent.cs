using NodaTime;

namespace SlaLang.Runtime;

/// <summary>The kinds of event of LANGUAGE.md §6.</summary>
public enum EventKind : byte
{
    /// <summary><c>outage_start</c>: service, id.</summary>
    OutageStart,
    /// <summary><c>outage_end</c>: service, id.</summary>
    OutageEnd,
    /// <summary><c>maintenance_start</c>: service, id.</summary>
    MaintenanceStart,
    /// <summary><c>maintenance_end</c>: service, id.</summary>
    MaintenanceEnd,
    /// <summary><c>incident_opened</c>: service, id, severity.</summary>
    IncidentOpened,
    /// <summary><c>incident_acknowledged</c>: id.</summary>
    IncidentAcknowledged,
    /// <summary><c>incident_resolved</c>: id.</summary>
    IncidentResolved,
    /// <summary><c>incident_reopened</c>: id.</summary>
    IncidentReopened,
    /// <summary><c>incident_paused</c>: id (clock stopped).</summary>
    IncidentPaused,
    /// <summary><c>incident_resumed</c>: id (clock running again).</summary>
    IncidentResumed,
    /// <summary><c>requests</c>: service, good, total.</summary>
    Requests,
    /// <summary><c>survey</c>: service, score.</summary>
    Survey,
    /// <summary><c>change</c>: service, id, requested; time is the deployment.</summary>
    Change,
    /// <summary><c>fulfilled</c>: name of an obligation, committee or <c>security.*</c> control.</summary>
    Fulfilled,
}

/// <summary>Wire names of <see cref="EventKind"/>.</summary>
public static class EventKinds
{
    private static readonly string[] Names =
    [
        "outage_start", "outage_end", "maintenance_start", "maintenance_end", "incident_opened",
        "incident_acknowledged", "incident_resolved", "incident_reopened", "incident_paused", "incident_resumed",
        "requests", "survey", "change", "fulfilled",
    ];

    /// <summary>The wire name of <paramref name="kind"/> (e.g. <c>incident_opened</c>).</summary>
    public static string ToWireName(this EventKind kind) => Names[(int)kind];

    /// <summary>Parses a wire name; false when unknown.</summary>
    public static bool TryParse(string name, out EventKind kind)
    {
        var i = Array.IndexOf(Names, name);
        kind = (EventKind)Math.Max(i, 0);
        return i >= 0;
    }

    /// <summary>All wire names, in enum order.</summary>
    public static IReadOnlyList<string> All => Names;
}

/// <summary>
/// One event. <see cref="Time"/> keeps the offset it was written with (for reporting); computations use
/// <see cref="Instant"/>, converted once when the time is set (a monitor reads it on every event, and several times
/// per event with settling on). Fields a kind does not use are null/zero. Build events with the static factories.
/// </summary>
public readonly record struct SlaEvent(
    EventKind Kind,
    OffsetDateTime Time,
    string? Service = null,
    string? Id = null,
    string? Severity = null,
    long Good = 0,
    long Total = 0,
    decimal Score = 0m,
    OffsetDateTime? Requested = null,
    string? Name = null,
    bool Failed = false)
{
    private readonly OffsetDateTime _time = Time;
    private readonly Instant _instant = Time.ToInstant();
    private readonly bool _converted = true; // false only in default(SlaEvent), whose instant is converted on read

    /// <summary>When the event happened, with the offset it was written with.</summary>
    public OffsetDateTime Time
    {
        get => _time;
        init => (_time, _instant, _converted) = (value, value.ToInstant(), true);
    }

    /// <summary>What a reader says of a timestamp outside <see cref="MinSupported"/>..<see cref="MaxSupported"/>.</summary>
    public const string UnsupportedYears = "timestamps must lie between the years 1900 and 2999";

    /// <summary>The event's instant.</summary>
    public Instant Instant => _converted ? _instant : _time.ToInstant();

    /// <summary>Equal when every field is (the instant is derived from the time, so it is not compared).</summary>
    public bool Equals(SlaEvent other) =>
        Kind == other.Kind && _time == other._time && Service == other.Service && Id == other.Id && Severity == other.Severity
        && Good == other.Good && Total == other.Total && Score == other.Score && Requested == other.Requested && Name == other.Name && Failed == other.Failed;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(HashCode.Combine(Kind, _time, Service, Id, Severity), Good, Total, Score, Requested, Name, Failed);

    /// <summary>Earliest instant an event may carry (calendar arithmetic stays far from NodaTime's limits).</summary>
    public static readonly Instant MinSupported = Instant.FromUtc(1900, 1, 1, 0, 0);

    /// <summary>Latest instant an event may carry (exclusive).</summary>
    public static readonly Instant MaxSupported = Instant.FromUtc(3000, 1, 1, 0, 0);

    /// <summary>True when <paramref name="t"/> is in [<see cref="MinSupported"/>, <see cref="MaxSupported"/>).</summary>
    public static bool IsSupported(Instant t)
    {
        // Both bounds are whole ticks, so comparing t's (floored) Unix ticks is exact; constants keep this
        // inlinable on every event's path (comparing with the static Instants above is a call).
        var ticks = t.ToUnixTimeTicks();
        return ticks >= MinSupportedTicks && ticks < MaxSupportedTicks;
    }

    private const long MinSupportedTicks = -25_567L * NodaConstants.TicksPerDay; // 1900-01-01T00:00Z
    private const long MaxSupportedTicks = 376_200L * NodaConstants.TicksPerDay; // 3000-01-01T00:00Z

    /// <summary><c>outage_start</c>.</summary>
    public static SlaEvent OutageStart(OffsetDateTime time, string service, string id) => new(EventKind.OutageStart, time, service, id);

    /// <summary><c>outage_end</c>.</summary>
    public static SlaEvent OutageEnd(OffsetDateTime time, string service, string id) => new(EventKind.OutageEnd, time, service, id);

    /// <summary><c>maintenance_start</c>.</summary>
    public static SlaEvent MaintenanceStart(OffsetDateTime time, string service, string id) => new(EventKind.MaintenanceStart, time, service, id);

    /// <summary><c>maintenance_end</c>.</summary>
    public static SlaEvent MaintenanceEnd(OffsetDateTime time, string service, string id) => new(EventKind.MaintenanceEnd, time, service, id);

    /// <summary><c>incident_opened</c>.</summary>
    public static SlaEvent IncidentOpened(OffsetDateTime time, string service, string id, string severity) => new(EventKind.IncidentOpened, time, service, id, severity);

    /// <summary><c>incident_acknowledged</c>.</summary>
    public static SlaEvent IncidentAcknowledged(OffsetDateTime time, string id) => new(EventKind.IncidentAcknowledged, time, Id: id);

    /// <summary><c>incident_resolved</c>.</summary>
    public static SlaEvent IncidentResolved(OffsetDateTime time, string id) => new(EventKind.IncidentResolved, time, Id: id);

    /// <summary><c>incident_reopened</c>.</summary>
    public static SlaEvent IncidentReopened(OffsetDateTime time, string id) => new(EventKind.IncidentReopened, time, Id: id);

    /// <summary><c>incident_paused</c>.</summary>
    public static SlaEvent IncidentPaused(OffsetDateTime time, string id) => new(EventKind.IncidentPaused, time, Id: id);

    /// <summary><c>incident_resumed</c>.</summary>
    public static SlaEvent IncidentResumed(OffsetDateTime time, string id) => new(EventKind.IncidentResumed, time, Id: id);

    /// <summary><c>requests</c>.</summary>
    public static SlaEvent RequestsSample(OffsetDateTime time, string service, long good, long total) => new(EventKind.Requests, time, service, Good: good, Total: total);

    /// <summary><c>survey</c>.</summary>
    public static SlaEvent SurveyScore(OffsetDateTime time, string service, decimal score) => new(EventKind.Survey, time, service, Score: score);

    /// <summary><c>change</c> deployed at <paramref name="deployed"/>.</summary>
    public static SlaEvent ChangeDeployed(OffsetDateTime deployed, string service, string id, OffsetDateTime requested, bool failed = false) =>
        new(EventKind.Change, deployed, service, id, Requested: requested, Failed: failed);

    /// <summary><c>fulfilled</c>.</summary>
    public static SlaEvent FulfilledObligation(OffsetDateTime time, string name) => new(EventKind.Fulfilled, time, Name: name);

    /// <summary>Checks the fields <see cref="Kind"/> requires; returns a message, or null when valid.</summary>
    public string? Validate()
    {
        if (!IsSupported(Instant) || (Requested is { } req && !IsSupported(req.ToInstant())))
        {
            return UnsupportedYears;
        }
        switch (Kind)
        {
            case EventKind.OutageStart or EventKind.OutageEnd or EventKind.MaintenanceStart or EventKind.MaintenanceEnd:
                return Missing(("service", Service), ("id", Id));
            case EventKind.IncidentOpened:
                return Missing(("service", Service), ("id", Id), ("severity", Severity));
            case EventKind.IncidentAcknowledged or EventKind.IncidentResolved or EventKind.IncidentReopened
                or EventKind.IncidentPaused or EventKind.IncidentResumed:
                return Missing(("id", Id));
            case EventKind.Requests:
                if (Missing(("service", Service)) is { } m)
                {
                    return m;
                }
                if (Good < 0 || Total < 0)
                {
                    return "'good' and 'total' must not be negative";
                }
                return Good > Total ? $"'good' ({Good}) must not exceed 'total' ({Total})" : null;
            case EventKind.Survey:
                return Missing(("service", Service));
            case EventKind.Change:
                if (Missing(("service", Service), ("id", Id)) is { } c)
                {
                    return c;
                }
                if (Requested is null)
                {
                    return "kind 'change' requires field 'requested'";
                }
                return Requested.Value.ToInstant() > Instant ? "'requested' must not be after 'time' (the deployment)" : null;
            case EventKind.Fulfilled:
                return Missing(("name", Name));
            default:
                return "unknown kind";
        }
    }

    private string? Missing(params ReadOnlySpan<(string Field, string? Value)> fields)
    {
        foreach (var (field, value) in fields)
        {
            if (string.IsNullOrEmpty(value))
            {
                return $"kind '{Kind.ToWireName()}' requires field '{field}'";
            }
        }
        return null;
    }
}
