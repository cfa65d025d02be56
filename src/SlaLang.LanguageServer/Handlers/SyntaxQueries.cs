using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Handlers;

/// <summary>Questions the handlers ask of a syntax tree: the token at a position, the block around it, the declarations.</summary>
public static class SyntaxQueries
{
    /// <summary>
    /// The token under <paramref name="offset"/>: the one whose text contains it, else a word or literal
    /// ending exactly there (the cursor just after a name) first; null in whitespace, comments and line breaks.
    /// </summary>
    public static SyntaxToken? TokenAt(SyntaxTree tree, int offset)
    {
        var root = tree.Root;
        offset = Math.Clamp(offset, 0, tree.Text.Length);
        if (offset > 0)
        {
            var left = root.FindToken(offset - 1);
            if (left.Span.End == offset && left.Span.Length > 0 && (left.Kind == SyntaxKind.IdentifierToken || SyntaxFacts.IsLiteral(left.Kind)))
            {
                return left;
            }
        }
        var token = root.FindToken(offset);
        return token.Span.Contains(offset) && token.Span.Length > 0 && token.Kind != SyntaxKind.NewLineToken ? token : null;
    }

    /// <summary>The last token that ends at or before <paramref name="offset"/> (skipping zero-width ones), or null.</summary>
    public static SyntaxToken? TokenBefore(SyntaxTree tree, int offset)
    {
        SyntaxToken? before = null;
        foreach (var token in tree.GetTokens())
        {
            if (token.Span.Start >= offset)
            {
                break;
            }
            if (token.Span.Length > 0 && token.Span.End <= offset)
            {
                before = token;
            }
        }
        return before;
    }

    /// <summary>The innermost node owning a brace pair that encloses <paramref name="offset"/> (a declaration, block statement or RACI table), or null at top level.</summary>
    public static SyntaxNode? EnclosingBlockOwner(SyntaxTree tree, int offset)
    {
        SyntaxNode? best = null;
        foreach (var node in tree.Root.DescendantNodes())
        {
            var (open, close) = node switch
            {
                BlockSyntax block => (block.OpenBrace, block.CloseBrace),
                RaciTableSyntax raci => (raci.OpenBrace, raci.CloseBrace),
                _ => (null, null),
            };
            if (open is null || close is null || open.IsMissing || offset < open.Span.End)
            {
                continue;
            }
            if (!close.IsMissing && offset > close.Span.Start)
            {
                continue;
            }
            best = node is BlockSyntax ? node.Parent : node;
        }
        return best;
    }

    /// <summary>The span of a statement from its first token to its last one before the terminator (the line break or <c>;</c> ending it).</summary>
    public static Text.TextSpan SpanWithoutTerminator(StatementSyntax statement)
    {
        var span = statement.Span;
        var end = span.Start;
        foreach (var token in statement.DescendantTokens())
        {
            if (token != statement.Terminator && token.Span.Length > 0)
            {
                end = token.Span.End;
            }
        }
        return Text.TextSpan.FromBounds(span.Start, end);
    }

    /// <summary>Every declaration in the file, in text order.</summary>
    public static IEnumerable<DeclarationSyntax> Declarations(SyntaxTree tree) => tree.Root.DescendantNodesAndSelf<DeclarationSyntax>();

    /// <summary>The keyword that names a declaration's kind (<c>party</c>, <c>objective</c>, …).</summary>
    public static string KindWord(DeclarationSyntax declaration) => declaration switch
    {
        ContractDeclarationSyntax => "contract",
        PartyDeclarationSyntax => "party",
        RoleDeclarationSyntax => "role",
        CalendarDeclarationSyntax => "calendar",
        SeverityDeclarationSyntax => "severity",
        ServiceDeclarationSyntax => "service",
        ObjectiveDeclarationSyntax => "objective",
        PenaltyDeclarationSyntax => "penalty",
        EscalationDeclarationSyntax => "escalation",
        CommitteeDeclarationSyntax => "committee",
        ObligationDeclarationSyntax => "obligation",
        PhaseDeclarationSyntax => "phase",
        _ => "declaration",
    };

    /// <summary>The value of a string literal token, or null.</summary>
    public static string? StringValue(SyntaxToken? token) => token is { IsMissing: false, Kind: SyntaxKind.StringLiteralToken } ? token.Value as string : null;

    /// <summary>The title string of a declaration, when it has one.</summary>
    public static string? Title(DeclarationSyntax declaration) => declaration switch
    {
        ContractDeclarationSyntax d => StringValue(d.Title),
        PartyDeclarationSyntax d => StringValue(d.Title),
        RoleDeclarationSyntax d => StringValue(d.Title),
        SeverityDeclarationSyntax d => StringValue(d.Title),
        ServiceDeclarationSyntax d => StringValue(d.Title),
        ObjectiveDeclarationSyntax d => StringValue(d.Title),
        CommitteeDeclarationSyntax d => StringValue(d.Title),
        ObligationDeclarationSyntax d => StringValue(d.Title),
        PhaseDeclarationSyntax d => StringValue(d.Gate),
        _ => null,
    };

    /// <summary>The statements of the block a node owns (a declaration's body, a block statement, a RACI table), or none.</summary>
    public static IEnumerable<StatementSyntax> BodyStatements(SyntaxNode owner) => owner switch
    {
        ContractDeclarationSyntax d => d.Body.Statements,
        CalendarDeclarationSyntax d => d.Body.Statements,
        ServiceDeclarationSyntax d => d.Body.Statements,
        ObjectiveDeclarationSyntax d => d.Body.Statements,
        PenaltyDeclarationSyntax d => d.Body.Statements,
        EscalationDeclarationSyntax d => d.Body.Statements,
        GovernanceDeclarationSyntax d => d.Body.Statements,
        CommitteeDeclarationSyntax d => d.Body.Statements,
        ObligationDeclarationSyntax d => d.Body.Statements,
        SecurityDeclarationSyntax d => d.Body.Statements,
        ReversibilityDeclarationSyntax d => d.Body.Statements,
        TransitionDeclarationSyntax d => d.Body.Statements,
        RaciTableSyntax d => d.Rows,
        _ => [],
    };
}
