using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Handlers;

/// <summary>Where the grammar puts names: which tokens declare or reference a name, and of what kind a reference must be.</summary>
public static class NamePositions
{
    /// <summary>Whether <paramref name="token"/> is a name (declared, referenced, an activity or a value in a condition) rather than a keyword.</summary>
    public static bool IsName(SyntaxToken token) => token.Parent switch
    {
        DeclarationSyntax declaration => declaration.Identifier == token,
        IdentifierNameSyntax => true,
        RaciRowSyntax row => row.Activity == token,
        NameExpressionSyntax expression => !IsField(expression),
        _ => false,
    };

    /// <summary>Whether a name in a condition is the field compared (<c>severity</c> in <c>severity == sev1</c>), not a value.</summary>
    public static bool IsField(NameExpressionSyntax expression) =>
        expression.Parent is BinaryExpressionSyntax b && b.Left == expression || expression.Parent is InExpressionSyntax i && i.Left == expression;

    /// <summary>The kinds a reference at <paramref name="token"/> may name (empty when it is no reference).</summary>
    public static SymbolKind[] ExpectedKinds(SyntaxToken token) => token.Parent switch
    {
        IdentifierNameSyntax { Parent: OfClauseSyntax or ByClauseSyntax } => [SymbolKind.Party],
        IdentifierNameSyntax { Parent: DuringClauseSyntax } => [SymbolKind.Calendar],
        IdentifierNameSyntax { Parent: PenaltyDeclarationSyntax } => [SymbolKind.Objective],
        IdentifierNameSyntax { Parent: RaciHeaderSyntax or EscalationLevelSyntax or ChairClauseSyntax or MembersClauseSyntax } => [SymbolKind.Role],
        NameExpressionSyntax expression when !IsField(expression) => [SymbolKind.Severity, SymbolKind.Service],
        _ => [],
    };
}
