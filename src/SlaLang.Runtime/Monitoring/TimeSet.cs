using System.Runtime.CompilerServices;
using NodaTime;

namespace SlaLang.Runtime;

/// <summary>
/// A small sorted set of instants (adding an instant twice keeps one). The smallest instant is stored inline, the
/// others in an array allocated only when a second instant arrives: most incidents have one resolution.
/// </summary>
internal struct TimeSet
{
    private Instant _first;
    private Instant[]? _rest;
    private int _count;

    public readonly int Count => _count;

    public readonly Instant? Min => _count == 0 ? null : _first;

    public readonly Instant? Max => _count == 0 ? null : _count == 1 ? _first : _rest![_count - 2];

    /// <summary>Adds <paramref name="t"/>; false when it was already present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(Instant t) => (_count == 0 || t != _first) && AddNew(t); // a repeat of the smallest is decided inline

    private bool AddNew(Instant t)
    {
        if (_count == 0)
        {
            _first = t;
            _count = 1;
            return true;
        }
        if (t == _first)
        {
            return false;
        }
        if (t < _first)
        {
            (t, _first) = (_first, t);
        }
        _rest ??= new Instant[2];
        var restCount = _count - 1;
        var i = Array.BinarySearch(_rest, 0, restCount, t);
        if (i >= 0)
        {
            return false; // already in the set (a swapped-out former minimum is never in the rest)
        }
        i = ~i;
        if (restCount == _rest.Length)
        {
            Array.Resize(ref _rest, restCount * 2);
        }
        Array.Copy(_rest, i, _rest, i + 1, restCount - i);
        _rest[i] = t;
        _count++;
        return true;
    }

    /// <summary>The first instant ≥ <paramref name="t"/>, or null.</summary>
    public readonly Instant? FirstAtOrAfter(Instant t)
    {
        if (_count == 0)
        {
            return null;
        }
        if (_first >= t)
        {
            return _first;
        }
        if (_rest is null)
        {
            return null;
        }
        var i = Array.BinarySearch(_rest, 0, _count - 1, t);
        i = i >= 0 ? i : ~i;
        return i < _count - 1 ? _rest[i] : null;
    }

    /// <summary>Enumerates the instants in ascending order.</summary>
    public readonly Enumerator GetEnumerator() => new(this);

    /// <summary>Allocation-free enumerator.</summary>
    public struct Enumerator(TimeSet set)
    {
        private int _index = -1;

        public readonly Instant Current => _index == 0 ? set._first : set._rest![_index - 1];

        public bool MoveNext() => ++_index < set._count;
    }
}
