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

    /// <summary>Enumerates the elements.</summary>
    public IEnumerator<T> GetEnumerator()
    {
        foreach (var item in Items)
        {
            yield return (T)item;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
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

    /// <summary>Enumerates the elements.</summary>
    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Items.Length; i += 2)
        {
            yield return (T)Items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
