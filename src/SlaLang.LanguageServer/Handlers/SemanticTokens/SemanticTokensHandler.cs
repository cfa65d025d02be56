using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.Semantics;
using SymbolKind = SlaLang.Semantics.SymbolKind;
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
        var names = new Dictionary<int, SymbolOccurrence>();
        foreach (var occurrence in analysis.Model.GetOccurrences())
        {
            names.TryAdd(occurrence.Span.Start, occurrence);
        }
        foreach (var token in analysis.Tree.GetTokens())
        {
            if (token.Span.Length == 0)
            {
                continue;
            }
            var (type, modifiers) = names.TryGetValue(token.Span.Start, out var name) && name.Span == token.Span
                ? (TypeOf(name.Symbol.Kind), (name.IsDeclaration ? Declaration : 0) | (name.Symbol.IsBuiltIn ? DefaultLibrary : 0))
                : Classify(token);
            if (type is null)
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

    /// <summary>The (type, modifiers) of a token that names no symbol, or a null type for tokens left to the grammar (strings, punctuation).</summary>
    public static (string? Type, int Modifiers) Classify(SyntaxToken token)
    {
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
        return token.Parent switch
        {
            NameExpressionSyntax expression when NamePositions.IsField(expression) => ("property", 0),
            IndicatorClauseSyntax indicator when indicator.Name == token => ("function", DefaultLibrary),
            RaciCellSyntax => ("enumMember", 0),
            _ when NamePositions.IsName(token) => ("variable", 0),
            _ when token.ContextualKind != SyntaxKind.None => ("keyword", 0),
            _ => ("enumMember", 0),
        };
    }

    private const int Declaration = 1;
    private const int DefaultLibrary = 2;

    private static string TypeOf(Semantics.SymbolKind kind) => kind switch
    {
        Semantics.SymbolKind.Party => "class",
        Semantics.SymbolKind.Role => "variable",
        Semantics.SymbolKind.Calendar => "type",
        Semantics.SymbolKind.Severity => "enumMember",
        Semantics.SymbolKind.Service or Semantics.SymbolKind.Contract => "namespace",
        Semantics.SymbolKind.Objective => "property",
        Semantics.SymbolKind.Penalty => "function",
        Semantics.SymbolKind.RaciActivity => "struct",
        _ => "event",
    };
}
