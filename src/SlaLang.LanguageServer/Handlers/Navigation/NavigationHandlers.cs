using System.Text.RegularExpressions;
using SlaLang.LanguageServer.Handlers.Hover;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Handlers.Navigation;

/// <summary>Go to definition, find references, prepareRename and rename over the <see cref="NameIndex"/>.</summary>
public static partial class NavigationHandlers
{
    /// <summary>The declaration of the name at <paramref name="position"/>, or none.</summary>
    public static IReadOnlyList<Location> Definition(DocumentAnalysis analysis, Position position) =>
        At(analysis, position) is (_, { } declaration)
            ? [new Location(analysis.Snapshot.Uri, analysis.Range(declaration.Identifier.Span))]
            : [];

    /// <summary>Every occurrence of the name at <paramref name="position"/>, its declaration included when asked.</summary>
    public static IReadOnlyList<Location> References(DocumentAnalysis analysis, Position position, bool includeDeclaration)
    {
        if (At(analysis, position) is not (_, { } declaration))
        {
            return [];
        }
        return [.. analysis.Names.References(declaration)
            .Where(t => includeDeclaration || t != declaration.Identifier)
            .Select(t => new Location(analysis.Snapshot.Uri, analysis.Range(t.Span)))];
    }

    /// <summary>The range and text of the renameable name at <paramref name="position"/>; throws <see cref="RenameException"/> on a keyword, literal or unresolved name.</summary>
    public static PrepareRenameResult PrepareRename(DocumentAnalysis analysis, Position position)
    {
        var token = SyntaxQueries.TokenAt(analysis.Tree, analysis.Text.ToOffset(position));
        if (token is null || !NamePositions.IsName(token))
        {
            var what = token is null ? "nothing" : SyntaxFacts.IsLiteral(token.Kind) ? "a literal" : token.Kind == SyntaxKind.IdentifierToken ? "a keyword" : "punctuation";
            throw new RenameException($"Cannot rename {what}: place the cursor on a declared name.");
        }
        if (analysis.Names.Resolve(token) is null)
        {
            throw new RenameException($"'{token.Text}' is not declared in this contract, so it cannot be renamed.");
        }
        return new PrepareRenameResult(analysis.Range(token.Span), token.Text);
    }

    /// <summary>The edits renaming the name at <paramref name="position"/> to <paramref name="newName"/>; throws <see cref="RenameException"/> when the new name is not valid.</summary>
    public static WorkspaceEdit Rename(DocumentAnalysis analysis, Position position, string newName)
    {
        PrepareRename(analysis, position);
        var (_, declaration) = At(analysis, position);
        if (!IdentifierPattern().IsMatch(newName ?? string.Empty))
        {
            throw new RenameException($"'{newName}' is not a valid name: use letters, digits and '_', starting with a letter or '_'.");
        }
        if (analysis.Names.SameScope(declaration!).FirstOrDefault(d => d.Identifier.Text == newName && !ReferenceEquals(d, declaration)) is { } clash)
        {
            var line = analysis.Text.GetLinePosition(clash.Identifier.Span.Start);
            var kind = SyntaxQueries.KindWord(clash);
            var article = "aeiou".Contains(kind[0]) ? "an" : "a";
            throw new RenameException($"'{newName}' is already declared as {article} {kind} at line {line.DisplayLine}; choose another name.");
        }
        var edits = analysis.Names.References(declaration!).Select(t => new TextEdit(analysis.Range(t.Span), newName!)).ToList();
        return new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>> { [analysis.Snapshot.Uri] = edits });
    }

    /// <summary>The hover text of a declared or referenced name: its declaration line and <c>///</c> doc.</summary>
    public static string? Describe(DocumentAnalysis analysis, SyntaxToken token)
    {
        if (!NamePositions.IsName(token) || analysis.Names.Resolve(token) is not { } declaration)
        {
            return null;
        }
        var kind = SyntaxQueries.KindWord(declaration);
        var signature = $"{kind} {declaration.Identifier.Text}";
        switch (declaration)
        {
            case PartyDeclarationSyntax party:
                signature += $" {party.KindKeyword.Text}" + (party.Of is { } of ? $" of {of.Name.Identifier.Text}" : string.Empty);
                break;
            case RoleDeclarationSyntax role:
                signature += $" of {role.Of.Name.Identifier.Text}";
                break;
            case PenaltyDeclarationSyntax penalty:
                signature += $" on {penalty.Objective.Identifier.Text}";
                break;
            case ObjectiveDeclarationSyntax objective:
                var facts = ObjectiveFacts.Of(objective);
                var target = objective.Body.Statements.OfType<TargetClauseSyntax>().FirstOrDefault();
                signature += $" : {facts.Indicator}" + (target is null ? string.Empty : $" {target.Operator.Text} {target.Value.Text}") + (facts.PeriodUnit is null ? string.Empty : $" per {facts.PeriodUnit}");
                break;
        }
        if (SyntaxQueries.Title(declaration) is { } title)
        {
            signature += $" \"{title}\"";
        }
        var doc = declaration.GetDocumentation();
        return $"```sla\n{signature}\n```" + (doc is null ? string.Empty : "\n\n" + doc);
    }

    private static (SyntaxToken? Token, DeclarationSyntax? Declaration) At(DocumentAnalysis analysis, Position position)
    {
        var token = SyntaxQueries.TokenAt(analysis.Tree, analysis.Text.ToOffset(position));
        return token is null ? (null, null) : (token, analysis.Names.Resolve(token));
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}

/// <summary>A rename that cannot be done, with the reason shown to the user.</summary>
public sealed class RenameException(string message) : Exception(message);
