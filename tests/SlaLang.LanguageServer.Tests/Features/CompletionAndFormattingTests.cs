using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Tests.Harness;

namespace SlaLang.LanguageServer.Tests.Features;

/// <summary>Completion in half-typed code and formatting through the server, on small documents.</summary>
public sealed class CompletionAndFormattingTests
{
    private const string Uri = "file:///work/half.sla";

    private const string Contract = """
        contract C {
          party P client
          party Q provider
          role Boss of P
          role Lead of Q
          calendar Office {
            hours mon-fri 08:00-18:00
          }
          severity s1
          service S {
            objective O {

            }
          }
        }

        """;

    private static async Task<string[]> LabelsAsync(string text, int line, int character)
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, text);
        var list = await client.RequestAsync<CompletionList>("textDocument/completion", new { textDocument = new { uri = Uri }, position = new { line, character } });
        return [.. list.Items.Select(i => i.Label)];
    }

    private static string WithLine(int line, string content)
    {
        var lines = Contract.Split('\n');
        lines[line] = content;
        return string.Join('\n', lines);
    }

    [Fact]
    public async Task At_the_start_of_a_line_in_an_objective_it_offers_the_objective_clauses()
    {
        (await LabelsAsync(Contract, 11, 6)).ShouldBe(["indicator", "target", "per", "during", "exclude", "backs"]);
    }

    [Fact]
    public async Task At_the_start_of_a_line_in_a_library_it_offers_the_declarations_but_no_header_item()
    {
        (await LabelsAsync("library L {\n  \n}\n", 1, 2)).Where(l => !l.EndsWith('…')).ShouldBe([
            "party", "role", "calendar", "severity", "service", "raci", "escalation", "governance", "obligation", "security",
            "reversibility", "transition"]);
    }

    [Fact]
    public async Task At_a_role_position_of_a_raci_header_it_offers_the_role_names_only()
    {
        var text = WithLine(14, "  raci {\n    roles Boss \n    Patching A R\n  }\n}");
        (await LabelsAsync(text, 15, 15)).ShouldBe(["Boss", "Lead"]);
        (await LabelsAsync(text, 15, 10)).ShouldBe(["Boss", "Lead"]);
        // A row's cells are RACI letters.
        (await LabelsAsync(text, 16, 15)).ShouldBe(["R", "A", "C", "I", "RA", "CI", "-"]);
    }

    [Fact]
    public async Task Snippets_come_from_the_embedded_snippet_file_where_their_statement_may_stand()
    {
        // A contract's statement start offers party and subcontractor snippets (both write a party); a transition offers phase.
        var labels = await LabelsAsync(WithLine(13, "  }\n  \n"), 14, 2);
        labels.ShouldContain("party …");
        labels.ShouldContain("subcontractor …");
        labels.ShouldNotContain("phase …");
        (await LabelsAsync("contract C {\n  transition {\n    \n  }\n}\n", 2, 4)).ShouldBe(["phase", "phase …", "overlap"]);
        SlaLang.LanguageServer.Handlers.Completion.SnippetCatalog.Snippets.Select(s => s.Keyword).Distinct().Count().ShouldBe(
            SlaLang.LanguageServer.Handlers.Completion.SnippetCatalog.Snippets.Length - 2); // party and penalty have two each
    }

    [Fact]
    public async Task Inside_an_import_path_it_offers_the_sla_files_around_the_document()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sla-import-completion-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "work", "services"));
        File.WriteAllText(Path.Combine(dir, "work", "common.sla"), "library Common { }\n");
        File.WriteAllText(Path.Combine(dir, "work", "services", "web.sla"), "library Web { }\n");
        File.WriteAllText(Path.Combine(dir, "work", "notes.txt"), "not a contract\n");
        File.WriteAllText(Path.Combine(dir, "shared.sla"), "library Shared { }\n");
        var uri = new Uri(Path.Combine(dir, "work", "c.sla")).AbsoluteUri;
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(uri, "import \"common.sla\"\nimport \"\"\ncontract C { }\n");
        var list = await client.RequestAsync<CompletionList>("textDocument/completion", new { textDocument = new { uri }, position = new { line = 1, character = 8 } });
        // The document itself and the file already imported are left out; paths are relative, with '/'.
        list.Items.Select(i => (i.Label, i.Kind)).ShouldBe([("../shared.sla", CompletionItemKind.File), ("services/web.sla", CompletionItemKind.File)]);
    }

    [Fact]
    public async Task In_an_empty_file_it_offers_the_contract_snippet()
    {
        (await LabelsAsync(string.Empty, 0, 0)).ShouldBe(["contract …", "library …", "import …"]);
    }

    [Fact]
    public async Task At_the_start_of_a_line_in_a_service_it_offers_keywords_and_block_snippets()
    {
        (await LabelsAsync(WithLine(12, "    }\n    "), 13, 4)).ShouldBe(["fee", "objective", "objective …", "penalty", "penalty …", "penalty-step …"]);
    }

    [Fact]
    public async Task Half_typed_during_offers_calendars()
    {
        (await LabelsAsync(WithLine(11, "      during Of"), 11, 15)).ShouldBe(["always", "Office"]);
    }

    [Fact]
    public async Task Half_typed_role_offers_parties_after_of()
    {
        (await LabelsAsync(WithLine(4, "  role Lead of "), 4, 15)).ShouldBe(["P", "Q"]);
    }

    [Fact]
    public async Task After_indicator_it_offers_the_indicators()
    {
        (await LabelsAsync(WithLine(11, "      indicator "), 11, 16)).ShouldBe(
            ["availability", "mttr", "resolved_within", "responded_within", "incident_count", "reopen_rate", "mtbf", "error_rate", "success_rate", "satisfaction", "lead_time", "change_failure_rate"]);
    }

    [Fact]
    public async Task In_a_where_clause_it_offers_severities_and_services()
    {
        (await LabelsAsync(WithLine(11, "      indicator mttr where severity == "), 11, 39)).ShouldBe(["s1", "S", "in", "not", "and", "or"]);
    }

    [Fact]
    public async Task After_a_party_name_it_offers_the_party_kinds()
    {
        (await LabelsAsync(WithLine(2, "  party Q "), 2, 10)).ShouldBe(["client", "provider", "subcontractor"]);
    }

    [Fact]
    public async Task After_penalty_on_it_offers_the_objectives_of_the_service()
    {
        (await LabelsAsync(WithLine(12, "    }\n    penalty X on "), 13, 17)).ShouldBe(["O"]);
    }

    [Fact]
    public async Task Formatting_returns_one_edit_that_gives_the_canonical_text()
    {
        await using var client = await LspTestClient.StartAsync();
        const string text = "contract C {\n      version   \"1\"\n   party P client\n}\n";
        await client.OpenAsync(Uri, text);
        var edits = await client.RequestAsync<TextEdit[]>("textDocument/formatting", new { textDocument = new { uri = Uri }, options = new { tabSize = 4, insertSpaces = true } });
        var edit = edits.ShouldHaveSingleItem();
        // The smallest edit: from after the indentation both texts share to before the one they share again.
        edit.Range.ShouldBe(new LspRange(new Position(1, 2), new Position(2, 1)));
        edit.NewText.ShouldBe("version \"1\"\n");
    }

    [Fact]
    public async Task A_role_named_like_a_keyword_is_a_name_for_semantic_tokens_and_hover()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, "contract C {\n  party P client\n  role target of P\n  governance {\n    committee K {\n      chair target\n    }\n  }\n}\n");
        var tokens = NovaTerraFeatureTests.Decode((await client.RequestAsync<SemanticTokens>("textDocument/semanticTokens/full", new { textDocument = new { uri = Uri } })).Data);
        tokens.ShouldContain((2, 7, 6, "variable", 1));
        tokens.ShouldContain((5, 12, 6, "variable", 0));
        var hover = await client.RequestAsync<Hover?>("textDocument/hover", new { textDocument = new { uri = Uri }, position = new { line = 5, character = 13 } });
        hover!.Contents.Value.ShouldBe("```sla\nrole target of P\n```");
    }
}
