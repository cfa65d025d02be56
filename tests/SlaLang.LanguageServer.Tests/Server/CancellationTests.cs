using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.LanguageServer.Tests.Harness;

namespace SlaLang.LanguageServer.Tests.Server;

/// <summary>Tests that set a process-wide test seam (DocumentAnalysis.BeforeAnalyze): they run alone.</summary>
[CollectionDefinition(nameof(AloneCollection), DisableParallelization = true)]
public sealed class AloneCollection;

/// <summary>Cancellation of a request that waits for its document's analysis.</summary>
[Collection(nameof(AloneCollection))]
public sealed class CancellationTests
{
    private const string Uri = "file:///work/cancel.sla";

    private static object At(int line, int character) => new { textDocument = new { uri = Uri }, position = new { line, character } };

    [Fact]
    public async Task A_request_cancelled_while_its_document_is_analysed_is_answered_request_cancelled_and_the_server_serves_on()
    {
        // The analysis is held back until the cancelled request has been answered: no timing involved.
        using var started = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim(false);
        DocumentAnalysis.BeforeAnalyze = snapshot =>
        {
            if (snapshot.Uri == Uri)
            {
                started.Release();
                release.Wait(TimeSpan.FromSeconds(30));
            }
        };
        try
        {
            await using var client = await LspTestClient.StartAsync();
            await client.NotifyAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(Uri, "sla", 1, "contract C {\n  party P client\n  role Boss of P\n}\n")));
            using var cancel = new CancellationTokenSource();
            var hover = client.RequestAsync<Hover?>("textDocument/hover", At(2, 8), cancel.Token);
            (await started.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue("the analysis started");
            await cancel.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(hover.WaitAsync(TimeSpan.FromSeconds(10)));
            release.IsSet.ShouldBeFalse(); // answered while the analysis was still held back

            release.Set();
            (await client.RequestAsync<Hover?>("textDocument/hover", At(2, 8))).ShouldNotBeNull().Contents.Value.ShouldContain("role Boss of P");
        }
        finally
        {
            DocumentAnalysis.BeforeAnalyze = null;
            release.Set();
        }
    }
}
