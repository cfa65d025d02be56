using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SlaLang.Cli.Tests;

/// <summary>The real <c>slac lsp</c> process: it answers over stdio and never outlives its editor.</summary>
public sealed class LspCommandTests
{
    private static Process StartServer(params string[] extraArguments)
    {
        var slac = Path.Combine(AppContext.BaseDirectory, "slac.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(slac);
        info.ArgumentList.Add("lsp");
        foreach (var argument in extraArguments)
        {
            info.ArgumentList.Add(argument);
        }
        return Process.Start(info)!;
    }

    private static async Task SendAsync(Process server, object message)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message));
        var stream = server.StandardInput.BaseStream;
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
    }

    private static async Task<JsonElement> ReadAsync(Process server)
    {
        var stream = server.StandardOutput.BaseStream;
        var header = new StringBuilder();
        var one = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            (await stream.ReadAsync(one, timeout.Token)).ShouldBe(1, "the server closed its output");
            header.Append((char)one[0]);
        }
        var content = new byte[int.Parse(header.ToString().Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)];
        await stream.ReadExactlyAsync(content, timeout.Token);
        return JsonDocument.Parse(content).RootElement.Clone();
    }

    [Theory]
    [InlineData]
    [InlineData("--stdio")] // what vscode-languageclient appends for TransportKind.stdio; was "Unrecognized command or argument", exit 2
    public async Task Shutdown_and_exit_end_the_process_with_code_0_and_stdout_carries_only_the_protocol(params string[] extraArguments)
    {
        using var server = StartServer(extraArguments);
        await SendAsync(server, new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { processId = Environment.ProcessId, capabilities = new { } } });
        (await ReadAsync(server)).GetProperty("result").GetProperty("capabilities").GetProperty("hoverProvider").GetBoolean().ShouldBeTrue();
        await SendAsync(server, new { jsonrpc = "2.0", id = 2, method = "shutdown" });
        (await ReadAsync(server)).GetProperty("id").GetInt32().ShouldBe(2);
        await SendAsync(server, new { jsonrpc = "2.0", method = "exit" });
        (await server.StandardOutput.ReadToEndAsync()).ShouldBeEmpty();
        await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        server.ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task The_process_exits_when_the_editor_process_dies()
    {
        using var editor = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        using var server = StartServer();
        try
        {
            await SendAsync(server, new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { processId = editor.Id, capabilities = new { } } });
            (await ReadAsync(server)).GetProperty("id").GetInt32().ShouldBe(1);
            server.HasExited.ShouldBeFalse();
            editor.Kill();
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            server.ExitCode.ShouldBe(1);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
            }
        }
    }

    [Fact]
    public async Task The_process_exits_when_its_input_closes()
    {
        using var server = StartServer();
        server.StandardInput.Close();
        await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        server.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void Slac_runs_under_the_garbage_collector_configuration_the_lsp_benchmark_measures()
    {
        // GarbageCollection.props: server GC (collections on every core), blocking, and objects up to 4 MiB (a large contract's
        // text, the binder's arrays) allocated young so that the analysis each keystroke discards does not force a full collection.
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "slac.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        properties.GetProperty("System.GC.Server").GetBoolean().ShouldBeTrue();
        properties.GetProperty("System.GC.Concurrent").GetBoolean().ShouldBeFalse();
        properties.GetProperty("System.GC.LOHThreshold").GetInt32().ShouldBe(4 * 1024 * 1024);
    }
}
