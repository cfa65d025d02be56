using System.CommandLine;
using SlaLang.LanguageServer.Server;

namespace SlaLang.Cli.Commands;

/// <summary><c>slac lsp</c>: runs the language server over stdin/stdout until the editor says exit or goes away.</summary>
internal sealed class LspCommand : ISlacCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var command = new Command("lsp", "Run the SLA language server over stdin/stdout (started by the editor, one per editor).");
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
