using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Tests.Harness;
using SlaLang.LanguageServer.Workspace;

namespace SlaLang.LanguageServer.Tests.Features;

/// <summary>Language features across files (LANGUAGE.md §8): definition, references, rename and hover reach the files a contract
/// imports; editing a library re-checks the documents importing it; an imported file that is not open is read from disk and watched.</summary>
public sealed class MultiFileFeatureTests : IAsyncLifetime
{
    private const string Common = "library Common {\n  party Acme client\n  party Ops provider\n  role Boss of Acme\n  /// Office hours in New York.\n  calendar Office { hours mon-fri 09:00-17:00 }\n}\n";

    private const string Contract = "import \"common.sla\"\ncontract C {\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n  service S {\n    objective Up { indicator availability; target >= 99%; per month; during Office }\n  }\n  escalation E { after 1h notify Boss }\n  reversibility { notice 3 months }\n}\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("sla-lsp-multi-").FullName;
    private LspTestClient _client = null!;

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string UriOf(string name) => DocumentUris.FromPath(PathOf(name));

    public async Task InitializeAsync()
    {
        File.WriteAllText(PathOf("common.sla"), Common);
        File.WriteAllText(PathOf("contract.sla"), Contract);
        _client = await LspTestClient.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static object At(string uri, int line, int character) => new { textDocument = new { uri }, position = new { line, character } };

    [Fact]
    public async Task A_contract_whose_library_is_not_open_reads_it_from_disk_and_checks_clean()
    {
        var published = await _client.OpenAsync(UriOf("contract.sla"), Contract);
        published.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public async Task Definition_of_a_name_declared_in_an_imported_file_goes_to_that_file()
    {
        await _client.OpenAsync(UriOf("contract.sla"), Contract);
        // 'Office' in 'during Office' on line 7 (0-based 6).
        var definition = await _client.RequestAsync<Location[]>("textDocument/definition", At(UriOf("contract.sla"), 6, 76));
        definition.ShouldBe([new Location(UriOf("common.sla"), new LspRange(new Position(5, 11), new Position(5, 17)))]);
    }

    [Fact]
    public async Task Hover_on_a_name_from_a_library_shows_its_declaration_and_doc()
    {
        await _client.OpenAsync(UriOf("contract.sla"), Contract);
        var hover = await _client.RequestAsync<Hover>("textDocument/hover", At(UriOf("contract.sla"), 6, 76));
        hover.Contents.Value.ShouldBe("```sla\ncalendar Office (mon-fri 09:00-17:00)\n```\n\nOffice hours in New York.");
    }

    [Fact]
    public async Task References_and_rename_from_the_library_reach_the_open_contract_importing_it()
    {
        await _client.OpenAsync(UriOf("contract.sla"), Contract);
        await _client.OpenAsync(UriOf("common.sla"), Common);
        // 'Boss' declared on line 4 of common.sla.
        var references = await _client.RequestAsync<Location[]>("textDocument/references",
            new { textDocument = new { uri = UriOf("common.sla") }, position = new { line = 3, character = 8 }, context = new { includeDeclaration = true } });
        references.ShouldBe([
            new Location(UriOf("common.sla"), new LspRange(new Position(3, 7), new Position(3, 11))),
            new Location(UriOf("contract.sla"), new LspRange(new Position(8, 33), new Position(8, 37))),
        ]);
        var edit = await _client.RequestAsync<WorkspaceEdit>("textDocument/rename",
            new { textDocument = new { uri = UriOf("common.sla") }, position = new { line = 3, character = 8 }, newName = "Chief" });
        edit.Changes.Keys.Order(StringComparer.Ordinal).ShouldBe(new[] { UriOf("common.sla"), UriOf("contract.sla") }.Order(StringComparer.Ordinal));
        edit.Changes[UriOf("common.sla")].ShouldBe([new TextEdit(new LspRange(new Position(3, 7), new Position(3, 11)), "Chief")]);
        edit.Changes[UriOf("contract.sla")].ShouldBe([new TextEdit(new LspRange(new Position(8, 33), new Position(8, 37)), "Chief")]);
    }

    [Fact]
    public async Task Editing_an_open_library_rechecks_the_open_contract_importing_it()
    {
        await _client.OpenAsync(UriOf("contract.sla"), Contract);
        await _client.OpenAsync(UriOf("common.sla"), Common);
        var before = _client.Published.Count(p => p.Uri == UriOf("contract.sla"));
        // Rename the calendar in the library only: the contract's 'during Office' no longer resolves.
        await _client.ChangeAsync(UriOf("common.sla"), 2, new LspRange(new Position(5, 11), new Position(5, 17)), "Hours");
        var published = await WaitForAsync(UriOf("contract.sla"), p => p.Diagnostics.Count > 0);
        published.Diagnostics.Select(d => $"{d.Range.Start.Line}:{d.Range.Start.Character} {d.Code} {d.Message}").ShouldBe([
            "6:76 SLA2001 Unknown calendar 'Office'; declared calendars: always, Hours.",
        ]);
        _client.Published.Count(p => p.Uri == UriOf("contract.sla")).ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task A_library_changed_on_disk_is_read_again_when_the_editor_reports_it()
    {
        await _client.OpenAsync(UriOf("contract.sla"), Contract);
        File.WriteAllText(PathOf("common.sla"), Common.Replace("role Boss of Acme", "role Head of Acme"));
        await _client.NotifyAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = UriOf("common.sla"), type = 2 } } });
        var published = await WaitForAsync(UriOf("contract.sla"), p => p.Diagnostics.Count > 0);
        published.Diagnostics.Select(d => $"{d.Range.Start.Line}:{d.Range.Start.Character} {d.Code}").ShouldBe(["8:33 SLA2001"]);
    }

    [Fact]
    public async Task An_import_of_a_closed_file_with_errors_carries_one_error_until_that_file_is_opened()
    {
        var broken = Common.Replace("role Boss of Acme", "role Boss of Nobody");
        File.WriteAllText(PathOf("common.sla"), broken);
        var published = await _client.OpenAsync(UriOf("contract.sla"), Contract);
        published.Diagnostics.Select(d => $"{d.Range.Start.Line}:{d.Range.Start.Character} {d.Code} {d.Message}").ShouldBe([
            $"0:7 SLA2034 'common.sla' has 1 error, so this contract has no monitor: {PathOf("common.sla")}(4,16): error SLA2001: Unknown party 'Nobody'; declared parties: Acme, Ops.",
        ]);
        // Opened, the library shows its own error, and the contract no longer repeats it.
        var library = await _client.OpenAsync(UriOf("common.sla"), broken);
        library.Diagnostics.Select(d => d.Code).ShouldBe(["SLA2001"]);
        (await WaitForAsync(UriOf("contract.sla"), p => p.Diagnostics.Count == 0)).Diagnostics.ShouldBeEmpty();
    }

    /// <summary>The first diagnostics published for <paramref name="uri"/> that satisfy <paramref name="done"/>.</summary>
    private async Task<PublishDiagnosticsParams> WaitForAsync(string uri, Func<PublishDiagnosticsParams, bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (_client.Published.LastOrDefault(p => p.Uri == uri) is { } last && done(last))
            {
                return last;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"no matching diagnostics for {uri}: {string.Join(" | ", _client.Published.Where(p => p.Uri == uri).Select(p => p.Diagnostics.Count))}");
    }
}
