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

/// <summary>Storage of one parse's trivia (kind, start, length), shared by all its tokens.</summary>
internal sealed class TriviaStore
{
    internal readonly SourceText Text;
    internal SyntaxKind[] Kinds = new SyntaxKind[256];
    internal int[] Starts = new int[256];
    internal int[] Lengths = new int[256];
    internal int Count;

    internal TriviaStore(SourceText text)
    {
        Text = text;
    }

    internal void Add(SyntaxKind kind, int start, int length)
    {
        if (Count == Kinds.Length)
        {
            var size = Count * 2;
            Array.Resize(ref Kinds, size);
            Array.Resize(ref Starts, size);
            Array.Resize(ref Lengths, size);
        }
        Kinds[Count] = kind;
        Starts[Count] = start;
        Lengths[Count] = length;
        Count++;
    }
}

/// <summary>The leading or trailing trivia of a token.</summary>
public readonly struct SyntaxTriviaList : IReadOnlyList<SyntaxTrivia>
{
    private readonly TriviaStore? _store;
    private readonly int _start;

    internal SyntaxTriviaList(TriviaStore? store, int start, int count)
    {
        _store = store;
        _start = start;
        Count = count;
    }

    /// <summary>The number of trivia.</summary>
    public int Count { get; }

    /// <summary>The trivia at <paramref name="index"/>.</summary>
    public SyntaxTrivia this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }
            var i = _start + index;
            return new SyntaxTrivia(_store!.Kinds[i], _store.Starts[i], _store.Lengths[i], _store.Text);
        }
    }

    /// <summary>Enumerates the trivia in text order.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<SyntaxTrivia> IEnumerable<SyntaxTrivia>.GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<SyntaxTrivia>)this).GetEnumerator();

    /// <summary>An allocation-free enumerator.</summary>
    public struct Enumerator
    {
        private readonly SyntaxTriviaList _list;
        private int _index;

        internal Enumerator(SyntaxTriviaList list)
        {
            _list = list;
            _index = -1;
        }

        /// <summary>The current trivia.</summary>
        public readonly SyntaxTrivia Current => _list[_index];

        /// <summary>Advances to the next trivia.</summary>
        public bool MoveNext() => ++_index < _list.Count;
    }
}
