using System.Collections.Immutable;
using NodaTime;
using SlaLang.Runtime;

namespace SlaLang.Model;

// The typed, immutable model of one contract: no syntax in it. The binder produces it from an
// error-free compilation; the emitter, exporters and reports consume it. Names are the
// declared identifiers; cross references are by name and are guaranteed to resolve.

/// <summary>Where a model element was declared in its .sla file (1-based line and column).</summary>
public readonly record struct SourceLocation(string Path, int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Path}({Line},{Column})";
}

/// <summary>One contract, fully bound and checked.</summary>
public sealed record ContractModel(
    string Name,
    string? Title,
    string? Doc,
    string? Version,
    LocalDate TermStart,
    LocalDate TermEnd,
    string TimeZoneId,
    string Currency,
    OutsourcingModel? Model,
    ContractProfile Profile,
    ImmutableArray<PartyModel> Parties,
    ImmutableArray<RoleModel> Roles,
    ImmutableArray<CalendarModel> Calendars,
    ImmutableArray<SeverityModel> Severities,
    ImmutableArray<ServiceModel> Services,
    RaciModel? Raci,
    ImmutableArray<EscalationModel> Escalations,
    ImmutableArray<CommitteeModel> Committees,
    ImmutableArray<ObligationModel> Obligations,
    SecurityModel? Security,
    ReversibilityModel? Reversibility,
    TransitionModel? Transition,
    SourceLocation Location)
{
    /// <summary>Name of the built-in 24/7 calendar.</summary>
    public const string AlwaysCalendar = "always";

    /// <summary>The path written in <c>underpins "PATH"</c> (relative to the contract's file): the contract this one supports, or null.</summary>
    public string? Underpins { get; init; }

    /// <summary>The calendar named <paramref name="name"/>; <c>always</c> is built in (no hours listed, no holidays).</summary>
    public CalendarModel GetCalendar(string name) =>
        name == AlwaysCalendar ? CalendarModel.Always : Calendars.First(c => c.Name == name);
}

/// <summary>The sourcing model of the contract.</summary>
public enum OutsourcingModel { Outtasking, Cosourcing, Nearshore, Offshore, ExtendedInhouse }

/// <summary>Lint profile: <c>regulated</c> turns on the stricter rules of LANGUAGE.md §5.</summary>
public enum ContractProfile { Standard, Regulated }

/// <summary>What a party is to the contract.</summary>
public enum PartyKind { Client, Provider, Subcontractor }

/// <summary>A party: client, provider, or subcontractor of a provider.</summary>
public sealed record PartyModel(string Name, PartyKind Kind, string? OfParty, string? Title, string? Doc, SourceLocation Location);

/// <summary>A role held within a party.</summary>
public sealed record RoleModel(string Name, string Party, string? Title, string? Doc, SourceLocation Location);

/// <summary>Open hours on one weekday, as offsets from local midnight (End may be 24h).</summary>
public sealed record WeeklyHoursModel(IsoDayOfWeek Day, Duration Start, Duration End);

/// <summary>A business calendar: weekly local hours plus holidays (whole local days off).</summary>
public sealed record CalendarModel(string Name, bool IsAlways, ImmutableArray<WeeklyHoursModel> Hours, ImmutableArray<LocalDate> Holidays, string? Doc, SourceLocation Location)
{
    /// <summary>The built-in 24/7 calendar.</summary>
    public static CalendarModel Always { get; } = new(ContractModel.AlwaysCalendar, true, [], [], "24/7: every instant is open.", default);
}

/// <summary>An incident severity; <see cref="Rank"/> is its declaration order (0 = most severe, first declared).</summary>
public sealed record SeverityModel(string Name, string? Title, int Rank, string? Doc, SourceLocation Location);

/// <summary>A service with its fee, objectives and penalties.</summary>
public sealed record ServiceModel(
    string Name,
    string? Title,
    string? Doc,
    FeeModel? Fee,
    ImmutableArray<ObjectiveModel> Objectives,
    ImmutableArray<PenaltyModel> Penalties,
    SourceLocation Location);

/// <summary>
/// The service fee as written: <see cref="Amount"/> per <see cref="Months"/> calendar months (<c>fee X per quarter</c> is
/// X per 3 months). Credits divide by <see cref="Months"/> only at the end, so money is never rounded before the credit is.
/// </summary>
public sealed record FeeModel(decimal Amount, int Months, string Currency, SourceLocation Location)
{
    /// <summary>The fee per calendar month (<see cref="Amount"/> ÷ <see cref="Months"/>, for display).</summary>
    public decimal MonthlyAmount => Amount / Months;
}

/// <summary>A period of <c>per</c>/<c>every</c>: a calendar unit, <c>N months</c> from the term start, or <c>rolling</c> of <see cref="RollingLength"/>.</summary>
public sealed record PeriodSpec(PeriodUnit Unit, int Count = 1, Duration RollingLength = default)
{
    /// <inheritdoc/>
    public override string ToString() => SlaText.Period(this);

    /// <summary>Approximate length in days, to compare frequencies and periods (a month is 30.4375 days, a quarter 91.3125).</summary>
    public decimal ApproximateDays => Unit switch
    {
        PeriodUnit.Day => 1m,
        PeriodUnit.Week => 7m,
        PeriodUnit.Month => 30.4375m,
        PeriodUnit.Quarter => 91.3125m,
        PeriodUnit.Year => 365.25m,
        PeriodUnit.Months => 30.4375m * Count,
        _ => RollingLength.BclCompatibleTicks / (decimal)NodaConstants.TicksPerDay,
    };
}

/// <summary>A boolean filter from a <c>where</c> clause, over event fields (<c>severity</c>, <c>service</c>, …).</summary>
public abstract record FilterModel;

/// <summary><c>field == v</c>, <c>field != v</c>, <c>field in (a, b)</c>, <c>field not in (a, b)</c>.</summary>
public sealed record FieldInFilter(string Field, ImmutableArray<string> Values, bool Negated) : FilterModel;

/// <summary><c>a and b</c>.</summary>
public sealed record AndFilter(FilterModel Left, FilterModel Right) : FilterModel;

/// <summary><c>a or b</c>.</summary>
public sealed record OrFilter(FilterModel Left, FilterModel Right) : FilterModel;

/// <summary><c>not a</c>.</summary>
public sealed record NotFilter(FilterModel Operand) : FilterModel;

/// <summary>The indicator of an objective; <see cref="Within"/> is the delay of <c>resolved_within</c>/<c>responded_within</c>.</summary>
public sealed record IndicatorModel(IndicatorKind Kind, Duration? Within, FilterModel? Where)
{
    /// <summary>The unit of this indicator's value.</summary>
    public IndicatorUnit Unit => IndicatorCatalog.Of(Kind).Unit;
}

/// <summary>A target: value in the indicator's unit (percent, seconds, count, score); <see cref="Text"/> as written, e.g. <c>&gt;= 99.93%</c>.</summary>
public sealed record TargetModel(Comparison Comparison, decimal Value, string Text);

/// <summary>A service-level objective.</summary>
public sealed record ObjectiveModel(
    string Service,
    string Name,
    string? Doc,
    IndicatorModel Indicator,
    TargetModel Target,
    PeriodSpec Per,
    string Calendar,
    bool ExcludeMaintenance,
    SourceLocation Location)
{
    /// <summary>The objective of the underpinned contract this one backs (<c>backs Service.Objective</c>), or null.</summary>
    public BackingModel? Backs { get; init; }
}

/// <summary><c>backs Service.Objective</c>: the objective of the underpinned contract an objective supports (flow-down).</summary>
public sealed record BackingModel(string Service, string Objective, SourceLocation Location);

/// <summary>What a penalty's rate applies to.</summary>
public enum PenaltyBaseKind { Fee, Fixed }

/// <summary>A tier: <c>when &lt; 99.5% credit 10%</c>. Threshold in the objective's unit; credit in percent.</summary>
public sealed record PenaltyTierModel(Comparison Comparison, decimal Threshold, decimal CreditPercent, SourceLocation Location);

/// <summary>A step: <c>step 1h credit 2%</c>: credit for each started step of shortfall. Step in the objective's unit.</summary>
public sealed record PenaltyStepModel(decimal Step, decimal CreditPercent, SourceLocation Location);

/// <summary>A service-credit rule on one objective of the same service.</summary>
public sealed record PenaltyModel(
    string Service,
    string Name,
    string Objective,
    string? Doc,
    PenaltyBaseKind BaseKind,
    decimal? FixedBase,
    ImmutableArray<PenaltyTierModel> Tiers,
    PenaltyStepModel? Step,
    decimal? CapPercent,
    SourceLocation Location);

/// <summary>One cell of the RACI matrix, as letters.</summary>
[Flags]
public enum RaciFlags { None = 0, Responsible = 1, Accountable = 2, Consulted = 4, Informed = 8 }

/// <summary>An activity row of the RACI matrix: one cell per role, in <see cref="RaciModel.Roles"/> order.</summary>
public sealed record RaciRowModel(string Activity, string? Title, ImmutableArray<RaciFlags> Cells, SourceLocation Location);

/// <summary>The RACI matrix.</summary>
public sealed record RaciModel(ImmutableArray<string> Roles, ImmutableArray<RaciRowModel> Rows, SourceLocation Location);

/// <summary>A level of an escalation ladder: reached when a matching incident's measured age reaches <see cref="After"/>.</summary>
public sealed record EscalationLevelModel(int Level, Duration After, ImmutableArray<string> Notify, SourceLocation Location);

/// <summary>An escalation ladder for incidents matching <see cref="Where"/>.</summary>
public sealed record EscalationModel(string Name, string? Doc, FilterModel? Where, string Calendar, ImmutableArray<EscalationLevelModel> Levels, SourceLocation Location);

/// <summary>A governance committee (also listed as an obligation of the same name).</summary>
public sealed record CommitteeModel(string Name, string? Title, string? Doc, PeriodSpec Every, string? Chair, ImmutableArray<string> Members, SourceLocation Location);

/// <summary>Where an obligation comes from.</summary>
public enum ObligationKind { Obligation, Committee, SecurityControl }

/// <summary>How long after the period end an obligation is due: an exact duration or N working days of <see cref="ObligationModel.Calendar"/>.</summary>
public sealed record DueOffsetModel(Duration? After, int? WorkingDays);

/// <summary>
/// A periodic obligation: an <c>obligation</c>, a committee meeting, or a periodic security control
/// (named <c>security.audit</c>, <c>security.recovery_test</c>, <c>security.access_review</c>).
/// Due at the period end, or <see cref="Due"/> after it.
/// </summary>
public sealed record ObligationModel(
    string Name,
    string? Title,
    string? Doc,
    ObligationKind Kind,
    string? ResponsibleParty,
    PeriodSpec Every,
    DueOffsetModel? Due,
    string Calendar,
    SourceLocation Location);

/// <summary>A periodic security control with optional objectives (<c>recovery_test every 6 months rto 4h rpo 15min</c>).</summary>
public sealed record SecurityControlModel(string Control, PeriodSpec Every, Duration? Rto, Duration? Rpo, SourceLocation Location);

/// <summary>The security clauses of the contract.</summary>
public sealed record SecurityModel(
    bool EncryptionAtRest,
    bool EncryptionInTransit,
    bool ImmutableBackups,
    Duration? BackupRetention,
    ImmutableArray<SecurityControlModel> Controls,
    string? Residency,
    bool EdrRequired,
    SourceLocation Location);

/// <summary>Exit terms: notice, assistance, deliverables.</summary>
public sealed record ReversibilityModel(Period? Notice, Period? Assistance, ImmutableArray<string> Deliverables, SourceLocation Location);

/// <summary>A gated transition phase, dates inclusive.</summary>
public sealed record TransitionPhaseModel(string Name, LocalDate Start, LocalDate End, string? Gate, SourceLocation Location);

/// <summary>The transition plan.</summary>
public sealed record TransitionModel(ImmutableArray<TransitionPhaseModel> Phases, Period? Overlap, SourceLocation Location);
