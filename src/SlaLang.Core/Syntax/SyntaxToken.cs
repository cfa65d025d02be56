using System.Text;
using SlaLang.Text;

namespace SlaLang.Syntax;

/// <summary>A token: its kind (and contextual keyword kind), text, leading and trailing trivia, and the parsed value of a literal.</summary>
/// <remarks>
/// A file has a token every few characters, so a token is kept to 56 bytes: kinds in 16 bits each (the missing flag in the
/// contextual kind's top bit), a literal's value only in the literal tokens (<see cref="ValuedSyntaxToken"/>: most tokens are
/// words and punctuation, and a value field in every token cost 8 bytes each, 7 % of a parsed tree),
/// and the number of its leading and trailing trivia not stored but counted from the trivia store
/// (every trivia is at least one character, so the trivia that fill <see cref="LeadingWidth"/> are the leading ones;
/// the round-trip tests, which rebuild every text from its tokens' trivia, check it).
/// </remarks>
public class SyntaxToken
{
    private const ushort MissingFlag = 0x8000;

    private readonly TriviaStore _store;
    private readonly int _triviaStart;
    private readonly ushort _kind;
    private readonly ushort _contextualKindAndMissing;

    internal SyntaxToken(TriviaStore store, SyntaxKind kind, SyntaxKind contextualKind, int fullStart, int leadingWidth, int width, int trailingWidth,
        int triviaStart, bool isMissing = false)
    {
        System.Diagnostics.Debug.Assert((ushort)kind < MissingFlag && (ushort)contextualKind < MissingFlag);
        _store = store;
        _kind = (ushort)kind;
        _contextualKindAndMissing = (ushort)((ushort)contextualKind | (isMissing ? MissingFlag : 0));
        FullStart = fullStart;
        LeadingWidth = leadingWidth;
        Width = width;
        TrailingWidth = trailingWidth;
        _triviaStart = triviaStart;
    }

    /// <summary>A token read from the source: a <see cref="ValuedSyntaxToken"/> when it has a value, a plain one otherwise.</summary>
    internal static SyntaxToken Create(TriviaStore store, SyntaxKind kind, SyntaxKind contextualKind, int fullStart, int leadingWidth, int width,
        int trailingWidth, int triviaStart, object? value) =>
        value is null
            ? new SyntaxToken(store, kind, contextualKind, fullStart, leadingWidth, width, trailingWidth, triviaStart)
            : new ValuedSyntaxToken(store, kind, contextualKind, fullStart, leadingWidth, width, trailingWidth, triviaStart, value);

    /// <summary>This token with kind <paramref name="kind"/> and value <paramref name="value"/> (the parser's reading of a word
    /// as a literal, such as a lone day name read as a day set); the copy has no parent yet.</summary>
    internal ValuedSyntaxToken WithValue(SyntaxKind kind, object value) =>
        new(_store, kind, ContextualKind, FullStart, LeadingWidth, Width, TrailingWidth, _triviaStart, value);

    /// <summary>A zero-width token the parser inserted where one was expected.</summary>
    internal static SyntaxToken Missing(TriviaStore store, SyntaxKind kind, int position) =>
        new(store, kind, SyntaxKind.None, position, 0, 0, 0, 0, isMissing: true);

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

    internal int LeadingWidth { get; }

    internal int Width { get; }

    internal int TrailingWidth { get; }

    internal int FullWidth => LeadingWidth + Width + TrailingWidth;

    internal int FullEnd => FullStart + LeadingWidth + Width + TrailingWidth;

    /// <summary>The token's characters without trivia.</summary>
    public TextSpan Span => new(FullStart + LeadingWidth, Width);

    /// <summary>The token's characters with its leading and trailing trivia.</summary>
    public TextSpan FullSpan => new(FullStart, FullWidth);

    /// <summary>The token's text without trivia.</summary>
    public string Text => Width == 0 ? string.Empty : _store.Text.Text.Substring(FullStart + LeadingWidth, Width);

    /// <summary>The token's text without copying.</summary>
    public ReadOnlySpan<char> TextSpanChars => _store.Text.Text.AsSpan(FullStart + LeadingWidth, Width);

    /// <summary>The trivia before the token.</summary>
    public SyntaxTriviaList LeadingTrivia => new(_store, _triviaStart, CountTrivia(_triviaStart, LeadingWidth));

    /// <summary>The trivia after the token (up to and including a line break that ends no statement).</summary>
    public SyntaxTriviaList TrailingTrivia
    {
        get
        {
            var start = _triviaStart + CountTrivia(_triviaStart, LeadingWidth);
            return new(_store, start, CountTrivia(start, TrailingWidth));
        }
    }

    /// <summary>How many trivia from <paramref name="start"/> in the store cover <paramref name="width"/> characters.</summary>
    private int CountTrivia(int start, int width)
    {
        var count = 0;
        while (width > 0 && start + count < _store.Count)
        {
            width -= _store.LengthAt(start + count);
            count++;
        }
        return count;
    }

    /// <summary>The source text this token was read from.</summary>
    public SourceText SourceText => _store.Text;

    /// <summary>Whether this token is an identifier spelled <paramref name="keyword"/> (a contextual keyword here).</summary>
    public bool IsKeyword(SyntaxKind keyword) => Kind == SyntaxKind.IdentifierToken && ContextualKind == keyword;

    /// <summary>The text with trivia, exactly as in the source.</summary>
    public string ToFullString()
    {
        var builder = new StringBuilder(FullWidth);
        WriteTo(builder);
        return builder.ToString();
    }

    /// <summary>Appends the leading trivia, the text and the trailing trivia, each copied from its own span.</summary>
    public void WriteTo(StringBuilder builder)
    {
        var text = _store.Text.Text;
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
internal sealed class ValuedSyntaxToken : SyntaxToken
{
    internal ValuedSyntaxToken(TriviaStore store, SyntaxKind kind, SyntaxKind contextualKind, int fullStart, int leadingWidth, int width,
        int trailingWidth, int triviaStart, object value)
        : base(store, kind, contextualKind, fullStart, leadingWidth, width, trailingWidth, triviaStart)
    {
        StoredValue = value;
    }

    internal object StoredValue { get; }
}
