using System.Text;
using NodaTime.Text;

namespace SlaLang.Runtime.Tests;

/// <summary>
/// The byte-level reader and its fast path against the general path read through a <see cref="StreamReader"/>
/// (the reader as it was): generated logs, canonical and mutated, must give the same events, errors and line numbers.
/// </summary>
public class EventReaderDifferentialTests
{
    private static readonly string[] Kinds = [.. EventKinds.All];

    [Fact]
    public void The_fast_path_accepts_only_lines_the_general_path_reads_to_the_same_event()
    {
        var random = new Random(20260301);
        var accepted = 0;
        for (var i = 0; i < 6000; i++)
        {
            var line = Mutate(random, CanonicalLine(random));
            var general = Outcome(line, fastPath: false);
            Outcome(line, fastPath: true).ShouldBe(general, line);
            var utf8 = Encoding.UTF8.GetBytes(line);
            if (EventReader.TryParseCanonical(utf8, new Utf8StringCache(), out var fast))
            {
                accepted++;
                general.ShouldBe(Describe(fast), line);
            }
        }
        accepted.ShouldBeGreaterThan(1500); // the mutations leave enough canonical lines for this to test something
    }

    [Fact]
    public void Generated_logs_read_from_bytes_match_the_general_path_read_through_a_stream_reader()
    {
        var random = new Random(7);
        var compared = 0;
        for (var i = 0; compared < 150; i++)
        {
            var bytes = Log(random, lines: random.Next(1, 40));
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                continue; // a line that is not UTF-8 is an error now, where the stream reader decoded it (a test of its own)
            }
            compared++;
            var expected = Read(add => EventReader.ReadJsonLines(new StreamReader(new MemoryStream(bytes), Encoding.UTF8), add, fastPath: false));
            var shown = Encoding.UTF8.GetString(bytes);
            Read(add => EventReader.ReadJsonLines(() => new MemoryStream(bytes), add, fastPath: true)).ShouldBe(expected, shown);
            Read(add => EventReader.ReadJsonLines(() => new TrickleStream(bytes, new Random(i)), add, fastPath: true)).ShouldBe(expected, shown);
            Read(add => EventReader.ReadJsonLines(new StreamReader(new MemoryStream(bytes), Encoding.UTF8), add)).ShouldBe(expected, shown);
        }
    }

    [Fact]
    public void Odd_timestamps_read_as_the_general_path_reads_them()
    {
        string[] times =
        [
            "2024-02-29T23:59:59.123456789-03:30", "2023-02-29T10:00:00Z", "2026-03-02T24:00:00Z", "2026-03-02T10:00:00,5Z",
            "2026-03-02T10:00:00+14:00", "2026-03-02T10:00:00-00:00", "2026-03-02T10:00:00+18:00", "2026-03-02T10:00:00+17:59",
            "2026-03-02T10:00:00.Z", "2026-03-02T10:00Z", "2026-03-02T10:00:00+05", "2026-03-02T10:00:00+0530",
            "2026-03-02T10:00:00.1234567891Z", "2026-03-02T10:00:60Z", "2026-04-31T10:00:00Z", "2000-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z", "1900-01-01T00:30:00+01:00", "2999-12-31T23:59:59.999999999-01:00", "2026-03-02t10:00:00z",
            "2026-03-02T10:00:00+05:30:00", " 2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z ", "+2026-03-02T10:00:00Z",
            "2026-13-02T10:00:00Z", "2026-00-02T10:00:00Z", "2026-03-00T10:00:00Z", "2026-03-02T10:00:00.000000000+00:00",
        ];
        foreach (var time in times)
        {
            var line = $$"""{"kind":"fulfilled","time":"{{time}}","name":"R"}""";
            Outcome(line, fastPath: true).ShouldBe(Outcome(line, fastPath: false), time);
        }
        CanonicalTimestamp.TryParse("2024-02-29T23:59:59.123456789-03:30"u8, out var t).ShouldBeTrue();
        t.ShouldBe(OffsetDateTimePattern.ExtendedIso.Parse("2024-02-29T23:59:59.123456789-03:30").Value);
        t.Offset.Seconds.ShouldBe(-(3 * 3600 + 30 * 60));
        foreach (var refused in new[] { "2026-03-02T10:00:00,5Z", "2026-03-02T10:00:00-00:00", "2023-02-29T10:00:00Z", "2026-03-02T24:00:00Z" })
        {
            CanonicalTimestamp.TryParse(Encoding.UTF8.GetBytes(refused), out _).ShouldBeFalse(refused);
        }
    }

    /// <summary>What a read gives: events and errors in the order they come (bad input never throws: no catch here).</summary>
    private static List<string> Read(Func<Action<EventReadError>, IEnumerable<SlaEvent>> read)
    {
        var outcome = new List<string>();
        foreach (var e in read(e => outcome.Add($"error {e.Line}: {e.Message}")))
        {
            outcome.Add(Describe(e));
        }
        return outcome;
    }

    /// <summary>What one line gives through <see cref="EventReader.ParseLine"/>.</summary>
    private static string Outcome(string line, bool fastPath)
    {
        var e = EventReader.ParseLine(Encoding.UTF8.GetBytes(line), new Utf8StringCache(), fastPath, out var error);
        return error ?? Describe(e);
    }

    /// <summary>Every field of an event, with the time's offset and nanoseconds and the score's scale.</summary>
    private static string Describe(SlaEvent e)
    {
        var pattern = OffsetDateTimePattern.ExtendedIso;
        return string.Join("|", e.Kind, pattern.Format(e.Time), e.Time.Calendar.Id, e.Service ?? "(null)", e.Id ?? "(null)",
            e.Severity ?? "(null)", e.Good, e.Total, string.Join(",", decimal.GetBits(e.Score)),
            e.Requested is { } r ? pattern.Format(r) : "(null)", e.Name ?? "(null)");
    }

    /// <summary>A log: lines (some mutated as bytes) separated by \n, \r\n or \r, with blank lines and byte order marks.</summary>
    private static byte[] Log(Random random, int lines)
    {
        var log = new List<byte>();
        string[] blanks = ["", " ", "\t", "\u00A0", "\u2028", "\v", " \uFEFF", "\uFEFF"];
        string[] breaks = ["\n", "\n", "\n", "\r\n", "\r\n", "\r"];
        var marks = random.Next(10) switch { < 2 => 1, 2 => 2, _ => 0 };
        for (var i = 0; i < marks; i++)
        {
            log.AddRange(Encoding.UTF8.Preamble);
        }
        for (var i = 0; i < lines; i++)
        {
            var text = random.Next(8) == 0 ? Pick(random, blanks) : Mutate(random, CanonicalLine(random));
            var bytes = Encoding.UTF8.GetBytes(text);
            if (random.Next(6) == 0)
            {
                bytes = MutateBytes(random, bytes);
            }
            log.AddRange(bytes);
            if (i < lines - 1 || random.Next(2) == 0)
            {
                log.AddRange(Encoding.UTF8.GetBytes(Pick(random, breaks)));
            }
        }
        return [.. log];
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string CanonicalLine(Random random)
    {
        var kind = Pick(random, Kinds);
        var fields = new List<(string Name, string Json)> { ("kind", Quote(kind)), ("time", Quote(Timestamp(random))) };
        string Text(string prefix) => Quote(prefix + random.Next(random.Next(2) == 0 ? 5 : 5000));
        switch (kind)
        {
            case "requests":
                var total = random.Next(0, 2000);
                fields.Add(("service", Text("S")));
                fields.Add(("good", (total - random.Next(0, 20)).ToString()));
                fields.Add(("total", total.ToString()));
                break;
            case "survey":
                fields.Add(("service", Text("S")));
                fields.Add(("score", Pick(random, ["4.5", "4.50", "0", "-0", "5", "1e0", "12.5E-1", "-3.25", "0.000", "79228162514264337593543950335", "3.0e+0"])));
                break;
            case "fulfilled":
                fields.Add(("name", Text("Obligation.")));
                break;
            case "change":
                fields.Add(("service", Text("S")));
                fields.Add(("id", Text("CH-")));
                fields.Add(("requested", Quote(Timestamp(random))));
                break;
            default:
                fields.Add(("service", Text("Serviço ")));
                fields.Add(("id", Text("INC-")));
                fields.Add(("severity", Text("sev")));
                break;
        }
        if (random.Next(5) == 0)
        {
            fields.Add((Pick(random, ["extra", "note", "tags"]), Pick(random, ["1", "\"x\"", "null", "true", "[1,{\"a\":[]}]", "{\"kind\":\"x\",\"time\":5}"])));
        }
        var shuffled = fields.OrderBy(_ => random.Next()).ToList();
        return "{" + string.Join(",", shuffled.Select(f => Quote(f.Name) + ":" + f.Json)) + "}";
    }

    private static string Quote(string s) => "\"" + s + "\"";

    private static string Timestamp(Random random)
    {
        var year = random.Next(10) == 0 ? random.Next(1890, 3010) : random.Next(2020, 2030);
        var month = random.Next(20) == 0 ? random.Next(0, 14) : random.Next(1, 13);
        var day = random.Next(1, random.Next(4) == 0 ? 32 : 29);
        var hour = random.Next(30) == 0 ? 24 : random.Next(0, 24);
        var second = random.Next(30) == 0 ? 60 : random.Next(0, 60);
        var fraction = random.Next(3) switch
        {
            0 => "",
            1 => "." + random.NextInt64(0, 10_000_000_000).ToString().PadLeft(10, '0')[..random.Next(1, 11)],
            _ => Pick(random, [".5", ",5", ".", ".000000000", ".123456789"]),
        };
        var offset = random.Next(3) switch
        {
            0 => "Z",
            1 => $"{Pick(random, ["+", "-"])}{random.Next(0, 19):00}:{Pick(random, [0, 0, 30, 45, 59, 60]):00}",
            _ => Pick(random, ["+14:00", "-00:00", "+00:00", "+18:00", "-18:00", "+05", "+0530", "z", "", "+05:30:00", "-03:30"]),
        };
        return $"{year:0000}-{month:00}-{day:00}T{hour:00}:{random.Next(0, 60):00}:{second:00}{fraction}{offset}";
    }

    /// <summary>Text edits a writer of logs might make: escapes, numbers as strings, duplicates, spaces, truncation.</summary>
    private static string Mutate(Random random, string line)
    {
        switch (random.Next(16))
        {
            case 0:
                return line[..random.Next(line.Length)];
            case 1:
                var at = line.IndexOf("\":\"", StringComparison.Ordinal);
                return at < 0 ? line : line.Insert(at + 3, Pick(random, ["\\u0041", "\\\"", "\\\\", "\\n", "\\ud800", "\\ud83d\\ude00", "\\/", "é", "\u0001"]));
            case 2:
                return line.Replace("\"good\":", "\"good\":\"", StringComparison.Ordinal).Replace(",\"total\"", "\",\"total\"", StringComparison.Ordinal);
            case 3:
                return line.Replace("\"score\":", "\"score\":\"", StringComparison.Ordinal).Replace("}", "\"}", StringComparison.Ordinal);
            case 4:
                return line.Insert(line.Length - 1, Pick(random, [",\"id\":\"dup\"", ",\"kind\":\"survey\"", ",\"time\":null", ",\"service\":7", ",\"good\":99999999999999999999", ",\"total\":1e3", ",\"good\":-1", ",\"score\":1e99", ",\"name\":{}"]));
            case 5:
                return line.Replace(":", Pick(random, [" : ", ":\t", ": "]), StringComparison.Ordinal);
            case 6:
                return Pick(random, [" ", "\t", "\uFEFF", ""]) + line + Pick(random, [" ", "x", "}", "{}", ""]);
            case 7:
                return line.Replace("\"kind\"", Pick(random, ["\"k\\u0069nd\"", "\"Kind\"", "\"kind \""]), StringComparison.Ordinal);
            case 8:
                var i = random.Next(line.Length);
                return line.Remove(i, 1).Insert(i, Pick(random, ["\"", "\\", ",", "{", "}", ":", "0", "x", "\u00E9", "\uFFFD", "\u2028"]));
            default:
                return line;
        }
    }

    /// <summary>Random byte edits, including bytes that are not UTF-8 and line breaks.</summary>
    private static byte[] MutateBytes(Random random, byte[] bytes)
    {
        var list = bytes.ToList();
        byte[] palette = [0x80, 0xC3, 0xE2, 0x82, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0xED, 0xA0, 0x00, (byte)'\r', (byte)'\n', (byte)'"', (byte)'\\', (byte)' '];
        for (var n = random.Next(1, 4); n > 0 && list.Count > 0; n--)
        {
            var i = random.Next(list.Count);
            switch (random.Next(3))
            {
                case 0:
                    list[i] = Pick(random, palette);
                    break;
                case 1:
                    list.Insert(i, Pick(random, palette));
                    break;
                default:
                    list.RemoveAt(i);
                    break;
            }
        }
        return [.. list];
    }

    /// <summary>A seekable stream that returns a few bytes per read, so lines and \r\n straddle reads.</summary>
    private sealed class TrickleStream(byte[] bytes, Random random) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, random.Next(1, 8)));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, random.Next(1, 8))]);
    }
}
