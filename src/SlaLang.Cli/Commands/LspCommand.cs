using System.CommandLine;
using SlaLang.LanguageServer.Server;

namespace SlaLang.Cli.Commands;

/// <summary><c>slac lsp</c>: runs the language server over stdin/stdout until the editor says exit or goes away.</summary>
internal sealed class LspCommand : ISlacCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        // vscode-languageclient appends --stdio to the arguments of a server it talks to over stdio (TransportKind.stdio):
        // accepted, and the only transport there is.
        var stdio = new Option<bool>("--stdio") { Description = "Talk over stdin/stdout (the default and only transport; editors pass it).", Hidden = true };
        var command = new Command("lsp", "Run the SLA language server over stdin/stdout (started by the editor, one per editor).") { stdio };
        command.SetAction(async (_, _) =>
        {
            await using var input = Console.OpenStandardInput();
            await using var output = Console.OpenStandardOutput();
            var server = SlaLanguageServer.Start(input, output);
            await server.Completion.ConfigureAwait(false);
            return server.ExitCode;
        });
        return command;
    }
}
