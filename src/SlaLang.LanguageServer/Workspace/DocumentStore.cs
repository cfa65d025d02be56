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

    /// <summary>How documents are checked: the <c>slaconfig.json</c> next to or above each file, read again when it changes.</summary>
    public CompilationOptions Options { get; init; } = CompilationOptions.FromFileSystem();

    /// <summary>Number of open documents.</summary>
    public int Count => documents.Count;

    /// <summary>Opens (or replaces) a document.</summary>
    public DocumentSnapshot Open(TextDocumentItem item)
    {
        var snapshot = new DocumentSnapshot(item.Uri, item.Version, item.Text ?? string.Empty, Options);
        documents[item.Uri] = snapshot;
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
    public bool Close(string uri) => documents.TryRemove(uri, out _);

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
