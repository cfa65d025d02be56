using System.Collections;
using SlaLang.Text;

namespace SlaLang.Syntax;

/// <summary>Text that belongs to a token but not to the grammar: whitespace, line breaks that end no statement, comments.</summary>
public readonly struct SyntaxTrivia
{
    private readonly SourceText _text;

    internal SyntaxTrivia(SyntaxKind kind, int start, int length, SourceText text)
    {
        Kind = kind;
        Span = new TextSpan(start, length);
        _text = text;
    }

    /// <summary>WhitespaceTrivia, EndOfLineTrivia, SingleLineCommentTrivia, MultiLineCommentTrivia or DocumentationCommentTrivia.</summary>
    public SyntaxKind Kind { get; }

    /// <summary>The characters of the trivia.</summary>
    public TextSpan Span { get; }

    /// <summary>The text of the trivia.</summary>
    public string Text => _text.ToString(Span);

    /// <summary>Whether this is a comment of any kind.</summary>
    public bool IsComment => Kind is SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia or SyntaxKind.DocumentationCommentTrivia;

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>
/// How trivia divide into pieces: one place for the lexer, which reads them while lexing, and for
/// <see cref="SyntaxTriviaList"/>, which reads a token's trivia again from the text when asked (trivia are not stored).
/// A piece is a run of whitespace, one line break (<c>\r\n</c>, <c>\n</c> or <c>\r</c>), a <c>//</c> comment up to the end
/// of its line (<c>///</c>, not <c>////</c>, in leading trivia: a documentation comment), or a <c>/* */</c> comment (to the
/// end of the text when unterminated). Within a token's trivia the division depends on the characters alone.
/// </summary>
internal static class TriviaScanner
{
    /// <summary>Whether <paramref name="c"/> is a whitespace character (not a line break).</summary>
    internal static bool IsWhitespace(char c) => c is ' ' or '\t' or '\f' or '\v' or '\uFEFF';

    /// <summary>Whether <paramref name="text"/> starts a comment.</summary>
    internal static bool StartsComment(ReadOnlySpan<char> text) => text.Length > 1 && text[0] == '/' && text[1] is '/' or '*';

    /// <summary>
    /// The kind and length of the trivia piece at the start of <paramref name="text"/> (which is not empty), or
    /// (<see cref="SyntaxKind.None"/>, 0) when it starts no trivia. <paramref name="leading"/>: whether it is before a token
    /// (where <c>///</c> is a documentation comment). <paramref name="unterminated"/>: a <c>/*</c> comment with no end.
    /// </summary>
    internal static (SyntaxKind Kind, int Length) Scan(ReadOnlySpan<char> text, bool leading, out bool unterminated)
    {
        unterminated = false;
        var c = text[0];
        if (IsWhitespace(c))
        {
            var length = 1;
            while (length < text.Length && IsWhitespace(text[length]))
            {
                length++;
            }
            return (SyntaxKind.WhitespaceTrivia, length);
        }
        if (c is '\n' or '\r')
        {
            return (SyntaxKind.EndOfLineTrivia, c == '\r' && text.Length > 1 && text[1] == '\n' ? 2 : 1);
        }
        if (!StartsComment(text))
        {
            return (SyntaxKind.None, 0);
        }
        if (text[1] == '/')
        {
            var isDoc = leading && text.Length > 2 && text[2] == '/' && (text.Length == 3 || text[3] != '/');
            var end = text.IndexOfAny('\r', '\n');
            return (isDoc ? SyntaxKind.DocumentationCommentTrivia : SyntaxKind.SingleLineCommentTrivia, end < 0 ? text.Length : end);
        }
        var close = text[2..].IndexOf("*/", StringComparison.Ordinal);
        unterminated = close < 0;
        return (SyntaxKind.MultiLineCommentTrivia, close < 0 ? text.Length : close + 4);
    }
}

/// <summary>The leading or trailing trivia of a token, read from its characters in the text.</summary>
public readonly struct SyntaxTriviaList : IReadOnlyList<SyntaxTrivia>
{
    private readonly SourceText? _text;
    private readonly int _start;
    private readonly int _width;
    private readonly bool _leading;

    internal SyntaxTriviaList(SourceText text, int start, int width, bool leading)
    {
        _text = text;
        _start = start;
        _width = width;
        _leading = leading;
    }

    /// <summary>The number of trivia.</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var _ in this)
            {
                count++;
            }
            return count;
        }
    }

    /// <summary>The trivia at <paramref name="index"/>.</summary>
    public SyntaxTrivia this[int index]
    {
        get
        {
            if (index >= 0)
            {
                foreach (var trivia in this)
                {
                    if (index-- == 0)
                    {
                        return trivia;
                    }
                }
            }
            throw new ArgumentOutOfRangeException(nameof(index));
        }
    }

    /// <summary>Enumerates the trivia in text order.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<SyntaxTrivia> IEnumerable<SyntaxTrivia>.GetEnumerator()
    {
        foreach (var trivia in this)
        {
            yield return trivia;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<SyntaxTrivia>)this).GetEnumerator();

    /// <summary>An allocation-free enumerator: reads one piece of trivia per step.</summary>
    public struct Enumerator
    {
        private readonly SyntaxTriviaList _list;
        private int _next;

        internal Enumerator(SyntaxTriviaList list)
        {
            _list = list;
            _next = 0;
        }

        /// <summary>The current trivia.</summary>
        public SyntaxTrivia Current { get; private set; }

        /// <summary>Advances to the next trivia.</summary>
        public bool MoveNext()
        {
            if (_next >= _list._width)
            {
                return false;
            }
            var start = _list._start + _next;
            var (kind, length) = TriviaScanner.Scan(_list._text!.Text.AsSpan(start, _list._width - _next), _list._leading, out _);
            // A token's trivia characters are all trivia; were they not (a bug), the rest is one piece rather than a loop.
            length = kind == SyntaxKind.None ? _list._width - _next : length;
            Current = new SyntaxTrivia(kind, start, length, _list._text);
            _next += length;
            return true;
        }
    }
}
