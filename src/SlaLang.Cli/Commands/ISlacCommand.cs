using System.CommandLine;

namespace SlaLang.Cli.Commands;

/// <summary>
/// A <c>slac</c> sub-command (check, compile, run, fmt, lsp, …). Every non-abstract implementation in
/// this assembly with a parameterless constructor is registered by <see cref="Program"/>, so adding a
/// command is adding one file.
/// </summary>
internal interface ISlacCommand
{
    /// <summary>Builds the System.CommandLine command with its options and action.</summary>
    Command Build();
}
