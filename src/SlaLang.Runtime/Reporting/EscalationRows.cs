using System.Collections;
using Microsoft.Win32.SafeHandles;
using NodaTime;

namespace SlaLang.Runtime;

/// <summary>A level (index <see cref="Level"/>) of the monitor's ladder number <see cref="Escalation"/>, reached by an incident at <see cref="At"/>.</summary>
internal readonly record struct EscalationRow(string Incident, int Escalation, int Level, Instant At);

/// <summary>
/// Escalation levels reached, in the order they were added; only ever appended. The report of 10M events holds ~280,000 of
/// them: kept in memory they were most of what <c>slac run --lateness</c> grew by from 1M to 10M events (the heap's old
/// generation grew by them and the collector's committed memory about three times as much). Past <see cref="SpillAt"/> rows
/// the store writes them to an unnamed temporary file and keeps in memory only the rows since, and where each piece of rows
/// (4,096, or <see cref="SpillAt"/> when smaller) starts in the file.
/// </summary>
internal sealed class EscalationRowStore
{
    private List<EscalationRow[]> _memory = []; // rows _spilled … Count − 1, in pieces
    private int _spilled;
    private RowFile? _file;
    private readonly List<long> _pieceOffsets = []; // file offset of row k × Piece, for the rows in the file

    /// <summary>Rows kept in memory before they go to the file: 65,536 (≈ 2 MB and their ids); tests make it small. A whole
    /// number of pieces: at most 4,096, or a multiple of 4,096.</summary>
    public int SpillAt
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            if (value > 4096 && value % 4096 != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "Past 4,096, a multiple of 4,096.");
            }
            field = value;
        }
    } = 65_536;

    private int Piece => Math.Min(4096, SpillAt);

    /// <summary>How many rows were added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a row.</summary>
    public void Add(string incident, int escalation, int level, Instant at)
    {
        var inMemory = Count - _spilled;
        if (inMemory == SpillAt)
        {
            Spill();
            inMemory = 0;
        }
        if (inMemory % Piece == 0)
        {
            _memory.Add(new EscalationRow[Piece]);
        }
        _memory[^1][inMemory % Piece] = new EscalationRow(incident, escalation, level, at);
        Count++;
    }

    private void Spill()
    {
        _file ??= new RowFile();
        for (var p = 0; p < _memory.Count; p++)
        {
            _pieceOffsets.Add(_file.Append(_memory[p]));
        }
        _spilled = Count;
        _memory = []; // a new list: frozen views keep the pieces they hold
    }

    /// <summary>The rows from the <paramref name="from"/>-th added on, in the order they were added.</summary>
    public IEnumerable<EscalationRow> Rows(int from) => Freeze().Rows(from);

    /// <summary>Forgets every row.</summary>
    public void Clear()
    {
        _memory = [];
        _pieceOffsets.Clear();
        _spilled = Count = 0;
        _file = null; // frozen views may still read it; the file goes when the last of them does
    }

    /// <summary>The rows added so far, unaffected by later additions: the file is only appended to, and the pieces in memory are
    /// only written past <see cref="Count"/> (a spill or <see cref="Clear"/> lets go of them instead of reusing them).</summary>
    public Frozen Freeze() => new(_file, [.. _pieceOffsets], Piece, _spilled, [.. _memory], Count);

    /// <summary>A store's rows as of <see cref="Freeze"/>.</summary>
    internal sealed class Frozen(RowFile? file, long[] pieceOffsets, int piece, int spilled, EscalationRow[][] memory, int count)
    {
        public int Count => count;

        /// <summary>True when some rows are in the file.</summary>
        public bool Spilled => spilled > 0;

        public IEnumerable<EscalationRow> Rows(int from)
        {
            if (from < spilled)
            {
                var skip = from % piece;
                foreach (var row in file!.Read(pieceOffsets[from / piece], spilled - from + skip))
                {
                    if (skip > 0)
                    {
                        skip--;
                        continue;
                    }
                    yield return row;
                }
                from = spilled;
            }
            for (var i = from; i < count; i++)
            {
                yield return memory[(i - spilled) / piece][(i - spilled) % piece];
            }
        }
    }

    /// <summary>
    /// Rows in an unnamed temporary file: created with delete-on-close and, where the system allows it, unlinked at once, so
    /// nothing is left behind even when the process is killed. Read through positioned reads: any number of readers at once.
    /// </summary>
    internal sealed class RowFile
    {
        private readonly SafeFileHandle _handle;
        private long _length;

        /// <summary>Creates the file in <paramref name="directory"/> (the system's temporary folder: TMPDIR, TEMP…).</summary>
        public RowFile(string? directory = null)
        {
            directory ??= Path.GetTempPath();
            try
            {
                var path = Path.Combine(directory, $"slac-rows-{Guid.NewGuid():N}.tmp");
                _handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Delete, FileOptions.DeleteOnClose);
                if (!OperatingSystem.IsWindows())
                {
                    File.Delete(path);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new TemporaryStorageException(
                    $"cannot create a temporary file for the report's escalation rows in '{directory}' (set TMPDIR to a writable folder): {e.Message}", e);
            }
        }

        /// <summary>Writes <paramref name="rows"/> at the end of the file; returns where they start.</summary>
        public long Append(IEnumerable<EscalationRow> rows)
        {
            using var buffer = new MemoryStream();
            using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            {
                foreach (var row in rows)
                {
                    // The id's UTF-16 code units as they are (a lone surrogate would not survive UTF-8).
                    w.Write(row.Incident.Length);
                    w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(row.Incident.AsSpan()));
                    w.Write(row.Escalation);
                    w.Write(row.Level);
                    Snapshots.WriteInstant(w, row.At);
                }
            }
            var start = _length;
            try
            {
                RandomAccess.Write(_handle, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), start);
            }
            catch (IOException e)
            {
                throw new TemporaryStorageException($"cannot write the report's escalation rows to a temporary file (is the disk full?): {e.Message}", e);
            }
            _length += buffer.Length;
            return start;
        }

        /// <summary>The <paramref name="count"/> rows written from <paramref name="offset"/> on.</summary>
        public IEnumerable<EscalationRow> Read(long offset, int count)
        {
            using var r = new BinaryReader(new BufferedStream(new Reader(_handle, offset), 1 << 16), System.Text.Encoding.UTF8);
            for (var i = 0; i < count; i++)
            {
                yield return new EscalationRow(ReadId(r), r.ReadInt32(), r.ReadInt32(), Snapshots.ReadInstant(r));
            }
        }

        private static string ReadId(BinaryReader r) =>
            string.Create(r.ReadInt32(), r.BaseStream, static (chars, stream) => stream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(chars)));

        private sealed class Reader(SafeFileHandle handle, long position) : Stream
        {
            public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

            public override int Read(Span<byte> buffer)
            {
                var n = RandomAccess.Read(handle, buffer, position);
                position += n;
                return n;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => position; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}

/// <summary>A temporary file a monitor keeps report rows in cannot be created or written (an unwritable or full temporary folder).</summary>
public sealed class TemporaryStorageException(string message, Exception inner) : IOException(message, inner);

/// <summary>
/// The report's escalations (LANGUAGE.md §7: ordered by escalation, incident, level), each <see cref="EscalationResult"/> made
/// when read. Rows in memory are sorted in memory. When the settled rows went to a file, they are sorted the way a large
/// file is: in runs of <see cref="EscalationRowStore.SpillAt"/> rows written sorted to a second temporary file, then merged
/// each time the list is enumerated — memory stays that of one run whatever the number of rows. Enumerate it (as the report
/// writers do); the indexer of a list in runs walks it.
/// </summary>
internal sealed class EscalationRows : IReadOnlyList<EscalationResult>
{
    private readonly IReadOnlyList<Escalation> _escalations;
    private readonly DateTimeZone _zone;
    private readonly Comparer<EscalationRow> _order;
    private readonly List<EscalationRow> _sorted; // everything when nothing was spilled; else the live rows
    private readonly EscalationRowStore.RowFile? _runs;
    private readonly List<(long Offset, int Count)> _runList = [];

    /// <summary>The rows of <paramref name="settled"/> and <paramref name="live"/> (of the monitor's ladders
    /// <paramref name="escalations"/>), ordered as the report orders them.</summary>
    public EscalationRows(EscalationRowStore.Frozen settled, IEnumerable<EscalationRow> live, IReadOnlyList<Escalation> escalations, DateTimeZone zone, int runSize)
    {
        _escalations = escalations;
        _zone = zone;
        // The ladders' ranks by name, so that rows compare by an integer first; then the incident, then the level's number.
        var rank = new int[escalations.Count];
        var byName = Enumerable.Range(0, escalations.Count).OrderBy(i => escalations[i].Name, StringComparer.Ordinal).ToArray();
        for (var r = 0; r < byName.Length; r++)
        {
            rank[byName[r]] = r;
        }
        _order = Comparer<EscalationRow>.Create((x, y) =>
        {
            var c = rank[x.Escalation].CompareTo(rank[y.Escalation]);
            if (c == 0)
            {
                c = string.CompareOrdinal(x.Incident, y.Incident);
            }
            if (c == 0)
            {
                c = escalations[x.Escalation].Levels[x.Level].Level.CompareTo(escalations[y.Escalation].Levels[y.Level].Level);
            }
            return c != 0 ? c : x.At.CompareTo(y.At); // an incident reaches a level once: only for a total order
        });
        var rows = settled.Rows(0).GetEnumerator();
        var memory = new List<EscalationRow>();
        if (settled.Spilled)
        {
            _runs = new EscalationRowStore.RowFile();
            var run = new List<EscalationRow>(runSize);
            for (var more = rows.MoveNext(); more; )
            {
                run.Clear();
                while (run.Count < runSize && more)
                {
                    run.Add(rows.Current);
                    more = rows.MoveNext();
                }
                run.Sort(_order);
                _runList.Add((_runs.Append(run), run.Count));
            }
        }
        else
        {
            while (rows.MoveNext())
            {
                memory.Add(rows.Current);
            }
        }
        memory.AddRange(live);
        memory.Sort(_order);
        _sorted = memory;
        Count = _sorted.Count + _runList.Sum(r => r.Count);
    }

    public int Count { get; }

    public EscalationResult this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _runs is null ? Result(_sorted[index]) : this.Skip(index).First();
        }
    }

    public IEnumerator<EscalationResult> GetEnumerator()
    {
        if (_runs is null)
        {
            foreach (var row in _sorted)
            {
                yield return Result(row);
            }
            yield break;
        }
        // A k-way merge of the runs and the rows that were in memory (ties, which distinct rows never make, by source).
        var sources = new List<IEnumerator<EscalationRow>>(_runList.Count + 1);
        try
        {
            sources.AddRange(_runList.Select(r => _runs.Read(r.Offset, r.Count).GetEnumerator()));
            sources.Add(((IEnumerable<EscalationRow>)_sorted).GetEnumerator());
            var queue = new PriorityQueue<int, (EscalationRow Row, int Source)>(
                Comparer<(EscalationRow Row, int Source)>.Create((a, b) => _order.Compare(a.Row, b.Row) is var c && c != 0 ? c : a.Source.CompareTo(b.Source)));
            for (var s = 0; s < sources.Count; s++)
            {
                if (sources[s].MoveNext())
                {
                    queue.Enqueue(s, (sources[s].Current, s));
                }
            }
            while (queue.TryDequeue(out var s, out var head))
            {
                yield return Result(head.Row);
                if (sources[s].MoveNext())
                {
                    queue.Enqueue(s, (sources[s].Current, s));
                }
            }
        }
        finally
        {
            foreach (var source in sources)
            {
                source.Dispose();
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private EscalationResult Result(in EscalationRow row) => _escalations[row.Escalation].Result(row.Incident, row.Level, row.At, _zone);
}
