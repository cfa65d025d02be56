using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SlaLang.Runtime;

/// <summary>
/// A map from ordinal text (incident, outage and maintenance ids, obligation names) to facts, on the path of every
/// event: open addressing with linear probing and backward-shift removal, the hash computed inline over the
/// whole text 8 bytes at a time (seeded per process, so colliding ids cannot be prepared in advance), one stored
/// 32-bit tag compared before the text. A lookup is a hash, usually one probe and one text compare, with no
/// interface call. Enumeration order is unspecified (every consumer sorts or sums exactly).
/// </summary>
internal sealed class IdMap<TValue> : IEnumerable<KeyValuePair<string, TValue>>
{
    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;
    private const int MinBits = 3;

    private uint[] _tags;       // 0 = empty slot; otherwise the high 32 bits of the hash with the low bit set
    private string[] _keys;
    private TValue[] _values;
    private int _bits;
    private int _count;

    public IdMap()
    {
        _bits = MinBits;
        _tags = new uint[1 << MinBits];
        _keys = new string[1 << MinBits];
        _values = new TValue[1 << MinBits];
    }

    /// <summary>Number of entries.</summary>
    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Tag(string key)
    {
        ref var p = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(key.AsSpan()));
        nint n = key.Length * 2;
        var h = Seed ^ (ulong)n;
        if (n >= 8)
        {
            for (nint i = 0; i < n - 8; i += 8)
            {
                h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i))) * Multiplier;
                h ^= h >> 29;
            }
            h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, n - 8))) * Multiplier;
        }
        else
        {
            for (nint i = 0; i < n; i += 2)
            {
                h = (h ^ Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref p, i))) * Multiplier;
            }
        }
        h = (h ^ (h >> 32)) * Multiplier;
        return (uint)(h >> 32) | 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Same(string a, string b) =>
        ReferenceEquals(a, b) || (a.Length == b.Length
            && MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(b.AsSpan())));

    private int Home(uint tag) => (int)(tag >> (32 - _bits));

    /// <summary>The slot of <paramref name="key"/>, or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(string key, uint tag)
    {
        var tags = _tags;
        var mask = tags.Length - 1;
        for (var i = Home(tag); ; i = (i + 1) & mask)
        {
            var t = tags[i];
            if (t == tag && Same(_keys[i], key))
            {
                return i;
            }
            if (t == 0)
            {
                return -1;
            }
        }
    }

    /// <summary>The value of <paramref name="key"/>, added as default when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TValue GetOrAdd(string key, out bool exists)
    {
        var tag = Tag(key);
        var i = Find(key, tag);
        exists = i >= 0;
        if (i < 0)
        {
            i = Insert(key, tag);
        }
        // Not `ref _values[i]`: for reference-type values that is a covariance-checked helper call.
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_values), i);
    }

    /// <summary>The value of <paramref name="key"/>, added as default when absent.</summary>
    public ref TValue GetOrAdd(string key) => ref GetOrAdd(key, out _);

    private int Insert(string key, uint tag)
    {
        if ((_count + 1) * 4 > _tags.Length * 3)
        {
            Grow();
        }
        var mask = _tags.Length - 1;
        var i = Home(tag);
        while (_tags[i] != 0)
        {
            i = (i + 1) & mask;
        }
        _tags[i] = tag;
        _keys[i] = key;
        _count++;
        return i;
    }

    private void Grow()
    {
        var (tags, keys, values) = (_tags, _keys, _values);
        _bits++;
        _tags = new uint[1 << _bits];
        _keys = new string[1 << _bits];
        _values = new TValue[1 << _bits];
        var mask = _tags.Length - 1;
        for (var j = 0; j < tags.Length; j++)
        {
            if (tags[j] == 0)
            {
                continue;
            }
            var i = Home(tags[j]);
            while (_tags[i] != 0)
            {
                i = (i + 1) & mask;
            }
            (_tags[i], _keys[i], _values[i]) = (tags[j], keys[j], values[j]);
        }
    }

    /// <summary>True when <paramref name="key"/> is present; its value in <paramref name="value"/>.</summary>
    public bool TryGetValue(string key, out TValue value)
    {
        var i = Find(key, Tag(key));
        value = i >= 0 ? _values[i] : default!;
        return i >= 0;
    }

    /// <summary>Gets the value of a present key, or sets a key's value.</summary>
    /// <exception cref="KeyNotFoundException">Getting an absent key.</exception>
    public TValue this[string key]
    {
        get => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"'{key}' is not in the map.");
        set => GetOrAdd(key) = value;
    }

    /// <summary>Removes <paramref name="key"/>; false when absent.</summary>
    public bool Remove(string key)
    {
        var i = Find(key, Tag(key));
        if (i < 0)
        {
            return false;
        }
        // Backward shift: move later entries of the probe run into the hole unless their home lies after it.
        var mask = _tags.Length - 1;
        for (var j = (i + 1) & mask; _tags[j] != 0; j = (j + 1) & mask)
        {
            var home = Home(_tags[j]);
            var stays = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!stays)
            {
                (_tags[i], _keys[i], _values[i]) = (_tags[j], _keys[j], _values[j]);
                i = j;
            }
        }
        (_tags[i], _keys[i], _values[i]) = (0, null!, default!);
        _count--;
        return true;
    }

    /// <summary>Removes every entry (keeps the capacity).</summary>
    public void Clear()
    {
        Array.Clear(_tags);
        Array.Clear(_keys);
        Array.Clear(_values);
        _count = 0;
    }

    /// <summary>Enumerates the entries (order unspecified; do not modify the map meanwhile).</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, TValue>> IEnumerable<KeyValuePair<string, TValue>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Allocation-free enumerator over the occupied slots.</summary>
    public struct Enumerator(IdMap<TValue> map) : IEnumerator<KeyValuePair<string, TValue>>
    {
        private int _index = -1;

        public readonly KeyValuePair<string, TValue> Current => new(map._keys[_index], map._values[_index]);

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            while (++_index < map._tags.Length)
            {
                if (map._tags[_index] != 0)
                {
                    return true;
                }
            }
            return false;
        }

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
