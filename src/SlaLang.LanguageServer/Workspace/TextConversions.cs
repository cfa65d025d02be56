using SlaLang.LanguageServer.Protocol;
using SlaLang.Text;

namespace SlaLang.LanguageServer.Workspace;

/// <summary>Conversions between LSP positions (line, UTF-16 character) and offsets in a <see cref="SourceText"/>.</summary>
public static class TextConversions
{
    /// <summary>
    /// The offset of <paramref name="position"/>, clamped as LSP prescribes: a character past the end of its
    /// line means the end of the line, a line past the last one means the end of the text.
    /// </summary>
    public static int ToOffset(this SourceText text, Position position)
    {
        if (position.Line < 0)
        {
            return 0;
        }
        if (position.Line >= text.LineCount)
        {
            return text.Length;
        }
        return text.GetPosition(position.Line, Math.Max(0, position.Character));
    }

    /// <summary>The LSP position of <paramref name="offset"/> (clamped into the text).</summary>
    public static Position ToPosition(this SourceText text, int offset)
    {
        var line = text.GetLinePosition(Math.Clamp(offset, 0, text.Length));
        return new Position(line.Line, line.Character);
    }

    /// <summary>The LSP range of <paramref name="span"/>.</summary>
    public static LspRange ToRange(this SourceText text, TextSpan span) => new(text.ToPosition(span.Start), text.ToPosition(span.End));
}
