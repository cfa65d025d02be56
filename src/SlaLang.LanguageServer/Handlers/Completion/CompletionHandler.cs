using SlaLang.LanguageServer.Handlers.Hover;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.Semantics;
using SymbolKind = SlaLang.Semantics.SymbolKind;
using SlaLang.Parsing;
using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Handlers.Completion;

/// <summary>
/// <c>textDocument/completion</c>, working in half-typed code: from the block around the cursor and the words
/// already on its line it offers the keywords valid there, snippets for blocks, or the names that fit
/// (roles, parties, calendars, severities, objectives of the service, indicators, periods).
/// </summary>
public static class CompletionHandler
{
    private static readonly IReadOnlyList<string> Indicators = SlaLang.Runtime.IndicatorCatalog.Names;

    private static readonly string[] Periods = ["day", "week", "month", "quarter", "year"];

    /// <summary>The completion items at <paramref name="position"/>.</summary>
    public static CompletionList Handle(DocumentAnalysis analysis, Position position)
    {
        var tree = analysis.Tree;
        var offset = analysis.Text.ToOffset(position);
        var typed = SyntaxQueries.TokenAt(tree, offset);
        if (ImportPath(tree, offset) is { } import)
        {
            return new CompletionList(false, ImportPaths(tree.Path, import));
        }
        var wordStart = typed is { Kind: SyntaxKind.IdentifierToken } && typed.Span.Start < offset ? typed.Span.Start : offset;
        var line = LineTokens(tree, analysis.Text.GetLineSpan(position.Line >= 0 && position.Line < analysis.Text.LineCount ? position.Line : analysis.Text.GetLineIndex(offset)).Start, wordStart);
        var owner = EnclosingOwner(tree, offset);
        return new CompletionList(false, Items(analysis, owner, line));
    }

    private static List<CompletionItem> Items(DocumentAnalysis analysis, SyntaxNode? owner, IReadOnlyList<SyntaxToken> line)
    {
        var block = OwnerWord(owner);
        var model = analysis.Model;
        if (line.Count == 0)
        {
            return StatementStart(owner, block);
        }
        var first = line[0].Text;
        var previous = line[^1];
        var prev = previous.Text;
        if (block == "raci")
        {
            return first == "roles" ? Names(model, SymbolKind.Role) : [.. new[] { "R", "A", "C", "I", "RA", "CI", "-" }.Select(c => Word(c, CompletionItemKind.EnumMember))];
        }
        if (line.Any(t => t.Text == "where") && prev != "where")
        {
            return [.. Names(model, SymbolKind.Severity), .. Names(model, SymbolKind.Service), .. Keywords("in", "not", "and", "or")];
        }
        switch (prev)
        {
            case "during":
                return Names(model, SymbolKind.Calendar);
            case "of" or "by":
                return Names(model, SymbolKind.Party);
            case "notify" or "chair" or "members":
                return Names(model, SymbolKind.Role);
            case "," when first is "members" or "after":
                return Names(model, SymbolKind.Role);
            case "on" when first == "penalty":
                return ObjectivesOf(model, owner);
            case "indicator":
                return [.. Indicators.Select(i => Word(i, CompletionItemKind.EnumMember, KeywordDocs.Get(i)))];
            case "per" or "every":
                return [.. Periods.Select(p => Word(p, CompletionItemKind.EnumMember)), .. (first == "per" ? Keywords("rolling") : [])];
            case "model":
                return Keywords("outtasking", "cosourcing", "nearshore", "offshore", "extended_inhouse");
            case "profile":
                return Keywords("standard", "regulated");
            case "exclude":
                return Keywords("maintenance");
            case "base":
                return Keywords("fee");
            case "encryption":
            case "," when first == "encryption":
                return Keywords("at_rest", "in_transit");
            case "edr":
                return Keywords("required");
            case "backups":
                return Keywords("immutable", "retention");
            case "for":
                return Keywords("incidents");
            case "incidents":
                return Keywords("where");
            case "period":
                return Keywords("end");
        }
        return (first, line.Count) switch
        {
            ("party", 2) => Keywords("client", "provider", "subcontractor"),
            ("party", 3) when prev == "subcontractor" => Keywords("of"),
            ("role", 2) => Keywords("of"),
            ("penalty", 2) => Keywords("on"),
            ("escalation", 2) => Keywords("for"),
            ("due", 2) => Keywords("after"),
            ("due", 3) => Keywords("period"),
            ("after", 2) when block == "escalation" => Keywords("notify"),
            ("when", 3) or ("step", 2) => Keywords("credit"),
            ("phase", 5) => Keywords("gate"),
            ("recovery_test", >= 3) => Keywords("rto", "rpo"),
            ("audit" or "access_review" or "recovery_test", 1) => Keywords("every"),
            _ => [],
        };
    }

    private static List<CompletionItem> StatementStart(SyntaxNode? owner, string? block)
    {
        if (block is null)
        {
            return [.. new[] { "contract", "library", "import" }.SelectMany(SnippetCatalog.For).Select(Snippet)];
        }
        // The parser's table of statements per block; a RACI table's only statement is its header.
        IReadOnlyList<string> words = block == "raci" ? ["roles"] : StatementKeywords.In(owner);
        var items = new List<CompletionItem>();
        foreach (var word in words)
        {
            items.Add(Word(word, CompletionItemKind.Keyword, KeywordDocs.Get(word)));
            items.AddRange(SnippetCatalog.For(word).Select(Snippet));
        }
        if (block == "raci")
        {
            items.Add(new CompletionItem("row", CompletionItemKind.Snippet, "a RACI row: an activity and one cell per role", "${1:Activity} ${2:A}", InsertTextFormat.Snippet, "~row"));
        }
        return items;
    }

    /// <summary>The import directive whose path string holds <paramref name="offset"/> (after its opening quote), or null.</summary>
    private static ImportDirectiveSyntax? ImportPath(SyntaxTree tree, int offset) =>
        tree.Root.Imports.FirstOrDefault(i => !i.Path.IsMissing && i.Path.Kind == SyntaxKind.StringLiteralToken
            && offset > i.Path.Span.Start && offset <= i.Path.Span.End);

    /// <summary>
    /// The <c>.sla</c> files an import may name: below the document's folder (three levels deep) and in its parent, relative with
    /// <c>/</c> separators, the document itself and files already imported left out (LANGUAGE.md §8).
    /// </summary>
    private static List<CompletionItem> ImportPaths(string documentPath, ImportDirectiveSyntax import)
    {
        var folder = Path.GetDirectoryName(documentPath);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
        {
            return [];
        }
        var imported = import.Parent is null ? [] : import.Parent.DescendantNodesAndSelf<ImportDirectiveSyntax>().Where(i => i != import)
            .Select(i => i.Path.Value as string).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var candidates = new List<string>();
        try
        {
            candidates.AddRange(Directory.EnumerateFiles(folder, "*.sla", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3, IgnoreInaccessible = true }));
            if (Path.GetDirectoryName(folder) is { } parent)
            {
                candidates.AddRange(Directory.EnumerateFiles(parent, "*.sla"));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
        return [.. candidates
            .Where(f => !string.Equals(Path.GetFullPath(f), Path.GetFullPath(documentPath), StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(relative => !imported.Contains(relative))
            .Order(StringComparer.Ordinal).Take(200)
            .Select(relative => new CompletionItem(relative, CompletionItemKind.File, "an .sla file to import", relative))];
    }

    private static List<CompletionItem> Names(SemanticModel model, SymbolKind kind) =>
        [.. model.GetSymbols(kind).DistinctBy(s => s.Name).Select(s => Word(s.Name, CompletionItemKind.Reference, s.ToDisplayString()))];

    private static List<CompletionItem> ObjectivesOf(SemanticModel model, SyntaxNode? owner) =>
        owner is ServiceDeclarationSyntax service
            ? [.. model.GetSymbols(SymbolKind.Objective).Where(o => o.Container?.Name == service.Identifier.Text).Select(o => Word(o.Name, CompletionItemKind.Reference, o.ToDisplayString()))]
            : [];

    private static List<CompletionItem> Keywords(params string[] words) => [.. words.Select(w => Word(w, CompletionItemKind.Keyword, KeywordDocs.Get(w)))];

    private static CompletionItem Word(string label, CompletionItemKind kind, string? detail = null) => new(label, kind, detail);

    private static CompletionItem Snippet(Snippet snippet) =>
        new(snippet.Prefix + " …", CompletionItemKind.Snippet, snippet.Description, snippet.Body, InsertTextFormat.Snippet, "~" + snippet.Prefix);

    private static string? OwnerWord(SyntaxNode? owner) => owner switch
    {
        null => null,
        LibraryDeclarationSyntax => "library",
        DeclarationSyntax d => SyntaxQueries.KindWord(d),
        GovernanceDeclarationSyntax => "governance",
        SecurityDeclarationSyntax => "security",
        ReversibilityDeclarationSyntax => "reversibility",
        TransitionDeclarationSyntax => "transition",
        RaciTableSyntax => "raci",
        _ => null,
    };

    /// <summary>The innermost declaration or block statement whose braces enclose <paramref name="offset"/>, walking up from the token there.</summary>
    private static SyntaxNode? EnclosingOwner(SyntaxTree tree, int offset)
    {
        var token = tree.Root.FindToken(Math.Clamp(offset, 0, tree.Text.Length));
        for (SyntaxNode? node = token.Parent; node is not null; node = node.Parent)
        {
            var (open, close) = node switch
            {
                BlockSyntax block => (block.OpenBrace, block.CloseBrace),
                RaciTableSyntax raci => (raci.OpenBrace, raci.CloseBrace),
                _ => (null, null),
            };
            if (open is null || close is null || open.IsMissing || offset < open.Span.End || (!close.IsMissing && offset > close.Span.Start))
            {
                continue;
            }
            return node is BlockSyntax ? node.Parent : node;
        }
        return null;
    }

    /// <summary>The tokens on the cursor's line that end before <paramref name="end"/>, newlines left out.</summary>
    private static List<SyntaxToken> LineTokens(SyntaxTree tree, int lineStart, int end)
    {
        var tokens = new List<SyntaxToken>();
        var position = lineStart;
        while (position < end)
        {
            var token = tree.Root.FindToken(position);
            if (token.Span.Start >= end || token.Kind == SyntaxKind.EndOfFileToken)
            {
                break;
            }
            if (token.Span.Length > 0 && token.Span.Start >= lineStart && token.Span.End <= end && token.Kind != SyntaxKind.NewLineToken)
            {
                tokens.Add(token);
            }
            var next = token.FullSpan.End;
            if (next <= position)
            {
                break;
            }
            position = next;
        }
        return tokens;
    }
}
