namespace SlaLang.Runtime.Tests;

/// <summary>Reading ahead on another thread (<see cref="EventReader.ReadNumberedFileAhead"/>) changes nothing the caller sees.</summary>
public sealed class ReadAheadTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"read-ahead-{Guid.NewGuid():N}.jsonl");

    public void Dispose() => File.Delete(_path);

    /// <summary>10,000 lines, malformed ones at the start, around chunk boundaries (4,096 events) and at the end.</summary>
    private void Write()
    {
        var bad = new HashSet<int> { 1, 2, 4096, 4097, 4098, 8194, 9999, 10000 };
        using var w = new StreamWriter(_path);
        for (var line = 1; line <= 10_000; line++)
        {
            w.Write(bad.Contains(line)
                ? $"{{\"time\":\"not a time {line}\",\"kind\":\"incident_opened\"}}\n"
                : $"{{\"time\":\"2026-03-02T10:{line / 60 % 60:D2}:{line % 60:D2}+01:00\",\"kind\":\"incident_opened\",\"service\":\"S\",\"id\":\"I{line}\",\"severity\":\"sev1\"}}\n");
        }
    }

    private static List<string> Seen(Func<Action<EventReadError>, IEnumerable<NumberedEvent>> read)
    {
        var seen = new List<string>();
        foreach (var (e, line) in read(error => seen.Add($"error {error}")))
        {
            seen.Add($"{line} {e.Id} {e.Instant}");
        }
        return seen;
    }

    [Fact]
    public void Events_and_malformed_lines_come_in_the_order_of_the_file_across_chunks()
    {
        Write();
        var direct = Seen(report => EventReader.ReadNumberedFile(_path, report));
        var ahead = Seen(report => EventReader.ReadNumberedFileAhead(_path, report));
        direct.Count(s => s.StartsWith("error", StringComparison.Ordinal)).ShouldBe(8);
        direct.Count.ShouldBe(10_000);
        ahead.ShouldBe(direct);
    }

    [Fact]
    public void A_reader_left_early_stops_and_an_unreadable_file_fails_at_the_caller()
    {
        Write();
        var taken = EventReader.ReadNumberedFileAhead(_path, _ => { }).Take(5_000).Select(n => n.Line).ToList();
        taken.Count.ShouldBe(5_000);
        taken[^1].ShouldBe(5_005); // lines 1, 2, 4096, 4097 and 4098 are malformed
        Should.Throw<FileNotFoundException>(() => EventReader.ReadNumberedFileAhead(_path + ".missing", _ => { }).ToList());
    }
}
