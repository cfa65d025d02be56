namespace SlaLang.Diagnostics;

public static partial class DiagnosticCatalog
{
    private const string BindingCategory = "Binding";
    private const string RulesCategory = "Rules";

    private static DiagnosticDescriptor BindingError(string code, string title, string format) =>
        new(code, title, format, DiagnosticSeverity.Error, BindingCategory);

    private static DiagnosticDescriptor Rule(string code, string title, DiagnosticSeverity severity, string format) =>
        new(code, title, format, severity, RulesCategory);

    // ---- Binding and types (SLA2xxx): always errors. ----

    /// <summary>SLA2000: a source file that cannot be read.</summary>
    public static DiagnosticDescriptor UnreadableSource { get; } = BindingError("SLA2000", "Unreadable source file",
        "Cannot read '{0}': {1} Check that the file exists and is readable.");

    /// <summary>SLA2001: a name that resolves to no declaration; {2} is a did-you-mean or a hint.</summary>
    public static DiagnosticDescriptor UnknownName { get; } = BindingError("SLA2001", "Unknown name",
        "Unknown {0} '{1}'{2}");

    /// <summary>SLA2002: a name declared twice in the same scope; {1} is the kind with its article ("an objective").</summary>
    public static DiagnosticDescriptor DuplicateName { get; } = BindingError("SLA2002", "Duplicate name",
        "'{0}' is already declared as {1} {2}; rename one of them.");

    /// <summary>SLA2003: a name that resolves to a declaration of the wrong kind; {1} and {2} are kinds with their article.</summary>
    public static DiagnosticDescriptor WrongKind { get; } = BindingError("SLA2003", "Name of the wrong kind",
        "'{0}' is {1}, not {2}; name {2} here.");

    /// <summary>SLA2004: a literal of the wrong unit (a duration where a percent belongs, …).</summary>
    public static DiagnosticDescriptor UnitMismatch { get; } = BindingError("SLA2004", "Wrong unit",
        "{0} must be {1}, not {2}; write e.g. {3}.");

    /// <summary>SLA2005: <c>resolved_within</c>/<c>responded_within</c> without its delay.</summary>
    public static DiagnosticDescriptor IndicatorArgumentMissing { get; } = BindingError("SLA2005", "Indicator delay missing",
        "Indicator '{0}' needs a delay; write e.g. {0}(4h).");

    /// <summary>SLA2006: an argument given to an indicator that takes none.</summary>
    public static DiagnosticDescriptor IndicatorArgumentUnexpected { get; } = BindingError("SLA2006", "Unexpected indicator argument",
        "Indicator '{0}' takes no argument; remove the parenthesised delay.");

    /// <summary>SLA2007: an indicator name that is not one of LANGUAGE.md §4.</summary>
    public static DiagnosticDescriptor UnknownIndicator { get; } = BindingError("SLA2007", "Unknown indicator",
        "Unknown indicator '{0}'{1}");

    /// <summary>SLA2008: a <c>where</c> field the indicator's events do not carry.</summary>
    public static DiagnosticDescriptor InvalidWhereField { get; } = BindingError("SLA2008", "Invalid filter field",
        "{0} cannot be filtered by '{1}': {2}");

    /// <summary>SLA2009: money in another currency than the contract's.</summary>
    public static DiagnosticDescriptor CurrencyMismatch { get; } = BindingError("SLA2009", "Currency mismatch",
        "Amount is in {0} but the contract's currency is {1}; write the amount in {1}.");

    /// <summary>SLA2010: a time zone that is not an IANA id.</summary>
    public static DiagnosticDescriptor UnknownTimeZone { get; } = BindingError("SLA2010", "Unknown time zone",
        "Unknown time zone '{0}'{1}");

    /// <summary>SLA2011: a currency that is not an ISO 4217 code.</summary>
    public static DiagnosticDescriptor UnknownCurrency { get; } = BindingError("SLA2011", "Unknown currency",
        "Unknown currency '{0}'; use an ISO 4217 code such as EUR, USD, GBP or CHF.");

    /// <summary>SLA2012: <c>base fee</c> in a service without a fee.</summary>
    public static DiagnosticDescriptor BaseFeeWithoutFee { get; } = BindingError("SLA2012", "Fee base without a fee",
        "Penalty '{0}' credits a share of the fee but service '{1}' has no fee; add 'fee <amount> per month' to the service.");

    /// <summary>SLA2013: a penalty on an objective of another service.</summary>
    public static DiagnosticDescriptor ObjectiveOfOtherService { get; } = BindingError("SLA2013", "Objective of another service",
        "Objective '{0}' belongs to service '{1}'; a penalty applies only to objectives of its own service, so move penalty '{2}' into service '{1}'.");

    /// <summary>SLA2014: <c>rolling</c> outside an objective's <c>per</c>.</summary>
    public static DiagnosticDescriptor RollingNotAllowed { get; } = BindingError("SLA2014", "Rolling window not allowed",
        "Only an objective can be measured over a rolling window; give {0} a calendar period (day, week, month, quarter, year or N months).");

    /// <summary>SLA2015: a required clause that is absent.</summary>
    public static DiagnosticDescriptor MissingClause { get; } = BindingError("SLA2015", "Missing clause",
        "{0} has no '{1}' clause; add e.g. '{2}'.");

    /// <summary>SLA2016: a clause given twice.</summary>
    public static DiagnosticDescriptor DuplicateClause { get; } = BindingError("SLA2016", "Duplicate clause",
        "Clause '{0}' is already given at ({1}); keep one.");

    /// <summary>SLA2017: open hours that end at or before they start.</summary>
    public static DiagnosticDescriptor EmptyHours { get; } = BindingError("SLA2017", "Empty open hours",
        "Open hours {0}-{1} end at or before they start; write the end after the start, e.g. 08:00-18:00.");

    /// <summary>SLA2018: a zero step or a zero period count.</summary>
    public static DiagnosticDescriptor ZeroQuantity { get; } = BindingError("SLA2018", "Zero quantity",
        "{0} must be greater than zero.");

    /// <summary>SLA2019: an incident-count target or threshold that is not a whole number.</summary>
    public static DiagnosticDescriptor CountNotWhole { get; } = BindingError("SLA2019", "Count not whole",
        "A count is a whole number, not {0}; write e.g. {1}.");

    /// <summary>SLA2020: working days (<c>5bd</c>) where only a duration belongs.</summary>
    public static DiagnosticDescriptor WorkingDaysNotAllowed { get; } = BindingError("SLA2020", "Working days not allowed",
        "Working days ({0}) only count a due date after a period end; write an exact duration here, e.g. {1}.");

    /// <summary>SLA2021: <c>of</c> on a client or provider, or a subcontractor without <c>of</c>.</summary>
    public static DiagnosticDescriptor PartyOfMisuse { get; } = BindingError("SLA2021", "Party 'of' misuse",
        "{0}");

    /// <summary>SLA2022: a contract-wide value that is not one of its allowed words (model, profile, encryption, control).</summary>
    public static DiagnosticDescriptor UnknownOption { get; } = BindingError("SLA2022", "Unknown option",
        "Unknown {0} '{1}'{2}");

    /// <summary>SLA2023: a penalty with both tiers and a step.</summary>
    public static DiagnosticDescriptor TiersAndStep { get; } = BindingError("SLA2023", "Tiers and step together",
        "Penalty '{0}' has both tiers and a step; the credit would be ambiguous, so keep either the 'when … credit …' tiers or the 'step … credit …'.");

    /// <summary>SLA2024: a condition form that cannot filter events.</summary>
    public static DiagnosticDescriptor UnsupportedCondition { get; } = BindingError("SLA2024", "Unsupported condition",
        "{0} cannot filter events; write 'field == value', 'field != value', 'field in (a, b)', combined with and, or, not.");

    /// <summary>SLA2025: a fee per day, week or rolling window.</summary>
    public static DiagnosticDescriptor InvalidFeePeriod { get; } = BindingError("SLA2025", "Invalid fee period",
        "A fee is per month, quarter, year or N months, not per {0}; convert it, e.g. 'fee 18000 EUR per month'.");

    /// <summary>SLA2026: a term outside the years monitors compute in (those of event timestamps).</summary>
    public static DiagnosticDescriptor TermOutOfRange { get; } = BindingError("SLA2026", "Term outside the supported years",
        "The term must lie within the years {0} to {1} (monitors compute in them), not {2} .. {3}.");

    /// <summary>SLA2027: an import path that is not relative with '/' separators, or does not end in .sla.</summary>
    public static DiagnosticDescriptor InvalidImportPath { get; } = BindingError("SLA2027", "Invalid import path",
        "Import '{0}' {1}; write a path relative to this file with '/' separators, ending in .sla (e.g. 'import \"services/storefront.sla\"').");

    /// <summary>SLA2028: an import that names no readable file.</summary>
    public static DiagnosticDescriptor ImportNotFound { get; } = BindingError("SLA2028", "Imported file not found",
        "Import '{0}' names no file: {1}.");

    /// <summary>SLA2029: an import that leaves its folder tree through a symbolic link.</summary>
    public static DiagnosticDescriptor ImportThroughLink { get; } = BindingError("SLA2029", "Import leaves its folder through a link",
        "Import '{0}' leaves its folder tree '{1}' through a symbolic link (it resolves to '{2}'); import the file where it is, or copy it in.");

    /// <summary>SLA2030: an import that closes a cycle.</summary>
    public static DiagnosticDescriptor ImportCycle { get; } = BindingError("SLA2030", "Import cycle",
        "Import '{0}' closes a cycle ({1}); a file may not import itself, directly or through others.");

    /// <summary>SLA2031: an objective backs an objective the underpinned contract does not have.</summary>
    public static DiagnosticDescriptor UnknownBackedObjective { get; } = BindingError("SLA2031", "Backed objective not found",
        "'{0}' is not an objective of the underpinned contract{1}");

    /// <summary>SLA2032: 'backs' without 'underpins' in the contract header.</summary>
    public static DiagnosticDescriptor BacksWithoutUnderpins { get; } = BindingError("SLA2032", "Backing without an underpinned contract",
        "Objective '{0}' backs '{1}', but the contract names no contract it underpins; add 'underpins \"PATH\"' to its header.");

    /// <summary>SLA2033: the underpinned file holds no contract.</summary>
    public static DiagnosticDescriptor UnderpinsNoContract { get; } = BindingError("SLA2033", "Underpinned file holds no contract",
        "'{0}' {1}; 'underpins' names the contract this one supports.");

    /// <summary>SLA2034: an imported file (or one it imports) has errors; shown by the editor on the import of a file that is not open.</summary>
    public static DiagnosticDescriptor ImportedFileHasErrors { get; } = BindingError("SLA2034", "Imported file has errors",
        "'{0}' has {1}, so this contract has no monitor: {2}");

    // ---- Contract rules (SLA3xxx): lint, level configurable in slaconfig.json. ----

    /// <summary>SLA3000: a <c>slaconfig.json</c> that cannot be used as written.</summary>
    public static DiagnosticDescriptor InvalidConfiguration { get; } = Rule("SLA3000", "Invalid slaconfig.json", DiagnosticSeverity.Error,
        "{0}");

    /// <summary>SLA3001: a RACI activity without exactly one A.</summary>
    public static DiagnosticDescriptor RaciOneAccountable { get; } = Rule("SLA3001", "RACI activity without exactly one accountable role", DiagnosticSeverity.Error,
        "Activity '{0}' {1}; mark exactly one role A.");

    /// <summary>SLA3002: a RACI activity without an R.</summary>
    public static DiagnosticDescriptor RaciResponsible { get; } = Rule("SLA3002", "RACI activity without a responsible role", DiagnosticSeverity.Error,
        "Activity '{0}' has no responsible role; mark at least one role R.");

    /// <summary>SLA3003: a RACI row whose cells do not match the roles header.</summary>
    public static DiagnosticDescriptor RaciRowWidth { get; } = Rule("SLA3003", "RACI row without one cell per role", DiagnosticSeverity.Error,
        "Activity '{0}' has {1} but the roles header names {2}; give one cell per role ('-' for none).");

    /// <summary>SLA3004: a percent target or threshold outside 0%–100%.</summary>
    public static DiagnosticDescriptor TargetRange { get; } = Rule("SLA3004", "Target out of range", DiagnosticSeverity.Error,
        "{0} {1} is out of range; a percent lies between 0% and 100%.");

    /// <summary>SLA3005: penalty tiers not ordered from the mildest to the worst shortfall with growing credits.</summary>
    public static DiagnosticDescriptor TiersMonotonic { get; } = Rule("SLA3005", "Penalty tiers not monotonic", DiagnosticSeverity.Error,
        "Tier 'when {0} credit {1}' does not follow the tier before it ({2}); order tiers from the mildest shortfall to the worst, each with a larger credit.");

    /// <summary>SLA3006: a cap or credit above 100%.</summary>
    public static DiagnosticDescriptor CapRange { get; } = Rule("SLA3006", "Cap or credit above 100%", DiagnosticSeverity.Error,
        "{0} {1} exceeds 100%; a credit cannot exceed the whole base.");

    /// <summary>SLA3007: a term whose end is not after its start.</summary>
    public static DiagnosticDescriptor TermOrder { get; } = Rule("SLA3007", "Term does not end after it starts", DiagnosticSeverity.Error,
        "The term ends on {1}, not after it starts on {0}; write 'term <start> .. <end>' with the end after the start.");

    /// <summary>SLA3008: escalation delays not strictly increasing.</summary>
    public static DiagnosticDescriptor EscalationOrder { get; } = Rule("SLA3008", "Escalation delays not increasing", DiagnosticSeverity.Error,
        "Level {0} of escalation '{1}' comes after {2}, not later than the level before it ({3}); make each 'after' strictly longer than the previous one.");

    /// <summary>SLA3009: a subcontractor of a party that is not a provider.</summary>
    public static DiagnosticDescriptor SubcontractorOfProvider { get; } = Rule("SLA3009", "Subcontractor not of a provider", DiagnosticSeverity.Error,
        "Subcontractor '{0}' is 'of' '{1}', which is a {2}; a subcontractor works for a provider.");

    /// <summary>SLA3010: a regulated contract without residency.</summary>
    public static DiagnosticDescriptor RegulatedResidency { get; } = Rule("SLA3010", "Regulated contract without residency", DiagnosticSeverity.Error,
        "A regulated contract must state where data lives; add 'residency <region>' to the security block.");

    /// <summary>SLA3011: a regulated contract without audits at least quarterly.</summary>
    public static DiagnosticDescriptor RegulatedAudit { get; } = Rule("SLA3011", "Regulated contract without quarterly audits", DiagnosticSeverity.Error,
        "A regulated contract needs audits at least every quarter{0}; write 'audit every quarter' (or more often) in the security block.");

    /// <summary>SLA3012: a regulated contract without recovery tests at least every 6 months.</summary>
    public static DiagnosticDescriptor RegulatedRecoveryTest { get; } = Rule("SLA3012", "Regulated contract without half-yearly recovery tests", DiagnosticSeverity.Error,
        "A regulated contract needs recovery tests at least every 6 months{0}; write 'recovery_test every 6 months' (or more often) in the security block.");

    /// <summary>SLA3013: a regulated contract without access reviews.</summary>
    public static DiagnosticDescriptor RegulatedAccessReview { get; } = Rule("SLA3013", "Regulated contract without access reviews", DiagnosticSeverity.Error,
        "A regulated contract needs periodic access reviews; write e.g. 'access_review every quarter' in the security block.");

    /// <summary>SLA3014: a regulated contract without encryption at rest and in transit.</summary>
    public static DiagnosticDescriptor RegulatedEncryption { get; } = Rule("SLA3014", "Regulated contract without full encryption", DiagnosticSeverity.Error,
        "A regulated contract must encrypt data {0}; write 'encryption at_rest, in_transit' in the security block.");

    /// <summary>SLA3015: a contract without reversibility.</summary>
    public static DiagnosticDescriptor MissingReversibility { get; } = Rule("SLA3015", "Contract without reversibility", DiagnosticSeverity.Warning,
        "Contract '{0}' has no reversibility clause; add 'reversibility {{ notice …; assistance …; deliver … }}' so that the exit terms are agreed.");

    /// <summary>SLA3016: a penalty that can never credit anything.</summary>
    public static DiagnosticDescriptor PenaltyWithoutRate { get; } = Rule("SLA3016", "Penalty with neither tiers nor step", DiagnosticSeverity.Warning,
        "Penalty '{0}' has neither tiers ('when … credit …') nor a step ('step … credit …'), so it never credits anything; add one.");

    /// <summary>SLA3017: measuring in a calendar that is never open.</summary>
    public static DiagnosticDescriptor CalendarWithoutHours { get; } = Rule("SLA3017", "Measuring in a calendar with no open hours", DiagnosticSeverity.Warning,
        "Calendar '{0}' has no open hours, so {1} '{2}' never measures anything; add 'hours' to the calendar or use another one.");

    /// <summary>SLA3018: transition phases out of order, overlapping, or ending before they start.</summary>
    public static DiagnosticDescriptor TransitionOrder { get; } = Rule("SLA3018", "Transition phases out of order", DiagnosticSeverity.Error,
        "Phase '{0}' {1}; list phases in order, each starting after the previous one ends.");

    /// <summary>SLA3019: a tier comparing toward a smaller shortfall.</summary>
    public static DiagnosticDescriptor TierDirection { get; } = Rule("SLA3019", "Penalty tier compares the wrong way", DiagnosticSeverity.Warning,
        "Tier 'when {0}' points away from a breach of target '{1}'; compare with {2} so that the tier holds on a shortfall.");

    /// <summary>SLA3020: a penalty on an objective measured over a rolling window.</summary>
    public static DiagnosticDescriptor PenaltyOnRolling { get; } = Rule("SLA3020", "Penalty on a rolling objective", DiagnosticSeverity.Warning,
        "Penalty '{0}' applies to objective '{1}', which is measured over a rolling window; windows overlap, so one shortfall would be credited many times. Measure the objective per calendar period.");

    /// <summary>SLA3021: a tier credit larger than the cap.</summary>
    public static DiagnosticDescriptor CreditAboveCap { get; } = Rule("SLA3021", "Tier credit above the cap", DiagnosticSeverity.Warning,
        "Credit {0} is above the cap {1}, so it is never paid in full; lower the credit or raise the cap.");

    /// <summary>SLA3022: a regulated contract without reversibility.</summary>
    public static DiagnosticDescriptor RegulatedReversibility { get; } = Rule("SLA3022", "Regulated contract without reversibility", DiagnosticSeverity.Error,
        "A regulated contract must agree its exit terms; add a 'reversibility' block with notice, assistance and deliverables.");

    /// <summary>SLA3023: two open-hour ranges of one calendar overlapping on the same day.</summary>
    public static DiagnosticDescriptor OverlappingHours { get; } = Rule("SLA3023", "Overlapping open hours", DiagnosticSeverity.Warning,
        "Open hours {0} overlap {1} on {2}; merge them into one range.");

    /// <summary>SLA3024: a backing objective looser than the objective it backs.</summary>
    public static DiagnosticDescriptor LooseBacking { get; } = Rule("SLA3024", "Backing objective looser than what it backs", DiagnosticSeverity.Warning,
        "Objective '{0}' ({1}) backs '{2}' ({3}) but {4}; the subcontractor could meet its objective while the provider breaches its own.");

    /// <summary>SLA3025: an objective of the underpinned contract whose service a subcontractor runs, backed by no objective.</summary>
    public static DiagnosticDescriptor UnbackedObjective { get; } = Rule("SLA3025", "Objective run by a subcontractor without backing", DiagnosticSeverity.Warning,
        "Subcontractor '{0}' is responsible for '{1}' in the underpinned contract, but no objective here backs '{2}'; add one with 'backs {2}'.");
}
