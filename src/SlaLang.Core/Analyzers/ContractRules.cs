using System.Collections.Immutable;
using SlaLang.Diagnostics;

namespace SlaLang.Analyzers;

/// <summary>A contract rule (lint): its catalog entry and a kebab-case name usable in <c>slaconfig.json</c> instead of the code.</summary>
public sealed record ContractRule(DiagnosticDescriptor Descriptor, string Name)
{
    /// <summary>The stable code, e.g. <c>SLA3004</c>.</summary>
    public string Code => Descriptor.Code;

    /// <summary>The level when no configuration changes it.</summary>
    public RuleLevel DefaultLevel => Descriptor.DefaultSeverity switch
    {
        DiagnosticSeverity.Error => RuleLevel.Error,
        DiagnosticSeverity.Warning => RuleLevel.Warning,
        DiagnosticSeverity.Info => RuleLevel.Info,
        _ => RuleLevel.Off,
    };
}

/// <summary>The contract rules of LANGUAGE.md §5 and the checks a professional tool adds, by code.</summary>
public static class ContractRules
{
    /// <summary>SLA3000: <c>slaconfig.json</c> itself is invalid.</summary>
    public static readonly ContractRule InvalidConfiguration = new(DiagnosticCatalog.InvalidConfiguration, "invalid-configuration");
    /// <summary>SLA3001: a RACI activity needs exactly one A.</summary>
    public static readonly ContractRule RaciOneAccountable = new(DiagnosticCatalog.RaciOneAccountable, "raci-one-accountable");
    /// <summary>SLA3002: a RACI activity needs at least one R.</summary>
    public static readonly ContractRule RaciResponsible = new(DiagnosticCatalog.RaciResponsible, "raci-responsible");
    /// <summary>SLA3003: a RACI row has one cell per role of the header.</summary>
    public static readonly ContractRule RaciRowWidth = new(DiagnosticCatalog.RaciRowWidth, "raci-row-width");
    /// <summary>SLA3004: a percent target or threshold lies within 0%–100%.</summary>
    public static readonly ContractRule TargetRange = new(DiagnosticCatalog.TargetRange, "target-range");
    /// <summary>SLA3005: penalty tiers grow stricter and richer in order.</summary>
    public static readonly ContractRule TiersMonotonic = new(DiagnosticCatalog.TiersMonotonic, "tiers-monotonic");
    /// <summary>SLA3006: a cap or credit is at most 100%.</summary>
    public static readonly ContractRule CapRange = new(DiagnosticCatalog.CapRange, "cap-range");
    /// <summary>SLA3007: the term ends after it starts.</summary>
    public static readonly ContractRule TermOrder = new(DiagnosticCatalog.TermOrder, "term-order");
    /// <summary>SLA3024: a backing objective is looser than the objective it backs (flow-down).</summary>
    public static readonly ContractRule LooseBacking = new(DiagnosticCatalog.LooseBacking, "loose-backing");
    /// <summary>SLA3025: an underpinned objective run by a subcontractor has no backing objective (flow-down).</summary>
    public static readonly ContractRule UnbackedObjective = new(DiagnosticCatalog.UnbackedObjective, "unbacked-objective");
    /// <summary>SLA3008: escalation levels come strictly later one after the other.</summary>
    public static readonly ContractRule EscalationOrder = new(DiagnosticCatalog.EscalationOrder, "escalation-order");
    /// <summary>SLA3009: a subcontractor works for a provider.</summary>
    public static readonly ContractRule SubcontractorOfProvider = new(DiagnosticCatalog.SubcontractorOfProvider, "subcontractor-of-provider");
    /// <summary>SLA3010: a regulated contract states data residency.</summary>
    public static readonly ContractRule RegulatedResidency = new(DiagnosticCatalog.RegulatedResidency, "regulated-residency");
    /// <summary>SLA3011: a regulated contract has audits at least quarterly.</summary>
    public static readonly ContractRule RegulatedAudit = new(DiagnosticCatalog.RegulatedAudit, "regulated-audit");
    /// <summary>SLA3012: a regulated contract has recovery tests at least every 6 months.</summary>
    public static readonly ContractRule RegulatedRecoveryTest = new(DiagnosticCatalog.RegulatedRecoveryTest, "regulated-recovery-test");
    /// <summary>SLA3013: a regulated contract has access reviews.</summary>
    public static readonly ContractRule RegulatedAccessReview = new(DiagnosticCatalog.RegulatedAccessReview, "regulated-access-review");
    /// <summary>SLA3014: a regulated contract encrypts at rest and in transit.</summary>
    public static readonly ContractRule RegulatedEncryption = new(DiagnosticCatalog.RegulatedEncryption, "regulated-encryption");
    /// <summary>SLA3015: a contract states its exit terms.</summary>
    public static readonly ContractRule MissingReversibility = new(DiagnosticCatalog.MissingReversibility, "missing-reversibility");
    /// <summary>SLA3016: a penalty has tiers or a step.</summary>
    public static readonly ContractRule PenaltyWithoutRate = new(DiagnosticCatalog.PenaltyWithoutRate, "penalty-without-rate");
    /// <summary>SLA3017: a calendar used for measuring has open hours.</summary>
    public static readonly ContractRule CalendarWithoutHours = new(DiagnosticCatalog.CalendarWithoutHours, "calendar-without-hours");
    /// <summary>SLA3018: transition phases are in order and do not overlap.</summary>
    public static readonly ContractRule TransitionOrder = new(DiagnosticCatalog.TransitionOrder, "transition-order");
    /// <summary>SLA3019: a tier's comparison points the way a breach goes.</summary>
    public static readonly ContractRule TierDirection = new(DiagnosticCatalog.TierDirection, "tier-direction");
    /// <summary>SLA3020: a penalty on a rolling objective credits overlapping windows.</summary>
    public static readonly ContractRule PenaltyOnRolling = new(DiagnosticCatalog.PenaltyOnRolling, "penalty-on-rolling");
    /// <summary>SLA3021: a tier credit above the cap can never be paid in full.</summary>
    public static readonly ContractRule CreditAboveCap = new(DiagnosticCatalog.CreditAboveCap, "credit-above-cap");
    /// <summary>SLA3022: a regulated contract states its exit terms.</summary>
    public static readonly ContractRule RegulatedReversibility = new(DiagnosticCatalog.RegulatedReversibility, "regulated-reversibility");
    /// <summary>SLA3023: open hours of one calendar overlap on the same day.</summary>
    public static readonly ContractRule OverlappingHours = new(DiagnosticCatalog.OverlappingHours, "overlapping-hours");

    /// <summary>Every rule, by code order.</summary>
    public static ImmutableArray<ContractRule> All { get; } =
    [
        InvalidConfiguration, RaciOneAccountable, RaciResponsible, RaciRowWidth, TargetRange, TiersMonotonic, CapRange, TermOrder,
        EscalationOrder, SubcontractorOfProvider, RegulatedResidency, RegulatedAudit, RegulatedRecoveryTest, RegulatedAccessReview,
        RegulatedEncryption, MissingReversibility, PenaltyWithoutRate, CalendarWithoutHours, TransitionOrder, TierDirection,
        PenaltyOnRolling, CreditAboveCap, RegulatedReversibility, OverlappingHours, LooseBacking, UnbackedObjective,
    ];

    private static readonly ImmutableDictionary<string, ContractRule> ByKey =
        All.SelectMany(r => new[] { KeyValuePair.Create(r.Code, r), KeyValuePair.Create(r.Name, r) })
            .ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The rule with this code (<c>SLA3004</c>) or name (<c>target-range</c>), case-insensitive; null if none.</summary>
    public static ContractRule? Find(string codeOrName) => ByKey.GetValueOrDefault(codeOrName);
}
