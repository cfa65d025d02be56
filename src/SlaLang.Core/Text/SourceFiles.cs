using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace SlaLang.Text;

/// <summary>Reads <c>.sla</c> files from disk: strictly UTF-8 (a leading byte order mark is allowed and dropped).</summary>
public static class SourceFiles
{
    /// <summary>The text of the file at <paramref name="path"/>; throws <see cref="NotUtf8Exception"/> when it is not UTF-8.</summary>
    public static string ReadText(string path, out bool hasByteOrderMark)
    {
        var bytes = File.ReadAllBytes(path);
        hasByteOrderMark = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        var source = bytes.AsSpan(hasByteOrderMark ? Encoding.UTF8.Preamble.Length : 0);
        var chars = new char[source.Length];
        var status = Utf8.ToUtf16(source, chars, out var read, out var written, replaceInvalidSequences: false);
        var text = new string(chars, 0, written);
        return status == OperationStatus.Done ? text : throw new NotUtf8Exception(text, source[read]);
    }
}

/// <summary>A contract file that is not UTF-8: the text before the first bad byte locates it (line and UTF-16 column, 1-based).</summary>
public sealed class NotUtf8Exception : IOException
{
    /// <summary>Creates the exception for the bad byte <paramref name="badByte"/> that follows the valid text <paramref name="validPrefix"/>.</summary>
    public NotUtf8Exception(string validPrefix, byte badByte)
        : base(Describe(new SourceText(validPrefix), badByte))
    {
        Prefix = new SourceText(validPrefix);
    }

    /// <summary>The file's text up to the first byte that is not UTF-8; its end is where that byte stands.</summary>
    public SourceText Prefix { get; }

    private static string Describe(SourceText prefix, byte badByte) =>
        $"it is not UTF-8 text (byte 0x{badByte:X2} at line {prefix.LineCount}, column {prefix.Length - prefix.LineStarts[^1] + 1}); save it as UTF-8.";
}
