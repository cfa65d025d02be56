using System.Text;

namespace SlaLang.Runtime;

/// <summary>An event with the 1-based number of the line it was read from (data-quality warnings and explanations cite it).</summary>
public readonly record struct NumberedEvent(SlaEvent Event, int Line);

/// <summary>A malformed input line: its 1-based number and what is wrong with it.</summary>
public readonly record struct EventReadError(int Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>
/// Reads events from JSON Lines (canonical) or CSV with a header naming the fields. A malformed line is reported
/// through the error callback with its line number and skipped; every other line is still read.
/// Field names: kind, time, service, id, severity, good, total, score, requested, name, failed (true or false). Unknown fields are ignored.
/// </summary>
/// <remarks>
/// Every JSON line, whatever its source, is parsed from its UTF-8 bytes by <see cref="ParseLine"/>: a fast path for the
/// canonical shape, and the general path (the only producer of error messages) for everything else. A file is read
/// as bytes (<see cref="Utf8StreamLineSource"/>) without a string per line; repeated texts share one string instance
/// (<see cref="Utf8StringCache"/>).
/// </remarks>
public static partial class EventReader
{
    /// <summary>Reads JSON Lines: one JSON object per line; blank lines are skipped.</summary>
    public static IEnumerable<SlaEvent> ReadJsonLines(TextReader reader, Action<EventReadError> onError) =>
        ReadJsonLines(reader, onError, fastPath: true);

    /// <summary>
    /// <see cref="ReadJsonLines(TextReader, Action{EventReadError})"/>; <paramref name="fastPath"/> false forces every
    /// line through the general path (tests compare both).
    /// </summary>
    internal static IEnumerable<SlaEvent> ReadJsonLines(TextReader reader, Action<EventReadError> onError, bool fastPath) =>
        ReadJsonLines(() => new TextReaderLineSource(reader, ownsReader: false), onError, fastPath);

    /// <summary>
    /// Reads JSON Lines from the seekable stream <paramref name="open"/> opens (when enumerated, and disposed after),
    /// decoded as <see cref="StreamReader"/> with <see cref="Encoding.UTF8"/> would: a UTF-8 byte order mark is skipped,
    /// and a UTF-16 or UTF-32 one hands the stream to such a reader (rare enough not to need the byte path).
    /// </summary>
    internal static IEnumerable<SlaEvent> ReadJsonLines(Func<Stream> open, Action<EventReadError> onError, bool fastPath) =>
        ReadJsonLines(() => OpenLines(open()), onError, fastPath);

    private static IEnumerable<SlaEvent> ReadJsonLines(Func<Utf8LineSource> open, Action<EventReadError> onError, bool fastPath)
    {
        using var lines = new JsonLinesReader(open(), onError, fastPath);
        while (lines.TryRead(out var ev))
        {
            yield return ev;
        }
    }

    private static IEnumerable<NumberedEvent> ReadNumberedJsonLines(Func<Utf8LineSource> open, Action<EventReadError> onError)
    {
        using var lines = new JsonLinesReader(open(), onError, fastPath: true);
        while (lines.TryRead(out var ev))
        {
            yield return new NumberedEvent(ev, lines.LineNumber);
        }
    }

    private static Utf8LineSource OpenLines(Stream stream)
    {
        try
        {
            var nonUtf8 = StartsWithNonUtf8ByteOrderMark(ref stream);
            return nonUtf8
                ? new TextReaderLineSource(new StreamReader(stream, Encoding.UTF8), ownsReader: true)
                : new Utf8StreamLineSource(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads CSV: the first line names the columns; fields may be quoted (<c>""</c> escapes a quote); empty cells are absent.</summary>
    public static IEnumerable<SlaEvent> ReadCsv(TextReader reader, Action<EventReadError> onError) =>
        ReadCsv(() => new TextReaderLineSource(reader, ownsReader: false), onError).Select(n => n.Event);

    private static IEnumerable<NumberedEvent> ReadCsv(Func<Utf8LineSource> open, Action<EventReadError> onError)
    {
        using var lines = open();
        var lineNo = 0;
        string[]? header = null;
        while (TryReadText(lines, ++lineNo, out var line, out var notUtf8))
        {
            if (notUtf8 is not null)
            {
                onError(new EventReadError(lineNo, notUtf8));
                continue;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (!TrySplitCsv(line, out var cells, out var csvError))
            {
                onError(new EventReadError(lineNo, csvError));
                continue;
            }
            if (header is null)
            {
                header = [.. cells.Select(c => c.Trim().TrimStart('\uFEFF'))];
                if (!header.Contains("kind") || !header.Contains("time"))
                {
                    onError(new EventReadError(lineNo, "the CSV header must name the columns 'kind' and 'time'"));
                    yield break;
                }
                continue;
            }
            if (cells.Count != header.Length)
            {
                onError(new EventReadError(lineNo, $"expected {header.Length} fields as in the header, found {cells.Count}"));
                continue;
            }
            var fields = new Fields();
            string? error = null;
            for (var i = 0; i < header.Length && error is null; i++)
            {
                if (cells[i].Length > 0)
                {
                    error = fields.Set(header[i], cells[i], ValueForm.Cell);
                }
            }
            if (error is null)
            {
                var ev = fields.Build(out error);
                if (error is null)
                {
                    yield return new NumberedEvent(ev, lineNo);
                    continue;
                }
            }
            onError(new EventReadError(lineNo, error!));
        }
    }

    /// <summary>Reads a file, choosing CSV for a <c>.csv</c> extension and JSON Lines otherwise.</summary>
    public static IEnumerable<SlaEvent> ReadFile(string path, Action<EventReadError> onError) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? ReadCsv(() => OpenLines(OpenFile(path)), onError).Select(n => n.Event)
            : ReadJsonLines(() => OpenFile(path), onError, fastPath: true);

    /// <summary><see cref="ReadFile"/> with the line number of each event.</summary>
    public static IEnumerable<NumberedEvent> ReadNumberedFile(string path, Action<EventReadError> onError) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? ReadCsv(() => OpenLines(OpenFile(path)), onError)
            : ReadNumberedJsonLines(() => OpenLines(OpenFile(path)), onError);

    /// <summary><see cref="ReadNumberedFile"/> read ahead on a thread of its own (with two cores or more), in chunks: the same
    /// events in the same order, each malformed line reported to <paramref name="onError"/> on the caller's thread before the
    /// event after it. For a caller that does as much with each event as reading it costs (a monitor).</summary>
    public static IEnumerable<NumberedEvent> ReadNumberedFileAhead(string path, Action<EventReadError> onError) =>
        ReadAhead.Numbered(report => ReadNumberedFile(path, report), onError);

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    /// <summary>
    /// Line <paramref name="lineNo"/> of <paramref name="lines"/> as text (byte order marks off line 1), or the error
    /// of a line that is not UTF-8; false at the end.
    /// </summary>
    private static bool TryReadText(Utf8LineSource lines, int lineNo, out string line, out string? notUtf8)
    {
        (line, notUtf8) = ("", null);
        if (!lines.TryReadLine(out var bytes))
        {
            return false;
        }
        if (lineNo == 1)
        {
            bytes = Utf8Buffers.WithoutByteOrderMarks(bytes);
        }
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            notUtf8 = Utf8Buffers.NotUtf8(bytes);
            return true;
        }
        line = Encoding.UTF8.GetString(bytes);
        return true;
    }

    /// <summary>Parses one JSON Lines line; <paramref name="error"/> says what is wrong, or is null.</summary>
    public static SlaEvent ParseJsonLine(string line, out string? error)
    {
        var buffer = Array.Empty<byte>();
        var ev = ParseLine(Utf8Buffers.Encode(line, ref buffer), cache: null, fastPath: true, out error);
        Utf8Buffers.Return(buffer);
        return ev;
    }

    /// <summary>
    /// True when <paramref name="stream"/> starts with the byte order mark of UTF-16 or UTF-32, which
    /// <see cref="StreamReader"/> detects; the stream is left at its start.
    /// </summary>
    /// <summary>Whether the stream starts with a UTF-16 or UTF-32 byte order mark. The first bytes are read to know: a seekable
    /// stream is moved back to its start; any other (a pipe: <c>--events /dev/stdin</c>) is replaced by one that gives those
    /// bytes again first.</summary>
    private static bool StartsWithNonUtf8ByteOrderMark(ref Stream stream)
    {
        var head = new byte[4];
        var n = 0;
        while (n < head.Length && stream.Read(head, n, head.Length - n) is var read and > 0)
        {
            n += read;
        }
        if (stream.CanSeek)
        {
            stream.Position = 0;
        }
        else
        {
            stream = new ReplayedStartStream(head[..n], stream);
        }
        var start = head.AsSpan(0, n);
        return start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || start.SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);
    }

    /// <summary>A forward-only stream that gives <paramref name="start"/> (bytes already read from <paramref name="rest"/>)
    /// before the rest of <paramref name="rest"/>, which it owns.</summary>
    private sealed class ReplayedStartStream(byte[] start, Stream rest) : Stream
    {
        private int _given;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_given < start.Length)
            {
                var n = Math.Min(buffer.Length, start.Length - _given);
                start.AsSpan(_given, n).CopyTo(buffer);
                _given += n;
                return n;
            }
            return rest.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private static bool TrySplitCsv(string line, out List<string> cells, out string error)
    {
        cells = [];
        error = "";
        var sb = new StringBuilder();
        var i = 0;
        while (true)
        {
            sb.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        error = "unterminated quoted field";
                        return false;
                    }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',')
                {
                    error = $"unexpected character after a quoted field at column {i + 1}";
                    return false;
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    sb.Append(line[i++]);
                }
            }
            cells.Add(sb.ToString());
            if (i >= line.Length)
            {
                return true;
            }
            i++; // the comma
        }
    }
}
