using System.Diagnostics;
using System.Text.Json;
using SlaLang.LanguageServer.Server;
using SlaLang.LanguageServer.Tests.Harness;
using StreamJsonRpc;

namespace SlaLang.LanguageServer.Tests.Server;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Initialize_announces_incremental_sync_and_the_server_name()
    {
        await using var client = await LspTestClient.StartAsync(initialize: false);
        var result = await client.InitializeAsync();
        result.GetProperty("capabilities").GetProperty("textDocumentSync").GetProperty("change").GetInt32().ShouldBe(2);
        result.GetProperty("capabilities").GetProperty("textDocumentSync").GetProperty("openClose").GetBoolean().ShouldBeTrue();
        result.GetProperty("serverInfo").GetProperty("name").GetString().ShouldBe("slalang");
    }

    [Fact]
    public async Task Shutdown_then_exit_stops_the_server_with_exit_code_0()
    {
        await using var client = await LspTestClient.StartAsync();
        (await client.RequestAsync<JsonElement>("shutdown", new { })).ValueKind.ShouldBe(JsonValueKind.Null);
        await client.NotifyAsync("exit", new { });
        await client.Server.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        client.Server.ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Exit_without_shutdown_stops_the_server_with_exit_code_1()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.NotifyAsync("exit", new { });
        await client.Server.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        client.Server.ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Requests_after_shutdown_are_rejected_as_invalid()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.RequestAsync<JsonElement>("shutdown", new { });
        var error = await Should.ThrowAsync<RemoteInvocationException>(
            () => client.RequestAsync<JsonElement>("textDocument/hover", new { textDocument = new { uri = "file:///a.sla" }, position = new { line = 0, character = 0 } }));
        error.ErrorCode.ShouldBe(-32600);
    }

    [Fact]
    public async Task The_server_stops_when_the_editor_process_goes_away()
    {
        using var editor = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        await using var client = await LspTestClient.StartAsync(
            initialize: false,
            options: new ServerOptions { ParentProcessPollInterval = TimeSpan.FromMilliseconds(50) });
        await client.InitializeAsync(editor.Id);
        await Task.Delay(200);
        client.Server.Completion.IsCompleted.ShouldBeFalse();
        editor.Kill();
        await editor.WaitForExitAsync();
        await client.Server.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        client.Server.ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task The_server_stops_when_its_input_ends()
    {
        var client = await LspTestClient.StartAsync();
        await client.DisposeAsync();
        await client.Server.Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
