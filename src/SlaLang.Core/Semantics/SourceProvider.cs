using SlaLang.Text;

namespace SlaLang.Semantics;

/// <summary>Why a file could not be read for an import.</summary>
public enum SourceReadStatus
{
    /// <summary>The file was read.</summary>
    Read,
    /// <summary>No file has that path.</summary>
    NotFound,
    /// <summary>The path names a folder.</summary>
    Folder,
    /// <summary>The file exists but cannot be read (permissions, not UTF-8, …); <see cref="SourceReadResult.Message"/> says why.</summary>
    Unreadable,
}

/// <summary>What reading one file gave: its text (and, from a provider that keeps them, its tree already parsed), or why there is none.</summary>
public readonly record struct SourceReadResult(SourceReadStatus Status, SourceText? Text, string? Message, Syntax.SyntaxTree? Tree = null)
{
    /// <summary>A file that was read.</summary>
    public static SourceReadResult Of(SourceText text) => new(SourceReadStatus.Read, text, null);

    /// <summary>A file whose parsed tree the provider keeps (an open document, a file read before): it is not parsed again.</summary>
    public static SourceReadResult Of(Syntax.SyntaxTree tree) => new(SourceReadStatus.Read, tree.Text, null, tree);
}

/// <summary>
/// Supplies the files a compilation imports: the CLI reads them from disk, the language server overlays the open documents
/// on the disk. Binding never reads a file itself; every file comes through a provider. A compilation reads the files one file
/// imports in parallel: <see cref="Read"/> and <see cref="ResolveLinks"/> are called from several threads at once.
/// </summary>
public interface ISourceProvider
{
    /// <summary>The text of the file at the full path <paramref name="path"/>.</summary>
    SourceReadResult Read(string path);

    /// <summary>The full path with every symbolic link on it resolved (the path itself when none is), or null when nothing is there.</summary>
    string? ResolveLinks(string path);
}

/// <summary>Files read from disk, strictly as UTF-8.</summary>
public sealed class FileSystemSourceProvider : ISourceProvider
{
    /// <summary>The provider every command shares: it keeps no state.</summary>
    public static FileSystemSourceProvider Instance { get; } = new();

    /// <inheritdoc/>
    public SourceReadResult Read(string path)
    {
        if (Directory.Exists(path))
        {
            return new SourceReadResult(SourceReadStatus.Folder, null, null);
        }
        if (!File.Exists(path))
        {
            return new SourceReadResult(SourceReadStatus.NotFound, null, null);
        }
        try
        {
            return SourceReadResult.Of(new SourceText(SourceFiles.ReadText(path, out _)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return new SourceReadResult(SourceReadStatus.Unreadable, null, e.Message);
        }
    }

    /// <inheritdoc/>
    public string? ResolveLinks(string path)
    {
        try
        {
            // Resolve from the root down, so that a link anywhere on the path (a linked folder too) is followed.
            var root = Path.GetPathRoot(path) ?? "/";
            var current = root;
            foreach (var part in path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
            {
                var next = Path.Combine(current, part);
                FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
                if (!info.Exists)
                {
                    return null;
                }
                for (var hops = 0; info.LinkTarget is not null && hops < 40; hops++)
                {
                    var target = info.ResolveLinkTarget(returnFinalTarget: false);
                    if (target is null)
                    {
                        break;
                    }
                    next = Path.GetFullPath(info.LinkTarget, Path.GetDirectoryName(next) ?? root);
                    info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
                }
                current = next;
            }
            return current;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>Files held in memory by full path (tests, and the trees a compilation is given); nothing else exists.</summary>
public sealed class InMemorySourceProvider(IReadOnlyDictionary<string, string> files) : ISourceProvider
{
    /// <inheritdoc/>
    public SourceReadResult Read(string path) =>
        files.TryGetValue(path, out var text) ? SourceReadResult.Of(new SourceText(text)) : new SourceReadResult(SourceReadStatus.NotFound, null, null);

    /// <inheritdoc/>
    public string? ResolveLinks(string path) => files.ContainsKey(path) ? path : null;
}
