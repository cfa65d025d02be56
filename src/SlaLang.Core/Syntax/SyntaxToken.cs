using System.Text;
using SlaLang.Text;

namespace SlaLang.Syntax;

/// <summary>A token: its kind (and contextual keyword kind), text, leading and trailing trivia, and the parsed value of a literal.</summary>
/// <remarks>
/// A file has a token every few characters, so a token is kept to 48 bytes: kinds in 16 bits each (the missing flag in the
/// contextual kind's top bit); a literal's value only in the literal tokens (<see cref="ValuedSyntaxToken"/>: most tokens are
/// words and punctuation, and a value field in every token cost 8 bytes each, 7 % of a parsed tree); the widths of the leading
/// and trailing trivia in 16 bits each (a token with 65,535 characters or more of either is a <see cref="WideSyntaxToken"/>);
/// and the trivia themselves not stored at all but read again from the text when asked for (<see cref="TriviaScanner"/>: the
/// characters of a token's leading or trailing trivia are all trivia, and how they divide into whitespace, line breaks and
/// comments depends on those characters alone; the round-trip and lexer tests, which rebuild every text from its tokens'
/// trivia, check it). A stored trivia cost 12 bytes, and files have about one per token.
/// </remarks>
public class SyntaxToken
{
    private const ushort MissingFlag = 0x8000;

    /// <summary>The value of a 16-bit trivia width that means "65,535 or more: ask the <see cref="WideSyntaxToken"/>".</summary>
    private const int WideMark = 0xFFFF;

    private readonly SourceText _text;
    private readonly int _triviaWidths;
    private readonly ushort _kind;
    private readonly ushort _contextualKindAndMissing;

    // Private to the token classes: a token from the source is made by Create, which picks WideSyntaxToken when the trivia
    // widths do not fit 16 bits (here they would be cut).
    private protected SyntaxToken(SourceText text, SyntaxKind kind, SyntaxKind contextualKind, int fullStart, int leadingWidth, int width, int trailingWidth,
        bool isMissing = false)
    {
        System.Diagnostics.Debug.Assert((ushort)kind < MissingFlag && (ushort)contextualKind < MissingFlag);
        _text = text;
        _kind = (ushort)kind;
        _contextualKindAndMissing = (ushort)((ushort)contextualKind | (isMissing ? MissingFlag : 0));
        FullStart = fullStart;
        Width = width;
        _triviaWidths = Math.Min(leadingWidth, WideMark) | (Math.Min(trailingWidth, WideMark) << 16);
    }

    /// <summary>Whether a token with these trivia widths must be a <see cref="WideSyntaxToken"/>.</summary>
    private static bool IsWide(int leadingWidth, int trailingWidth) => leadingWidth >= WideMark || trailingWidth >= WideMark;

    /// <summary>A token read from the source: a <see cref="ValuedSyntaxToken"/> when it has a value, a
    /// <see cref="WideSyntaxToken"/> when its trivia are too long for 16 bits, a plain one otherwise.</summary>
    internal static SyntaxToken Create(SourceText text, SyntaxKind kind, SyntaxKind contextualKind, int fullStart, int leadingWidth, int width,
        int trailingWidth, object? value) =>
        IsWide(leadingWidth, trailingWidth)
            ? new WideSyntaxToken(text, kind, contextualKind, fullStart, leadingWidth, width, trailingWidth, value)
            : value is null
                ? new SyntaxToken(text, kind, contextualKind, fullStart, leadingWidth, width, trailingWidth)
                : new ValuedSyntaxToken(text, kind, contextualKind, fullStart, leadingWidth, width, trailingWidth, value);

    /// <summary>This token with kind <paramref name="kind"/> and value <paramref name="value"/> (the parser's reading of a word
    /// as a literal, such as a lone day name read as a day set); the copy has no parent yet.</summary>
    internal SyntaxToken WithValue(SyntaxKind kind, object value) =>
        Create(_text, kind, ContextualKind, FullStart, LeadingWidth, Width, TrailingWidth, value);

    /// <summary>A zero-width token the parser inserted where one was expected.</summary>
    internal static SyntaxToken Missing(SourceText text, SyntaxKind kind, int position) =>
        new(text, kind, SyntaxKind.None, position, 0, 0, 0, isMissing: true);

    /// <summary>The token kind (every word is an <see cref="SyntaxKind.IdentifierToken"/>).</summary>
    public SyntaxKind Kind => (SyntaxKind)_kind;

    /// <summary>For an identifier spelled like a keyword, that keyword's kind; <see cref="SyntaxKind.None"/> otherwise.
    /// Keywords are contextual: the parser decides by position whether the word is a keyword.</summary>
    public SyntaxKind ContextualKind => (SyntaxKind)(_contextualKindAndMissing & ~MissingFlag);

    /// <summary>The parsed value of a literal (decimal, Duration, int, MoneyValue, LocalDate, LocalDateTime, string, DaySet), or null.</summary>
    public object? Value => (this as ValuedSyntaxToken)?.StoredValue;

    /// <summary>Whether the parser inserted this token (zero width) because it was missing.</summary>
    public bool IsMissing => (_contextualKindAndMissing & MissingFlag) != 0;

    /// <summary>The node holding this token.</summary>
    public SyntaxNode? Parent { get; internal set; }

    internal int FullStart { get; }

    internal int LeadingWidth
    {
        get
        {
            var width = _triviaWidths & 0xFFFF;
            return width != WideMark ? width : ((WideSyntaxToken)this).WideLeadingWidth;
        }
    }

    internal int Width { get; }

    internal int TrailingWidth
    {
        get
        {
            var width = (int)((uint)_triviaWidths >> 16);
            return width != WideMark ? width : ((WideSyntaxToken)this).WideTrailingWidth;
        }
    }

    internal int FullWidth => LeadingWidth + Width + TrailingWidth;

    internal int FullEnd => FullStart + LeadingWidth + Width + TrailingWidth;

    /// <summary>The token's characters without trivia.</summary>
    public TextSpan Span => new(FullStart + LeadingWidth, Width);

    /// <summary>The token's characters with its leading and trailing trivia.</summary>
    public TextSpan FullSpan => new(FullStart, FullWidth);

    /// <summary>The token's text without trivia.</summary>
    public string Text => Width == 0 ? string.Empty : _text.Text.Substring(FullStart + LeadingWidth, Width);

    /// <summary>The token's text without copying.</summary>
    public ReadOnlySpan<char> TextSpanChars => _text.Text.AsSpan(FullStart + LeadingWidth, Width);

    /// <summary>The trivia before the token.</summary>
    public SyntaxTriviaList LeadingTrivia => new(_text, FullStart, LeadingWidth, leading: true);

    /// <summary>The trivia after the token (up to and including a line break that ends no statement).</summary>
    public SyntaxTriviaList TrailingTrivia => new(_text, FullStart + LeadingWidth + Width, TrailingWidth, leading: false);

    /// <summary>The source text this token was read from.</summary>
    public SourceText SourceText => _text;

    /// <summary>Whether this token is an identifier spelled <paramref name="keyword"/> (a contextual keyword here).</summary>
    public bool IsKeyword(SyntaxKind keyword) => Kind == SyntaxKind.IdentifierToken && ContextualKind == keyword;

    /// <summary>The text with trivia, exactly as in the source.</summary>
    public string ToFullString()
    {
        var builder = new StringBuilder(FullWidth);
        WriteTo(builder);
        return builder.ToString();
    }

    /// <summary>Appends the leading trivia, the text and the trailing trivia, each copied from its own span (so that the
    /// round-trip tests check the trivia read again from the text).</summary>
    public void WriteTo(StringBuilder builder)
    {
        var text = _text.Text;
        foreach (var trivia in LeadingTrivia)
        {
            builder.Append(text, trivia.Span.Start, trivia.Span.Length);
        }
        builder.Append(text, FullStart + LeadingWidth, Width);
        foreach (var trivia in TrailingTrivia)
        {
            builder.Append(text, trivia.Span.Start, trivia.Span.Length);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>A literal token: a <see cref="SyntaxToken"/> with its parsed value.</summary>
internal class ValuedSyntaxToken : SyntaxToken
{
    internal ValuedSyntaxToken(SourceText text, SyntaxKind kind, SyntaxKind contextualKind, int fullStart, int leadingWidth, int width,
        int trailingWidth, object? value)
        : base(text, kind, contextualKind, fullStart, leadingWidth, width, trailingWidth)
    {
        StoredValue = value;
    }

    internal object? StoredValue { get; }
}

/// <summary>A token with 65,535 characters or more of leading or trailing trivia (a very long comment): its widths in full,
/// and its value if it is a literal.</summary>
internal sealed class WideSyntaxToken : ValuedSyntaxToken
{
    internal WideSyntaxToken(SourceText text, SyntaxKind kind, SyntaxKind contextualKind, int fullStart, int leadingWidth, int width,
        int trailingWidth, object? value)
        : base(text, kind, contextualKind, fullStart, leadingWidth, width, trailingWidth, value)
    {
        WideLeadingWidth = leadingWidth;
        WideTrailingWidth = trailingWidth;
    }

    internal int WideLeadingWidth { get; }

    internal int WideTrailingWidth { get; }
}
