using SlaLang.LanguageServer.Protocol;

namespace SlaLang.LanguageServer.Server;

/// <summary>The language features: thin JSON-RPC entry points over the handlers.</summary>
public sealed partial class SlaLanguageServer
{
    /// <summary>What this server implements, announced by <c>initialize</c>.</summary>
    public static ServerCapabilities Capabilities { get; } = new();
}
