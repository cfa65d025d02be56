using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Handlers.Navigation;

/// <summary>
/// Every declared name of a file and every token that refers to one, resolved from the syntax alone so that
/// navigation works in half-typed code: a reference resolves to the declaration of its name and expected kind
/// (objectives within the same service first).
/// </summary>
public sealed class NameIndex
{
    private readonly List<DeclarationSyntax> declarations;
    private readonly Dictionary<SyntaxToken, DeclarationSyntax> resolved = new(ReferenceEqualityComparer.Instance);

    private NameIndex(SyntaxTree tree)
    {
        declarations = [.. SyntaxQueries.Declarations(tree).Where(d => !d.Identifier.IsMissing)];
        foreach (var declaration in declarations)
        {
            resolved[declaration.Identifier] = declaration;
        }
        foreach (var node in tree.Root.DescendantNodes())
        {
            var (token, kinds) = node switch
            {
                IdentifierNameSyntax name => (name.Identifier, NamePositions.ExpectedKind(name) is { } k ? new[] { k } : null),
                NameExpressionSyntax value when !IsField(value) => (value.Identifier, new[] { "severity", "service" }),
                _ => (null, null),
            };
            if (token is null || token.IsMissing || Find(token.Text, kinds, node) is not { } target)
            {
                continue;
            }
            resolved[token] = target;
        }
    }

    /// <summary>Builds the index of <paramref name="tree"/>.</summary>
    public static NameIndex Build(SyntaxTree tree) => new(tree);

    /// <summary>Every declaration with a name, in text order.</summary>
    public IReadOnlyList<DeclarationSyntax> Declarations => declarations;

    /// <summary>The declaration <paramref name="token"/> declares or refers to, or null.</summary>
    public DeclarationSyntax? Resolve(SyntaxToken token) => resolved.GetValueOrDefault(token);

    /// <summary>The declaring token and every reference to <paramref name="declaration"/>, in text order.</summary>
    public IEnumerable<SyntaxToken> References(DeclarationSyntax declaration) =>
        resolved.Where(p => ReferenceEquals(p.Value, declaration)).Select(p => p.Key).OrderBy(t => t.Span.Start);

    /// <summary>The declarations in the same scope as <paramref name="declaration"/> (its service for objectives and penalties, else the contract).</summary>
    public IEnumerable<DeclarationSyntax> SameScope(DeclarationSyntax declaration)
    {
        var service = Service(declaration);
        return declarations.Where(d => ReferenceEquals(Service(d), service) && d is not ContractDeclarationSyntax);
    }

    private DeclarationSyntax? Find(string name, string[]? kinds, SyntaxNode at)
    {
        DeclarationSyntax? fallback = null;
        var service = at.Ancestors().OfType<ServiceDeclarationSyntax>().FirstOrDefault();
        foreach (var declaration in declarations)
        {
            if (declaration.Identifier.Text != name || (kinds is not null && !kinds.Contains(SyntaxQueries.KindWord(declaration))))
            {
                continue;
            }
            if (declaration is not (ObjectiveDeclarationSyntax or PenaltyDeclarationSyntax) || ReferenceEquals(Service(declaration), service))
            {
                return declaration;
            }
            fallback ??= declaration;
        }
        return fallback;
    }

    private static ServiceDeclarationSyntax? Service(DeclarationSyntax declaration) =>
        declaration is ObjectiveDeclarationSyntax or PenaltyDeclarationSyntax ? declaration.Ancestors().OfType<ServiceDeclarationSyntax>().FirstOrDefault() : null;

    private static bool IsField(NameExpressionSyntax expression) =>
        expression.Parent is BinaryExpressionSyntax b && b.Left == expression || expression.Parent is InExpressionSyntax i && i.Left == expression;
}
