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
    private static readonly Dictionary<string, string> Snippets = new(StringComparer.Ordinal)
    {
        ["contract"] = "contract ${1:Name} \"${2:title}\" {\n  version \"${3:1.0.0}\"\n  term ${4:2026-01-01} .. ${5:2028-12-31}\n  timezone \"${6:Europe/Paris}\"\n  currency ${7:EUR}\n  $0\n}",
        ["library"] = "library ${1:Name} {\n  $0\n}",
        ["import"] = "import \"${1:common}.sla\"",
        ["calendar"] = "calendar ${1:Business} {\n  hours ${2:mon-fri} ${3:08:00}-${4:18:00}\n}",
        ["service"] = "service ${1:Name} \"${2:title}\" {\n  fee ${3:10000} ${4:EUR} per month\n  $0\n}",
        ["objective"] = "objective ${1:Availability} {\n  indicator ${2:availability}\n  target >= ${3:99.9%}\n  per ${4:month}\n}",
        ["penalty"] = "penalty ${1:Credit} on ${2:Objective} {\n  base fee\n  when < ${3:99.9%} credit ${4:5%}\n  cap ${5:25%}\n}",
        ["raci"] = "raci {\n  roles ${1:Role}\n  ${2:Activity} ${3:A}\n}",
        ["escalation"] = "escalation ${1:Name} for incidents where severity == ${2:sev1} {\n  after ${3:30min} notify ${4:Role}\n}",
        ["governance"] = "governance {\n  committee ${1:Name} \"${2:title}\" {\n    every ${3:month}\n    chair ${4:Role}\n  }\n}",
        ["committee"] = "committee ${1:Name} \"${2:title}\" {\n  every ${3:month}\n  chair ${4:Role}\n}",
        ["obligation"] = "obligation ${1:Name} \"${2:title}\" {\n  by ${3:Party}\n  every ${4:month}\n  due ${5:5bd} after period end\n}",
        ["security"] = "security {\n  encryption at_rest, in_transit\n  audit every ${1:quarter}\n}",
        ["reversibility"] = "reversibility {\n  notice ${1:6} months\n  assistance ${2:3} months\n  deliver \"${3:Runbooks}\"\n}",
        ["transition"] = "transition {\n  phase ${1:Assessment} ${2:2026-01-01} .. ${3:2026-02-28} gate \"${4:Go/No-go}\"\n}",
    };

    private static readonly IReadOnlyList<string> Indicators = SlaLang.Runtime.IndicatorCatalog.Names;

    private static readonly string[] Periods = ["day", "week", "month", "quarter", "year"];

    /// <summary>The completion items at <paramref name="position"/>.</summary>
    public static CompletionList Handle(DocumentAnalysis analysis, Position position)
    {
        var tree = analysis.Tree;
        var offset = analysis.Text.ToOffset(position);
        var typed = SyntaxQueries.TokenAt(tree, offset);
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
            return [Snippet("contract"), Snippet("library"), Snippet("import")];
        }
        // The parser's table of statements per block; a RACI table's only statement is its header.
        IReadOnlyList<string> words = block == "raci" ? ["roles"] : StatementKeywords.In(owner);
        var items = new List<CompletionItem>();
        foreach (var word in words)
        {
            items.Add(Word(word, CompletionItemKind.Keyword, KeywordDocs.Get(word)));
            if (Snippets.ContainsKey(word))
            {
                items.Add(Snippet(word));
            }
        }
        if (block == "raci")
        {
            items.Add(Snippet("raci") with { Label = "row", InsertText = "${1:Activity} ${2:A}" });
        }
        return items;
    }

    private static List<CompletionItem> Names(SemanticModel model, SymbolKind kind) =>
        [.. model.GetSymbols(kind).DistinctBy(s => s.Name).Select(s => Word(s.Name, CompletionItemKind.Reference, s.ToDisplayString()))];

    private static List<CompletionItem> ObjectivesOf(SemanticModel model, SyntaxNode? owner) =>
        owner is ServiceDeclarationSyntax service
            ? [.. model.GetSymbols(SymbolKind.Objective).Where(o => o.Container?.Name == service.Identifier.Text).Select(o => Word(o.Name, CompletionItemKind.Reference, o.ToDisplayString()))]
            : [];

    private static List<CompletionItem> Keywords(params string[] words) => [.. words.Select(w => Word(w, CompletionItemKind.Keyword, KeywordDocs.Get(w)))];

    private static CompletionItem Word(string label, CompletionItemKind kind, string? detail = null) => new(label, kind, detail);

    private static CompletionItem Snippet(string keyword) =>
        new(keyword + " …", CompletionItemKind.Snippet, $"{keyword} block", Snippets[keyword], InsertTextFormat.Snippet, "~" + keyword);

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
