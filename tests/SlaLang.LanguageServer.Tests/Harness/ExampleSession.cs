using SlaLang.LanguageServer.Protocol;

namespace SlaLang.LanguageServer.Tests.Harness;

/// <summary>A test class with one server that has an example contract open (no errors in it).</summary>
public abstract class ExampleSession(string example) : IAsyncLifetime
{
    /// <summary>The example's URI.</summary>
    protected string Uri { get; } = Examples.Uri(example);

    /// <summary>The client connected to the server.</summary>
    internal LspTestClient Client { get; private set; } = null!;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        Client = await LspTestClient.StartAsync();
        (await Client.OpenAsync(Uri, Examples.Read(example))).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
    }

    /// <inheritdoc/>
    public async Task DisposeAsync() => await Client.DisposeAsync();

    /// <summary>The hover at a position, or null.</summary>
    protected Task<Hover?> HoverAsync(int line, int character) =>
        Client.RequestAsync<Hover?>("textDocument/hover", new { textDocument = new { uri = Uri }, position = new { line, character } });
}
