using System.Collections.Immutable;
using System.Text.Json;

namespace SlaLang.LanguageServer.Handlers.Completion;

/// <summary>A snippet: its prefix (the completion label), its body (LSP snippet syntax), what it is, and the keyword it starts with.</summary>
public sealed record Snippet(string Name, string Prefix, string Body, string Description, string Keyword);

/// <summary>
/// The snippets of <c>vscode-extension/snippets/sla.json</c>, embedded in the server: completion offers each where the statement it
/// writes may stand (a party snippet at a contract's statement start, none in a RACI table), so the editor needs no static snippets.
/// </summary>
public static class SnippetCatalog
{
    private static readonly Lazy<ImmutableArray<Snippet>> All = new(Load);

    /// <summary>Every snippet, in file order.</summary>
    public static ImmutableArray<Snippet> Snippets => All.Value;

    /// <summary>The snippets whose statement starts with <paramref name="keyword"/> (<c>party</c>: party and subcontractor).</summary>
    public static IEnumerable<Snippet> For(string keyword) => All.Value.Where(s => s.Keyword == keyword);

    private static ImmutableArray<Snippet> Load()
    {
        using var stream = typeof(SnippetCatalog).Assembly.GetManifestResourceStream("SlaLang.Snippets.json")
            ?? throw new InvalidOperationException("The server was built without its snippets (SlaLang.Snippets.json).");
        using var document = JsonDocument.Parse(stream);
        var snippets = ImmutableArray.CreateBuilder<Snippet>();
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            var lines = entry.Value.GetProperty("body").EnumerateArray().Select(l => l.GetString() ?? "").ToList();
            // The statement's keyword: the first word of the first line that is not a /// doc comment.
            var first = lines.FirstOrDefault(l => !l.TrimStart().StartsWith("///", StringComparison.Ordinal)) ?? "";
            var keyword = new string([.. first.TrimStart().TakeWhile(char.IsAsciiLetterLower)]);
            snippets.Add(new Snippet(entry.Name, entry.Value.GetProperty("prefix").GetString() ?? entry.Name, string.Join("\n", lines),
                entry.Value.GetProperty("description").GetString() ?? "", keyword));
        }
        return snippets.ToImmutable();
    }
}
