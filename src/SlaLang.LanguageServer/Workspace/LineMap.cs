using SlaLang.LanguageServer.Protocol;

namespace SlaLang.LanguageServer.Workspace;

/// <summary>
/// Maps LSP positions (zero-based line, UTF-16 character) to string offsets and back. Lines end at
/// <c>\n</c>, <c>\r\n</c> or <c>\r</c>. Out-of-range positions are clamped as LSP prescribes: a character
/// past the end of its line means the end of the line, a line past the last means the end of the text.
/// </summary>
public sealed class LineMap
{
    private readonly int[] lineStarts;
    private readonly int[] lineContentEnds;

    private LineMap(int[] lineStarts, int[] lineContentEnds, int length)
    {
        this.lineStarts = lineStarts;
        this.lineContentEnds = lineContentEnds;
        Length = length;
    }

    /// <summary>Number of lines (an empty text has one).</summary>
    public int LineCount => lineStarts.Length;

    /// <summary>Length of the mapped text in UTF-16 code units.</summary>
    public int Length { get; }

    /// <summary>Builds the map of <paramref name="text"/>.</summary>
    public static LineMap Create(string text)
    {
        var starts = new List<int> { 0 };
        var ends = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' || c == '\n')
            {
                ends.Add(i);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                starts.Add(i + 1);
            }
        }
        ends.Add(text.Length);
        return new LineMap([.. starts], [.. ends], text.Length);
    }

    /// <summary>The offset of <paramref name="position"/>, clamped into the text.</summary>
    public int GetOffset(Position position)
    {
        if (position.Line < 0)
        {
            return 0;
        }
        if (position.Line >= lineStarts.Length)
        {
            return Length;
        }
        var start = lineStarts[position.Line];
        var character = Math.Max(0, position.Character);
        return Math.Min(start + character, lineContentEnds[position.Line]);
    }

    /// <summary>The position of <paramref name="offset"/> (clamped into the text).</summary>
    public Position GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Length);
        var line = Array.BinarySearch(lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }
        return new Position(line, offset - lineStarts[line]);
    }

    /// <summary>The LSP range of the offsets [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public LspRange GetRange(int start, int end) => new(GetPosition(start), GetPosition(end));

    /// <summary>The offset where line <paramref name="line"/> starts.</summary>
    public int GetLineStart(int line) => lineStarts[Math.Clamp(line, 0, lineStarts.Length - 1)];
}
