using SlaLang.Syntax;

namespace SlaLang.Parsing;

internal sealed partial class Parser
{
    /// <summary>The blocks a statement keyword belongs in (the first is where a message suggests moving it), or null if the
    /// word begins no statement.</summary>
    private static BlockContext[]? HomeOf(SyntaxKind keyword) => StatementKeywords.HomeOf(keyword);

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
    private static string ExpectedStatements(BlockContext context) =>
        context == BlockContext.File ? "'import', 'contract' or 'library'" : StatementKeywords.Listed(context);
}
