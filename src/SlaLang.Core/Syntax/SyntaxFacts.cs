namespace SlaLang.Syntax;

/// <summary>Facts about kinds: keyword spelling, token classes.</summary>
public static partial class SyntaxFacts
{
    private static readonly Dictionary<string, SyntaxKind> KeywordsByText = KeywordTable().ToDictionary(k => k.Text, k => k.Kind, StringComparer.Ordinal);
    private static readonly Dictionary<string, SyntaxKind>.AlternateLookup<ReadOnlySpan<char>> KeywordLookup = KeywordsByText.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly string[] KeywordTexts = BuildKeywordTexts();

    /// <summary>The keyword spelled <paramref name="text"/>, or <see cref="SyntaxKind.None"/>.</summary>
    public static SyntaxKind GetKeywordKind(ReadOnlySpan<char> text) =>
        KeywordLookup.TryGetValue(text, out var kind) ? kind : SyntaxKind.None;

    /// <summary>Whether <paramref name="kind"/> is a contextual keyword.</summary>
    public static bool IsKeyword(SyntaxKind kind) => kind >= FirstKeyword && kind <= LastKeyword;

    /// <summary>The spelling of a keyword kind (e.g. <c>recovery_test</c>), or null.</summary>
    public static string? GetKeywordText(SyntaxKind kind) => IsKeyword(kind) ? KeywordTexts[kind - FirstKeyword] : null;

    /// <summary>Every keyword's spelling.</summary>
    public static IEnumerable<string> KeywordSpellings => KeywordTexts;

    /// <summary>Whether <paramref name="kind"/> is a literal token kind.</summary>
    public static bool IsLiteral(SyntaxKind kind) => kind is >= SyntaxKind.NumberLiteralToken and <= SyntaxKind.DaySetLiteralToken;

    /// <summary>Whether <paramref name="kind"/> is a trivia kind.</summary>
    public static bool IsTrivia(SyntaxKind kind) => kind is >= SyntaxKind.WhitespaceTrivia and <= SyntaxKind.DocumentationCommentTrivia;

    /// <summary>Whether <paramref name="kind"/> is a node kind.</summary>
    public static bool IsNode(SyntaxKind kind) => kind >= FirstNode;

    /// <summary>Whether <paramref name="kind"/> is one of <c>== != &lt; &lt;= &gt; &gt;=</c>.</summary>
    public static bool IsComparison(SyntaxKind kind) => kind is >= SyntaxKind.EqualsEqualsToken and <= SyntaxKind.GreaterEqualsToken;

    /// <summary>What a token kind looks like in a message, e.g. <c>'{'</c> or <c>a duration</c>.</summary>
    public static string Describe(SyntaxKind kind) => kind switch
    {
        SyntaxKind.EndOfFileToken => "the end of the file",
        SyntaxKind.NewLineToken => "a new line",
        SyntaxKind.IdentifierToken => "a name",
        SyntaxKind.NumberLiteralToken => "a number",
        SyntaxKind.PercentLiteralToken => "a percent",
        SyntaxKind.DurationLiteralToken => "a duration",
        SyntaxKind.WorkingDaysLiteralToken => "working days",
        SyntaxKind.MoneyLiteralToken => "a money amount",
        SyntaxKind.DateLiteralToken => "a date",
        SyntaxKind.TimeLiteralToken => "a time",
        SyntaxKind.DateTimeLiteralToken => "a date-time",
        SyntaxKind.StringLiteralToken => "a string",
        SyntaxKind.DaySetLiteralToken => "a day set",
        SyntaxKind.OpenBraceToken => "'{'",
        SyntaxKind.CloseBraceToken => "'}'",
        SyntaxKind.OpenParenToken => "'('",
        SyntaxKind.CloseParenToken => "')'",
        SyntaxKind.CommaToken => "','",
        SyntaxKind.SemicolonToken => "';'",
        SyntaxKind.DotDotToken => "'..'",
        SyntaxKind.DotToken => "'.'",
        SyntaxKind.MinusToken => "'-'",
        SyntaxKind.EqualsEqualsToken => "'=='",
        SyntaxKind.BangEqualsToken => "'!='",
        SyntaxKind.LessToken => "'<'",
        SyntaxKind.LessEqualsToken => "'<='",
        SyntaxKind.GreaterToken => "'>'",
        SyntaxKind.GreaterEqualsToken => "'>='",
        _ when IsKeyword(kind) => "'" + GetKeywordText(kind) + "'",
        _ => kind.ToString(),
    };

    private static string[] BuildKeywordTexts()
    {
        var texts = new string[LastKeyword - FirstKeyword + 1];
        foreach (var (text, kind) in KeywordTable())
        {
            texts[kind - FirstKeyword] = text;
        }
        return texts;
    }
}
