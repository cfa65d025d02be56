using NodaTime;
using SlaLang.Parsing.Literals;
using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Syntax;

/// <summary>Tokens, literal values, ambiguous literal sequences and line-break significance.</summary>
public class LexerTests
{
    private static SyntaxToken[] Tokens(string text) => SyntaxTree.Parse(text).GetTokens().Where(t => !t.IsMissing).ToArray();

    private static SyntaxToken Single(string literal)
    {
        var tokens = Tokens("contract C {\n  version " + literal + "\n}\n");
        tokens[4].Text.ShouldBe(literal);
        return tokens[4];
    }

    [Theory]
    [InlineData("12", SyntaxKind.NumberLiteralToken, "12")]
    [InlineData("99.93", SyntaxKind.NumberLiteralToken, "99.93")]
    [InlineData("99.93%", SyntaxKind.PercentLiteralToken, "99.93")]
    [InlineData("0.5%", SyntaxKind.PercentLiteralToken, "0.5")]
    public void Numbers_and_percents_are_exact_decimals(string literal, SyntaxKind kind, string value)
    {
        var token = Single(literal);
        token.Kind.ShouldBe(kind);
        token.Value.ShouldBe(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("500ms", 500 * NodaConstants.TicksPerMillisecond)]
    [InlineData("90s", 90 * NodaConstants.TicksPerSecond)]
    [InlineData("30min", 30 * NodaConstants.TicksPerMinute)]
    [InlineData("4h", 4 * NodaConstants.TicksPerHour)]
    [InlineData("2d", 2 * NodaConstants.TicksPerDay)]
    [InlineData("1w", NodaConstants.TicksPerWeek)]
    [InlineData("1h30min", 90 * NodaConstants.TicksPerMinute)]
    public void Durations_are_exact_ticks(string literal, long ticks)
    {
        var token = Single(literal);
        token.Kind.ShouldBe(SyntaxKind.DurationLiteralToken);
        token.Value.ShouldBe(Duration.FromTicks(ticks));
    }

    [Fact]
    public void Every_kind_fits_the_15_bits_a_token_keeps_it_in()
    {
        // SyntaxToken stores its kinds in 16 bits with the missing flag in the contextual kind's top bit.
        ((int)Enum.GetValues<SyntaxKind>().Max()).ShouldBeLessThan(0x8000);
        var missing = SyntaxTree.Parse("contract C { version }").GetTokens().First(t => t.IsMissing);
        missing.ContextualKind.ShouldBe(SyntaxKind.None);
        missing.Span.Length.ShouldBe(0);
        var keyword = SyntaxTree.Parse("contract C { version }").GetTokens().First(t => t.Text == "version");
        keyword.IsMissing.ShouldBeFalse();
        keyword.ContextualKind.ShouldBe(SyntaxKind.VersionKeyword);
    }

    [Fact]
    public void Working_days_money_dates_and_times_have_typed_values()
    {
        Single("5bd").Value.ShouldBe(5);
        Single("5bd").Kind.ShouldBe(SyntaxKind.WorkingDaysLiteralToken);
        Single("18000 EUR").Value.ShouldBe(new MoneyValue(18000m, "EUR"));
        Single("1250.50 EUR").Value.ShouldBe(new MoneyValue(1250.50m, "EUR"));
        Single("1250.50 EUR").Kind.ShouldBe(SyntaxKind.MoneyLiteralToken);
        Single("2026-01-01").Value.ShouldBe(new LocalDate(2026, 1, 1));
        Single("08:00").Value.ShouldBe(Duration.FromHours(8));
        Single("24:00").Value.ShouldBe(Duration.FromHours(24));
        Single("08:30:15").Value.ShouldBe(Duration.FromSeconds((8 * 3600) + (30 * 60) + 15));
        Single("2026-01-01T08:00").Value.ShouldBe(new LocalDateTime(2026, 1, 1, 8, 0));
        Single("2026-01-01T08:00").Kind.ShouldBe(SyntaxKind.DateTimeLiteralToken);
    }

    [Fact]
    public void String_escapes_are_decoded()
    {
        var token = Single("\"a\\\"b\\\\c\\nd\\te\\u{1F600}\"");
        token.Kind.ShouldBe(SyntaxKind.StringLiteralToken);
        token.Value.ShouldBe("a\"b\\c\nd\te\U0001F600");
        Single("\"NovaTerra SAS\"").Value.ShouldBe("NovaTerra SAS");
    }

    [Fact]
    public void Day_sets_are_ranges_lists_or_single_days()
    {
        var tokens = Tokens("contract C {\n calendar B {\n  hours mon-fri 08:00-18:00\n  hours sat 09:00-12:00\n  hours mon,wed,fri 10:00-11:00\n  hours fri-mon 00:00-24:00\n }\n}\n");
        var days = tokens.Where(t => t.Kind == SyntaxKind.DaySetLiteralToken).ToArray();
        days.Select(t => t.Text).ShouldBe(["mon-fri", "sat", "mon,wed,fri", "fri-mon"]);
        ((DaySet)days[0].Value!).Days.ShouldBe([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday]);
        ((DaySet)days[1].Value!).Days.ShouldBe([IsoDayOfWeek.Saturday]);
        ((DaySet)days[2].Value!).Days.ShouldBe([IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday]);
        ((DaySet)days[3].Value!).Days.ShouldBe([IsoDayOfWeek.Monday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday]);
    }

    [Theory]
    [InlineData("mon-fri 08:00-18:00", new[] { SyntaxKind.DaySetLiteralToken, SyntaxKind.TimeLiteralToken, SyntaxKind.MinusToken, SyntaxKind.TimeLiteralToken })]
    [InlineData("2026-01-01 .. 2028-12-31", new[] { SyntaxKind.DateLiteralToken, SyntaxKind.DotDotToken, SyntaxKind.DateLiteralToken })]
    [InlineData("2026-01-01..2028-12-31", new[] { SyntaxKind.DateLiteralToken, SyntaxKind.DotDotToken, SyntaxKind.DateLiteralToken })]
    [InlineData("after 30min", new[] { SyntaxKind.IdentifierToken, SyntaxKind.DurationLiteralToken })]
    [InlineData("6 months", new[] { SyntaxKind.NumberLiteralToken, SyntaxKind.IdentifierToken })]
    [InlineData("1h30min", new[] { SyntaxKind.DurationLiteralToken })]
    [InlineData("99.93%", new[] { SyntaxKind.PercentLiteralToken })]
    [InlineData("18000 EUR per month", new[] { SyntaxKind.MoneyLiteralToken, SyntaxKind.IdentifierToken, SyntaxKind.IdentifierToken })]
    [InlineData("18000 EURO", new[] { SyntaxKind.NumberLiteralToken, SyntaxKind.IdentifierToken })]
    [InlineData(">= <= > < == !=", new[] { SyntaxKind.GreaterEqualsToken, SyntaxKind.LessEqualsToken, SyntaxKind.GreaterToken, SyntaxKind.LessToken, SyntaxKind.EqualsEqualsToken, SyntaxKind.BangEqualsToken })]
    public void Ambiguous_sequences_split_into_the_intended_tokens(string text, SyntaxKind[] kinds)
    {
        var tokens = Tokens(text);
        tokens[^1].Kind.ShouldBe(SyntaxKind.EndOfFileToken);
        tokens[..^1].Select(t => t.Kind).ShouldBe(kinds);
    }

    [Theory]
    [InlineData("a\nb", 1)]
    [InlineData("a\n\n\n  b", 1)]
    [InlineData("a // note\nb", 1)]
    [InlineData("a,\nb", 0)]
    [InlineData("a (x,\n y\n z) b", 0)]
    [InlineData("a {\nb", 0)]
    [InlineData("a\n{\nb", 0)]
    [InlineData("a;\nb", 0)]
    [InlineData("a /* x\n y */ b", 0)]
    [InlineData("\n\na", 0)]
    public void Only_line_breaks_that_end_statements_are_tokens(string text, int newLineTokens)
    {
        Tokens(text).Count(t => t.Kind == SyntaxKind.NewLineToken).ShouldBe(newLineTokens);
    }

    [Fact]
    public void Trivia_is_owned_by_tokens()
    {
        var tokens = Tokens("  a   // c\n\n /* b */ b");
        tokens[0].LeadingTrivia.Select(t => t.Kind).ShouldBe([SyntaxKind.WhitespaceTrivia]);
        tokens[0].TrailingTrivia.Select(t => t.Kind).ShouldBe([SyntaxKind.WhitespaceTrivia, SyntaxKind.SingleLineCommentTrivia]);
        tokens[1].Kind.ShouldBe(SyntaxKind.NewLineToken);
        tokens[2].LeadingTrivia.Select(t => t.Text).ShouldBe(["\n", " ", "/* b */", " "]);
        tokens[2].Text.ShouldBe("b");
    }

    [Fact]
    public void Words_are_identifiers_with_a_contextual_keyword_kind()
    {
        var tokens = Tokens("target recovery_test Target");
        tokens[0].Kind.ShouldBe(SyntaxKind.IdentifierToken);
        tokens[0].ContextualKind.ShouldBe(SyntaxKind.TargetKeyword);
        tokens[1].ContextualKind.ShouldBe(SyntaxKind.RecoveryTestKeyword);
        tokens[2].ContextualKind.ShouldBe(SyntaxKind.None);
        SyntaxFacts.GetKeywordText(SyntaxKind.AccessReviewKeyword).ShouldBe("access_review");
    }

    [Fact]
    public void The_last_token_is_always_end_of_file()
    {
        Tokens("").Select(t => t.Kind).ShouldBe([SyntaxKind.EndOfFileToken]);
        Tokens("// only a comment").Single().LeadingTrivia.Single().Kind.ShouldBe(SyntaxKind.SingleLineCommentTrivia);
    }
}
