using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Handlers.SemanticTokens;

/// <summary>
/// <c>textDocument/semanticTokens/full</c>: tells keywords from names (keywords are contextual, so a role may be
/// called <c>target</c>), colours each name by what it declares or references, and marks literals.
/// </summary>
public static class SemanticTokensHandler
{
    /// <summary>The token types, in legend order.</summary>
    private static readonly string[] Types =
        ["keyword", "class", "variable", "type", "enumMember", "namespace", "property", "function", "event", "struct", "number", "operator"];

    /// <summary>The token types, in legend order.</summary>
    public static IReadOnlyList<string> TokenTypes => Types;

    /// <summary>The token modifiers, in legend order (bit 0 = declaration, bit 1 = defaultLibrary).</summary>
    public static IReadOnlyList<string> TokenModifiers { get; } = ["declaration", "defaultLibrary"];

    /// <summary>The legend announced in the capabilities.</summary>
    public static SemanticTokensLegend Legend { get; } = new(TokenTypes, TokenModifiers);

    /// <summary>The encoded tokens of the whole document.</summary>
    public static Protocol.SemanticTokens Handle(DocumentAnalysis analysis)
    {
        var data = new List<int>();
        var previousLine = 0;
        var previousStart = 0;
        var kinds = DeclaredKinds(analysis.Tree);
        foreach (var token in analysis.Tree.GetTokens())
        {
            if (token.Span.Length == 0 || Classify(token, kinds) is not ({ } type, var modifiers))
            {
                continue;
            }
            var start = analysis.Text.ToPosition(token.Span.Start);
            data.Add(start.Line - previousLine);
            data.Add(start.Line == previousLine ? start.Character - previousStart : start.Character);
            data.Add(token.Span.Length);
            data.Add(Array.IndexOf(Types, type));
            data.Add(modifiers);
            previousLine = start.Line;
            previousStart = start.Character;
        }
        return new Protocol.SemanticTokens(data);
    }

    /// <summary>The (type, modifiers) of one token, or null for tokens left to the grammar (strings, punctuation).</summary>
    public static (string? Type, int Modifiers) Classify(SyntaxToken token, IReadOnlyDictionary<string, string> declaredKinds)
    {
        const int declaration = 1, defaultLibrary = 2;
        if (SyntaxFacts.IsLiteral(token.Kind))
        {
            return token.Kind == SyntaxKind.StringLiteralToken ? (null, 0) : ("number", 0);
        }
        if (SyntaxFacts.IsComparison(token.Kind))
        {
            return ("operator", 0);
        }
        if (token.Kind != SyntaxKind.IdentifierToken)
        {
            return (null, 0);
        }
        switch (token.Parent)
        {
            case DeclarationSyntax d when d.Identifier == token:
                return (TypeOf(SyntaxQueries.KindWord(d)), declaration);
            case RaciRowSyntax row when row.Activity == token:
                return ("struct", declaration);
            case IdentifierNameSyntax name:
                if (name.Parent is DuringClauseSyntax && token.Text == "always")
                {
                    return ("type", defaultLibrary);
                }
                var kind = NamePositions.ExpectedKind(name) ?? declaredKinds.GetValueOrDefault(token.Text);
                return (kind is null ? "variable" : TypeOf(kind), 0);
            case NameExpressionSyntax expression:
                var isField = expression.Parent is BinaryExpressionSyntax b && b.Left == expression
                    || expression.Parent is InExpressionSyntax i && i.Left == expression;
                return isField ? ("property", 0) : (declaredKinds.TryGetValue(token.Text, out var k) ? TypeOf(k) : "enumMember", 0);
            case IndicatorClauseSyntax indicator when indicator.Name == token:
                return ("function", defaultLibrary);
            case RaciCellSyntax:
                return ("enumMember", 0);
        }
        return token.ContextualKind != SyntaxKind.None ? ("keyword", 0) : ("enumMember", 0);
    }

    /// <summary>Each declared name with the keyword of its first declaration.</summary>
    public static IReadOnlyDictionary<string, string> DeclaredKinds(SyntaxTree tree)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var declaration in SyntaxQueries.Declarations(tree))
        {
            if (!declaration.Identifier.IsMissing)
            {
                kinds.TryAdd(declaration.Identifier.Text, SyntaxQueries.KindWord(declaration));
            }
        }
        return kinds;
    }

    private static string TypeOf(string kind) => kind switch
    {
        "party" => "class",
        "role" => "variable",
        "calendar" => "type",
        "severity" => "enumMember",
        "service" or "contract" => "namespace",
        "objective" => "property",
        "penalty" => "function",
        _ => "event",
    };
}
