using System.Runtime.CompilerServices;
using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace SlaLang.Runtime;

/// <summary>
/// Lines of text as UTF-8 bytes, split as <see cref="TextReader.ReadLine"/> splits them: at <c>\n</c>, <c>\r</c> or
/// <c>\r\n</c>; a last line without a break counts, an empty text after the last break does not.
/// </summary>
internal abstract class Utf8LineSource : IDisposable
{
    /// <summary>The next line, valid until the next call; false at the end.</summary>
    public abstract bool TryReadLine(out ReadOnlySpan<byte> line);

    /// <inheritdoc/>
    public virtual void Dispose()
    {
    }
}

/// <summary>Lines of a <see cref="TextReader"/> (disposed with the source when <paramref name="ownsReader"/>), encoded as UTF-8 into a reused buffer.</summary>
internal sealed class TextReaderLineSource(TextReader reader, bool ownsReader) : Utf8LineSource
{
    private byte[] _buffer = [];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        if (reader.ReadLine() is not { } text)
        {
            line = default;
            return false;
        }
        line = Utf8Buffers.Encode(text, ref _buffer);
        return true;
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        Utf8Buffers.Return(_buffer);
        _buffer = [];
        if (ownsReader)
        {
            reader.Dispose();
        }
    }
}

/// <summary>
/// Lines of a stream of UTF-8 bytes, read in large chunks into a pooled buffer that grows for a longer line, without
/// decoding: bytes <c>\r</c> and <c>\n</c> occur in UTF-8 only as those characters, and a byte sequence that is not
/// UTF-8 ends at them as it would for a decoder.
/// </summary>
internal sealed class Utf8StreamLineSource(Stream stream) : Utf8LineSource
{
    private const int ChunkSize = 64 * 1024;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _start, _end; // the bytes not yet returned
    private int _searched;    // how many of them are known to hold no line break
    private bool _atEnd;      // the stream has no more bytes
    private bool _afterCr;    // the last line ended at \r: a \n right after it belongs to that break

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        if (_afterCr)
        {
            _afterCr = false;
            if ((_start < _end || Fill()) && _buffer[_start] == '\n')
            {
                _start++;
            }
        }
        while (true)
        {
            var i = _buffer.AsSpan(_start + _searched, _end - _start - _searched).IndexOfAny((byte)'\r', (byte)'\n');
            if (i >= 0)
            {
                var length = _searched + i;
                line = _buffer.AsSpan(_start, length);
                _afterCr = _buffer[_start + length] == '\r';
                _start += length + 1;
                _searched = 0;
                return true;
            }
            _searched = _end - _start;
            if (!Fill())
            {
                line = _buffer.AsSpan(_start, _end - _start);
                _start = _end;
                _searched = 0;
                return !line.IsEmpty;
            }
        }
    }

    /// <summary>Reads more bytes after the pending ones (moved to the front, the buffer grown if full); false at the end.</summary>
    private bool Fill()
    {
        if (_atEnd)
        {
            return false;
        }
        var pending = _end - _start;
        if (pending == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(_start, pending).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        _start = 0;
        _end = pending;
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _atEnd = read == 0;
        return !_atEnd;
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        Utf8Buffers.Return(_buffer);
        _buffer = [];
        stream.Dispose();
    }
}

/// <summary>
/// The JSON Lines loop over a <see cref="Utf8LineSource"/>, as over the lines of a <see cref="StreamReader"/>: byte
/// order marks before the first line are dropped, blank lines are skipped, and a bad line (one that is not UTF-8
/// included) is reported with its number.
/// </summary>
internal sealed class JsonLinesReader(Utf8LineSource source, Action<EventReadError> onError, bool fastPath) : IDisposable
{
    private readonly Utf8StringCache _cache = new();
    private int _lineNo;

    /// <summary>The 1-based line number of the event <see cref="TryRead"/> returned last.</summary>
    public int LineNumber => _lineNo;

    /// <summary>The next event; false at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(out SlaEvent ev)
    {
        while (source.TryReadLine(out var line))
        {
            _lineNo++;
            if (_lineNo == 1)
            {
                line = Utf8Buffers.WithoutByteOrderMarks(line);
            }
            if (!Utf8.IsValid(line))
            {
                onError(new EventReadError(_lineNo, Utf8Buffers.NotUtf8(line)));
                continue;
            }
            if (IsBlank(line))
            {
                continue;
            }
            ev = EventReader.ParseLine(line, _cache, fastPath, out var error);
            if (error is null)
            {
                return true;
            }
            onError(new EventReadError(_lineNo, error));
        }
        ev = default;
        return false;
    }

    /// <summary>True when the line is only white space (<see cref="string.IsNullOrWhiteSpace"/>).</summary>
    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        var ascii = true;
        foreach (var b in line)
        {
            if (b >= 0x80)
            {
                ascii = false;
            }
            else if (!char.IsWhiteSpace((char)b))
            {
                return false;
            }
        }
        return ascii || string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(line));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        source.Dispose();
    }
}

/// <summary>Pooled buffers holding UTF-8 text.</summary>
internal static class Utf8Buffers
{
    /// <summary>The UTF-8 byte order mark (U+FEFF).</summary>
    public static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>The first line of a file without the byte order marks it starts with.</summary>
    public static ReadOnlySpan<byte> WithoutByteOrderMarks(ReadOnlySpan<byte> line)
    {
        while (line.StartsWith(ByteOrderMark))
        {
            line = line[ByteOrderMark.Length..];
        }
        return line;
    }

    /// <summary>
    /// The error of a line that is not UTF-8, a malformed line (decoding it with replacement characters would silently
    /// merge distinct ids, caf\xE9 and caf\xE8): the first bad byte and its column (UTF-16 units, as editors count).
    /// </summary>
    public static string NotUtf8(ReadOnlySpan<byte> line)
    {
        var (i, column) = (0, 1);
        while (Rune.DecodeFromUtf8(line[i..], out var rune, out var consumed) == OperationStatus.Done)
        {
            i += consumed;
            column += rune.Utf16SequenceLength;
        }
        return $"the line is not UTF-8 text (byte 0x{line[i]:X2} at column {column}); save the file as UTF-8";
    }

    /// <summary>Encodes <paramref name="text"/> into <paramref name="buffer"/>, replacing it with a larger pooled one when needed.</summary>
    public static ReadOnlySpan<byte> Encode(string text, ref byte[] buffer)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (buffer.Length < max)
        {
            Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(max);
        }
        return buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer));
    }

    /// <summary>Returns a buffer from <see cref="Encode"/> to the pool.</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
