using NodaTime;
using SlaLang.Cli.Running;
using SlaLang.Runtime;

namespace SlaLang.Cli.Tests;

public class ReportRendererTests
{
    /// <summary>A report of <paramref name="count"/> escalation levels, ids including a line break and wide characters.</summary>
    private static SlaReport Escalations(int count)
    {
        var at = new LocalDateTime(2026, 3, 1, 10, 0).WithOffset(Offset.FromHours(1));
        return new SlaReport("C", at, [], [],
            [.. Enumerable.Range(0, count).Select(i => new EscalationResult("Sev1Path", i switch
            {
                3 => "INC with\na line break",
                5 => "事件-5-with-a-longer-id",
                _ => $"INC-{i}",
            }, 1 + i % 2, i % 2 == 0 ? "ServiceManager" : "ITDirector", at.PlusHours(i)))],
            []);
    }

    private static string Render(SlaReport report, int rowsPerTable)
    {
        var text = new StringWriter();
        ReportRenderer.Write(report, text, rowsPerTable: rowsPerTable);
        return text.ToString();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(24)]
    [InlineData(25)]
    public void A_long_section_printed_in_pieces_is_the_text_of_one_table(int rowsPerTable)
    {
        var report = Escalations(25);
        var whole = Render(report, int.MaxValue);
        Render(report, rowsPerTable).ShouldBe(whole);
        // The whole: one title, one header, every row (the widest cell sets the column).
        whole.Split("Escalations").Length.ShouldBe(2); // one title
        whole.Split("Escalation   Incident").Length.ShouldBe(2);
        whole.ShouldContain("  Sev1Path     事件-5-with-a-longer-id   2       ITDirector       2026-03-01 15:00");
        whole.ShouldContain("INC-24");
    }
}
