using NodaTime;

namespace SlaLang.Runtime;

/// <summary>Status of an objective in one period.</summary>
public enum ObjectiveStatus
{
    /// <summary>Finished period, target met.</summary>
    Met,
    /// <summary>Finished period, target missed.</summary>
    Breached,
    /// <summary>Period not finished yet (see <see cref="ObjectiveResult.AtRisk"/>).</summary>
    Pending,
    /// <summary>Empty population: no value.</summary>
    NoData,
}

/// <summary>Status of an obligation in one period.</summary>
public enum ObligationStatus
{
    /// <summary>A <c>fulfilled</c> event named it in [period start, due).</summary>
    Met,
    /// <summary>Due passed without one.</summary>
    Missed,
    /// <summary>Not due yet and not fulfilled yet.</summary>
    Pending,
}

/// <summary>A period's bounds printed with the contract zone's offset.</summary>
public readonly record struct PeriodBounds(OffsetDateTime Start, OffsetDateTime End);

/// <summary>Availability error budget: <c>allowed = sched × (100 − target)/100</c> seconds, <c>consumed = down / allowed</c>.</summary>
public sealed record ErrorBudget(decimal AllowedSeconds, decimal? Consumed);

/// <summary>One objective in one period.</summary>
public sealed record ObjectiveResult(
    string Service,
    string Objective,
    PeriodBounds Period,
    decimal? Value,
    IndicatorUnit Unit,
    string Target,
    ObjectiveStatus Status,
    bool AtRisk,
    ErrorBudget? Budget)
{
    /// <summary>The calendar that measured the figure (<c>always</c> for 24/7).</summary>
    public string Calendar { get; init; } = "always";

    /// <summary>The target's value in the indicator's unit (charts draw it), when known.</summary>
    public decimal? TargetValue { get; init; }
}

/// <summary>A service credit owed for one finished, breached period.</summary>
public sealed record CreditResult(
    string Service,
    string Penalty,
    string Objective,
    PeriodBounds Period,
    decimal Rate,
    decimal Amount,
    string Currency);

/// <summary>An escalation level reached by an incident, with the instant it was reached.</summary>
public sealed record EscalationResult(string Escalation, string Incident, int Level, string Notify, OffsetDateTime At);

/// <summary>One obligation in one period; <see cref="Due"/> is null when it never falls due (no working day to count).</summary>
public sealed record ObligationResult(string Obligation, PeriodBounds Period, OffsetDateTime? Due, ObligationStatus Status, OffsetDateTime? FulfilledAt);

/// <summary>The report of a monitor as of an instant (LANGUAGE.md §7). Lists are ordered by service, name, period start.</summary>
public sealed record SlaReport(
    string Contract,
    OffsetDateTime AsOf,
    IReadOnlyList<ObjectiveResult> Objectives,
    IReadOnlyList<CreditResult> Credits,
    IReadOnlyList<EscalationResult> Escalations,
    IReadOnlyList<ObligationResult> Obligations)
{
    /// <summary>True when some finished period of some objective is breached.</summary>
    public bool AnyBreached => Objectives.Any(o => o.Status == ObjectiveStatus.Breached);

    /// <summary>Data-quality warnings about the event log, by line (LANGUAGE.md §6); empty when none or not audited.</summary>
    public IReadOnlyList<DataWarning> Warnings { get; init; } = [];

    /// <summary>What was read from the event log, when the report was made from one (<see cref="EventAudit"/>).</summary>
    public InputSummary? Input { get; init; }
}
