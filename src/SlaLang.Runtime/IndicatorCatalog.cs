namespace SlaLang.Runtime;

/// <summary>The indicators of LANGUAGE.md §4, in catalog order (the order of <see cref="IndicatorCatalog.All"/>).</summary>
public enum IndicatorKind
{
    /// <summary>Percent of scheduled time not down.</summary>
    Availability,
    /// <summary>Mean measured age at first resolution, seconds.</summary>
    Mttr,
    /// <summary>Share of incidents resolved within a delay, percent.</summary>
    ResolvedWithin,
    /// <summary>Share of incidents acknowledged within a delay, percent.</summary>
    RespondedWithin,
    /// <summary>Incidents opened in the period, count.</summary>
    IncidentCount,
    /// <summary>Reopen events / resolve events, percent.</summary>
    ReopenRate,
    /// <summary>Mean time between failures, seconds.</summary>
    Mtbf,
    /// <summary>Failed requests / all requests, percent.</summary>
    ErrorRate,
    /// <summary>Good requests / all requests, percent.</summary>
    SuccessRate,
    /// <summary>Mean survey score.</summary>
    Satisfaction,
    /// <summary>Mean requested-to-deployed time of changes, seconds.</summary>
    LeadTime,
    /// <summary>Failed deployments / deployments, percent.</summary>
    ChangeFailureRate,
}

/// <summary>What an indicator is measured from: the facts a monitor keeps for it and the event kinds that feed them.</summary>
public enum IndicatorSource
{
    /// <summary>Outages and maintenance windows of the service, measured in a calendar.</summary>
    Outages,
    /// <summary>Incidents of the service (filtered by <c>where</c>), their ages measured in a calendar.</summary>
    Incidents,
    /// <summary><c>requests</c> samples (good, total).</summary>
    Requests,
    /// <summary><c>survey</c> scores.</summary>
    Surveys,
    /// <summary><c>change</c> events (requested, deployed, failed).</summary>
    Changes,
}

/// <summary>One sample of a service as an indicator over samples sees it (the fields its source carries; others are zero).</summary>
public readonly record struct IndicatorSample(long Good, long Total, decimal Score, decimal LeadTimeSeconds, bool Failed);

/// <summary>
/// One indicator: its name in contracts, the unit of its value (and target), what it is measured from, whether it takes a delay
/// (<c>resolved_within(4h)</c>), how an editor explains it, and, for indicators over samples, how one sample adds to the period's
/// numerator and denominator (value = <see cref="Scale"/> × Σ numerator ÷ Σ denominator; none counted: no data).
/// </summary>
public sealed record IndicatorDefinition(
    IndicatorKind Kind,
    string Name,
    IndicatorUnit Unit,
    IndicatorSource Source,
    string Summary,
    string Requirement,
    bool TakesDelay = false,
    Func<IndicatorSample, (decimal Numerator, decimal Denominator)>? Sample = null,
    decimal Scale = 1m)
{
    /// <summary>Whether a <c>where</c> clause may filter it (incident fields: severity, service).</summary>
    public bool TakesWhere => Source == IndicatorSource.Incidents;

    /// <summary>The event kinds its facts come from.</summary>
    public IReadOnlyList<EventKind> EventKinds => Source switch
    {
        IndicatorSource.Outages => [EventKind.OutageStart, EventKind.OutageEnd, EventKind.MaintenanceStart, EventKind.MaintenanceEnd],
        IndicatorSource.Incidents => [EventKind.IncidentOpened, EventKind.IncidentAcknowledged, EventKind.IncidentResolved, EventKind.IncidentReopened,
            EventKind.IncidentPaused, EventKind.IncidentResumed],
        IndicatorSource.Requests => [EventKind.Requests],
        IndicatorSource.Surveys => [EventKind.Survey],
        _ => [EventKind.Change],
    };

    /// <summary>What its facts are, as messages say it ("changes of its own service").</summary>
    public string SourceDescription => Source switch
    {
        IndicatorSource.Outages => "outages, which carry no severity",
        IndicatorSource.Incidents => "incidents",
        IndicatorSource.Requests => "request counts of its own service",
        IndicatorSource.Surveys => "surveys of its own service",
        _ => "changes of its own service",
    };
}

/// <summary>
/// The one home of the indicators: every layer (binder, emitter, runtime, hover, completion, docs test) reads this table. Adding an
/// indicator over samples is an entry here, a row in docs/language.md §4 and its tests.
/// </summary>
public static class IndicatorCatalog
{
    /// <summary>Every indicator, in <see cref="IndicatorKind"/> order.</summary>
    public static IReadOnlyList<IndicatorDefinition> All { get; } =
    [
        new(IndicatorKind.Availability, "availability", IndicatorUnit.Percent, IndicatorSource.Outages,
            "Indicator, percent: `100 × (1 − down / scheduled)` over the `during` calendar's open time in the period (maintenance excluded with `exclude maintenance`).",
            ""),
        new(IndicatorKind.Mttr, "mttr", IndicatorUnit.Seconds, IndicatorSource.Incidents,
            "Indicator, seconds: mean measured age at first resolution of the incidents first resolved in the period (pauses excluded, in the `during` calendar).",
            "The mean time to restore of the incidents first resolved in each {period} ({measured}, pauses excluded) must be {bound}."),
        new(IndicatorKind.ResolvedWithin, "resolved_within", IndicatorUnit.Percent, IndicatorSource.Incidents,
            "Indicator, percent: share of the incidents resolved within the delay, counting unresolved ones already older than it.",
            "{Bound} of the incidents must be resolved within {delay} ({measured}, pauses excluded), each {period}.", TakesDelay: true),
        new(IndicatorKind.RespondedWithin, "responded_within", IndicatorUnit.Percent, IndicatorSource.Incidents,
            "Indicator, percent: share of the incidents acknowledged within the delay, counting unacknowledged ones already older than it.",
            "{Bound} of the incidents must be acknowledged within {delay} ({measured}, pauses excluded), each {period}.", TakesDelay: true),
        new(IndicatorKind.IncidentCount, "incident_count", IndicatorUnit.Count, IndicatorSource.Incidents,
            "Indicator, count: incidents opened in the period.",
            "{Bound} incidents opened each {period}."),
        new(IndicatorKind.ReopenRate, "reopen_rate", IndicatorUnit.Percent, IndicatorSource.Incidents,
            "Indicator, percent: `100 × reopen events / resolve events` in the period.",
            "Reopens must be {bound} of resolutions each {period}."),
        new(IndicatorKind.Mtbf, "mtbf", IndicatorUnit.Seconds, IndicatorSource.Outages,
            "Indicator, seconds: `(scheduled − down) / outages starting in the period`.",
            "The mean time between failures must be {bound} each {period}."),
        new(IndicatorKind.ErrorRate, "error_rate", IndicatorUnit.Percent, IndicatorSource.Requests,
            "Indicator, percent: `100 × Σ(total − good) / Σ total` over `requests` events.",
            "Failed requests must be {bound} of all requests each {period}.",
            Sample: s => (s.Total - s.Good, s.Total), Scale: 100m),
        new(IndicatorKind.SuccessRate, "success_rate", IndicatorUnit.Percent, IndicatorSource.Requests,
            "Indicator, percent: `100 × Σ good / Σ total` over `requests` events.",
            "Good requests must be {bound} of all requests each {period}.",
            Sample: s => (s.Good, s.Total), Scale: 100m),
        new(IndicatorKind.Satisfaction, "satisfaction", IndicatorUnit.Score, IndicatorSource.Surveys,
            "Indicator, score: mean of `survey` scores in the period.",
            "The mean survey score must be {bound} each {period}.",
            Sample: s => (s.Score, 1m)),
        new(IndicatorKind.LeadTime, "lead_time", IndicatorUnit.Seconds, IndicatorSource.Changes,
            "Indicator, seconds: mean of `deployed − requested` over `change` events deployed in the period.",
            "The mean change lead time must be {bound} each {period}.",
            Sample: s => (s.LeadTimeSeconds, 1m)),
        new(IndicatorKind.ChangeFailureRate, "change_failure_rate", IndicatorUnit.Percent, IndicatorSource.Changes,
            "Indicator, percent: `100 × failed changes / changes` over `change` events deployed in the period (`\"failed\": true`).",
            "Failed deployments must be {bound} of the changes deployed each {period}.",
            Sample: s => (s.Failed ? 1m : 0m, 1m), Scale: 100m),
    ];

    private static readonly Dictionary<string, IndicatorDefinition> ByName = All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The definition of <paramref name="kind"/>.</summary>
    public static IndicatorDefinition Of(IndicatorKind kind) => All[(int)kind];

    /// <summary>The indicator written <paramref name="name"/>; false when there is none.</summary>
    public static bool TryFind(ReadOnlySpan<char> name, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out IndicatorDefinition definition) =>
        ByName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out definition);

    /// <summary>Every indicator's name, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(d => d.Name)];
}
