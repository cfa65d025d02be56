using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Text;

namespace SlaLang.Runtime;

/// <summary>
/// Strings made from UTF-8 bytes, repeated texts returned as one instance without allocating: a direct-mapped table
/// that keeps the latest text per slot, so its memory is bounded (<see cref="Slots"/> texts of at most
/// <see cref="MaxLength"/> bytes) whatever the input. Sharing instances also lets reference-equality checks succeed.
/// </summary>
internal sealed class Utf8StringCache
{
    /// <summary>The number of slots (a power of two).</summary>
    internal const int Slots = 1 << SlotBits;

    private const int SlotBits = 12;

    /// <summary>Longer texts are not cached.</summary>
    internal const int MaxLength = 64;

    private readonly Entry[] _entries = new Entry[Slots];

    /// <summary>The string of the UTF-8 <paramref name="utf8"/>; the cached instance when the slot holds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }
        ref var entry = ref _entries[Slot(utf8)];
        if (entry.Key is { } key && utf8.SequenceEqual(key))
        {
            return entry.Text!;
        }
        var text = Encoding.UTF8.GetString(utf8);
        entry = new Entry(utf8.ToArray(), text);
        return text;
    }

    /// <summary>
    /// The slot of a text of at most <see cref="MaxLength"/> bytes, from its length and its first and last 8 bytes
    /// (cheaper than hashing every byte; texts that differ only in the middle share a slot, which costs a miss).
    /// </summary>
    private static int Slot(ReadOnlySpan<byte> utf8)
    {
        ulong head, tail;
        if (utf8.Length >= sizeof(ulong))
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(utf8);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(utf8[^sizeof(ulong)..]);
        }
        else
        {
            head = tail = 0;
            foreach (var b in utf8)
            {
                head = (head << 8) | b;
            }
        }
        var hash = ((head * 0x9E3779B97F4A7C15UL) ^ tail ^ (ulong)utf8.Length) * 0xC2B2AE3D27D4EB4FUL;
        return (int)(hash >> (64 - SlotBits));
    }

    private record struct Entry(byte[]? Key, string? Text);
}
