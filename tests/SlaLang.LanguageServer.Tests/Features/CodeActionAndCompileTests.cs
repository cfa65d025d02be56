using System.Text.Json;
using SlaLang.Emit;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Tests.Harness;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Tests.Features;

/// <summary>Quick fixes and <c>sla/compileToCSharp</c>.</summary>
public sealed class CodeActionAndCompileTests
{
    private const string Uri = "file:///work/fixes.sla";

    private const string Contract = """
        contract C {
          term 2026-01-01 .. 2026-12-31
          timezone "Europe/Paris"
          currency EUR
          party P client
          party Q provider
          role Boss of P
          role Lead of Q
          role Ops of Q
          calendar Business {
            hours mon-fri 08:00-18:00
          }
          service S {
            objective O {
              indicator availability
              target >= 99%
              per month
              during Busines
            }
          }
          raci {
            roles Boss Lead Ops
            Patch - R C
          }
        }

        """;

    private static async Task<CodeAction[]> ActionsAsync(LspTestClient client, int line, int start, int end) =>
        await client.RequestAsync<CodeAction[]>("textDocument/codeAction", new
        {
            textDocument = new { uri = Uri },
            range = new { start = new { line, character = start }, end = new { line, character = end } },
            context = new { diagnostics = Array.Empty<object>() },
        });

    [Fact]
    public async Task The_three_problems_are_published_with_their_codes()
    {
        await using var client = await LspTestClient.StartAsync();
        var published = await client.OpenAsync(Uri, Contract);
        published.Diagnostics.Select(d => d.Code).Order().ShouldBe(["SLA2001", "SLA3001", "SLA3015"]);
    }

    [Fact]
    public async Task An_unknown_name_gets_a_did_you_mean_fix()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, Contract);
        var action = (await ActionsAsync(client, 17, 15, 15)).ShouldHaveSingleItem();
        action.Title.ShouldBe("Change 'Busines' to 'Business'");
        action.Kind.ShouldBe("quickfix");
        action.IsPreferred.ShouldBe(true);
        action.Diagnostics!.ShouldHaveSingleItem().Code.ShouldBe("SLA2001");
        action.Edit.Changes[Uri].ShouldBe([new TextEdit(new LspRange(new Position(17, 13), new Position(17, 20)), "Business")]);
    }

    [Fact]
    public async Task A_raci_row_without_an_a_gets_one_fix_per_role()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, Contract);
        var actions = await ActionsAsync(client, 22, 4, 15);
        actions.Select(a => (a.Title, a.Edit.Changes[Uri].Single())).ShouldBe([
            ("Make Boss accountable (A) for Patch", new TextEdit(new LspRange(new Position(22, 10), new Position(22, 11)), "A")),
            ("Make Lead accountable (A) for Patch", new TextEdit(new LspRange(new Position(22, 12), new Position(22, 13)), "RA")),
            ("Make Ops accountable (A) for Patch", new TextEdit(new LspRange(new Position(22, 14), new Position(22, 15)), "AC"))]);
    }

    [Fact]
    public async Task A_contract_without_reversibility_gets_the_block_added_before_its_closing_brace()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, Contract);
        var action = (await ActionsAsync(client, 0, 9, 10)).ShouldHaveSingleItem();
        action.Title.ShouldBe("Add a reversibility block (notice, assistance, deliverables)");
        var edit = action.Edit.Changes[Uri].ShouldHaveSingleItem();
        edit.ShouldBe(new TextEdit(new LspRange(new Position(24, 0), new Position(24, 0)), "\n  reversibility {\n    notice 6 months\n    assistance 3 months\n    deliver \"Runbooks\"\n  }\n"));
        await client.ChangeAsync(Uri, 2, edit.Range, edit.NewText);
        (await client.WaitForDiagnosticsAsync(Uri, 2)).Diagnostics.Select(d => d.Code).Order().ShouldBe(["SLA2001", "SLA3001"]);
    }

    [Fact]
    public async Task Compile_to_csharp_gives_the_emitters_source_for_a_valid_contract()
    {
        await using var client = await LspTestClient.StartAsync();
        var uri = Examples.Uri("novaterra");
        var text = Examples.Read("novaterra");
        await client.OpenAsync(uri, text);
        var result = await client.RequestAsync<CompileToCSharpResult>("sla/compileToCSharp", new { textDocument = new { uri } });
        var tree = SyntaxTree.Parse(text, Examples.Path("novaterra"));
        var expected = Compilation.Create([tree]).EmitMonitor(tree).Source.ShouldNotBeNull();
        result.Csharp.ShouldBe(expected);
        result.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public async Task Compile_to_csharp_gives_null_and_the_located_errors_for_a_broken_contract()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, Contract);
        var raw = await client.RequestAsync<JsonElement>("sla/compileToCSharp", new { textDocument = new { uri = Uri } });
        raw.GetProperty("csharp").ValueKind.ShouldBe(JsonValueKind.Null);
        var unknown = raw.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "SLA2001");
        unknown.GetProperty("line").GetInt32().ShouldBe(17);
        unknown.GetProperty("character").GetInt32().ShouldBe(13);
        unknown.GetProperty("message").GetString()!.ShouldContain("Busines");
    }
}
