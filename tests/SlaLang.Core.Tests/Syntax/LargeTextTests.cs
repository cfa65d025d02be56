using System.Text;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Core.Tests.Syntax;

/// <summary>
/// Large files go through the paths small ones never reach: many trivia, trivia too long for a token's 16-bit widths, the token array outgrowing its
/// first guess (and coming back from the pool for the next parse), line starts of texts with and without carriage returns.
/// </summary>
public class LargeTextTests
{
    /// <summary>About 30,000 trivia and four times more tokens than characters / 5 (the first guess).</summary>
    private static string Dense(int lines)
    {
        var b = new StringBuilder("contract C {\n");
        for (var i = 0; i < lines; i++)
        {
            // Leading whitespace, a comment, and a run of one-character tokens separated by spaces.
            b.Append("  /* ").Append(i).Append(" */ x ( 1 , 2 , 3 , 4 , 5 )  // row ").Append(i).Append('\n');
        }
        return b.Append("}\n").ToString();
    }

    [Fact]
    public void A_file_with_many_trivia_and_tokens_round_trips_trivia_by_trivia()
    {
        var text = Dense(6_000);
        var tree = SyntaxTree.Parse(text);
        TreeInvariants.Check(tree, text, "dense file");

        // Every trivia is the text under its span, and trivia and tokens tile the text without gaps.
        var position = 0;
        var trivia = 0;
        foreach (var token in tree.GetTokens())
        {
            foreach (var t in token.LeadingTrivia)
            {
                t.Span.Start.ShouldBe(position);
                t.Text.ShouldBe(text.Substring(t.Span.Start, t.Span.Length));
                position = t.Span.End;
                trivia++;
            }
            token.Span.Start.ShouldBe(position);
            position = token.Span.End;
            foreach (var t in token.TrailingTrivia)
            {
                t.Span.Start.ShouldBe(position);
                t.Text.ShouldBe(text.Substring(t.Span.Start, t.Span.Length));
                position = t.Span.End;
                trivia++;
            }
        }
        position.ShouldBe(text.Length);
        trivia.ShouldBeGreaterThan(3 * 4096);
        tree.GetTokens().Count().ShouldBeGreaterThan(text.Length / 5);
    }

    [Theory]
    [InlineData(65_534)]
    [InlineData(65_535)]
    [InlineData(200_000)]
    public void Trivia_of_65535_characters_or_more_keep_their_widths(int commentLength)
    {
        // A long block comment before a declaration (leading), a long line comment after one (trailing), and a long
        // documentation comment before a literal's line; each token's trivia are counted exactly.
        var block = "/*" + new string('b', commentLength) + "*/";
        var line = "// " + new string('l', commentLength);
        var doc = "/// " + new string('d', commentLength);
        var text = $"contract C {{\n  {block} version \"1\" {line}\n  {doc}\n  currency EUR\n}}\n";
        var tree = SyntaxTree.Parse(text);
        TreeInvariants.Check(tree, text, "long trivia");
        tree.Diagnostics.ShouldBeEmpty();
        var tokens = tree.GetTokens().ToList();
        var version = tokens.Single(t => t.Text == "version");
        version.LeadingTrivia.Select(t => (t.Kind, t.Text)).ShouldBe(
            [(SyntaxKind.WhitespaceTrivia, "  "), (SyntaxKind.MultiLineCommentTrivia, block), (SyntaxKind.WhitespaceTrivia, " ")]);
        var literal = tokens.Single(t => t.Text == "\"1\"");
        literal.TrailingTrivia.Select(t => (t.Kind, t.Text)).ShouldBe([(SyntaxKind.WhitespaceTrivia, " "), (SyntaxKind.SingleLineCommentTrivia, line)]);
        literal.Value.ShouldBe("1");
        var currency = tokens.Single(t => t.Text == "currency");
        currency.LeadingTrivia.Select(t => t.Kind).ShouldBe(
            [SyntaxKind.WhitespaceTrivia, SyntaxKind.DocumentationCommentTrivia, SyntaxKind.EndOfLineTrivia, SyntaxKind.WhitespaceTrivia]);
        currency.LeadingTrivia[1].Text.ShouldBe(doc);
        currency.FullSpan.Length.ShouldBe(2 + doc.Length + 1 + 2 + "currency".Length + 1);
        string.Concat(tokens.Select(t => t.ToFullString())).ShouldBe(text);
    }

    [Fact]
    public void Trees_stay_intact_when_later_parses_reuse_the_token_array()
    {
        var first = Dense(3_000);
        var second = Dense(3_001).Replace("row", "line", StringComparison.Ordinal);
        var a = SyntaxTree.Parse(first);
        var expected = a.GetTokens().Select(t => (t.Kind, t.Span, t.Text)).ToList();
        var b = SyntaxTree.Parse(second);
        var c = SyntaxTree.Parse("contract Small {\n  version \"1\"\n}\n");

        a.GetTokens().Select(t => (t.Kind, t.Span, t.Text)).ShouldBe(expected);
        TreeInvariants.Check(a, first, "first parse, after two more");
        TreeInvariants.Check(b, second, "second parse");
        TreeInvariants.Check(c, "contract Small {\n  version \"1\"\n}\n", "third parse");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("\n")]
    [InlineData("a\nb\n")]
    [InlineData("a\n\nb")]
    [InlineData("a\r\nb\r\n")]
    [InlineData("a\rb\r")]
    [InlineData("a\r\n\r\nb\n\rc\r\r\nd")]
    [InlineData("\r")]
    [InlineData("\r\n")]
    public void Line_starts_follow_lf_crlf_and_lone_cr(string text)
    {
        var source = new SourceText(text);
        var expected = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }
            if (text[i] is '\r' or '\n')
            {
                expected.Add(i + 1);
            }
        }
        source.LineStarts.ShouldBe(expected);
        for (var position = 0; position <= text.Length; position++)
        {
            var line = expected.FindLastIndex(start => start <= position);
            source.GetLinePosition(position).ShouldBe(new LinePosition(line, position - expected[line]));
        }
    }

    [Fact]
    public void Line_starts_of_a_large_text_without_carriage_returns()
    {
        var text = string.Concat(Enumerable.Range(0, 25_000).Select(i => new string('x', i % 7) + "\n"));
        var source = new SourceText(text);
        source.LineCount.ShouldBe(25_001);
        var position = 0;
        for (var line = 0; line < 25_000; line++)
        {
            source.LineStarts[line].ShouldBe(position);
            position += line % 7 + 1;
        }
        source.LineStarts[25_000].ShouldBe(text.Length);
    }
}
