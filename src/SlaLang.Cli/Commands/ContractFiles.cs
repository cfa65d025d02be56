namespace SlaLang.Cli.Commands;

/// <summary>Expands the file and folder arguments of a command into the <c>.sla</c> files they name.</summary>
internal static class ContractFiles
{
    /// <summary>
    /// Files as given, folders as every <c>*.sla</c> below them (ordinal order). Returns false with
    /// <paramref name="missing"/> set to the first argument that is neither a file nor a folder.
    /// </summary>
    public static bool TryExpand(IEnumerable<string> paths, out List<string> files, out string? missing)
    {
        files = [];
        missing = null;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.sla", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                missing = path;
                return false;
            }
        }
        return true;
    }
}
