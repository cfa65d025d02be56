using NodaTime;

namespace SlaLang.Runtime;

/// <summary>A half-open interval of instants [<see cref="Start"/>, <see cref="End"/>); empty when End ≤ Start.</summary>
public readonly record struct InstantInterval(Instant Start, Instant End)
{
    /// <summary>True when the interval holds no instant.</summary>
    public bool IsEmpty => End <= Start;

    /// <summary>The exact length (zero when empty).</summary>
    public Duration Length => IsEmpty ? Duration.Zero : End - Start;

    /// <summary>True when <paramref name="t"/> lies in [Start, End).</summary>
    public bool Contains(Instant t) => t >= Start && t < End;

    /// <summary>The overlap of two intervals (possibly empty).</summary>
    public InstantInterval Intersect(InstantInterval other) =>
        new(Start > other.Start ? Start : other.Start, End < other.End ? End : other.End);

    /// <inheritdoc/>
    public override string ToString() => $"[{Start}, {End})";
}

/// <summary>
/// An immutable set of instants stored as sorted, disjoint, non-adjacent half-open intervals.
/// Overlapping inputs are merged, so every instant is counted once.
/// </summary>
public sealed class IntervalSet : IEquatable<IntervalSet>
{
    private readonly InstantInterval[] _items;

    /// <summary>The empty set.</summary>
    public static IntervalSet Empty { get; } = new([]);

    private IntervalSet(InstantInterval[] normalized) => _items = normalized;

    /// <summary>The set made of one interval.</summary>
    public static IntervalSet Of(Instant start, Instant end) =>
        end <= start ? Empty : new([new InstantInterval(start, end)]);

    /// <summary>The union of the given intervals (empty ones ignored, overlaps merged).</summary>
    public static IntervalSet From(IEnumerable<InstantInterval> intervals)
    {
        var list = new List<InstantInterval>();
        foreach (var i in intervals)
        {
            if (!i.IsEmpty)
            {
                list.Add(i);
            }
        }
        return FromUnsorted(list);
    }

    private static IntervalSet FromUnsorted(List<InstantInterval> list)
    {
        if (list.Count == 0)
        {
            return Empty;
        }
        list.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<InstantInterval>(list.Count);
        var cur = list[0];
        for (var k = 1; k < list.Count; k++)
        {
            var next = list[k];
            if (next.Start <= cur.End)
            {
                if (next.End > cur.End)
                {
                    cur = new InstantInterval(cur.Start, next.End);
                }
            }
            else
            {
                merged.Add(cur);
                cur = next;
            }
        }
        merged.Add(cur);
        return new IntervalSet([.. merged]);
    }

    /// <summary>The disjoint intervals in ascending order.</summary>
    public ReadOnlySpan<InstantInterval> Intervals => _items;

    /// <summary>Number of disjoint intervals.</summary>
    public int Count => _items.Length;

    /// <summary>True when the set holds no instant.</summary>
    public bool IsEmpty => _items.Length == 0;

    /// <summary>Total real length of the set (each instant once).</summary>
    public Duration TotalLength
    {
        get
        {
            var d = Duration.Zero;
            foreach (var i in _items)
            {
                d += i.Length;
            }
            return d;
        }
    }

    /// <summary>Instants in this set or in <paramref name="other"/>.</summary>
    public IntervalSet Union(IntervalSet other)
    {
        if (other.IsEmpty)
        {
            return this;
        }
        if (IsEmpty)
        {
            return other;
        }
        var list = new List<InstantInterval>(_items.Length + other._items.Length);
        list.AddRange(_items);
        list.AddRange(other._items);
        return FromUnsorted(list);
    }

    /// <summary>Instants in both sets.</summary>
    public IntervalSet Intersect(IntervalSet other)
    {
        var result = new List<InstantInterval>();
        int a = 0, b = 0;
        var x = _items;
        var y = other._items;
        while (a < x.Length && b < y.Length)
        {
            var overlap = x[a].Intersect(y[b]);
            if (!overlap.IsEmpty)
            {
                result.Add(overlap);
            }
            if (x[a].End < y[b].End)
            {
                a++;
            }
            else
            {
                b++;
            }
        }
        return result.Count == 0 ? Empty : new IntervalSet([.. result]);
    }

    /// <summary>Instants in this set that fall in [start, end).</summary>
    public IntervalSet Clip(Instant start, Instant end) => Intersect(Of(start, end));

    /// <summary>Instants in this set and not in <paramref name="other"/>.</summary>
    public IntervalSet Subtract(IntervalSet other)
    {
        if (other.IsEmpty || IsEmpty)
        {
            return this;
        }
        var result = new List<InstantInterval>();
        var y = other._items;
        var b = 0;
        foreach (var i in _items)
        {
            var start = i.Start;
            while (b < y.Length && y[b].End <= start)
            {
                b++;
            }
            var k = b;
            while (k < y.Length && y[k].Start < i.End)
            {
                if (y[k].Start > start)
                {
                    result.Add(new InstantInterval(start, y[k].Start));
                }
                if (y[k].End > start)
                {
                    start = y[k].End;
                }
                if (start >= i.End)
                {
                    break;
                }
                k++;
            }
            if (start < i.End)
            {
                result.Add(new InstantInterval(start, i.End));
            }
        }
        return result.Count == 0 ? Empty : new IntervalSet([.. result]);
    }

    /// <summary>True when <paramref name="t"/> is in the set.</summary>
    public bool Contains(Instant t)
    {
        foreach (var i in _items)
        {
            if (i.Contains(t))
            {
                return true;
            }
            if (i.Start > t)
            {
                break;
            }
        }
        return false;
    }

    /// <inheritdoc/>
    public bool Equals(IntervalSet? other) => other is not null && _items.AsSpan().SequenceEqual(other._items);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IntervalSet);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var i in _items)
        {
            h.Add(i);
        }
        return h.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => _items.Length == 0 ? "{}" : string.Join(" ∪ ", _items);
}
