using System.Buffers;
using System.Text;
using System.Text.Unicode;
using SlaLang.Text;

namespace SlaLang.Cli.Commands;

/// <summary>Expands the file and folder arguments of a command into the <c>.sla</c> files they name, and reads them as UTF-8.</summary>
internal static class ContractFiles
{
    /// <summary>
    /// Files as given, folders as every <c>*.sla</c> below them (ordinal order), each file once even when named twice
    /// (directly or through a folder). Returns false with <paramref name="problem"/> saying what is wrong with the first
    /// argument that is neither a file nor a folder, or a folder without any <c>.sla</c> file (in CI, a wrong path must
    /// not pass as "0 files checked").
    /// </summary>
    public static bool TryExpand(IEnumerable<string> paths, out List<string> files, out string? problem)
    {
        files = [];
        problem = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            IEnumerable<string> named;
            if (Directory.Exists(path))
            {
                named = Directory.EnumerateFiles(path, "*.sla", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                if (!named.Any())
                {
                    problem = $"'{path}' holds no .sla file";
                    return false;
                }
            }
            else if (File.Exists(path))
            {
                named = [path];
            }
            else
            {
                problem = $"'{path}' is neither a file nor a folder";
                return false;
            }
            files.AddRange(named.Where(file => seen.Add(Path.GetFullPath(file))));
        }
        return true;
    }

    /// <summary>
    /// Reads a contract file as UTF-8 (LANGUAGE.md: "Files … are UTF-8"), skipping a byte order mark. A byte that is not
    /// UTF-8 (a Latin-1 or UTF-16 file) throws <see cref="NotUtf8Exception"/> instead of being replaced by U+FFFD, so that no
    /// command silently works on, or writes back, text other than the file's.
    /// </summary>
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
internal sealed class NotUtf8Exception : IOException
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
