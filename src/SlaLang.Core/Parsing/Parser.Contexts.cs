using SlaLang.Syntax;

namespace SlaLang.Parsing;

internal sealed partial class Parser
{
    private static readonly BlockContext[] InFile = [BlockContext.File];
    private static readonly BlockContext[] InContract = [BlockContext.Contract];
    private static readonly BlockContext[] InContractOrLibrary = [BlockContext.Contract, BlockContext.Library];
    private static readonly BlockContext[] InCalendar = [BlockContext.Calendar];
    private static readonly BlockContext[] InService = [BlockContext.Service];
    private static readonly BlockContext[] InObjective = [BlockContext.Objective];
    private static readonly BlockContext[] InPenalty = [BlockContext.Penalty];
    private static readonly BlockContext[] InEscalation = [BlockContext.Escalation];
    private static readonly BlockContext[] InGovernance = [BlockContext.Governance];
    private static readonly BlockContext[] InCommittee = [BlockContext.Committee];
    private static readonly BlockContext[] InObligation = [BlockContext.Obligation];
    private static readonly BlockContext[] InSecurity = [BlockContext.Security];
    private static readonly BlockContext[] InReversibility = [BlockContext.Reversibility];
    private static readonly BlockContext[] InTransition = [BlockContext.Transition];
    private static readonly BlockContext[] InPeriodic = [BlockContext.Committee, BlockContext.Obligation];
    private static readonly BlockContext[] InCalendared = [BlockContext.Objective, BlockContext.Escalation, BlockContext.Obligation];

    /// <summary>The blocks a statement keyword belongs in (the first is where a message suggests moving it), or null if the
    /// word begins no statement.</summary>
    private static BlockContext[]? HomeOf(SyntaxKind keyword) => keyword switch
    {
        SyntaxKind.ContractKeyword or SyntaxKind.LibraryKeyword or SyntaxKind.ImportKeyword => InFile,
        // The header items: a library holds everything else a contract body holds (LANGUAGE.md §8).
        SyntaxKind.VersionKeyword or SyntaxKind.TermKeyword or SyntaxKind.TimezoneKeyword or SyntaxKind.CurrencyKeyword
            or SyntaxKind.ModelKeyword or SyntaxKind.ProfileKeyword or SyntaxKind.UnderpinsKeyword => InContract,
        SyntaxKind.PartyKeyword or SyntaxKind.RoleKeyword
            or SyntaxKind.CalendarKeyword or SyntaxKind.SeverityKeyword or SyntaxKind.ServiceKeyword or SyntaxKind.RaciKeyword
            or SyntaxKind.EscalationKeyword or SyntaxKind.GovernanceKeyword or SyntaxKind.ObligationKeyword or SyntaxKind.SecurityKeyword
            or SyntaxKind.ReversibilityKeyword or SyntaxKind.TransitionKeyword => InContractOrLibrary,
        SyntaxKind.HoursKeyword or SyntaxKind.HolidaysKeyword => InCalendar,
        SyntaxKind.FeeKeyword or SyntaxKind.ObjectiveKeyword or SyntaxKind.PenaltyKeyword => InService,
        SyntaxKind.IndicatorKeyword or SyntaxKind.TargetKeyword or SyntaxKind.PerKeyword or SyntaxKind.ExcludeKeyword
            or SyntaxKind.BacksKeyword => InObjective,
        SyntaxKind.DuringKeyword => InCalendared,
        SyntaxKind.BaseKeyword or SyntaxKind.WhenKeyword or SyntaxKind.StepKeyword or SyntaxKind.CapKeyword => InPenalty,
        SyntaxKind.AfterKeyword => InEscalation,
        SyntaxKind.CommitteeKeyword => InGovernance,
        SyntaxKind.EveryKeyword => InPeriodic,
        SyntaxKind.ChairKeyword or SyntaxKind.MembersKeyword => InCommittee,
        SyntaxKind.ByKeyword or SyntaxKind.DueKeyword => InObligation,
        SyntaxKind.EncryptionKeyword or SyntaxKind.BackupsKeyword or SyntaxKind.RecoveryTestKeyword or SyntaxKind.AuditKeyword
            or SyntaxKind.AccessReviewKeyword or SyntaxKind.ResidencyKeyword or SyntaxKind.EdrKeyword => InSecurity,
        SyntaxKind.NoticeKeyword or SyntaxKind.AssistanceKeyword or SyntaxKind.DeliverKeyword => InReversibility,
        SyntaxKind.PhaseKeyword or SyntaxKind.OverlapKeyword => InTransition,
        _ => null,
    };

    /// <summary>How a message names a block: "a service" (or "the file").</summary>
    private static string Describe(BlockContext context) => context switch
    {
        BlockContext.File => "the file (top level)",
        BlockContext.Contract => "a contract",
        BlockContext.Library => "a library",
        BlockContext.Calendar => "a calendar",
        BlockContext.Service => "a service",
        BlockContext.Objective => "an objective",
        BlockContext.Penalty => "a penalty",
        BlockContext.Escalation => "an escalation",
        BlockContext.Governance => "governance",
        BlockContext.Committee => "a committee",
        BlockContext.Obligation => "an obligation",
        BlockContext.Security => "security",
        BlockContext.Reversibility => "reversibility",
        _ => "transition",
    };

    /// <summary>The statements a block accepts, as a message lists them.</summary>
    private static string ExpectedStatements(BlockContext context) => context switch
    {
        BlockContext.File => "'import', 'contract' or 'library'",
        BlockContext.Contract => "version, term, timezone, currency, model, profile, underpins, party, role, calendar, severity, service, raci, escalation, governance, obligation, security, reversibility or transition",
        BlockContext.Library => "party, role, calendar, severity, service, raci, escalation, governance, obligation, security, reversibility or transition",
        BlockContext.Calendar => "hours or holidays",
        BlockContext.Service => "fee, objective or penalty",
        BlockContext.Objective => "indicator, target, per, during, exclude or backs",
        BlockContext.Penalty => "base, when, step or cap",
        BlockContext.Escalation => "during or after",
        BlockContext.Governance => "committee",
        BlockContext.Committee => "every, chair or members",
        BlockContext.Obligation => "by, every, due or during",
        BlockContext.Security => "encryption, backups, recovery_test, audit, access_review, residency or edr",
        BlockContext.Reversibility => "notice, assistance or deliver",
        _ => "phase or overlap",
    };
}
