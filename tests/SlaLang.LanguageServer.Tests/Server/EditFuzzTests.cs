using System.Text.Json;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Tests.Harness;
using StreamJsonRpc;

namespace SlaLang.LanguageServer.Tests.Server;

/// <summary>
/// The example contracts typed in and edited at random through the in-process server (fixed seeds): no request fails but
/// for a rename refused on purpose, published diagnostics lie inside the document, semantic tokens inside their line,
/// formatting edits apply cleanly, are idempotent and keep every comment, and the server's text stays the client's.
/// </summary>
public sealed class EditFuzzTests
{
    private const int RenameRefused = -32803;

    /// <summary>Snippets a user might type: punctuation, literals, keywords, comments, astral and CJK characters, CRLF.</summary>
    private static readonly string[] Fragments =
    [
        "{", "}", "(", ")", "\n", "\r\n", ",", ";", "\"", "/*", "*/", "// 😀\n", "/// doc 中文\n", "😀", "中文", "99.9%", "4h", "1h30min", "5bd",
        "18000 EUR", "2026-01-01", "08:00", "..", "-", " ", "target", "role", "\\u{1F600}", "\\", "\uFEFF", "\t", "mon-fri", ">=", "==", "in", "where", "of",
    ];

    public static TheoryData<string> ExampleNames => ["novaterra", "valisbank", "belleplace"];

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public async Task Typing_an_example_in_chunks_keeps_every_request_answering(string example)
    {
        var target = Examples.Read(example).Replace("\r\n", "\n", StringComparison.Ordinal);
        var random = new Random(example.Length);
        await using var session = await FuzzSession.StartAsync(string.Empty);
        var typed = 0;
        while (typed < target.Length)
        {
            var chunk = target.Substring(typed, Math.Min(random.Next(1, 160), target.Length - typed));
            var end = session.Mirror.PositionOf(session.Mirror.Text.Length);
            // Half of the time the insertion names the position past the last line, which LSP clamps to the end.
            var at = random.Next(2) == 0 ? end : new Position(session.Mirror.LineCount, 0);
            await session.ChangeAsync([new TextDocumentContentChangeEvent(new LspRange(at, at), chunk)], apply: false);
            session.Mirror.Apply(new LspRange(end, end), chunk);
            typed += chunk.Length;
            await session.CheckAsync(random);
        }
        session.Mirror.Text.ShouldBe(target);
    }

    [Theory]
    [InlineData("novaterra", 11)]
    [InlineData("valisbank", 12)]
    [InlineData("belleplace", 13)]
    public async Task Random_edits_keep_the_server_consistent_and_every_request_answering(string example, int seed)
    {
        var source = Examples.Read(example);
        var random = new Random(seed);
        await using var session = await FuzzSession.StartAsync(seed % 2 == 0 ? source.Replace("\n", "\r\n", StringComparison.Ordinal) : source);
        for (var step = 0; step < 600; step++)
        {
            var changes = new List<TextDocumentContentChangeEvent>();
            var scratch = new ClientText(session.Mirror.Text);
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var change = RandomChange(random, scratch, source);
                scratch.Apply(change.Range, change.Text);
                changes.Add(change);
            }
            if (scratch.Text.Length > 3 * source.Length)
            {
                changes = [new TextDocumentContentChangeEvent(null, source)];
            }
            await session.ChangeAsync(changes, apply: true);
            if (step % 25 == 0)
            {
                await session.CheckAsync(random);
            }
        }
        await session.CheckAsync(random);
    }

    private static TextDocumentContentChangeEvent RandomChange(Random random, ClientText text, string source)
    {
        var start = random.Next(text.Text.Length + 1);
        var end = Math.Min(text.Text.Length, start + (random.Next(3) == 0 ? random.Next(0, 25) : 0));
        // Never split a CRLF pair or a surrogate pair: an editor does not either.
        while (start > 0 && start < text.Text.Length && (text.Text[start - 1] == '\r' && text.Text[start] == '\n' || char.IsLowSurrogate(text.Text[start])))
        {
            start--;
        }
        while (end < text.Text.Length && end > 0 && (text.Text[end - 1] == '\r' && text.Text[end] == '\n' || char.IsLowSurrogate(text.Text[end])))
        {
            end++;
        }
        end = Math.Max(start, end);
        var insert = random.Next(3) switch
        {
            0 => string.Empty,
            1 => Fragments[random.Next(Fragments.Length)],
            _ => source.Substring(random.Next(source.Length - 40), random.Next(1, 40)),
        };
        if (insert.Length > 0 && char.IsHighSurrogate(insert[^1]))
        {
            insert = insert[..^1];
        }
        if (insert.Length > 0 && char.IsLowSurrogate(insert[0]))
        {
            insert = insert[1..];
        }
        return new TextDocumentContentChangeEvent(new LspRange(text.PositionOf(start), text.PositionOf(end)), insert);
    }

    /// <summary>One open document, its client-side copy, and the checks run on it.</summary>
    private sealed class FuzzSession : IAsyncDisposable
    {
        private const string Uri = "file:///work/fuzz.sla";
        private readonly LspTestClient client;
        private int version = 1;

        private FuzzSession(LspTestClient client, string text)
        {
            this.client = client;
            Mirror = new ClientText(text);
        }

        public ClientText Mirror { get; }

        public static async Task<FuzzSession> StartAsync(string text)
        {
            var session = new FuzzSession(await LspTestClient.StartAsync(), text);
            await session.client.OpenAsync(Uri, text);
            return session;
        }

        public async Task ChangeAsync(IReadOnlyList<TextDocumentContentChangeEvent> changes, bool apply)
        {
            if (apply)
            {
                foreach (var change in changes)
                {
                    Mirror.Apply(change.Range, change.Text);
                }
            }
            await client.ChangeAsync(Uri, ++version, [.. changes]);
        }

        public async Task CheckAsync(Random random)
        {
            var context = $"version {version} of:\n{Mirror.Text}";
            var published = await client.WaitForDiagnosticsAsync(Uri, version);
            client.Server.Documents.TryGet(Uri)!.Text.Text.ShouldBe(Mirror.Text, context);
            foreach (var diagnostic in published.Diagnostics)
            {
                Mirror.Contains(diagnostic.Range).ShouldBeTrue($"{diagnostic} in {context}");
            }
            foreach (var (line, character, length) in ProtocolConformanceTests.Decode((await RequestAsync<SemanticTokens>("textDocument/semanticTokens/full", new { textDocument = Doc })).Data))
            {
                (line < Mirror.LineCount && length > 0 && character + length <= Mirror.LineLength(line)).ShouldBeTrue($"token {line}:{character}+{length} in {context}");
            }
            CheckSymbols(await RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new { textDocument = Doc }), context);
            await RequestAsync<FoldingRange[]>("textDocument/foldingRange", new { textDocument = Doc });
            await CheckFormattingAsync(context);

            var position = Mirror.PositionOf(random.Next(Mirror.Text.Length + 1));
            var at = new { textDocument = Doc, position };
            var hover = await RequestAsync<Hover?>("textDocument/hover", at);
            if (hover?.Range is { } hovered)
            {
                Mirror.Contains(hovered).ShouldBeTrue(context);
            }
            await RequestAsync<CompletionList>("textDocument/completion", at);
            (await RequestAsync<Location[]>("textDocument/definition", at)).ShouldAllBe(l => Mirror.Contains(l.Range), context);
            (await RequestAsync<Location[]>("textDocument/references", new { textDocument = Doc, position, context = new { includeDeclaration = true } })).ShouldAllBe(l => Mirror.Contains(l.Range), context);
            await RenameAsync(position, random.Next(2) == 0 ? "target" : "Renamed_1", context);
            var all = new LspRange(new Position(0, 0), Mirror.PositionOf(Mirror.Text.Length));
            await RequestAsync<JsonElement>("textDocument/codeAction", new { textDocument = Doc, range = all, context = new { diagnostics = published.Diagnostics } });
            await RequestAsync<JsonElement>("textDocument/inlayHint", new { textDocument = Doc, range = all });
        }

        public async ValueTask DisposeAsync() => await client.DisposeAsync();

        private static object Doc => new { uri = Uri };

        private Task<T> RequestAsync<T>(string method, object parameters) => client.RequestAsync<T>(method, parameters);

        private void CheckSymbols(IEnumerable<DocumentSymbol>? symbols, string context)
        {
            foreach (var symbol in symbols ?? [])
            {
                (Mirror.Contains(symbol.Range) && Mirror.Contains(symbol.SelectionRange)).ShouldBeTrue($"{symbol.Name} in {context}");
                CheckSymbols(symbol.Children, context);
            }
        }

        /// <summary>Formatting changes only layout: applied, the text keeps its words and comments, and formatting it again changes nothing.</summary>
        private async Task CheckFormattingAsync(string context)
        {
            var edits = await RequestAsync<TextEdit[]>("textDocument/formatting", new { textDocument = Doc, options = new { tabSize = 2, insertSpaces = true } });
            if (edits.Length == 0)
            {
                return;
            }
            edits.ShouldAllBe(e => Mirror.Contains(e.Range), context);
            var formatted = new ClientText(Mirror.Text);
            formatted.Apply(edits);
            Words(formatted.Text).ShouldBe(Words(Mirror.Text), context);
            const string again = "file:///work/fuzz-formatted.sla";
            await client.OpenAsync(again, formatted.Text);
            (await RequestAsync<TextEdit[]>("textDocument/formatting", new { textDocument = new { uri = again }, options = new { tabSize = 2, insertSpaces = true } })).ShouldBeEmpty($"formatting twice changes:\n{formatted.Text}");
            await client.NotifyAsync("textDocument/didClose", new { textDocument = new { uri = again } });
        }

        private async Task RenameAsync(Position position, string newName, string context)
        {
            try
            {
                var edit = await RequestAsync<WorkspaceEdit>("textDocument/rename", new { textDocument = Doc, position, newName });
                edit.Changes[Uri].ShouldAllBe(e => Mirror.Contains(e.Range), context);
            }
            catch (RemoteInvocationException ex) when (ex.ErrorCode == RenameRefused)
            {
                // Not on a renameable name, or the name is taken: refused on purpose.
            }
        }

        private static string Words(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c != '\uFEFF'));
    }
}
