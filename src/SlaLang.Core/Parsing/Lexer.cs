using System.Text;
using SlaLang.Diagnostics;
using SlaLang.Parsing.Literals;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Parsing;

/// <summary>
/// The tokens of one file (the first <see cref="TokenCount"/> of <see cref="Tokens"/>, an array from
/// <see cref="TokenBuffers"/>: <see cref="Release"/> gives it back once parsed) and the store of their trivia.
/// A 20,000-line file has tens of thousands of tokens; the array is needed only while parsing, and a fresh one per parse went
/// to the large object heap, which an editor re-parsing on every keystroke turned into a full collection every other edit.
/// </summary>
internal sealed class LexedText(SourceText text, SyntaxToken[] tokens, int tokenCount)
{
    internal SourceText Text { get; } = text;

    internal SyntaxToken[] Tokens { get; private set; } = tokens;

    internal int TokenCount { get; } = tokenCount;

    /// <summary>Returns the token array to the pool (cleared, so the pool keeps no tree alive); the tokens must not be read after.</summary>
    internal void Release()
    {
        var tokens = Tokens;
        Tokens = [];
        if (tokens.Length > 0)
        {
            TokenBuffers.Return(tokens, TokenCount);
        }
    }
}

/// <summary>
/// Keeps the token array of the last parse for the next one: one array at most (so at most one stays alive, unlike
/// <c>ArrayPool.Shared</c>, which kept one per thread that had parsed), up to <see cref="MaxKept"/>
/// tokens; concurrent parses (a folder checked in parallel) simply get a fresh array.
/// </summary>
internal static class TokenBuffers
{
    /// <summary>The largest array kept (8 MiB of references, about three million lines).</summary>
    internal const int MaxKept = 1 << 20;

    private static SyntaxToken[]? s_kept;

    /// <summary>An array of at least <paramref name="minimumLength"/> tokens.</summary>
    internal static SyntaxToken[] Rent(int minimumLength)
    {
        var kept = Interlocked.Exchange(ref s_kept, null);
        if (kept is not null && kept.Length >= minimumLength)
        {
            return kept;
        }
        if (kept is not null)
        {
            // Too small for this file: give it back (it is clear) for the next, smaller, one.
            Return(kept, used: 0);
        }
        return new SyntaxToken[minimumLength];
    }

    /// <summary>
    /// Keeps <paramref name="tokens"/>, whose first <paramref name="used"/> elements are cleared (so it holds no tree alive),
    /// unless a larger one is kept already.
    /// </summary>
    internal static void Return(SyntaxToken[] tokens, int used)
    {
        if (tokens.Length > MaxKept)
        {
            return;
        }
        Array.Clear(tokens, 0, used);
        var kept = Volatile.Read(ref s_kept);
        if (kept is null || kept.Length < tokens.Length)
        {
            Interlocked.CompareExchange(ref s_kept, tokens, kept);
        }
    }
}

/// <summary>Turns text into tokens that own their trivia. Never throws; an unknown character becomes a <see cref="SyntaxKind.BadToken"/>
/// and SLA1001; the last token is always <see cref="SyntaxKind.EndOfFileToken"/>.
/// A line break is a <see cref="SyntaxKind.NewLineToken"/> when it ends a statement: not inside parentheses, not after
/// <c>,</c> <c>{</c> <c>;</c> or another line break, and not before a line starting with <c>{</c>. Other line breaks are trivia.</summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private SyntaxToken[] _tokens;
    private int _tokenCount;
    private int _pos;
    private int _parenDepth;
    private SyntaxKind _lastKind = SyntaxKind.None;

    private Lexer(SourceText source, DiagnosticBag diagnostics)
    {
        _source = source;
        _text = source.Text;
        _diagnostics = diagnostics;
        _tokens = TokenBuffers.Rent(Math.Max(16, _text.Length / 5));
    }

    /// <summary>Lexes the whole text.</summary>
    internal static LexedText Lex(SourceText text, DiagnosticBag diagnostics)
    {
        var lexer = new Lexer(text, diagnostics);
        lexer.Run();
        return new LexedText(text, lexer._tokens, lexer._tokenCount);
    }

    private void Run()
    {
        var text = _text;
        while (true)
        {
            var fullStart = _pos;
            ScanLeadingTrivia();
            var leadingWidth = _pos - fullStart;
            if (_pos >= text.Length)
            {
                AddToken(SyntaxToken.Create(_source, SyntaxKind.EndOfFileToken, SyntaxKind.None, fullStart, leadingWidth, 0, 0, value: null));
                return;
            }

            var start = _pos;
            var contextual = SyntaxKind.None;
            object? value = null;
            var kind = ScanToken(ref contextual, ref value);
            var width = _pos - start;

            switch (kind)
            {
                case SyntaxKind.OpenParenToken:
                    _parenDepth++;
                    break;
                case SyntaxKind.CloseParenToken:
                    if (_parenDepth > 0)
                    {
                        _parenDepth--;
                    }
                    break;
                case SyntaxKind.OpenBraceToken:
                case SyntaxKind.CloseBraceToken:
                    _parenDepth = 0;
                    break;
            }
            _lastKind = kind;

            var trailingPos = _pos;
            var significantNewLine = ScanTrailingTrivia();
            AddToken(SyntaxToken.Create(_source, kind, contextual, fullStart, leadingWidth, width, _pos - trailingPos, value));

            if (significantNewLine)
            {
                var newLineStart = _pos;
                _pos += text[_pos] == '\r' && _pos + 1 < text.Length && text[_pos + 1] == '\n' ? 2 : 1;
                AddToken(SyntaxToken.Create(_source, SyntaxKind.NewLineToken, SyntaxKind.None, newLineStart, 0, _pos - newLineStart, 0, value: null));
                _lastKind = SyntaxKind.NewLineToken;
            }
        }
    }

    private void AddToken(SyntaxToken token)
    {
        if (_tokenCount == _tokens.Length)
        {
            var larger = TokenBuffers.Rent(_tokens.Length * 2);
            _tokens.AsSpan(0, _tokenCount).CopyTo(larger);
            TokenBuffers.Return(_tokens, _tokenCount);
            _tokens = larger;
        }
        _tokens[_tokenCount++] = token;
    }

    private void ScanLeadingTrivia()
    {
        var more = true;
        while (more && _pos < _text.Length)
        {
            more = ScanTrivia(leading: true) != SyntaxKind.None;
        }
    }

    /// <summary>Whitespace and comments up to the end of the line; the line break too when it ends no statement.
    /// Returns true when the lexer stopped before a line break that ends the statement.</summary>
    private bool ScanTrailingTrivia()
    {
        var text = _text;
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c is '\n' or '\r')
            {
                if (IsNewLineSignificant())
                {
                    return true;
                }
                ScanTrivia(leading: false);
                return false;
            }
            if (ScanTrivia(leading: false) == SyntaxKind.None)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Moves past the piece of trivia at the current position and returns its kind, or <see cref="SyntaxKind.None"/>
    /// (without moving) when none starts there.</summary>
    private SyntaxKind ScanTrivia(bool leading)
    {
        var (kind, length) = TriviaScanner.Scan(_text.AsSpan(_pos), leading, out var unterminated);
        if (unterminated)
        {
            _diagnostics.ReportLexical(DiagnosticCatalog.UnterminatedComment, new TextSpan(_pos, 2));
        }
        _pos += length;
        return kind;
    }

    private bool IsNewLineSignificant()
    {
        if (_parenDepth > 0 || _lastKind is SyntaxKind.CommaToken or SyntaxKind.OpenBraceToken or SyntaxKind.SemicolonToken
            or SyntaxKind.OpenParenToken or SyntaxKind.NewLineToken or SyntaxKind.None)
        {
            return false;
        }
        // A block opened on the next line (`contract X` / `{`) continues the statement.
        var text = _text;
        var i = _pos;
        while (i < text.Length && (TriviaScanner.IsWhitespace(text[i]) || text[i] is '\r' or '\n'))
        {
            i++;
        }
        return i >= text.Length || text[i] != '{';
    }

    private SyntaxKind ScanToken(ref SyntaxKind contextual, ref object? value)
    {
        var text = _text;
        var c = text[_pos];
        var next = _pos + 1 < text.Length ? text[_pos + 1] : '\0';
        switch (c)
        {
            case '{':
                _pos++;
                return SyntaxKind.OpenBraceToken;
            case '}':
                _pos++;
                return SyntaxKind.CloseBraceToken;
            case '(':
                _pos++;
                return SyntaxKind.OpenParenToken;
            case ')':
                _pos++;
                return SyntaxKind.CloseParenToken;
            case ',':
                _pos++;
                return SyntaxKind.CommaToken;
            case ';':
                _pos++;
                return SyntaxKind.SemicolonToken;
            case '-':
                _pos++;
                return SyntaxKind.MinusToken;
            case '.' when next == '.':
                _pos += 2;
                return SyntaxKind.DotDotToken;
            case '.':
                _pos++;
                return SyntaxKind.DotToken;
            case '=' when next == '=':
                _pos += 2;
                return SyntaxKind.EqualsEqualsToken;
            case '!' when next == '=':
                _pos += 2;
                return SyntaxKind.BangEqualsToken;
            case '<':
                _pos += next == '=' ? 2 : 1;
                return next == '=' ? SyntaxKind.LessEqualsToken : SyntaxKind.LessToken;
            case '>':
                _pos += next == '=' ? 2 : 1;
                return next == '=' ? SyntaxKind.GreaterEqualsToken : SyntaxKind.GreaterToken;
            case '"':
                return ScanString(ref value);
        }
        if (char.IsAsciiLetter(c) || c == '_')
        {
            return ScanWord(ref contextual, ref value);
        }
        if (char.IsAsciiDigit(c))
        {
            return ScanNumeric(ref value);
        }
        if (IsNonAsciiLetter(_pos))
        {
            return ScanWord(ref contextual, ref value);
        }
        return ScanBad();
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Whether a letter outside ASCII (é, Ö, 𝒜) starts at <paramref name="i"/>: not allowed in a name, but lexed as part of one.</summary>
    private bool IsNonAsciiLetter(int i) =>
        _text[i] > 0x7F && Rune.TryGetRuneAt(_text, i, out var rune) && Rune.IsLetter(rune);

    private SyntaxKind ScanWord(ref SyntaxKind contextual, ref object? value)
    {
        var text = _text;
        var start = _pos;
        while (_pos < text.Length && IsWordChar(text[_pos]))
        {
            _pos++;
        }
        if (_pos < text.Length && text[_pos] > 0x7F && IsNonAsciiLetter(_pos))
        {
            return ScanNonAsciiWord(start);
        }
        var word = text.AsSpan(start, _pos - start);
        if (word.Length == 3 && IsDayName(word) && _pos + 1 < text.Length && text[_pos] is '-' or ',' && char.IsAsciiLetter(text[_pos + 1]))
        {
            while (_pos + 1 < text.Length && text[_pos] is '-' or ',' && char.IsAsciiLetter(text[_pos + 1]))
            {
                _pos++;
                while (_pos < text.Length && IsWordChar(text[_pos]))
                {
                    _pos++;
                }
            }
            value = ParseLiteral(start, SyntaxKind.DaySetLiteralToken, LiteralParsers.ParseDaySet, DiagnosticCatalog.InvalidDaySet);
            return SyntaxKind.DaySetLiteralToken;
        }
        contextual = SyntaxFacts.GetKeywordKind(word);
        return SyntaxKind.IdentifierToken;
    }

    /// <summary>
    /// A name with letters outside ASCII (<c>ÖkoRun</c>): one identifier token and one error, so that the declaration
    /// it names is still parsed and bound (instead of a bad character and a lost declaration).
    /// </summary>
    private SyntaxKind ScanNonAsciiWord(int start)
    {
        var text = _text;
        while (_pos < text.Length && (IsWordChar(text[_pos]) || IsNonAsciiLetter(_pos)))
        {
            _pos += char.IsHighSurrogate(text[_pos]) ? 2 : 1;
        }
        _diagnostics.ReportLexical(DiagnosticCatalog.NonAsciiIdentifier, TextSpan.FromBounds(start, _pos), text[start.._pos]); // letters and digits: shown as written
        return SyntaxKind.IdentifierToken;
    }

    /// <summary>Whether a word is one of mon, tue, wed, thu, fri, sat, sun.</summary>
    internal static bool IsDayName(ReadOnlySpan<char> word) =>
        word is "mon" or "tue" or "wed" or "thu" or "fri" or "sat" or "sun";

    private SyntaxKind ScanNumeric(ref object? value)
    {
        var text = _text;
        var start = _pos;
        while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
        {
            _pos++;
        }
        var digits = _pos - start;
        var c = _pos < text.Length ? text[_pos] : '\0';
        var next = _pos + 1 < text.Length ? text[_pos + 1] : '\0';

        if (c == '-' && char.IsAsciiDigit(next) && digits == 4)
        {
            // Date, or date-time with 'T'.
            while (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || text[_pos] == '-'))
            {
                _pos++;
            }
            if (_pos + 1 < text.Length && text[_pos] == 'T' && char.IsAsciiDigit(text[_pos + 1]))
            {
                _pos++;
                while (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || text[_pos] == ':'))
                {
                    _pos++;
                }
                value = ParseLiteral(start, SyntaxKind.DateTimeLiteralToken, LiteralParsers.ParseDateTime, DiagnosticCatalog.InvalidDateTime);
                return SyntaxKind.DateTimeLiteralToken;
            }
            value = ParseLiteral(start, SyntaxKind.DateLiteralToken, LiteralParsers.ParseDate, DiagnosticCatalog.InvalidDate);
            return SyntaxKind.DateLiteralToken;
        }
        if (c == ':' && char.IsAsciiDigit(next))
        {
            while (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || text[_pos] == ':'))
            {
                _pos++;
            }
            value = ParseLiteral(start, SyntaxKind.TimeLiteralToken, LiteralParsers.ParseTime, DiagnosticCatalog.InvalidTime);
            return SyntaxKind.TimeLiteralToken;
        }
        if (c == '.' && char.IsAsciiDigit(next))
        {
            _pos++;
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                _pos++;
            }
            c = _pos < text.Length ? text[_pos] : '\0';
        }
        if (c == '%')
        {
            _pos++;
            value = ParseLiteral(start, SyntaxKind.PercentLiteralToken, LiteralParsers.ParsePercent, DiagnosticCatalog.InvalidNumber);
            return SyntaxKind.PercentLiteralToken;
        }
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var suffixStart = _pos;
            while (_pos < text.Length && IsWordChar(text[_pos]))
            {
                _pos++;
            }
            if (text.AsSpan(suffixStart, _pos - suffixStart).StartsWith("bd", StringComparison.Ordinal))
            {
                value = ParseLiteral(start, SyntaxKind.WorkingDaysLiteralToken, LiteralParsers.ParseWorkingDays, DiagnosticCatalog.InvalidWorkingDays);
                return SyntaxKind.WorkingDaysLiteralToken;
            }
            value = ParseLiteral(start, SyntaxKind.DurationLiteralToken, LiteralParsers.ParseDuration, DiagnosticCatalog.InvalidDuration);
            return SyntaxKind.DurationLiteralToken;
        }
        if (c is ' ' or '\t')
        {
            // Money: amount, blanks, three capital letters ending the word.
            var i = _pos;
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }
            if (i + 3 <= text.Length && char.IsAsciiLetterUpper(text[i]) && char.IsAsciiLetterUpper(text[i + 1]) && char.IsAsciiLetterUpper(text[i + 2])
                && (i + 3 == text.Length || !IsWordChar(text[i + 3])))
            {
                _pos = i + 3;
                value = ParseLiteral(start, SyntaxKind.MoneyLiteralToken, LiteralParsers.ParseMoney, DiagnosticCatalog.InvalidMoney);
                return SyntaxKind.MoneyLiteralToken;
            }
        }
        value = ParseLiteral(start, SyntaxKind.NumberLiteralToken, LiteralParsers.ParseNumber, DiagnosticCatalog.InvalidNumber);
        return SyntaxKind.NumberLiteralToken;
    }

    private SyntaxKind ScanString(ref object? value)
    {
        var text = _text;
        var start = _pos;
        _pos++;
        var terminated = false;
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c == '"')
            {
                _pos++;
                terminated = true;
                break;
            }
            if (c is '\r' or '\n')
            {
                break;
            }
            if (c == '\\' && _pos + 1 < text.Length && text[_pos + 1] is not ('\r' or '\n'))
            {
                _pos += 2;
                continue;
            }
            _pos++;
        }
        var contentStart = start + 1;
        var contentEnd = terminated ? _pos - 1 : _pos;
        if (!terminated)
        {
            _diagnostics.ReportLexical(DiagnosticCatalog.UnterminatedString, TextSpan.FromBounds(start, _pos));
        }
        var result = LiteralParsers.ParseStringContent(text.AsSpan(contentStart, contentEnd - contentStart));
        if (!result.Success)
        {
            _diagnostics.ReportLexical(DiagnosticCatalog.InvalidEscape, new TextSpan(contentStart + result.ErrorStart, result.ErrorLength), result.Error);
        }
        value = result.Value;
        return SyntaxKind.StringLiteralToken;
    }

    private SyntaxKind ScanBad()
    {
        var text = _text;
        var start = _pos;
        do
        {
            _pos += char.IsHighSurrogate(text[_pos]) && _pos + 1 < text.Length && char.IsLowSurrogate(text[_pos + 1]) ? 2 : 1;
        }
        while (_pos < text.Length && StartsNoToken(_pos));
        _diagnostics.ReportLexical(DiagnosticCatalog.UnrecognizedCharacter, TextSpan.FromBounds(start, _pos), Display(text.AsSpan(start, _pos - start)));
        return SyntaxKind.BadToken;
    }

    private bool StartsNoToken(int i)
    {
        var text = _text;
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        if (IsWordChar(c) || IsNonAsciiLetter(i) || TriviaScanner.IsWhitespace(c))
        {
            return false;
        }
        return c switch
        {
            '\r' or '\n' or '"' or '{' or '}' or '(' or ')' or ',' or ';' or '-' or '<' or '>' or '.' => false,
            '=' or '!' => next != '=',
            '/' => next is not ('/' or '*'),
            _ => true,
        };
    }

    private object? ParseLiteral(int start, SyntaxKind kind, LiteralParser parser, DiagnosticDescriptor descriptor)
    {
        var span = _text.AsSpan(start, _pos - start);
        var result = ParseCached(kind, parser, span);
        if (!result.Success)
        {
            _diagnostics.ReportLexical(descriptor, new TextSpan(start + result.ErrorStart, result.ErrorLength), Display(span), result.Error);
        }
        return result.Value;
    }

    private delegate LiteralResult LiteralParser(ReadOnlySpan<char> text);

    private const int MaxCachedLiterals = 4096;
    private readonly Dictionary<string, LiteralResult>?[] _literalCache = new Dictionary<string, LiteralResult>?[SyntaxKind.DaySetLiteralToken - SyntaxKind.NumberLiteralToken + 1];

    /// <summary>Contracts repeat their literals (99.93%, 4h, month after month), so each distinct text is parsed by Pidgin once per file;
    /// the lookup by span allocates nothing on a hit.</summary>
    private LiteralResult ParseCached(SyntaxKind kind, LiteralParser parser, ReadOnlySpan<char> text)
    {
        var cache = _literalCache[kind - SyntaxKind.NumberLiteralToken] ??= new Dictionary<string, LiteralResult>(StringComparer.Ordinal);
        var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var cached))
        {
            return cached;
        }
        var result = parser(text);
        if (cache.Count < MaxCachedLiterals && text.Length <= 64)
        {
            lookup[text] = result;
        }
        return result;
    }

    /// <summary>A token's text as shown in a message: at most 32 characters, control characters as U+XXXX.</summary>
    internal static string Display(ReadOnlySpan<char> text)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in text.Length > 32 ? text[..32] : text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' || char.IsWhiteSpace(c) && c != ' ')
            {
                builder.Append("U+").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        if (text.Length > 32)
        {
            builder.Append('…');
        }
        return builder.ToString();
    }
}
