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
            ? [analysis.ToLsp(declared)]
            : [];

    /// <summary>
    /// Every occurrence of the name at <paramref name="position"/> (its declaration included when asked), in every file: those of
    /// this document's compilation, and those of the other open documents' compilations (a contract importing this library).
    /// </summary>
    public static IReadOnlyList<Location> References(DocumentAnalysis analysis, Position position, bool includeDeclaration)
    {
        if (NameAt(analysis, position) is not { Symbol: { } symbol })
        {
            return [];
        }
        return [.. Occurrences(analysis, symbol)
            .Where(l => includeDeclaration || symbol.IsBuiltIn || symbol.NameLocation is not { } declared || !Compilation.SameLocation(l, declared))
            .Select(analysis.ToLsp)];
    }

    /// <summary>Where <paramref name="symbol"/> is named: in this compilation, then in the other open documents', each place once, by file and position.</summary>
    private static IEnumerable<SlaLang.Diagnostics.Location> Occurrences(DocumentAnalysis analysis, Symbol symbol)
    {
        var found = analysis.Model.FindReferences(symbol).ToList();
        if (symbol.NameLocation is { } declaration && analysis.Snapshot.Workspace is { } workspace)
        {
            foreach (var other in workspace.CurrentAnalyses().Where(a => !ReferenceEquals(a, analysis)))
            {
                found.AddRange(other.Compilation.FindReferences(declaration));
            }
        }
        return found
            .DistinctBy(l => (System.IO.Path.GetFullPath(string.IsNullOrEmpty(l.Path) ? "." : l.Path), l.Span))
            .OrderBy(l => ReferenceEquals(l.Text, analysis.Text) ? 0 : 1)
            .ThenBy(l => l.Path, StringComparer.Ordinal)
            .ThenBy(l => l.Span.Start);
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
            var where = clash.IsBuiltIn ? "built into the language"
                : clash.NameLocation is { } at && !ReferenceEquals(at.Text, analysis.Text) ? $"in {System.IO.Path.GetFileName(at.Path)} at line {at.Start.DisplayLine}"
                : $"at line {analysis.Text.GetLinePosition(clash.NameSpan.Start).DisplayLine}";
            throw new RenameException($"'{newName}' is already declared as {article} {kind} {where}; choose another name.");
        }
        var changes = new Dictionary<string, IReadOnlyList<TextEdit>>(StringComparer.Ordinal);
        foreach (var file in Occurrences(analysis, symbol).Select(analysis.ToLsp).GroupBy(l => l.Uri))
        {
            changes[file.Key] = [.. file.Select(l => new TextEdit(l.Range, newName!))];
        }
        return new WorkspaceEdit(changes);
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
            ?? throw new RenameException($"'{token.Text}' is not declared in this contract or the files it imports, so it cannot be renamed.");
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
