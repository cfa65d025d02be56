using System.Text.Json;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Tests.Harness;
using StreamJsonRpc;

namespace SlaLang.LanguageServer.Tests.Features;

/// <summary>Every language feature on examples/novaterra/novaterra.sla, with exact positions and texts.</summary>
public sealed class NovaTerraFeatureTests() : ExampleSession("novaterra")
{
    private static readonly string DocumentUri = Examples.Uri("novaterra");

    private static object At(int line, int character) => new { textDocument = new { uri = DocumentUri }, position = new { line, character } };

    private static object Doc => new { textDocument = new { uri = DocumentUri } };

    [Fact]
    public async Task Hover_on_an_availability_target_gives_the_allowed_downtime_of_28_30_and_31_day_months()
    {
        var hover = await HoverAsync(33, 18);
        hover!.Range.ShouldBe(new LspRange(new Position(33, 16), new Position(33, 22)));
        hover.Contents.Kind.ShouldBe("markdown");
        hover.Contents.Value.ShouldBe(
            "**target >= 99.93%** per month (availability)\n\n" +
            "Allowed downtime (0.07% of the time, 24/7, maintenance excluded):\n\n" +
            "- 28-day month: 28 min 13.44 s (1693.44 s)\n" +
            "- 30-day month: 30 min 14.4 s (1814.4 s)\n" +
            "- 31-day month: 31 min 14.88 s (1874.88 s)");
    }

    [Fact]
    public async Task Hover_on_other_targets_says_what_they_require()
    {
        (await HoverAsync(40, 17))!.Contents.Value.ShouldBe(
            "**target <= 4h** per month (mttr)\n\nThe mean time to restore of the incidents first resolved in each month (in the open hours of `Business`, pauses excluded) must be at most 4h.");
        (await HoverAsync(46, 16))!.Contents.Value.ShouldBe(
            "**target >= 95%** per month (resolved_within)\n\nAt least 95% of the incidents must be resolved within 4h (24/7, pauses excluded), each month.");
        (await HoverAsync(49, 48))!.Contents.Value.ShouldBe(
            "**target <= 5%** per quarter (reopen_rate)\n\nReopens must be at most 5% of resolutions each quarter.");
    }

    [Fact]
    public async Task Hover_on_a_tier_gives_the_credit_at_the_service_fee()
    {
        var hover = await HoverAsync(53, 27);
        hover!.Range.ShouldBe(new LspRange(new Position(53, 27), new Position(53, 29)));
        hover.Contents.Value.ShouldBe("**when < 99.93% credit 5%**\n\nAt the service fee: 5% of 18000.00 EUR per month = **900.00 EUR**.");
    }

    [Fact]
    public async Task Hover_on_a_step_gives_the_credit_per_started_step()
    {
        var hover = await HoverAsync(60, 22);
        hover!.Contents.Value.ShouldBe("**step 1h credit 2%**\n\nAt the service fee: 2% of 18000.00 EUR per month = **360.00 EUR** for each started step of shortfall.");
    }

    [Fact]
    public async Task Hover_on_a_name_shows_its_declaration_and_doc_comment()
    {
        (await HoverAsync(1, 12))!.Contents.Value.ShouldBe("```sla\ncontract NovaTerraRun \"NovaTerra managed run\"\n```\n\nNovaTerra: managed run of three plants.");
        var role = await HoverAsync(74, 30);
        role!.Contents.Value.ShouldBe("```sla\nrole ServiceManager of Infogen\n```");
        role.Range.ShouldBe(new LspRange(new Position(74, 23), new Position(74, 37)));
        (await HoverAsync(11, 10))!.Contents.Value.ShouldBe("```sla\nparty SecurOps subcontractor of Infogen \"SecurOps SARL\"\n```");
        (await HoverAsync(51, 36))!.Contents.Value.ShouldBe("```sla\nobjective Monitoring.Availability availability >= 99.93% per month\n```");
    }

    [Fact]
    public async Task Hover_on_a_keyword_shows_its_documentation_and_whitespace_shows_nothing()
    {
        (await HoverAsync(65, 3))!.Contents.Value.ShouldStartWith("`raci { roles …; Activity [\"title\"] cells… }` — the responsibility matrix");
        (await HoverAsync(8, 0)).ShouldBeNull();
    }

    [Fact]
    public async Task Definition_of_a_calendar_reference_is_its_declaration()
    {
        var locations = await Client.RequestAsync<Location[]>("textDocument/definition", At(42, 15));
        locations.ShouldBe([new Location(Uri, new LspRange(new Position(18, 11), new Position(18, 19)))]);
        (await Client.RequestAsync<Location[]>("textDocument/definition", At(42, 8))).ShouldBeEmpty();
    }

    [Fact]
    public async Task References_of_a_severity_are_its_declaration_and_every_use_in_where_clauses()
    {
        var locations = await Client.RequestAsync<Location[]>("textDocument/references", new { textDocument = new { uri = Uri }, position = new { line = 39, character = 40 }, context = new { includeDeclaration = true } });
        locations.Select(l => (l.Range.Start.Line, l.Range.Start.Character, l.Range.End.Character)).ShouldBe([(24, 11, 15), (39, 39, 43), (45, 55, 59), (72, 54, 58)]);
        var uses = await Client.RequestAsync<Location[]>("textDocument/references", new { textDocument = new { uri = Uri }, position = new { line = 24, character = 12 }, context = new { includeDeclaration = false } });
        uses.Length.ShouldBe(3);
    }

    [Fact]
    public async Task Rename_of_an_objective_edits_its_declaration_and_the_penalty_naming_it()
    {
        var prepare = await Client.RequestAsync<PrepareRenameResult>("textDocument/prepareRename", At(31, 20));
        prepare.ShouldBe(new PrepareRenameResult(new LspRange(new Position(31, 14), new Position(31, 26)), "Availability"));
        var edit = await Client.RequestAsync<WorkspaceEdit>("textDocument/rename", new { textDocument = new { uri = Uri }, position = new { line = 51, character = 40 }, newName = "Uptime" });
        edit.Changes[Uri].ShouldBe([
            new TextEdit(new LspRange(new Position(31, 14), new Position(31, 26)), "Uptime"),
            new TextEdit(new LspRange(new Position(51, 34), new Position(51, 46)), "Uptime")]);
    }

    [Fact]
    public async Task Rename_rejects_keywords_literals_bad_names_and_clashes()
    {
        var keyword = await Should.ThrowAsync<RemoteInvocationException>(() => Client.RequestAsync<PrepareRenameResult>("textDocument/prepareRename", At(31, 6)));
        keyword.ErrorCode.ShouldBe(-32803);
        keyword.Message.ShouldBe("Cannot rename a keyword: place the cursor on a declared name.");
        var literal = await Should.ThrowAsync<RemoteInvocationException>(() => Client.RequestAsync<PrepareRenameResult>("textDocument/prepareRename", At(33, 17)));
        literal.Message.ShouldBe("Cannot rename a literal: place the cursor on a declared name.");
        var bad = await Should.ThrowAsync<RemoteInvocationException>(() => Client.RequestAsync<WorkspaceEdit>("textDocument/rename", new { textDocument = new { uri = Uri }, position = new { line = 31, character = 20 }, newName = "9lives" }));
        bad.Message.ShouldBe("'9lives' is not a valid name: use letters, digits and '_', starting with a letter or '_'.");
        var clash = await Should.ThrowAsync<RemoteInvocationException>(() => Client.RequestAsync<WorkspaceEdit>("textDocument/rename", new { textDocument = new { uri = Uri }, position = new { line = 31, character = 20 }, newName = "Sev1Restore" }));
        clash.Message.ShouldBe("'Sev1Restore' is already declared as an objective at line 39; choose another name.");
    }

    [Fact]
    public async Task Rename_checks_the_new_name_in_the_scope_the_binder_uses_built_in_always_included()
    {
        // A calendar (line 19) renamed `always` would clash with the built-in calendar, and so would a role.
        var calendar = await Should.ThrowAsync<RemoteInvocationException>(() => Client.RequestAsync<WorkspaceEdit>("textDocument/rename", new { textDocument = new { uri = Uri }, position = new { line = 18, character = 12 }, newName = "always" }));
        calendar.Message.ShouldBe("'always' is already declared as a calendar built into the language; choose another name.");
        var role = await Should.ThrowAsync<RemoteInvocationException>(() => Client.RequestAsync<WorkspaceEdit>("textDocument/rename", new { textDocument = new { uri = Uri }, position = new { line = 14, character = 8 }, newName = "always" }));
        role.Message.ShouldBe("'always' is already declared as a calendar built into the language; choose another name.");

        // RACI activities have a scope of their own: an activity may take a role's name, and a role an activity's.
        var activity = await Client.RequestAsync<WorkspaceEdit>("textDocument/rename", new { textDocument = new { uri = Uri }, position = new { line = 67, character = 6 }, newName = "ServiceManager" });
        activity.Changes[Uri].ShouldBe([new TextEdit(new LspRange(new Position(67, 4), new Position(67, 19)), "ServiceManager")]);
        var manager = await Client.RequestAsync<WorkspaceEdit>("textDocument/rename", new { textDocument = new { uri = Uri }, position = new { line = 14, character = 8 }, newName = "PatchManagement" });
        manager.Changes[Uri].Count.ShouldBe(4);
    }

    [Fact]
    public async Task Document_symbols_give_the_nested_outline()
    {
        var symbols = await Client.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", Doc);
        var contract = symbols.ShouldHaveSingleItem();
        contract.Name.ShouldBe("NovaTerraRun");
        contract.Kind.ShouldBe(SymbolKind.Module);
        contract.Range.ShouldBe(new LspRange(new Position(1, 0), new Position(116, 1)));
        contract.Children!.Select(c => c.Name).ShouldBe([
            "NovaTerra", "Infogen", "SecurOps", "ITDirector", "ServiceManager", "SecurityOfficer", "PlantManager", "Business",
            "sev1", "sev2", "sev3", "Monitoring", "raci", "Sev1Path", "governance", "MonthlyReport", "security", "reversibility", "transition"]);
        var service = contract.Children!.Single(c => c.Name == "Monitoring");
        service.Detail.ShouldBe("service \"24/7 supervision of plant systems\"");
        service.SelectionRange.ShouldBe(new LspRange(new Position(28, 10), new Position(28, 20)));
        service.Children!.Select(c => (c.Name, c.Kind)).ShouldBe([
            ("Availability", SymbolKind.Constant), ("Sev1Restore", SymbolKind.Constant), ("Sev1Within4h", SymbolKind.Constant), ("Reopens", SymbolKind.Constant),
            ("AvailabilityCredit", SymbolKind.Function), ("RestoreCredit", SymbolKind.Function)]);
        contract.Children!.Single(c => c.Name == "raci").Children!.Select(c => (c.Name, c.Detail)).ShouldBe([("PatchManagement", null), ("Monitoring", null), ("SapTma", "SAP run (TMA)")]);
        contract.Children!.Single(c => c.Name == "governance").Children!.Select(c => c.Name).ShouldBe(["IncidentReview", "ValueReview", "Strategic"]);
    }

    [Fact]
    public async Task Folding_ranges_cover_every_multi_line_block_keeping_the_closing_brace_visible()
    {
        var ranges = await Client.RequestAsync<FoldingRange[]>("textDocument/foldingRange", Doc);
        ranges.Select(r => (r.StartLine, r.EndLine)).ShouldBe([
            (1, 115), (18, 21), (28, 62), (31, 36), (38, 42), (44, 47), (51, 56), (58, 61), (65, 69), (72, 75),
            (78, 85), (79, 82), (88, 92), (95, 102), (105, 108), (111, 114)]);
    }

    [Fact]
    public async Task Inlay_hint_shows_the_allowed_downtime_beside_the_availability_target()
    {
        var hints = await Client.RequestAsync<InlayHint[]>("textDocument/inlayHint", new { textDocument = new { uri = Uri }, range = new { start = new { line = 0, character = 0 }, end = new { line = 117, character = 0 } } });
        var hint = hints.ShouldHaveSingleItem();
        hint.Position.ShouldBe(new Position(33, 22));
        hint.Label.ShouldBe("allows 28 min 13.44 s–31 min 14.88 s down per month");
        hint.PaddingLeft.ShouldBe(true);
        (await Client.RequestAsync<InlayHint[]>("textDocument/inlayHint", new { textDocument = new { uri = Uri }, range = new { start = new { line = 40, character = 0 }, end = new { line = 50, character = 0 } } })).ShouldBeEmpty();
    }

    [Fact]
    public async Task Semantic_tokens_tell_keywords_from_names_and_classify_names_by_kind()
    {
        var result = await Client.RequestAsync<JsonElement>("textDocument/semanticTokens/full", Doc);
        var tokens = Decode(result.GetProperty("data").EnumerateArray().Select(e => e.GetInt32()).ToList());
        tokens.ShouldContain((1, 0, 8, "keyword", 0));
        tokens.ShouldContain((1, 9, 12, "namespace", 1));
        tokens.ShouldContain((13, 7, 10, "variable", 1));
        tokens.ShouldContain((33, 16, 6, "number", 0));
        tokens.ShouldContain((35, 13, 6, "type", 2));
        tokens.ShouldContain((39, 16, 4, "function", 2));
        tokens.ShouldContain((39, 27, 8, "property", 0));
        tokens.ShouldContain((39, 39, 4, "enumMember", 0));
        tokens.ShouldContain((42, 13, 8, "type", 0));
        tokens.ShouldContain((66, 4, 5, "keyword", 0));
        tokens.ShouldContain((67, 4, 15, "struct", 1));
        tokens.ShouldContain((74, 23, 14, "variable", 0));
    }

    [Fact]
    public async Task Formatting_an_already_formatted_example_returns_no_edit()
    {
        (await Client.RequestAsync<TextEdit[]>("textDocument/formatting", new { textDocument = new { uri = Uri }, options = new { tabSize = 2, insertSpaces = true } })).ShouldBeEmpty();
    }

    [Fact]
    public async Task Raci_matrix_gives_roles_and_rows_with_null_titles_where_none_is_written()
    {
        var raw = await Client.RequestAsync<JsonElement>("sla/raciMatrix", Doc);
        raw.GetProperty("rows")[0].GetProperty("title").ValueKind.ShouldBe(JsonValueKind.Null);
        var matrix = raw.Deserialize<RaciMatrix>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        matrix.Roles.ShouldBe(["ITDirector", "ServiceManager", "SecurityOfficer", "PlantManager"]);
        matrix.Rows.Select(r => (r.Activity, r.Title, string.Join(" ", r.Cells))).ShouldBe([
            ("PatchManagement", null, "A R C I"), ("Monitoring", null, "A R - I"), ("SapTma", "SAP run (TMA)", "A R - CI")]);
    }

    [Fact]
    public async Task Completion_after_during_offers_the_calendars()
    {
        var list = await Client.RequestAsync<CompletionList>("textDocument/completion", At(35, 13));
        list.Items.Select(i => i.Label).ShouldBe(["always", "Business"]);
    }

    internal static List<(int Line, int Character, int Length, string Type, int Modifiers)> Decode(IReadOnlyList<int> data)
    {
        var types = SlaLang.LanguageServer.Handlers.SemanticTokens.SemanticTokensHandler.TokenTypes;
        var result = new List<(int, int, int, string, int)>();
        int line = 0, character = 0;
        for (var i = 0; i < data.Count; i += 5)
        {
            line += data[i];
            character = data[i] == 0 ? character + data[i + 1] : data[i + 1];
            result.Add((line, character, data[i + 2], types[data[i + 3]], data[i + 4]));
        }
        return result;
    }
}
