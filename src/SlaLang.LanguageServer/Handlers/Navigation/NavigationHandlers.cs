using System.Text.RegularExpressions;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Handlers.Navigation;

/// <summary>Go to definition, find references, prepareRename and rename over the semantic model's symbols and occurrences.</summary>
public static partial class NavigationHandlers
{
    /// <summary>The declaration of the name at <paramref name="position"/>, or none (a keyword, a literal, the built-in <c>always</c>).</summary>
    public static IReadOnlyList<Location> Definition(DocumentAnalysis analysis, Position position) =>
        NameAt(analysis, position) is { Symbol.NameLocation: { } declared }
            ? [new Location(analysis.Snapshot.Uri, analysis.Range(declared.Span))]
            : [];

    /// <summary>Every occurrence of the name at <paramref name="position"/> in text order, its declaration included when asked.</summary>
    public static IReadOnlyList<Location> References(DocumentAnalysis analysis, Position position, bool includeDeclaration)
    {
        if (NameAt(analysis, position) is not { Symbol: { } symbol })
        {
            return [];
        }
        return [.. analysis.Model.FindReferences(symbol)
            .Where(l => includeDeclaration || l.Span != symbol.NameSpan || symbol.IsBuiltIn)
            .OrderBy(l => l.Span.Start)
            .Select(l => new Location(analysis.Snapshot.Uri, analysis.Range(l.Span)))];
    }

    /// <summary>The range and text of the renameable name at <paramref name="position"/>; throws <see cref="RenameException"/> on a keyword, a literal, a built-in or an unresolved name.</summary>
    public static PrepareRenameResult PrepareRename(DocumentAnalysis analysis, Position position)
    {
        var (token, symbol) = Renameable(analysis, position);
        return new PrepareRenameResult(analysis.Range(token.Span), token.Text);
    }

    /// <summary>The edits renaming the name at <paramref name="position"/> to <paramref name="newName"/>; throws <see cref="RenameException"/> when the new name is not valid or already taken in the scope.</summary>
    public static WorkspaceEdit Rename(DocumentAnalysis analysis, Position position, string newName)
    {
        var (_, symbol) = Renameable(analysis, position);
        if (!IdentifierPattern().IsMatch(newName ?? string.Empty))
        {
            throw new RenameException($"'{newName}' is not a valid name: use letters, digits and '_', starting with a letter or '_'.");
        }
        if (analysis.Model.LookupInScopeOf(symbol, newName!) is { } clash && !ReferenceEquals(clash, symbol))
        {
            var kind = clash.KindDisplay;
            var article = "aeiou".Contains(kind[0]) ? "an" : "a";
            var where = clash.IsBuiltIn ? "built into the language" : $"at line {analysis.Text.GetLinePosition(clash.NameSpan.Start).DisplayLine}";
            throw new RenameException($"'{newName}' is already declared as {article} {kind} {where}; choose another name.");
        }
        var edits = analysis.Model.FindReferences(symbol)
            .OrderBy(l => l.Span.Start)
            .Select(l => new TextEdit(analysis.Range(l.Span), newName!))
            .ToList();
        return new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>> { [analysis.Snapshot.Uri] = edits });
    }

    /// <summary>The hover text of a declared or referenced name: its declaration line and <c>///</c> doc.</summary>
    public static string? Describe(DocumentAnalysis analysis, SyntaxToken token)
    {
        if (!NamePositions.IsName(token) || analysis.SymbolAt(token.Span.Start) is not { } symbol)
        {
            return null;
        }
        return $"```sla\n{symbol.ToDisplayString()}\n```" + (symbol.Doc is { } doc ? "\n\n" + doc : string.Empty);
    }

    private static (SyntaxToken Token, Symbol Symbol) Renameable(DocumentAnalysis analysis, Position position)
    {
        var token = SyntaxQueries.TokenAt(analysis.Tree, analysis.Text.ToOffset(position));
        if (token is null || !NamePositions.IsName(token))
        {
            var what = token is null ? "nothing" : SyntaxFacts.IsLiteral(token.Kind) ? "a literal" : token.Kind == SyntaxKind.IdentifierToken ? "a keyword" : "punctuation";
            throw new RenameException($"Cannot rename {what}: place the cursor on a declared name.");
        }
        var symbol = analysis.SymbolAt(token.Span.Start)
            ?? throw new RenameException($"'{token.Text}' is not declared in this contract, so it cannot be renamed.");
        if (symbol.IsBuiltIn)
        {
            throw new RenameException($"'{symbol.Name}' is built into the language and cannot be renamed.");
        }
        return (token, symbol);
    }

    private static (SyntaxToken Token, Symbol? Symbol)? NameAt(DocumentAnalysis analysis, Position position)
    {
        var token = SyntaxQueries.TokenAt(analysis.Tree, analysis.Text.ToOffset(position));
        return token is not null && NamePositions.IsName(token) ? (token, analysis.SymbolAt(token.Span.Start)) : null;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}

/// <summary>A rename that cannot be done, with the reason shown to the user.</summary>
public sealed class RenameException(string message) : Exception(message);
