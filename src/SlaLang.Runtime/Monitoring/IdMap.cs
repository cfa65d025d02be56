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
    private static readonly ulong Seed2 = (ulong)Random.Shared.NextInt64();
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;
    private const ulong Multiplier2 = 0xC2B2AE3D27D4EB4FUL;
    private const int MinBits = 3;

    /// <summary>
    /// One slot: the tag (0 = empty), and the key's length and first and last 8 bytes inline, so that finding an
    /// id of up to 8 characters touches only this slot, not the stored key text (one cache line, not three).
    /// </summary>
    private struct Entry
    {
        public uint Tag;
        public int Length;
        public ulong Head;
        public ulong Tail;
        public string Key;
        public TValue Value;
    }

    private Entry[] _entries;
    private int _bits;
    private int _shift; // 32 − _bits: a tag's home slot is its top bits
    private int _count;
    private int _last = -1; // the slot found or added last (−1 after a removal or growth moved slots)

    public IdMap()
    {
        _bits = MinBits;
        _shift = 32 - MinBits;
        _entries = new Entry[1 << MinBits];
    }

    /// <summary>Number of entries.</summary>
    public int Count => _count;

    /// <summary>The key's tag (hash), and its first and last 8 bytes (for 0–3 characters: all of them, and 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Tag(string key, out ulong head, out ulong tail)
    {
        // 16 bytes per step in two independent multiplies (ids of up to 8 characters, the common case, take one
        // step); the last step overlaps the previous one instead of a byte tail.
        ref var p = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(key.AsSpan()));
        nint n = key.Length * 2;
        ulong h;
        if (n >= 8)
        {
            head = Unsafe.ReadUnaligned<ulong>(ref p);
            tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, n - 8));
            h = Seed ^ (ulong)n;
            nint i = 0;
            for (; i < n - 16; i += 16)
            {
                h = Mix(h, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i)), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i + 8)));
            }
            h = Mix(h, i == 0 ? head : Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, Math.Min(i, n - 8))), tail);
        }
        else
        {
            ulong w = 0;
            for (nint i = 0; i < n; i += 2)
            {
                w = (w << 16) | Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref p, i));
            }
            (head, tail) = (w, 0);
            h = Mix(Seed ^ (ulong)n, w, (ulong)n);
        }
        return (uint)(h >> 32) | 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong h, ulong a, ulong b)
    {
        var x = (a ^ h) * Multiplier;
        var y = (b ^ Seed2) * Multiplier2;
        var m = x ^ (y >> 29) ^ (y << 35);
        return (m ^ (m >> 32)) * Multiplier;
    }

    private int Home(uint tag) => (int)(tag >> _shift);

    /// <summary>The slot of <paramref name="key"/>, or −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Find(string key, uint tag, ulong head, ulong tail)
    {
        ref var entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        var mask = _entries.Length - 1;
        var length = key.Length;
        for (var i = Home(tag); ; i = (i + 1) & mask)
        {
            ref var e = ref Unsafe.Add(ref entries, i);
            if (e.Tag == tag)
            {
                // Up to 8 characters the inline bytes are the whole key; longer keys compare their text too.
                if (((e.Head ^ head) | (e.Tail ^ tail) | (uint)(e.Length ^ length)) == 0
                    && (length <= 8 || e.Key.AsSpan().SequenceEqual(key.AsSpan())))
                {
                    return i;
                }
            }
            else if (e.Tag == 0)
            {
                return -1;
            }
        }
    }

    /// <summary>The value of <paramref name="key"/>, added as default when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TValue GetOrAdd(string key, out bool exists)
    {
        // The events of one id usually arrive together: the slot found last is tried first, without hashing.
        ref var entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        var last = _last;
        if (last >= 0)
        {
            ref var e = ref Unsafe.Add(ref entries, last);
            if (e.Length == key.Length && Same(e.Key, key))
            {
                exists = true;
                return ref e.Value;
            }
        }
        var tag = Tag(key, out var head, out var tail);
        var i = Find(key, tag, head, tail);
        exists = i >= 0;
        if (i < 0)
        {
            i = Insert(key, tag, head, tail);
        }
        _last = i;
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), i).Value;
    }

    /// <summary>Ordinal equality of two texts of equal length; 4–8 characters in two overlapping 8-byte compares.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Same(string a, string b)
    {
        nint bytes = a.Length * 2;
        if (bytes is >= 8 and <= 16)
        {
            ref var pa = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(a.AsSpan()));
            ref var pb = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(b.AsSpan()));
            return ((Unsafe.ReadUnaligned<ulong>(ref pa) ^ Unsafe.ReadUnaligned<ulong>(ref pb))
                | (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref pa, bytes - 8)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref pb, bytes - 8)))) == 0;
        }
        return a.AsSpan().SequenceEqual(b.AsSpan());
    }

    /// <summary>The value of <paramref name="key"/>, added as default when absent.</summary>
    public ref TValue GetOrAdd(string key) => ref GetOrAdd(key, out _);

    private int Insert(string key, uint tag, ulong head, ulong tail)
    {
        if ((_count + 1) * 4 > _entries.Length * 3)
        {
            Grow();
        }
        var mask = _entries.Length - 1;
        var i = Home(tag);
        while (_entries[i].Tag != 0)
        {
            i = (i + 1) & mask;
        }
        _entries[i] = new Entry { Tag = tag, Length = key.Length, Head = head, Tail = tail, Key = key };
        _count++;
        return i;
    }

    private void Grow()
    {
        var old = _entries;
        _last = -1;
        _bits++;
        _shift = 32 - _bits;
        _entries = new Entry[1 << _bits];
        var mask = _entries.Length - 1;
        foreach (ref readonly var e in old.AsSpan())
        {
            if (e.Tag == 0)
            {
                continue;
            }
            var i = Home(e.Tag);
            while (_entries[i].Tag != 0)
            {
                i = (i + 1) & mask;
            }
            _entries[i] = e;
        }
    }

    /// <summary>True when <paramref name="key"/> is present; its value in <paramref name="value"/>.</summary>
    public bool TryGetValue(string key, out TValue value)
    {
        var i = Find(key, Tag(key, out var head, out var tail), head, tail);
        value = i >= 0 ? _entries[i].Value : default!;
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
        var i = Find(key, Tag(key, out var head, out var tail), head, tail);
        if (i < 0)
        {
            return false;
        }
        _last = -1;
        // Backward shift: move later entries of the probe run into the hole unless their home lies after it.
        var mask = _entries.Length - 1;
        for (var j = (i + 1) & mask; _entries[j].Tag != 0; j = (j + 1) & mask)
        {
            var home = Home(_entries[j].Tag);
            var stays = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!stays)
            {
                _entries[i] = _entries[j];
                i = j;
            }
        }
        _entries[i] = default;
        _count--;
        return true;
    }

    /// <summary>Removes every entry (keeps the capacity).</summary>
    public void Clear()
    {
        Array.Clear(_entries);
        _count = 0;
        _last = -1;
    }

    /// <summary>Enumerates the entries (order unspecified; do not modify the map meanwhile).</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, TValue>> IEnumerable<KeyValuePair<string, TValue>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Allocation-free enumerator over the occupied slots.</summary>
    public struct Enumerator(IdMap<TValue> map) : IEnumerator<KeyValuePair<string, TValue>>
    {
        private int _index = -1;

        public readonly KeyValuePair<string, TValue> Current => new(map._entries[_index].Key, map._entries[_index].Value);

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            while (++_index < map._entries.Length)
            {
                if (map._entries[_index].Tag != 0)
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
