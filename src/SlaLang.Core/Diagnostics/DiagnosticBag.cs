using SlaLang.Text;

namespace SlaLang.Diagnostics;

/// <summary>Collects the diagnostics of one file while it is parsed; stops collecting after <see cref="Limit"/> (then reports SLA1022 once).</summary>
internal sealed class DiagnosticBag
{
    internal const int Limit = 10_000;

    private readonly SourceText _text;
    private readonly string _path;
    private readonly List<Diagnostic> _items = [];
    private readonly List<int> _lexicalErrorStarts = [];
    private bool _full;

    internal DiagnosticBag(SourceText text, string path)
    {
        _text = text;
        _path = path;
    }

    internal int Count => _items.Count;

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
        if (_items.Count > 0 && _items[^1].Descriptor == descriptor && _items[^1].Span == span)
        {
            // Several unclosed blocks at the end of the file are one mistake.
            return;
        }
        _items.Add(Diagnostic.Create(descriptor, new Location(_path, _text, span), args));
    }

    /// <summary>Reports a lexical error (the lexer reports in text order) and remembers where it is.</summary>
    internal void ReportLexical(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args)
    {
        _lexicalErrorStarts.Add(span.Start);
        Report(descriptor, span, args);
    }

    /// <summary>Whether the lexer reported an error starting in [start, end]: the parser then stays silent about that token.</summary>
    internal bool HasLexicalErrorIn(int start, int end)
    {
        var index = _lexicalErrorStarts.BinarySearch(start);
        if (index < 0)
        {
            index = ~index;
        }
        return index < _lexicalErrorStarts.Count && _lexicalErrorStarts[index] <= end;
    }

    internal IReadOnlyList<Diagnostic> ToSortedList()
    {
        // Stable: lexer and parser diagnostics interleave by position.
        return _items.Select((d, i) => (d, i)).OrderBy(p => p.d.Span.Start).ThenBy(p => p.i).Select(p => p.d).ToArray();
    }
}
