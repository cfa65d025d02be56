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
        NameExpressionSyntax => true,
        _ => false,
    };

    /// <summary>The declaration keyword of what a reference at <paramref name="name"/> must name (<c>party</c>, <c>role</c>, <c>calendar</c>, <c>objective</c>), or null.</summary>
    public static string? ExpectedKind(IdentifierNameSyntax name) => name.Parent switch
    {
        OfClauseSyntax => "party",
        ByClauseSyntax => "party",
        DuringClauseSyntax => "calendar",
        PenaltyDeclarationSyntax => "objective",
        RaciHeaderSyntax or EscalationLevelSyntax or ChairClauseSyntax or MembersClauseSyntax => "role",
        _ => null,
    };
}
