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
/// Storage of one parse's trivia (kind, start, length), shared by all its tokens. Entries live in fixed-size chunks
/// (48 KiB each, under the large-object threshold) rather than one growing array: a 20,000-line file has about 100,000
/// trivia, and arrays of that size, reallocated on every keystroke of an editor, went to the large object heap and
/// forced a full (gen2) collection every other edit.
/// </summary>
internal sealed class TriviaStore
{
    private const int ChunkShift = 12;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    internal readonly SourceText Text;
    private Entry[][] _chunks = new Entry[4][];
    private Entry[] _current = new Entry[64];
    private int _chunkCount;

    internal TriviaStore(SourceText text)
    {
        Text = text;
    }

    /// <summary>The number of trivia stored.</summary>
    internal int Count { get; private set; }

    internal void Add(SyntaxKind kind, int start, int length)
    {
        var offset = Count & ChunkMask;
        if (offset == 0)
        {
            // The first chunk starts small (most files are small); every later one is full size.
            _current = Count == 0 ? _current : new Entry[ChunkSize];
            if (_chunkCount == _chunks.Length)
            {
                Array.Resize(ref _chunks, _chunks.Length * 2);
            }
            _chunks[_chunkCount++] = _current;
        }
        else if (offset == _current.Length)
        {
            Array.Resize(ref _current, Math.Min(ChunkSize, _current.Length * 4));
            _chunks[_chunkCount - 1] = _current;
        }
        _current[offset] = new Entry(kind, start, length);
        Count++;
    }

    /// <summary>The trivia at <paramref name="index"/> (which must be below <see cref="Count"/>).</summary>
    internal SyntaxTrivia this[int index]
    {
        get
        {
            ref readonly var entry = ref _chunks[index >> ChunkShift][index & ChunkMask];
            return new SyntaxTrivia(entry.Kind, entry.Start, entry.Length, Text);
        }
    }

    /// <summary>The length of the trivia at <paramref name="index"/> (which must be below <see cref="Count"/>).</summary>
    internal int LengthAt(int index) => _chunks[index >> ChunkShift][index & ChunkMask].Length;

    private readonly record struct Entry(SyntaxKind Kind, int Start, int Length);
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
            return _store![_start + index];
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
