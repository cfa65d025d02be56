using System.Text;
using SlaLang.LanguageServer.Tests.Harness;

namespace SlaLang.LanguageServer.Tests.Server;

public sealed class RobustnessTests
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"capabilities":{}}}""";

    [Fact]
    public async Task Malformed_json_gets_a_parse_error_and_the_server_carries_on()
    {
        await using var raw = RawLspConnection.Start();
        var error = await raw.RoundTripAsync("""{"jsonrpc":"2.0","id":7,"method":"initialize","params":{""");
        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32700);
        error.GetProperty("id").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var reply = await raw.RoundTripAsync(Initialize);
        reply.GetProperty("id").GetInt32().ShouldBe(1);
        reply.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString().ShouldBe("slalang");
        raw.Server.Completion.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public async Task Json_that_is_not_a_message_gets_invalid_request_with_its_id()
    {
        await using var raw = RawLspConnection.Start();
        var error = await raw.RoundTripAsync("""{"jsonrpc":"2.0","id":42}""");
        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32600);
        error.GetProperty("id").GetInt32().ShouldBe(42);

        var array = await raw.RoundTripAsync("[1,2,3]");
        array.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32600);

        (await raw.RoundTripAsync(Initialize)).GetProperty("id").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_frame_without_content_length_gets_a_parse_error_and_the_next_frame_is_served()
    {
        await using var raw = RawLspConnection.Start();
        await raw.SendBytesAsync(Encoding.ASCII.GetBytes("Content-Type: x\r\n\r\n"));
        (await raw.ReadAsync()).GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32700);
        (await raw.RoundTripAsync(Initialize)).GetProperty("id").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_content_length_gets_one_parse_error_its_body_is_skipped_and_the_next_frame_is_served()
    {
        await using var raw = RawLspConnection.Start();
        await raw.SendBytesAsync(Encoding.ASCII.GetBytes("Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":9}"));
        (await raw.ReadAsync()).GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32700);
        (await raw.RoundTripAsync(Initialize)).GetProperty("id").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Headers_ended_by_bare_line_feeds_are_read()
    {
        await using var raw = RawLspConnection.Start();
        var body = Encoding.UTF8.GetBytes(Initialize);
        await raw.SendBytesAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\n\n"), .. body]);
        (await raw.ReadAsync()).GetProperty("id").GetInt32().ShouldBe(1);
        raw.Server.Completion.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_gets_a_parse_error_and_the_server_carries_on()
    {
        await using var raw = RawLspConnection.Start();
        byte[] body = [.. Encoding.ASCII.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"x\",\"params\":\""), 0xFF, 0xFE, .. Encoding.ASCII.GetBytes("\"}")];
        await raw.SendBytesAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body]);
        var error = await raw.ReadAsync();
        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32700);
        error.GetProperty("error").GetProperty("message").GetString().ShouldBe("Parse error: the message is not UTF-8 text.");
        (await raw.RoundTripAsync(Initialize)).GetProperty("id").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task An_object_id_gets_invalid_request()
    {
        await using var raw = RawLspConnection.Start();
        var error = await raw.RoundTripAsync("""{"jsonrpc":"2.0","id":{"a":1},"method":"initialize","params":{}}""");
        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32600);
        error.GetProperty("id").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await raw.RoundTripAsync(Initialize)).GetProperty("id").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_method_gets_method_not_found()
    {
        await using var raw = RawLspConnection.Start();
        await raw.RoundTripAsync(Initialize);
        var error = await raw.RoundTripAsync("""{"jsonrpc":"2.0","id":2,"method":"sla/doesNotExist","params":{}}""");
        error.GetProperty("id").GetInt32().ShouldBe(2);
        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32601);
    }

    [Fact]
    public async Task Null_params_are_read_as_no_params_so_shutdown_with_null_succeeds()
    {
        await using var raw = RawLspConnection.Start();
        await raw.RoundTripAsync(Initialize);
        var reply = await raw.RoundTripAsync("""{"jsonrpc":"2.0","id":9,"method":"shutdown","params":null}""");
        reply.GetProperty("id").GetInt32().ShouldBe(9);
        reply.TryGetProperty("error", out _).ShouldBeFalse();
        reply.GetProperty("result").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task Requests_before_initialize_get_server_not_initialized()
    {
        await using var raw = RawLspConnection.Start();
        var error = await raw.RoundTripAsync("""{"jsonrpc":"2.0","id":3,"method":"shutdown"}""");
        error.GetProperty("id").GetInt32().ShouldBe(3);
        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32002);
    }

    [Fact]
    public async Task A_request_with_wrongly_typed_params_gets_an_error_and_the_server_carries_on()
    {
        await using var raw = RawLspConnection.Start();
        await raw.RoundTripAsync(Initialize);
        var error = await raw.RoundTripAsync("""{"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{"textDocument":5,"position":"x"}}""");
        error.GetProperty("id").GetInt32().ShouldBe(4);
        error.TryGetProperty("error", out _).ShouldBeTrue();
        var shutdown = await raw.RoundTripAsync("""{"jsonrpc":"2.0","id":5,"method":"shutdown"}""");
        shutdown.GetProperty("id").GetInt32().ShouldBe(5);
        shutdown.TryGetProperty("error", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_request_for_a_document_that_is_not_open_gets_invalid_params()
    {
        await using var raw = RawLspConnection.Start();
        await raw.RoundTripAsync(Initialize);
        var error = await raw.RoundTripAsync("""{"jsonrpc":"2.0","id":6,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nowhere.sla"},"position":{"line":0,"character":0}}}""");
        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32602);
        error.GetProperty("error").GetProperty("message").GetString().ShouldBe("The document 'file:///nowhere.sla' is not open: send textDocument/didOpen first.");
    }
}
