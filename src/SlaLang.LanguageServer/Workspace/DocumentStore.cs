using System.Collections.Concurrent;
using SlaLang.LanguageServer.Protocol;
using SlaLang.Semantics;

namespace SlaLang.LanguageServer.Workspace;

/// <summary>
/// The open documents, each as its latest immutable snapshot. Mutations come from the (serialized)
/// sync notifications; readers take a snapshot and never see a half-applied edit.
/// </summary>
public sealed class DocumentStore
{
    private readonly ConcurrentDictionary<string, DocumentSnapshot> documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> uris = new(StringComparer.Ordinal);

    /// <summary>A store whose documents import from each other and from the disk through <see cref="Sources"/>.</summary>
    public DocumentStore()
    {
        Sources = new WorkspaceSources(this);
    }

    /// <summary>Where the documents' imports are read: open documents first, then the disk.</summary>
    public WorkspaceSources Sources { get; }

    /// <summary>How documents are checked: the <c>slaconfig.json</c> next to or above each file, read again when it changes.</summary>
    public CompilationOptions Options { get; init; } = CompilationOptions.FromFileSystem();

    /// <summary>Number of open documents.</summary>
    public int Count => documents.Count;

    /// <summary>Opens (or replaces) a document.</summary>
    public DocumentSnapshot Open(TextDocumentItem item)
    {
        var snapshot = new DocumentSnapshot(item.Uri, item.Version, item.Text ?? string.Empty, Options, this);
        documents[item.Uri] = snapshot;
        uris[FullPath(snapshot.Path)] = item.Uri;
        return snapshot;
    }

    /// <summary>Applies changes to an open document; null when it is not open.</summary>
    public DocumentSnapshot? Change(VersionedTextDocumentIdentifier document, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        if (!documents.TryGetValue(document.Uri, out var current))
        {
            return null;
        }
        var next = current.WithChanges(document.Version, changes);
        documents[document.Uri] = next;
        return next;
    }

    /// <summary>Closes a document; false when it was not open.</summary>
    public bool Close(string uri)
    {
        if (!documents.TryRemove(uri, out var closed))
        {
            return false;
        }
        uris.TryRemove(FullPath(closed.Path), out _);
        return true;
    }

    /// <summary>The open document whose file is <paramref name="path"/> (a full path), or null.</summary>
    public DocumentSnapshot? TryGetByPath(string path) => uris.TryGetValue(path, out var uri) ? TryGet(uri) : null;

    private static string FullPath(string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return path;
        }
    }

    /// <summary>
    /// Replaces, by a fresh analysis of the same version, every other open document whose analysis read the file at
    /// <paramref name="path"/> (it imports or underpins it, directly or not) or is still running (it may have read the old text),
    /// and returns them: editing a library re-checks every open file that imports it.
    /// </summary>
    public IReadOnlyList<DocumentSnapshot> ReanalyzeDependentsOf(string path)
    {
        var full = FullPath(path);
        var fresh = new List<DocumentSnapshot>();
        foreach (var (uri, snapshot) in documents)
        {
            if (string.Equals(FullPath(snapshot.Path), full, StringComparison.Ordinal))
            {
                continue;
            }
            if (snapshot.CompletedAnalysis is { } analysis && !analysis.DependsOn(full))
            {
                continue;
            }
            var next = snapshot.Reanalyzed();
            if (documents.TryUpdate(uri, next, snapshot))
            {
                fresh.Add(next);
            }
        }
        return fresh;
    }

    /// <summary>The analyses of the open documents, waiting for those still running (a library's edit re-checks the documents
    /// importing it: their references must be the new ones). Called by readers, off the dispatch queue.</summary>
    public IEnumerable<DocumentAnalysis> CurrentAnalyses() => documents.Values.Select(s => s.AnalysisAsync.GetAwaiter().GetResult());

    /// <summary>The latest snapshot of <paramref name="uri"/>, or null when it is not open.</summary>
    public DocumentSnapshot? TryGet(string uri) => documents.TryGetValue(uri, out var s) ? s : null;

    /// <summary>Replaces every open document by a fresh analysis of the same version and returns them.</summary>
    public IReadOnlyList<DocumentSnapshot> Reanalyze()
    {
        var fresh = new List<DocumentSnapshot>();
        foreach (var (uri, snapshot) in documents)
        {
            var next = snapshot.Reanalyzed();
            documents[uri] = next;
            fresh.Add(next);
        }
        return fresh;
    }

    /// <summary>Every open snapshot.</summary>
    public IReadOnlyCollection<DocumentSnapshot> All => [.. documents.Values];
}
