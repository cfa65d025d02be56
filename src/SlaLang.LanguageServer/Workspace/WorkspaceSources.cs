using System.Collections.Concurrent;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Workspace;

/// <summary>
/// The files an open document imports: an open document's current text (its tree, parsed once per version), else the file on
/// disk, parsed once and kept until it changes (the editor reports changes through <c>workspace/didChangeWatchedFiles</c>; a
/// changed time stamp or size is caught too).
/// </summary>
public sealed class WorkspaceSources(DocumentStore documents) : ISourceProvider
{
    private readonly ConcurrentDictionary<string, (DateTime Written, long Length, SyntaxTree Tree)> _disk = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public SourceReadResult Read(string path)
    {
        if (documents.TryGetByPath(path) is { } open)
        {
            return SourceReadResult.Of(open.Tree);
        }
        try
        {
            var file = new FileInfo(path);
            if (file.Exists && _disk.TryGetValue(path, out var kept) && kept.Written == file.LastWriteTimeUtc && kept.Length == file.Length)
            {
                return SourceReadResult.Of(kept.Tree);
            }
            var read = FileSystemSourceProvider.Instance.Read(path);
            if (read.Text is { } text)
            {
                var tree = SyntaxTree.Parse(text, path);
                _disk[path] = (file.LastWriteTimeUtc, file.Length, tree);
                return SourceReadResult.Of(tree);
            }
            _disk.TryRemove(path, out _);
            return read;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return new SourceReadResult(SourceReadStatus.Unreadable, null, e.Message);
        }
    }

    /// <inheritdoc/>
    public string? ResolveLinks(string path) =>
        FileSystemSourceProvider.Instance.ResolveLinks(path) ?? (documents.TryGetByPath(path) is not null ? path : null);

    /// <summary>Forgets what was read of <paramref name="path"/> (it changed on disk).</summary>
    public void Forget(string path) => _disk.TryRemove(path, out _);
}
