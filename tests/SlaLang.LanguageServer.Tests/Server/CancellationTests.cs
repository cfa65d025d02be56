using System.Text;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Tests.Harness;

namespace SlaLang.LanguageServer.Tests.Server;

/// <summary>Tests that need the thread pool to themselves (other test classes running at once would slow the server's reader).</summary>
[CollectionDefinition(nameof(AloneCollection), DisableParallelization = true)]
public sealed class AloneCollection;

/// <summary>Cancellation of a request that waits for a long analysis.</summary>
[Collection(nameof(AloneCollection))]
public sealed class CancellationTests
{
    private const string Uri = "file:///work/cancel.sla";

    private static object At(int line, int character) => new { textDocument = new { uri = Uri }, position = new { line, character } };

    [Fact]
    public async Task A_request_cancelled_while_its_document_is_analysed_is_answered_request_cancelled_and_the_server_serves_on()
    {
        var body = new StringBuilder("contract C {\n  party P client\n  role Boss of P\n");
        for (var i = 0; i < 40000; i++)
        {
            body.Append("  service S").Append(i).Append(" {\n    objective O { indicator availability; target >= 99.9%; per month }\n  }\n");
        }
        var text = body.Append("}\n").ToString();
        await using var client = await LspTestClient.StartAsync();
        await client.NotifyAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(Uri, "sla", 1, text)));
        using var cancel = new CancellationTokenSource();
        var hover = client.RequestAsync<Hover?>("textDocument/hover", At(2, 8), cancel.Token);
        await Task.Delay(50);
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(hover);

        (await client.RequestAsync<Hover?>("textDocument/hover", At(2, 8))).ShouldNotBeNull().Contents.Value.ShouldContain("role Boss of P");
    }

}
