namespace SlaLang.Text;

/// <summary>The text of one source file with its line starts: maps positions to 0-based (line, column) and back.</summary>
public sealed class SourceText
{
    private int[]? _lineStarts;

    /// <summary>Wraps <paramref name="text"/>; line starts are computed on first use.</summary>
    public SourceText(string text)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>The number of characters.</summary>
    public int Length => Text.Length;

    /// <summary>The character at <paramref name="position"/>.</summary>
    public char this[int position] => Text[position];

    /// <summary>The start position of every line; a line ends after <c>\n</c>, <c>\r\n</c> or a lone <c>\r</c>.</summary>
    public IReadOnlyList<int> LineStarts => _lineStarts ??= ComputeLineStarts(Text);

    /// <summary>The number of lines (an empty text has one).</summary>
    public int LineCount => LineStarts.Count;

    /// <summary>The text under <paramref name="span"/>.</summary>
    public string ToString(TextSpan span) => Text.Substring(span.Start, span.Length);

    /// <summary>The characters under <paramref name="span"/>, without copying.</summary>
    public ReadOnlySpan<char> AsSpan(TextSpan span) => Text.AsSpan(span.Start, span.Length);

    /// <inheritdoc/>
    public override string ToString() => Text;

    /// <summary>The 0-based line holding <paramref name="position"/> (positions may equal <see cref="Length"/>).</summary>
    public int GetLineIndex(int position)
    {
        if ((uint)position > (uint)Length)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, $"Position must lie in [0, {Length}].");
        }
        var starts = _lineStarts ??= ComputeLineStarts(Text);
        var index = Array.BinarySearch(starts, position);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>The 0-based (line, column) of <paramref name="position"/>.</summary>
    public LinePosition GetLinePosition(int position)
    {
        var line = GetLineIndex(position);
        return new LinePosition(line, position - LineStarts[line]);
    }

    /// <summary>The position of a 0-based (line, column); a column past the line's end is clamped to it.</summary>
    public int GetPosition(LinePosition linePosition) => GetPosition(linePosition.Line, linePosition.Character);

    /// <summary>The position of a 0-based line and column; a column past the line's end is clamped to it.</summary>
    public int GetPosition(int line, int character)
    {
        var starts = _lineStarts ??= ComputeLineStarts(Text);
        if ((uint)line >= (uint)starts.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(line), line, $"Line must lie in [0, {starts.Length - 1}].");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(character);
        var lineEnd = GetLineEnd(line);
        return Math.Min(starts[line] + character, lineEnd);
    }

    /// <summary>The span of a 0-based line without its line break.</summary>
    public TextSpan GetLineSpan(int line) => TextSpan.FromBounds(LineStarts[line], GetLineEnd(line));

    /// <summary>The 0-based start and end (line, column) of <paramref name="span"/>.</summary>
    public (LinePosition Start, LinePosition End) GetLinePositionSpan(TextSpan span) =>
        (GetLinePosition(span.Start), GetLinePosition(span.End));

    private int GetLineEnd(int line)
    {
        var starts = _lineStarts ??= ComputeLineStarts(Text);
        var end = line + 1 < starts.Length ? starts[line + 1] : Text.Length;
        if (end > starts[line] && line + 1 < starts.Length)
        {
            // Strip the line break.
            if (Text[end - 1] == '\n')
            {
                end--;
                if (end > starts[line] && Text[end - 1] == '\r')
                {
                    end--;
                }
            }
            else if (Text[end - 1] == '\r')
            {
                end--;
            }
        }
        return end;
    }

    /// <summary>
    /// The line starts, in an array of exactly the right size: the lines are counted first (vectorized), so a
    /// 20,000-line text needs one 80 KB array, under the large-object threshold, rather than a growing list and its copy.
    /// </summary>
    private static int[] ComputeLineStarts(string text)
    {
        var span = text.AsSpan();
        if (span.IndexOf('\r') < 0)
        {
            var starts = new int[span.Count('\n') + 1];
            var line = 1;
            var position = 0;
            while (true)
            {
                var next = span[position..].IndexOf('\n');
                if (next < 0)
                {
                    return starts;
                }
                position += next + 1;
                starts[line++] = position;
            }
        }
        return ComputeLineStartsWithCarriageReturns(text);
    }

    private static int[] ComputeLineStartsWithCarriageReturns(string text)
    {
        var starts = new List<int>(Math.Max(16, text.Length / 32)) { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts.ToArray();
    }
}
