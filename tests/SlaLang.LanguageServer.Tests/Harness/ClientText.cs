using SlaLang.LanguageServer.Protocol;

namespace SlaLang.LanguageServer.Tests.Harness;

/// <summary>
/// The client's copy of a document, kept as an editor keeps it: lines end at <c>\r\n</c>, <c>\n</c> or <c>\r</c>, positions
/// count UTF-16 code units. Written apart from the server's own conversions so that tests check one against the other.
/// </summary>
internal sealed class ClientText(string text)
{
    private List<int>? lineStarts;

    /// <summary>The current text.</summary>
    public string Text { get; private set; } = text;

    /// <summary>The start offset of every line (computed once per text).</summary>
    public IReadOnlyList<int> LineStarts => lineStarts ??= Starts(Text);

    /// <summary>The number of lines (an empty text has one).</summary>
    public int LineCount => LineStarts.Count;

    /// <summary>The length of line <paramref name="line"/> without its line break.</summary>
    public int LineLength(int line)
    {
        var starts = LineStarts;
        var end = line + 1 < starts.Count ? starts[line + 1] : Text.Length;
        while (end > starts[line] && Text[end - 1] is '\r' or '\n')
        {
            end--;
        }
        return end - starts[line];
    }

    /// <summary>The position of an offset.</summary>
    public Position PositionOf(int offset)
    {
        var starts = LineStarts;
        var line = starts.Count - 1;
        while (starts[line] > offset)
        {
            line--;
        }
        return new Position(line, offset - starts[line]);
    }

    /// <summary>The offset of a position inside the text.</summary>
    public int OffsetOf(Position position) => LineStarts[position.Line] + position.Character;

    /// <summary>Whether <paramref name="range"/> is ordered and each end lies on a line of the text, within the line.</summary>
    public bool Contains(LspRange range) =>
        Within(range.Start) && Within(range.End)
        && (range.Start.Line < range.End.Line || range.Start.Line == range.End.Line && range.Start.Character <= range.End.Character);

    /// <summary>Replaces <paramref name="range"/> (or everything) by <paramref name="newText"/>.</summary>
    public void Apply(LspRange? range, string newText)
    {
        Text = range is null ? newText : string.Concat(Text.AsSpan(0, OffsetOf(range.Start)), newText, Text.AsSpan(OffsetOf(range.End)));
        lineStarts = null;
    }

    /// <summary>Applies non-overlapping edits given in any order (as formatting and rename return them).</summary>
    public void Apply(IEnumerable<TextEdit> edits)
    {
        foreach (var edit in edits.OrderByDescending(e => OffsetOf(e.Range.Start)))
        {
            Apply(edit.Range, edit.NewText);
        }
    }

    private bool Within(Position position) => position.Line >= 0 && position.Line < LineCount && position.Character >= 0 && position.Character <= LineLength(position.Line);

    private static List<int> Starts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }
            if (text[i] is '\r' or '\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts;
    }
}
