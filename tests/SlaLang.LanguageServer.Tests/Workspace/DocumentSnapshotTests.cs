using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.Text;

namespace SlaLang.LanguageServer.Tests.Workspace;

public sealed class DocumentSnapshotTests
{
    private static DocumentSnapshot Apply(string text, params (int L1, int C1, int L2, int C2, string New)[] changes) =>
        new DocumentSnapshot("file:///t.sla", 1, text).WithChanges(2, [.. changes.Select(c => new TextDocumentContentChangeEvent(new LspRange(new Position(c.L1, c.C1), new Position(c.L2, c.C2)), c.New))]);

    [Fact]
    public void Ranged_changes_apply_in_order_in_utf16_positions()
    {
        var result = Apply("ab\r\ncd\nef", (1, 1, 1, 1, "X"), (0, 0, 0, 1, ""), (2, 2, 2, 2, "!"));
        result.Text.Text.ShouldBe("b\r\ncXd\nef!");
        result.Version.ShouldBe(2);
    }

    [Fact]
    public void Positions_count_utf16_code_units_so_a_surrogate_pair_is_two_characters()
    {
        Apply("a\U0001F600b", (0, 3, 0, 4, "c")).Text.Text.ShouldBe("a\U0001F600c");
    }

    [Fact]
    public void A_change_beyond_the_end_of_a_line_or_of_the_text_is_clamped()
    {
        Apply("abc\ndef", (0, 99, 0, 99, "!")).Text.Text.ShouldBe("abc!\ndef");
        Apply("abc\ndef", (7, 0, 9, 3, "?")).Text.Text.ShouldBe("abc\ndef?");
        Apply("abc\ndef", (1, 2, 0, 1, "Z")).Text.Text.ShouldBe("abc\ndeZf");
    }

    [Fact]
    public void A_change_without_range_replaces_the_whole_text()
    {
        new DocumentSnapshot("file:///t.sla", 1, "old").WithChanges(5, [new TextDocumentContentChangeEvent(null, "new")]).Text.Text.ShouldBe("new");
    }

    [Fact]
    public void Text_conversions_map_offsets_and_positions_both_ways_and_clamp()
    {
        var text = new SourceText("ab\r\ncd\re\n");
        text.ToPosition(4).ShouldBe(new Position(1, 0));
        text.ToPosition(7).ShouldBe(new Position(2, 0));
        text.ToPosition(9).ShouldBe(new Position(3, 0));
        text.ToOffset(new Position(1, 1)).ShouldBe(5);
        text.ToOffset(new Position(0, 5)).ShouldBe(2);
        text.ToOffset(new Position(17, 5)).ShouldBe(9);
        text.ToRange(new TextSpan(1, 4)).ShouldBe(new LspRange(new Position(0, 1), new Position(1, 1)));
    }
}
