using System.Globalization;
using SlaLang.Syntax;

namespace SlaLang.Semantics;

/// <summary>
/// A piece of a diagnostic message, written out only when a diagnostic is reported: a composite format and up to two
/// arguments, where a token stands for its text. The binder passes these down its checks instead of strings, so that
/// binding a correct contract builds no message text at all.
/// </summary>
internal readonly struct Phrase
{
    private readonly string _format;
    private readonly object? _arg0;
    private readonly object? _arg1;
    private readonly bool _composite;

    /// <summary>The text <paramref name="text"/> itself (braces are not special).</summary>
    public Phrase(string text)
    {
        _format = text;
    }

    /// <summary>The text of <paramref name="token"/>.</summary>
    public Phrase(SyntaxToken token)
        : this("{0}", token)
    {
    }

    /// <summary><paramref name="format"/> (a composite format) with <paramref name="arg0"/> and <paramref name="arg1"/>.</summary>
    public Phrase(string format, object? arg0, object? arg1 = null)
    {
        _format = format;
        _arg0 = arg0;
        _arg1 = arg1;
        _composite = true;
    }

    public static implicit operator Phrase(string text) => new(text);

    /// <summary>The phrase written out.</summary>
    public override string ToString() =>
        _composite ? string.Format(CultureInfo.InvariantCulture, _format, Text(_arg0), Text(_arg1)) : _format ?? "";

    private static object? Text(object? argument) => argument is SyntaxToken token ? token.Text : argument;
}
