namespace SlaLang.LanguageServer.Server;

/// <summary>Tunables of one server instance (tests shorten the intervals).</summary>
public sealed record ServerOptions
{
    /// <summary>Quiet time after an edit before its diagnostics are computed; later edits restart it.</summary>
    public TimeSpan DiagnosticsDebounce { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How often the editor's process (initialize's <c>processId</c>) is checked for life.</summary>
    public TimeSpan ParentProcessPollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
