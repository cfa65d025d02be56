using NodaTime;

namespace SlaLang.Runtime;

/// <summary>
/// What one event-log fact added to a figure (LANGUAGE.md §10): an outage's counted down time, an incident's restore time,
/// a sample's good and total. <see cref="Numerator"/> and <see cref="Denominator"/> of all contributions add up exactly to
/// those of the figure (<see cref="ObjectiveExplanation"/>).
/// </summary>
/// <param name="Id">The outage, incident or change id; for a sample, its time.</param>
/// <param name="Kind"><c>outage</c>, <c>incident</c>, <c>requests</c>, <c>survey</c> or <c>change</c>.</param>
/// <param name="Intervals">The intervals counted (an outage's part inside the period, calendar and outside maintenance and earlier outages; an incident's [opened, stop)).</param>
/// <param name="Seconds">Seconds counted (in the calendar, pauses excluded), or 0 when the indicator counts no time.</param>
/// <param name="Numerator">What it adds to the formula's numerator.</param>
/// <param name="Denominator">What it adds to the formula's denominator.</param>
/// <param name="Lines">The event-log lines it came from (empty when the log was not indexed).</param>
/// <param name="Note">In words: "resolved within 4h", "outside the calendar: 2h 10min", "opened 2026-01-05 10:00".</param>
public sealed record Contribution(
    string Id, string Kind, IReadOnlyList<InstantInterval> Intervals, decimal Seconds, decimal Numerator, decimal Denominator,
    IReadOnlyList<int> Lines, string Note);

/// <summary>One month's share of a fee base: the monthly fee × days of the month inside the period ÷ days in the month.</summary>
public sealed record FeeMonth(int Year, int Month, decimal MonthlyFee, decimal DaysInside, int DaysInMonth, decimal Amount);

/// <summary>How a credit was computed (LANGUAGE.md §5): base, the tier or steps, the cap, the rounding.</summary>
public sealed record CreditExplanation(
    string Penalty, bool BaseIsFee, IReadOnlyList<FeeMonth> Months, decimal Base, string? Tier, decimal? Shortfall, decimal? StepSize,
    decimal? Steps, decimal? StepCredit, decimal RateBeforeCap, decimal? Cap, decimal Rate, decimal Unrounded, decimal Amount, string Currency);

/// <summary>
/// Why an objective has its figure in one period: the formula with its numbers, the excluded time, and every contribution
/// (adding up exactly to the figure), with the credit computation when a penalty applies.
/// </summary>
public sealed record ObjectiveExplanation(
    ObjectiveResult Result,
    string Indicator,
    string Formula,
    decimal Numerator,
    decimal Denominator,
    decimal? ScheduledSeconds,
    decimal? MaintenanceSeconds,
    decimal? ClosedSeconds,
    IReadOnlyList<Contribution> Contributions,
    IReadOnlyList<CreditExplanation> Credits)
{
    /// <summary>The clause the objective was written in (file:line and its text), when the caller knows the source.</summary>
    public string? Clause { get; init; }

    /// <summary>Where the clause is (<c>contract.sla:32</c>), when the caller knows the source.</summary>
    public string? ClauseLocation { get; init; }
}

/// <summary>
/// The event-log lines each fact came from, for explanations. Keys name a fact as the monitor keeps it: an outage by service
/// and id, an incident by id, a sample by service and time. Indexing every fact costs a list per fact; so an index can be
/// limited to some facts (<see cref="EventLineIndex(IEnumerable{string})"/>), and it remembers the facts it was asked for
/// (<see cref="Asked"/>): explain once with an empty index, then read the log again for just the facts cited.
/// </summary>
public sealed class EventLineIndex
{
    private readonly Dictionary<string, List<int>> _lines = new(StringComparer.Ordinal);
    private readonly HashSet<string>? _only;
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    /// <summary>An index of every fact.</summary>
    public EventLineIndex()
    {
    }

    /// <summary>An index of only the facts <paramref name="keys"/> (<see cref="Asked"/> of another).</summary>
    public EventLineIndex(IEnumerable<string> keys) => _only = new HashSet<string>(keys, StringComparer.Ordinal);

    /// <summary>Records that <paramref name="e"/> was read from <paramref name="line"/>.</summary>
    public void Add(in SlaEvent e, int line)
    {
        if (KeyOf(in e) is { } key && (_only is null || _only.Contains(key)))
        {
            ref var list = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_lines, key, out _);
            (list ??= []).Add(line);
        }
    }

    /// <summary>The lines of the fact <paramref name="key"/>, in order, each once.</summary>
    public IReadOnlyList<int> Lines(string key)
    {
        _asked.Add(key);
        return _lines.TryGetValue(key, out var list) ? [.. list.Distinct().Order()] : [];
    }

    /// <summary>The facts <see cref="Lines"/> was asked for.</summary>
    public IReadOnlyCollection<string> Asked => _asked;

    internal static string Outage(string service, string id) => $"outage\u0001{service}\u0001{id}";

    internal static string Incident(string id) => $"incident\u0001{id}";

    internal static string Sample(EventKind kind, string service, Instant time, string? id) => $"{kind.ToWireName()}\u0001{service}\u0001{time.ToUnixTimeTicks()}\u0001{id}";

    private static string? KeyOf(in SlaEvent e) => e.Kind switch
    {
        EventKind.OutageStart or EventKind.OutageEnd when e.Service is { } s && e.Id is { } id => Outage(s, id),
        >= EventKind.IncidentOpened and <= EventKind.IncidentResumed when e.Id is { } id => Incident(id),
        EventKind.Requests or EventKind.Survey when e.Service is { } s => Sample(e.Kind, s, e.Instant, null),
        EventKind.Change when e.Service is { } s => Sample(e.Kind, s, e.Instant, e.Id),
        _ => null,
    };
}
