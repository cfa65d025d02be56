using System.Collections;

namespace SlaLang.Syntax;

/// <summary>The shared storage of a list slot: its elements (and separators) in text order.</summary>
public abstract class SyntaxListBase
{
    internal SyntaxListBase(object[] items)
    {
        Items = items;
    }

    /// <summary>Nodes and tokens in text order (separators included).</summary>
    internal object[] Items { get; }
}

/// <summary>A list of nodes or tokens held by one slot of a node.</summary>
public sealed class SyntaxList<T> : SyntaxListBase, IReadOnlyList<T>
    where T : class
{
    internal static readonly SyntaxList<T> Empty = new([]);

    internal SyntaxList(object[] items)
        : base(items)
    {
    }

    /// <summary>The number of elements.</summary>
    public int Count => Items.Length;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public T this[int index] => (T)Items[index];

    /// <summary>Enumerates the elements without allocating (a <c>foreach</c> over the list uses it).</summary>
    public Enumerator GetEnumerator() => new(Items, 1);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the elements of a list's items, every <c>stride</c>-th one (2 skips the separators of a separated list).</summary>
    public struct Enumerator : IEnumerator<T>
    {
        private readonly object[] _items;
        private readonly int _stride;
        private int _index;

        internal Enumerator(object[] items, int stride)
        {
            _items = items;
            _stride = stride;
            _index = -stride;
        }

        /// <summary>The current element.</summary>
        public readonly T Current => (T)_items[_index];

        readonly object IEnumerator.Current => Current;

        /// <summary>Moves to the next element.</summary>
        public bool MoveNext()
        {
            _index += _stride;
            return _index < _items.Length;
        }

        /// <summary>Starts over.</summary>
        public void Reset() => _index = -_stride;

        /// <inheritdoc/>
        public readonly void Dispose()
        {
        }
    }
}

/// <summary>A comma-separated list held by one slot of a node: elements and the separators between them.</summary>
public sealed class SeparatedSyntaxList<T> : SyntaxListBase, IReadOnlyList<T>
    where T : class
{
    internal SeparatedSyntaxList(object[] itemsAndSeparators)
        : base(itemsAndSeparators)
    {
    }

    /// <summary>The number of elements (separators not counted).</summary>
    public int Count => (Items.Length + 1) / 2;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public T this[int index] => (T)Items[index * 2];

    /// <summary>The separators (commas), one fewer than the elements unless the list ends with one.</summary>
    public IReadOnlyList<SyntaxToken> Separators
    {
        get
        {
            var separators = new SyntaxToken[Items.Length / 2];
            for (var i = 0; i < separators.Length; i++)
            {
                separators[i] = (SyntaxToken)Items[(i * 2) + 1];
            }
            return separators;
        }
    }

    /// <summary>Elements and separators in text order.</summary>
    public IReadOnlyList<SyntaxNodeOrToken> GetWithSeparators() => Items.Select(i => new SyntaxNodeOrToken(i)).ToArray();

    /// <summary>Enumerates the elements (not the separators) without allocating.</summary>
    public SyntaxList<T>.Enumerator GetEnumerator() => new(Items, 2);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
