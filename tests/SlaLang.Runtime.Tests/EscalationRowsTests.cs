using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

/// <summary>Escalation report rows kept in memory up to a point, then in a temporary file, and merged back in report order.</summary>
public class EscalationRowsTests
{
    private static readonly Instant AsOf = I("2027-01-15T00:00:00+01:00");

    private static readonly IReadOnlyList<Escalation> Ladders =
    [
        new Escalation("Zeta", null, BusinessCalendar.Always("Europe/Paris"), [new EscalationLevel(1, Duration.FromHours(1), ["A"]), new EscalationLevel(2, Duration.FromHours(2), ["B", "C"])]),
        new Escalation("Alpha", null, BusinessCalendar.Always("Europe/Paris"), [new EscalationLevel(3, Duration.FromHours(1), ["D"]), new EscalationLevel(1, Duration.FromHours(5), ["E"])]),
    ];

    /// <summary>Random rows: ids drawn from a few, including non-ASCII ones, a lone surrogate and one above U+E000 (ordinal
    /// order puts a surrogate pair before U+E000…U+FFFF: the rows are compared as UTF-16, as strings are).</summary>
    private static List<EscalationRow> RandomRows(int seed, int count)
    {
        string[] ids = ["INC-1", "INC-10", "INC-2", "inc-1", "É-7", "\ud83d\ude00-x", "\ue000-y", "\ud800", ""];
        var rnd = new Random(seed);
        var start = I("2026-03-01T00:00:00Z");
        return [.. Enumerable.Range(0, count).Select(_ => new EscalationRow(
            ids[rnd.Next(ids.Length)] + (rnd.Next(3) == 0 ? "" : rnd.Next(50).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            rnd.Next(2), rnd.Next(2), start + Duration.FromNanoseconds(rnd.NextInt64(0, 10_000_000_000_000_000))))];
    }

    private static EscalationRowStore Store(IEnumerable<EscalationRow> rows, int spillAt)
    {
        var store = new EscalationRowStore { SpillAt = spillAt };
        foreach (var r in rows)
        {
            store.Add(r.Incident, r.Escalation, r.Level, r.At);
        }
        return store;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(65_536)]
    public void Rows_come_back_in_the_order_they_were_added_from_any_row_on(int spillAt)
    {
        var rows = RandomRows(1, 200);
        var store = Store(rows, spillAt);
        store.Count.ShouldBe(200);
        foreach (var from in new[] { 0, 1, 2, 3, 63, 64, 65, 199, 200 })
        {
            store.Rows(from).ShouldBe(rows.Skip(from), $"from {from}");
        }
    }

    [Fact]
    public void A_frozen_view_keeps_its_rows_through_later_additions_spills_and_a_clear()
    {
        var rows = RandomRows(2, 50);
        var store = Store(rows.Take(10), spillAt: 4); // 8 rows in the file, 2 in memory
        var frozen = store.Freeze();
        foreach (var r in rows.Skip(10))
        {
            store.Add(r.Incident, r.Escalation, r.Level, r.At); // fills the piece the view holds part of, spills it
        }
        frozen.Count.ShouldBe(10);
        frozen.Rows(0).ShouldBe(rows.Take(10));
        store.Rows(0).ShouldBe(rows);
        store.Clear();
        store.Count.ShouldBe(0);
        store.Rows(0).ShouldBeEmpty();
        frozen.Rows(7).ShouldBe(rows.Skip(7).Take(3));
        store.Add("again", 1, 0, AsOf);
        store.Rows(0).ShouldBe([new EscalationRow("again", 1, 0, AsOf)]);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(65_536)]
    public void The_report_rows_are_ordered_by_escalation_incident_and_level_whether_in_memory_or_merged_from_runs(int spillAt)
    {
        var settled = RandomRows(3, 300);
        var live = RandomRows(4, 40);
        var zone = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        EscalationResult Result(EscalationRow r) => Ladders[r.Escalation].Result(r.Incident, r.Level, r.At, zone);
        var expected = settled.Concat(live).Select(Result)
            .OrderBy(e => e.Escalation, StringComparer.Ordinal).ThenBy(e => e.Incident, StringComparer.Ordinal).ThenBy(e => e.Level)
            .ThenBy(e => e.At.ToInstant()).ToList(); // (random rows repeat a level of an incident, which real ones never do)
        expected[0].Escalation.ShouldBe("Alpha");
        expected[0].Incident.ShouldBe(""); // the empty id first; a surrogate pair before U+E000:
        expected.FindIndex(e => e.Incident.StartsWith('\ud83d')).ShouldBeLessThan(expected.FindIndex(e => e.Incident.StartsWith('\ue000')));

        var rows = new EscalationRows(Store(settled, spillAt).Freeze(), live, Ladders, zone, runSize: spillAt);
        rows.Count.ShouldBe(340);
        rows.ToList().ShouldBe(expected);
        rows.ToList().ShouldBe(expected); // enumerated again: the runs are read again
        rows[0].ShouldBe(expected[0]);
        rows[339].ShouldBe(expected[339]);
        rows[170].ShouldBe(expected[170]);
        Should.Throw<ArgumentOutOfRangeException>(() => rows[340]);
    }

    [Fact]
    public void A_settled_run_whose_escalation_rows_went_to_a_file_gives_the_exact_report_and_snapshots()
    {
        var events = NovaTerraFixture.LongStream(4);
        var exact = NovaTerraFixture.NewMonitor();
        exact.ObserveAll(events);
        var expected = ReportJsonWriter.ToJson(exact.Report(AsOf));

        ContractMonitor Settled(int inMemory)
        {
            var m = NovaTerraFixture.NewMonitor();
            m.EscalationRowsInMemory = inMemory;
            m.EnableSettling(Duration.FromDays(7));
            foreach (var e in events)
            {
                m.Observe(e);
                m.Settle();
            }
            return m;
        }
        var inFile = Settled(2);
        var inMemory = Settled(65_536);
        inFile.SettledEscalationCount.ShouldBeGreaterThan(20); // most rows went to the file
        ReportJsonWriter.ToJson(inFile.Report(AsOf)).ShouldBe(expected);
        inFile.SettledEscalations(0).ShouldBe(inMemory.SettledEscalations(0));
        inFile.SettledEscalations(5).ShouldBe(inMemory.SettledEscalations(5));
        inFile.SettledEscalations(inFile.SettledEscalationCount - 1).Count().ShouldBe(1);

        // Its snapshot restores into a monitor that keeps them in memory, and the other way round.
        foreach (var (from, to) in new[] { (inFile, NovaTerraFixture.NewMonitor()), (inMemory, NovaTerraFixture.NewMonitor()) })
        {
            if (from == inMemory)
            {
                to.EscalationRowsInMemory = 3;
            }
            using var ms = new MemoryStream();
            from.Snapshot(ms);
            ms.Position = 0;
            to.Restore(ms);
            ReportJsonWriter.ToJson(to.Report(AsOf)).ShouldBe(expected);
            to.SettledEscalations(0).ShouldBe(inMemory.SettledEscalations(0));
        }
    }

    [Fact]
    public void A_temporary_folder_that_cannot_be_written_is_a_clear_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "slac-no-such-folder-" + Guid.NewGuid().ToString("N"));
        var e = Should.Throw<TemporaryStorageException>(() => new EscalationRowStore.RowFile(missing));
        e.Message.ShouldStartWith($"cannot create a temporary file for the report's escalation rows in '{missing}' (set TMPDIR to a writable folder): ");
    }
}
