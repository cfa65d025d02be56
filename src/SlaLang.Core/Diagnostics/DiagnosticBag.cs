using SlaLang.Text;

namespace SlaLang.Diagnostics;

/// <summary>Collects the diagnostics of one file while it is parsed; stops collecting after <see cref="Limit"/> (then reports SLA1022 once).</summary>
internal sealed class DiagnosticBag
{
    internal const int Limit = 10_000;

    private readonly SourceText _text;
    private readonly string _path;
    private readonly List<Diagnostic> _items = [];
    private bool _full;

    internal DiagnosticBag(SourceText text, string path)
    {
        _text = text;
        _path = path;
    }

    internal int Count => _items.Count;

    /// <summary>The position of the last error reported, so that the parser reports one error per mistake.</summary>
    internal int LastErrorEnd { get; private set; } = -1;

    internal void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args)
    {
        if (_full)
        {
            return;
        }
        if (_items.Count >= Limit)
        {
            _full = true;
            _items.Add(Diagnostic.Create(DiagnosticCatalog.TooManyErrors, new Location(_path, _text, span), Limit));
            return;
        }
        _items.Add(Diagnostic.Create(descriptor, new Location(_path, _text, span), args));
        LastErrorEnd = Math.Max(LastErrorEnd, span.End);
    }

    internal IReadOnlyList<Diagnostic> ToSortedList()
    {
        // Stable: lexer and parser diagnostics interleave by position.
        return _items.Select((d, i) => (d, i)).OrderBy(p => p.d.Span.Start).ThenBy(p => p.i).Select(p => p.d).ToArray();
    }
}
