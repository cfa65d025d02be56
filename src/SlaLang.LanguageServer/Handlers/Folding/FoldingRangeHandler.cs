using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Handlers.Folding;

/// <summary><c>textDocument/foldingRange</c>: every brace block over several lines (its closing line stays visible) and every run of two or more comment lines.</summary>
public static class FoldingRangeHandler
{
    /// <summary>The folding ranges, ordered by start line.</summary>
    public static IReadOnlyList<FoldingRange> Handle(DocumentAnalysis analysis)
    {
        var text = analysis.Text;
        var ranges = new List<FoldingRange>();
        foreach (var node in analysis.Tree.Root.DescendantNodes())
        {
            var (open, close) = node switch
            {
                BlockSyntax block => (block.OpenBrace, block.CloseBrace),
                RaciTableSyntax raci => (raci.OpenBrace, raci.CloseBrace),
                _ => (null, null),
            };
            if (open is null || close is null || open.IsMissing || close.IsMissing)
            {
                continue;
            }
            var startLine = text.GetLineIndex(open.Span.Start);
            var endLine = text.GetLineIndex(close.Span.Start) - 1;
            if (endLine > startLine)
            {
                ranges.Add(new FoldingRange(startLine, endLine));
            }
        }

        int? runStart = null;
        var runEnd = -1;
        foreach (var token in analysis.Tree.GetTokens())
        {
            foreach (var trivia in token.LeadingTrivia.Concat(token.TrailingTrivia))
            {
                if (trivia.Kind is not (SyntaxKind.SingleLineCommentTrivia or SyntaxKind.DocumentationCommentTrivia))
                {
                    continue;
                }
                var line = text.GetLineIndex(trivia.Span.Start);
                var ownLine = text.GetLineSpan(line).Start == trivia.Span.Start - CountIndent(text.Text, trivia.Span.Start);
                if (!ownLine)
                {
                    continue;
                }
                if (runStart is not null && line == runEnd + 1)
                {
                    runEnd = line;
                    continue;
                }
                Flush();
                runStart = line;
                runEnd = line;
            }
        }
        Flush();
        return [.. ranges.OrderBy(r => r.StartLine).ThenBy(r => r.EndLine)];

        void Flush()
        {
            if (runStart is int start && runEnd > start)
            {
                ranges.Add(new FoldingRange(start, runEnd, "comment"));
            }
            runStart = null;
        }
    }

    private static int CountIndent(string text, int position)
    {
        var count = 0;
        for (var i = position - 1; i >= 0 && text[i] is ' ' or '\t'; i--)
        {
            count++;
        }
        return count;
    }
}
