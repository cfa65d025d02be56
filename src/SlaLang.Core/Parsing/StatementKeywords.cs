using System.Collections.Immutable;
using SlaLang.Syntax;

namespace SlaLang.Parsing;

/// <summary>
/// The one table of which keyword begins a statement in which block: the parser reads it to parse and to report a misplaced
/// statement, its messages list it, and the language server completes statement starts from it.
/// </summary>
public static class StatementKeywords
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

    /// <summary>Each statement keyword with its blocks, in the order completion offers them and messages list them (per block).</summary>
    private static readonly (SyntaxKind Keyword, BlockContext[] Homes)[] Table =
    [
        (SyntaxKind.ImportKeyword, InFile), (SyntaxKind.ContractKeyword, InFile), (SyntaxKind.LibraryKeyword, InFile),
        // The header items: a library holds everything else a contract body holds (LANGUAGE.md §8).
        (SyntaxKind.VersionKeyword, InContract), (SyntaxKind.TermKeyword, InContract), (SyntaxKind.TimezoneKeyword, InContract),
        (SyntaxKind.CurrencyKeyword, InContract), (SyntaxKind.ModelKeyword, InContract), (SyntaxKind.ProfileKeyword, InContract),
        (SyntaxKind.UnderpinsKeyword, InContract),
        (SyntaxKind.PartyKeyword, InContractOrLibrary), (SyntaxKind.RoleKeyword, InContractOrLibrary), (SyntaxKind.CalendarKeyword, InContractOrLibrary),
        (SyntaxKind.SeverityKeyword, InContractOrLibrary), (SyntaxKind.ServiceKeyword, InContractOrLibrary), (SyntaxKind.RaciKeyword, InContractOrLibrary),
        (SyntaxKind.EscalationKeyword, InContractOrLibrary), (SyntaxKind.GovernanceKeyword, InContractOrLibrary),
        (SyntaxKind.ObligationKeyword, InContractOrLibrary), (SyntaxKind.SecurityKeyword, InContractOrLibrary),
        (SyntaxKind.ReversibilityKeyword, InContractOrLibrary), (SyntaxKind.TransitionKeyword, InContractOrLibrary),
        (SyntaxKind.HoursKeyword, InCalendar), (SyntaxKind.HolidaysKeyword, InCalendar),
        (SyntaxKind.FeeKeyword, InService), (SyntaxKind.ObjectiveKeyword, InService), (SyntaxKind.PenaltyKeyword, InService),
        (SyntaxKind.ByKeyword, InObligation), (SyntaxKind.EveryKeyword, InPeriodic), (SyntaxKind.DueKeyword, InObligation),
        (SyntaxKind.IndicatorKeyword, InObjective), (SyntaxKind.TargetKeyword, InObjective), (SyntaxKind.PerKeyword, InObjective),
        (SyntaxKind.DuringKeyword, InCalendared), (SyntaxKind.ExcludeKeyword, InObjective), (SyntaxKind.BacksKeyword, InObjective),
        (SyntaxKind.AfterKeyword, InEscalation),
        (SyntaxKind.BaseKeyword, InPenalty), (SyntaxKind.WhenKeyword, InPenalty), (SyntaxKind.StepKeyword, InPenalty), (SyntaxKind.CapKeyword, InPenalty),
        (SyntaxKind.CommitteeKeyword, InGovernance),
        (SyntaxKind.ChairKeyword, InCommittee), (SyntaxKind.MembersKeyword, InCommittee),
        (SyntaxKind.EncryptionKeyword, InSecurity), (SyntaxKind.BackupsKeyword, InSecurity), (SyntaxKind.RecoveryTestKeyword, InSecurity),
        (SyntaxKind.AuditKeyword, InSecurity), (SyntaxKind.AccessReviewKeyword, InSecurity), (SyntaxKind.ResidencyKeyword, InSecurity),
        (SyntaxKind.EdrKeyword, InSecurity),
        (SyntaxKind.NoticeKeyword, InReversibility), (SyntaxKind.AssistanceKeyword, InReversibility), (SyntaxKind.DeliverKeyword, InReversibility),
        (SyntaxKind.PhaseKeyword, InTransition), (SyntaxKind.OverlapKeyword, InTransition),
    ];

    // Indexed by SyntaxKind: the parser asks for every identifier at a statement start.
    private static readonly BlockContext[]?[] Homes = BuildHomes();

    private static readonly ImmutableArray<string>[] Words = BuildWords();

    private static BlockContext[]?[] BuildHomes()
    {
        var homes = new BlockContext[]?[Table.Max(e => (int)e.Keyword) + 1];
        foreach (var (keyword, blocks) in Table)
        {
            homes[(int)keyword] = blocks;
        }
        return homes;
    }

    private static ImmutableArray<string>[] BuildWords()
    {
        var words = new ImmutableArray<string>[Enum.GetValues<BlockContext>().Length];
        foreach (var context in Enum.GetValues<BlockContext>())
        {
            words[(int)context] = [.. Table.Where(e => Array.IndexOf(e.Homes, context) >= 0).Select(e => SyntaxFacts.GetKeywordText(e.Keyword)!)];
        }
        return words;
    }

    /// <summary>The blocks <paramref name="keyword"/> begins a statement in (the first is its usual home), or null.</summary>
    internal static BlockContext[]? HomeOf(SyntaxKind keyword) => (uint)keyword < (uint)Homes.Length ? Homes[(int)keyword] : null;

    /// <summary>The statement keywords of <paramref name="context"/>, as a message lists them: <c>base, when, step or cap</c>.</summary>
    internal static string Listed(BlockContext context)
    {
        var words = Words[(int)context];
        return words.Length == 1 ? words[0] : $"{string.Join(", ", words.Take(words.Length - 1))} or {words[^1]}";
    }

    /// <summary>
    /// The keywords that may begin a statement directly inside <paramref name="owner"/> (a declaration or block statement whose braces
    /// enclose the position; null at top level), in the order the language lists them; empty for a node that owns no statements.
    /// </summary>
    public static ImmutableArray<string> In(SyntaxNode? owner) => ContextOf(owner) is { } context ? Words[(int)context] : [];

    private static BlockContext? ContextOf(SyntaxNode? owner) => owner switch
    {
        null => BlockContext.File,
        ContractDeclarationSyntax => BlockContext.Contract,
        LibraryDeclarationSyntax => BlockContext.Library,
        CalendarDeclarationSyntax => BlockContext.Calendar,
        ServiceDeclarationSyntax => BlockContext.Service,
        ObjectiveDeclarationSyntax => BlockContext.Objective,
        PenaltyDeclarationSyntax => BlockContext.Penalty,
        EscalationDeclarationSyntax => BlockContext.Escalation,
        GovernanceDeclarationSyntax => BlockContext.Governance,
        CommitteeDeclarationSyntax => BlockContext.Committee,
        ObligationDeclarationSyntax => BlockContext.Obligation,
        SecurityDeclarationSyntax => BlockContext.Security,
        ReversibilityDeclarationSyntax => BlockContext.Reversibility,
        TransitionDeclarationSyntax => BlockContext.Transition,
        _ => null,
    };
}
