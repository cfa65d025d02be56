using System.Text;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

/// <summary>Reading files as bytes: line breaks, byte order marks, long lines, encodings and shared strings.</summary>
public sealed class EventReaderFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("slalang-reader-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Opened = """{"kind":"incident_opened","time":"2026-03-02T10:00:00+01:00","service":"S","id":"INC-1","severity":"sev1"}""";
    private const string Resolved = """{"kind":"incident_resolved","time":"2026-03-02T11:00:00+01:00","id":"INC-1"}""";

    private (List<SlaEvent> Events, List<EventReadError> Errors) ReadFile(byte[] bytes, string name = "events.jsonl")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        var errors = new List<EventReadError>();
        return ([.. EventReader.ReadFile(path, errors.Add)], errors);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Repeated_texts_in_a_file_are_one_string_instance()
    {
        var (events, errors) = ReadFile(Utf8(Opened + "\n" + Resolved + "\n" + Opened + "\n"));
        errors.ShouldBeEmpty();
        events.Count.ShouldBe(3);
        ReferenceEquals(events[0].Id, events[1].Id).ShouldBeTrue();
        ReferenceEquals(events[0].Id, events[2].Id).ShouldBeTrue();
        ReferenceEquals(events[0].Service, events[2].Service).ShouldBeTrue();
        var fromText = EventReader.ReadJsonLines(new StringReader(Opened + "\n" + Resolved), _ => { }).ToList();
        ReferenceEquals(fromText[0].Id, fromText[1].Id).ShouldBeTrue();
    }

    [Fact]
    public void A_file_with_a_byte_order_mark_and_crlf_reads_as_with_lf()
    {
        var (events, errors) = ReadFile([.. Encoding.UTF8.Preamble, .. Utf8(Opened + "\r\n" + "{oops\r\n" + Resolved + "\r\n")]);
        events.ShouldBe([SlaEvent.IncidentOpened(T("2026-03-02T10:00:00+01:00"), "S", "INC-1", "sev1"), SlaEvent.IncidentResolved(T("2026-03-02T11:00:00+01:00"), "INC-1")]);
        errors.Select(e => e.Line).ShouldBe([2]);
        errors[0].Message.ShouldStartWith("invalid JSON: ");
    }

    [Fact]
    public void Line_numbers_count_blank_lines_and_a_lone_cr_as_a_line_break()
    {
        const string bad = """{"kind":"outage_start","time":"2026-03-02T10:00:00+01:00"}""";
        var text = Opened + "\r\r" + bad + "\n\n  \t\r\n" + bad + "\r" + Resolved + "\r\n\r\n" + bad;
        var (events, errors) = ReadFile(Utf8(text));
        events.Select(e => e.Kind).ShouldBe([EventKind.IncidentOpened, EventKind.IncidentResolved]);
        errors.ShouldBe(
        [
            new EventReadError(3, "kind 'outage_start' requires field 'service'"),
            new EventReadError(6, "kind 'outage_start' requires field 'service'"),
            new EventReadError(9, "kind 'outage_start' requires field 'service'"),
        ]);
        var fromText = new List<EventReadError>();
        EventReader.ReadJsonLines(new StringReader(text), fromText.Add).Count().ShouldBe(2);
        fromText.ShouldBe(errors);
    }

    [Fact]
    public void A_line_longer_than_a_read_chunk_is_read_whole()
    {
        var note = new string('n', 300_000);
        var (events, errors) = ReadFile(Utf8(Opened + "\n" + Opened.Replace("\"id\"", $"\"note\":\"{note}\",\"id\"", StringComparison.Ordinal) + "\n" + Resolved));
        errors.ShouldBeEmpty();
        events.Count.ShouldBe(3);
        events[1].ShouldBe(events[0]);
    }

    [Fact]
    public void A_line_that_is_not_utf8_is_reported_with_its_first_bad_byte_and_the_others_are_read()
    {
        // Latin-1 "café" and "cafè" would both decode to "caf\uFFFD": one incident instead of two, silently.
        var latin1 = Utf8("""{"kind":"fulfilled","time":"2026-03-02T10:00:00Z","name":"caf""");
        var (events, errors) = ReadFile([.. Utf8(Resolved + "\n"), .. latin1, 0xE9, .. Utf8("\"}\n"), .. Utf8("{\"name\":\"é😀"), 0xC3, .. Utf8("\"}\n"), .. Utf8(Opened + "\n")]);
        errors.ShouldBe(
        [
            new EventReadError(2, "the line is not UTF-8 text (byte 0xE9 at column 62); save the file as UTF-8"),
            new EventReadError(3, "the line is not UTF-8 text (byte 0xC3 at column 13); save the file as UTF-8"),
        ]);
        events.Count.ShouldBe(2);
    }

    [Fact]
    public void A_csv_file_reads_as_its_text_with_a_byte_order_mark_crlf_and_a_line_that_is_not_utf8_reported()
    {
        var csv = "kind,time,name,id\r\nfulfilled,2026-03-02T10:00:00Z,Réunion,\r\n";
        var bytes = (byte[])[.. Encoding.UTF8.Preamble, .. Utf8(csv), .. Utf8("fulfilled,2026-03-02T11:00:00Z,caf"), 0xE9, .. Utf8(",\r\n\r\nincident_resolved,2026-03-02T12:00:00Z,,INC-1\r\n")];
        var (events, errors) = ReadFile(bytes, "events.csv");
        errors.ShouldBe([new EventReadError(3, "the line is not UTF-8 text (byte 0xE9 at column 35); save the file as UTF-8")]);
        events.ShouldBe(
        [
            SlaEvent.FulfilledObligation(T("2026-03-02T10:00:00Z"), "Réunion"),
            SlaEvent.IncidentResolved(T("2026-03-02T12:00:00Z"), "INC-1"),
        ]);
        var fromText = new List<EventReadError>();
        EventReader.ReadCsv(new StringReader("\uFEFF" + csv.Replace("\r\n", "\n", StringComparison.Ordinal)), fromText.Add).ShouldBe([events[0]]);
        fromText.ShouldBeEmpty();
    }

    [Fact]
    public void A_utf16_file_with_its_byte_order_mark_reads_as_the_utf8_file()
    {
        var text = Opened + "\n\n{oops\n" + Resolved + "\n";
        var utf8 = ReadFile(Utf8(text));
        var utf16 = ReadFile([.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(text)], "utf16.jsonl");
        utf16.Events.ShouldBe(utf8.Events);
        utf16.Errors.ShouldBe(utf8.Errors);
        utf8.Events.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_pipe_that_cannot_seek_reads_as_the_file(bool utf16)
    {
        // A pipe (slac run --events /dev/stdin) cannot go back to its start once its first bytes were read for a byte order mark.
        var text = Opened + "\n{oops\n" + Resolved + "\n";
        byte[] bytes = utf16 ? [.. Encoding.Unicode.Preamble, .. Encoding.Unicode.GetBytes(text)] : Utf8(text);
        var expected = ReadFile(Utf8(text));
        var errors = new List<EventReadError>();
        var events = EventReader.ReadJsonLines(() => new ForwardOnly(new MemoryStream(bytes)), errors.Add, fastPath: true).ToList();
        events.ShouldBe(expected.Events);
        errors.ShouldBe(expected.Errors);
        // Shorter than a byte order mark, and empty.
        EventReader.ReadJsonLines(() => new ForwardOnly(new MemoryStream("\n"u8.ToArray())), errors.Add, fastPath: true).ShouldBeEmpty();
        EventReader.ReadJsonLines(() => new ForwardOnly(new MemoryStream()), errors.Add, fastPath: true).ShouldBeEmpty();
    }

    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 3)); // in small pieces

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void A_file_can_be_enumerated_twice_and_a_missing_file_fails_when_enumerated()
    {
        var path = Path.Combine(_dir, "twice.jsonl");
        File.WriteAllText(path, Opened + "\n" + Resolved + "\n");
        var events = EventReader.ReadFile(path, _ => { });
        events.Count().ShouldBe(2);
        events.Count().ShouldBe(2);
        var missing = EventReader.ReadFile(Path.Combine(_dir, "missing.jsonl"), _ => { });
        Should.Throw<FileNotFoundException>(() => missing.ToList());
    }

    [Fact]
    public void Many_distinct_texts_keep_their_values_when_they_share_cache_slots()
    {
        var lines = Enumerable.Range(0, Utf8StringCache.Slots * 3)
            .Select(i => $$"""{"kind":"incident_resolved","time":"2026-03-02T11:00:00+01:00","id":"INC-{{i}}-{{new string('x', i % 80)}}"}""");
        var (events, errors) = ReadFile(Utf8(string.Join("\n", lines)));
        errors.ShouldBeEmpty();
        events.Select(e => e.Id).ShouldBe(Enumerable.Range(0, Utf8StringCache.Slots * 3).Select(i => $"INC-{i}-{new string('x', i % 80)}"));
    }
}
