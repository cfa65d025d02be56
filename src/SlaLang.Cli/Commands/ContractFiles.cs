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
    public static string ReadText(string path, out bool hasByteOrderMark) => SourceFiles.ReadText(path, out hasByteOrderMark);
}
