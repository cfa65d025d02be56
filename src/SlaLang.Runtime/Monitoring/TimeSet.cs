using NodaTime;

namespace SlaLang.Runtime;

/// <summary>A small sorted set of instants (set semantics: adding an instant twice keeps one). Null-backed when empty.</summary>
internal struct TimeSet
{
    private Instant[]? _items;
    private int _count;

    public readonly int Count => _count;

    public readonly ReadOnlySpan<Instant> Items => _items is null ? default : _items.AsSpan(0, _count);

    public readonly Instant? Min => _count == 0 ? null : _items![0];

    public readonly Instant? Max => _count == 0 ? null : _items![_count - 1];

    /// <summary>Adds <paramref name="t"/>; false when it was already present.</summary>
    public bool Add(Instant t)
    {
        if (_items is null)
        {
            _items = [t];
            _count = 1;
            return true;
        }
        var i = Array.BinarySearch(_items, 0, _count, t);
        if (i >= 0)
        {
            return false;
        }
        i = ~i;
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _count * 2);
        }
        Array.Copy(_items, i, _items, i + 1, _count - i);
        _items[i] = t;
        _count++;
        return true;
    }

    /// <summary>Number of instants in [start, end).</summary>
    public readonly int CountIn(Instant start, Instant end)
    {
        if (_count == 0 || end <= start)
        {
            return 0;
        }
        var lo = LowerBound(start);
        var hi = LowerBound(end);
        return hi - lo;
    }

    /// <summary>The first instant ≥ <paramref name="t"/>, or null.</summary>
    public readonly Instant? FirstAtOrAfter(Instant t)
    {
        var i = LowerBound(t);
        return i < _count ? _items![i] : null;
    }

    private readonly int LowerBound(Instant t)
    {
        if (_items is null)
        {
            return 0;
        }
        var i = Array.BinarySearch(_items, 0, _count, t);
        return i >= 0 ? i : ~i;
    }
}
