using System.Text;
using System.Text.Json;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Tests.Harness;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace SlaLang.LanguageServer.Tests.Server;

/// <summary>The server as the LSP specification and a real client (vscode-languageclient) see it: capabilities, positions, sync, lifecycle.</summary>
public sealed class ProtocolConformanceTests
{
    private const string Uri = "file:///work/conformance.sla";
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"capabilities":{}}}""";

    /// <summary>A contract without any diagnostic; line 6 declares the role <c>Boss</c> of the party <c>P</c>.</summary>
    private const string Valid = "contract C {\n  version \"1\"\n  term 2026-01-01 .. 2026-12-31\n  timezone \"Europe/Paris\"\n  currency EUR\n  party P client\n  role Boss of P\n  reversibility { notice 1 months }\n}\n";

    private static object Doc => new { uri = Uri };

    private static object At(int line, int character) => new { textDocument = Doc, position = new { line, character } };

    [Fact]
    public async Task Every_capability_announced_by_initialize_is_served()
    {
        await using var client = await LspTestClient.StartAsync(initialize: false);
        var capabilities = (await client.InitializeAsync()).GetProperty("capabilities");
        await client.OpenAsync(Uri, Valid);
        var range = new { start = new { line = 0, character = 0 }, end = new { line = 9, character = 0 } };
        var requests = new Dictionary<string, (string Method, object Params)[]>
        {
            ["textDocumentSync"] = [],
            ["hoverProvider"] = [("textDocument/hover", At(6, 8))],
            ["completionProvider"] = [("textDocument/completion", At(6, 2))],
            ["definitionProvider"] = [("textDocument/definition", At(6, 16))],
            ["referencesProvider"] = [("textDocument/references", new { textDocument = Doc, position = new { line = 6, character = 16 }, context = new { includeDeclaration = true } })],
            ["renameProvider"] = [("textDocument/prepareRename", At(6, 8)), ("textDocument/rename", new { textDocument = Doc, position = new { line = 6, character = 8 }, newName = "target" })],
            ["documentSymbolProvider"] = [("textDocument/documentSymbol", new { textDocument = Doc })],
            ["documentFormattingProvider"] = [("textDocument/formatting", new { textDocument = Doc, options = new { tabSize = 2, insertSpaces = true } })],
            ["semanticTokensProvider"] = [("textDocument/semanticTokens/full", new { textDocument = Doc })],
            ["foldingRangeProvider"] = [("textDocument/foldingRange", new { textDocument = Doc })],
            ["inlayHintProvider"] = [("textDocument/inlayHint", new { textDocument = Doc, range })],
            ["codeActionProvider"] = [("textDocument/codeAction", new { textDocument = Doc, range, context = new { diagnostics = Array.Empty<object>() } })],
        };
        var announced = capabilities.EnumerateObject().Select(p => p.Name).ToList();
        announced.ShouldBeSubsetOf(requests.Keys, "a capability without a request here is announced: add its request to this test");
        foreach (var name in announced)
        {
            foreach (var (method, parameters) in requests[name])
            {
                (await client.RequestAsync<JsonElement>(method, parameters)).ValueKind.ShouldNotBe(JsonValueKind.Undefined, method);
            }
        }
        var semantic = capabilities.GetProperty("semanticTokensProvider");
        semantic.GetProperty("full").ValueKind.ShouldBe(JsonValueKind.True, "full/delta is not served, so it must not be announced");
        semantic.GetProperty("range").GetBoolean().ShouldBeFalse();
        var error = await Should.ThrowAsync<RemoteMethodNotFoundException>(() => client.RequestAsync<JsonElement>("textDocument/semanticTokens/range", new { textDocument = Doc, range }));
        error.ErrorCode.ShouldBe(JsonRpcErrorCode.MethodNotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData(""","params":null""")]
    [InlineData(""","params":[null]""")]
    [InlineData(""","params":[]""")]
    [InlineData(""","params":{}""")]
    public async Task Shutdown_and_exit_accept_whatever_params_a_client_sends_and_end_with_code_0(string parameters)
    {
        await using var raw = RawLspConnection.Start();
        await raw.RoundTripAsync(Initialize);
        await raw.SendAsync("""{"jsonrpc":"2.0","method":"initialized"%P}""".Replace("%P", parameters, StringComparison.Ordinal));
        var reply = await raw.RoundTripAsync("""{"jsonrpc":"2.0","id":2,"method":"shutdown"%P}""".Replace("%P", parameters, StringComparison.Ordinal));
        reply.GetProperty("id").GetInt32().ShouldBe(2);
        reply.TryGetProperty("error", out _).ShouldBeFalse(reply.ToString());
        reply.GetProperty("result").ValueKind.ShouldBe(JsonValueKind.Null);
        await raw.SendAsync("""{"jsonrpc":"2.0","method":"exit"%P}""".Replace("%P", parameters, StringComparison.Ordinal));
        await raw.Server.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        raw.Server.ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Notifications_the_server_does_not_handle_get_no_answer_and_change_nothing()
    {
        await using var raw = RawLspConnection.Start();
        await raw.RoundTripAsync(Initialize);
        foreach (var notification in new[]
        {
            """{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"verbose"}}""",
            """{"jsonrpc":"2.0","method":"workspace/didChangeConfiguration","params":{"settings":{"slalang":{}}}}""",
            """{"jsonrpc":"2.0","method":"workspace/didChangeWorkspaceFolders","params":{"event":{"added":[],"removed":[]}}}""",
            """{"jsonrpc":"2.0","method":"window/workDoneProgress/cancel","params":{"token":"t"}}""",
            """{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":12345}}""",
            """{"jsonrpc":"2.0","method":"$/somethingNew","params":[1,2]}""",
        })
        {
            await raw.SendAsync(notification);
        }
        var unknown = await raw.RoundTripAsync("""{"jsonrpc":"2.0","id":2,"method":"$/somethingNew","params":{}}""");
        unknown.GetProperty("id").GetInt32().ShouldBe(2);
        unknown.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32601);
        var shutdown = await raw.RoundTripAsync("""{"jsonrpc":"2.0","id":3,"method":"shutdown"}""");
        shutdown.GetProperty("id").GetInt32().ShouldBe(3);
        shutdown.TryGetProperty("error", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Positions_count_utf16_code_units_after_emoji_and_cjk_in_strings_and_comments()
    {
        var text = Valid.Replace("  party P client\n", "  party P client \"😀中文😀\" /* 🌱 */ ; role Lead of P // 😀\n", StringComparison.Ordinal);
        var line = text.Split('\n')[5];
        var reference = line.LastIndexOf("of P", StringComparison.Ordinal) + 3;
        await using var client = await LspTestClient.StartAsync();
        (await client.OpenAsync(Uri, text)).Diagnostics.ShouldBeEmpty();

        var hover = (await client.RequestAsync<Hover?>("textDocument/hover", At(5, reference))).ShouldNotBeNull();
        hover.Range.ShouldBe(new LspRange(new Position(5, reference), new Position(5, reference + 1)));
        var references = await client.RequestAsync<Location[]>("textDocument/references", new { textDocument = Doc, position = new { line = 6, character = 16 }, context = new { includeDeclaration = true } });
        references.Select(l => l.Range.Start).ShouldBe([new Position(5, 8), new Position(5, reference), new Position(6, 15)]);
        var lead = line.IndexOf("Lead", StringComparison.Ordinal);
        (await client.RequestAsync<PrepareRenameResult>("textDocument/prepareRename", At(5, lead + 2))).Range.ShouldBe(new LspRange(new Position(5, lead), new Position(5, lead + 4)));

        var tokens = Decode((await client.RequestAsync<SemanticTokens>("textDocument/semanticTokens/full", new { textDocument = Doc })).Data);
        tokens.Where(t => t.Line == 5).Select(t => (t.Character, t.Length)).ShouldBe([(2, 5), (8, 1), (10, 6), (line.IndexOf("role", StringComparison.Ordinal), 4), (lead, 4), (reference - 3, 2), (reference, 1)]);
    }

    [Fact]
    public async Task Crlf_line_endings_keep_ranges_off_the_carriage_return_and_edits_at_line_ends_apply()
    {
        var text = Valid.Replace("role Boss of P", "role Boss of Nobody", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
        var mirror = new ClientText(text);
        await using var client = await LspTestClient.StartAsync();
        var diagnostic = (await client.OpenAsync(Uri, text)).Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("SLA2001");
        diagnostic.Range.ShouldBe(new LspRange(new Position(6, 15), new Position(6, 21)));

        // Replace "Nobody" up to the end of its line (the server clamps past-the-end characters to the line end, before "\r\n").
        var change = new LspRange(new Position(6, 15), new Position(6, 40));
        mirror.Apply(new LspRange(new Position(6, 15), new Position(6, 21)), "P");
        await client.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent(change, "P"));
        (await client.WaitForDiagnosticsAsync(Uri, 2)).Diagnostics.ShouldBeEmpty();
        client.Server.Documents.TryGet(Uri)!.Text.Text.ShouldBe(mirror.Text);
        (await client.RequestAsync<Location[]>("textDocument/definition", At(6, 15))).ShouldHaveSingleItem().Range.Start.ShouldBe(new Position(5, 8));
    }

    [Fact]
    public async Task Several_changes_in_one_notification_apply_in_order_up_to_the_end_and_past_the_last_line()
    {
        const string start = "contract C {\n  version \"1\"\n}";
        var mirror = new ClientText(start);
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, start);
        TextDocumentContentChangeEvent[] changes =
        [
            new(new LspRange(new Position(1, 13), new Position(1, 13)), "\n  party P client"),
            new(new LspRange(new Position(2, 16), new Position(2, 16)), "\n  role Boss of P"),
            // At the end of a document without a trailing newline.
            new(new LspRange(new Position(4, 1), new Position(4, 1)), "\n"),
            // At line == line count: the position just past the text.
            new(new LspRange(new Position(5, 0), new Position(5, 0)), "// end\n"),
            new(new LspRange(new Position(1, 2), new Position(1, 9)), "version"),
        ];
        foreach (var change in changes)
        {
            mirror.Apply(change.Range, change.Text);
        }
        mirror.Text.ShouldBe("contract C {\n  version \"1\"\n  party P client\n  role Boss of P\n}\n// end\n");
        await client.ChangeAsync(Uri, 2, changes);
        var published = await client.WaitForDiagnosticsAsync(Uri, 2);
        client.Server.Documents.TryGet(Uri)!.Text.Text.ShouldBe(mirror.Text);
        published.Diagnostics.ShouldAllBe(d => mirror.Contains(d.Range));
        published.Diagnostics.ShouldNotContain(d => d.Code.StartsWith("SLA1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_everything_leaves_an_empty_document_every_request_still_serves()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, Valid);
        var all = new LspRange(new Position(0, 0), new Position(new ClientText(Valid).LineCount - 1, 0));
        await client.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent(all, string.Empty));
        var published = await client.WaitForDiagnosticsAsync(Uri, 2);
        client.Server.Documents.TryGet(Uri)!.Text.Text.ShouldBeEmpty();
        published.Diagnostics.ShouldAllBe(d => d.Range == new LspRange(new Position(0, 0), new Position(0, 0)));

        (await client.RequestAsync<Hover?>("textDocument/hover", At(0, 0))).ShouldBeNull();
        (await client.RequestAsync<CompletionList>("textDocument/completion", At(0, 0))).Items.Select(i => i.Label).ShouldBe(["contract …", "library …", "import …"]);
        (await client.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new { textDocument = Doc })).ShouldBeEmpty();
        (await client.RequestAsync<SemanticTokens>("textDocument/semanticTokens/full", new { textDocument = Doc })).Data.ShouldBeEmpty();
        (await client.RequestAsync<TextEdit[]>("textDocument/formatting", new { textDocument = Doc, options = new { tabSize = 2, insertSpaces = true } })).ShouldBeEmpty();
        (await client.RequestAsync<FoldingRange[]>("textDocument/foldingRange", new { textDocument = Doc })).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(7, 500)]
    [InlineData(9, 0)]
    [InlineData(9, 7)]
    [InlineData(400, 3)]
    public async Task Positions_past_the_end_of_a_line_or_of_the_document_are_clamped_not_errors(int line, int character)
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, Valid);
        var position = At(line, character);
        (await client.RequestAsync<Hover?>("textDocument/hover", position)).ShouldBeNull();
        (await client.RequestAsync<Location[]>("textDocument/definition", position)).ShouldBeEmpty();
        (await client.RequestAsync<Location[]>("textDocument/references", new { textDocument = Doc, position = new { line, character }, context = new { includeDeclaration = true } })).ShouldBeEmpty();
        (await client.RequestAsync<CompletionList>("textDocument/completion", position)).ShouldNotBeNull();
        var rename = await Should.ThrowAsync<RemoteInvocationException>(() => client.RequestAsync<JsonElement>("textDocument/prepareRename", position));
        rename.ErrorCode.ShouldBe(-32803);
    }

    [Fact]
    public async Task A_byte_order_mark_is_whitespace_to_the_language_a_column_to_positions_and_kept_by_formatting()
    {
        var text = "\uFEFF" + Valid;
        await using var client = await LspTestClient.StartAsync();
        (await client.OpenAsync(Uri, text)).Diagnostics.ShouldBeEmpty();
        Decode((await client.RequestAsync<SemanticTokens>("textDocument/semanticTokens/full", new { textDocument = Doc })).Data)[0].ShouldBe((0, 1, 8));
        (await client.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new { textDocument = Doc })).ShouldHaveSingleItem().SelectionRange.Start.ShouldBe(new Position(0, 10));
        (await client.RequestAsync<TextEdit[]>("textDocument/formatting", new { textDocument = Doc, options = new { tabSize = 2, insertSpaces = true } })).ShouldBeEmpty();

        var messy = "\uFEFF" + Valid.Replace("  party", "      party", StringComparison.Ordinal);
        await client.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent(null, messy));
        var mirror = new ClientText(messy);
        mirror.Apply(await client.RequestAsync<TextEdit[]>("textDocument/formatting", new { textDocument = Doc, options = new { tabSize = 2, insertSpaces = true } }));
        mirror.Text.ShouldBe(text);
    }

    /// <summary>Decodes semantic token data into absolute (line, character, length) triples.</summary>
    internal static List<(int Line, int Character, int Length)> Decode(IReadOnlyList<int> data)
    {
        var tokens = new List<(int, int, int)>();
        int line = 0, character = 0;
        for (var i = 0; i < data.Count; i += 5)
        {
            line += data[i];
            character = data[i] == 0 ? character + data[i + 1] : data[i + 1];
            tokens.Add((line, character, data[i + 2]));
        }
        return tokens;
    }
}
