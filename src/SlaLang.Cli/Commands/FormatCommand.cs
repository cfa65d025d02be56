using System.CommandLine;
using System.Text;
using SlaLang.Formatting;

namespace SlaLang.Cli.Commands;

/// <summary><c>slac fmt [--check] paths</c>: rewrites .sla files in canonical layout, or lists those that would change.</summary>
internal sealed class FormatCommand : ISlacCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var check = new Option<bool>("--check") { Description = "Do not write: list the files that would change and exit 1 if any would." };
        var paths = new Argument<string[]>("paths") { Description = ".sla files or directories (searched recursively).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("fmt", "Format SLA contracts (.sla) in place, or check that they are formatted.") { check, paths };
        command.SetAction(parse => Run(parse.GetValue(paths) ?? [], parse.GetValue(check), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>
    /// Formats or checks <paramref name="paths"/>; returns 0 when all is formatted, 1 on changes under --check or on files with
    /// syntax errors, 2 when a file cannot be read (not UTF-8 included) or written — the other files are still done; a missing
    /// path is a usage error (2) before any file is touched.
    /// </summary>
    /// <remarks><paramref name="writeFile"/> writes a formatted file (<see cref="File.WriteAllText(string, string?, Encoding)"/> unless a test substitutes it).</remarks>
    internal static int Run(IReadOnlyList<string> paths, bool check, TextWriter stdout, TextWriter stderr, Action<string, string, Encoding>? writeFile = null)
    {
        var write = writeFile ?? File.WriteAllText;
        if (!ContractFiles.TryExpand(paths, out var files, out var problem))
        {
            throw new UsageException($"fmt: {problem}.");
        }

        var exit = Program.ExitOk;
        foreach (var file in files)
        {
            string text;
            bool hasBom;
            try
            {
                text = ContractFiles.ReadText(file, out hasBom);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"slac fmt: cannot read '{file}': {e.Message} Not formatted.");
                exit = Program.ExitUsage;
                continue;
            }
            var result = ContractFormatter.Format(text, file);
            if (result.Refused)
            {
                foreach (var error in result.Errors)
                {
                    stderr.WriteLine(error.ToString());
                }
                stderr.WriteLine($"slac fmt: {file}: not formatted, fix the syntax errors first.");
                exit = Math.Max(exit, Program.ExitErrors);
                continue;
            }
            if (!result.Changed)
            {
                continue;
            }
            if (check)
            {
                stdout.WriteLine(file);
                exit = Math.Max(exit, Program.ExitErrors);
                continue;
            }
            try
            {
                write(file, result.Text, new UTF8Encoding(hasBom));
                stdout.WriteLine($"formatted {file}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"slac fmt: cannot write '{file}': {e.Message}");
                exit = Program.ExitUsage;
            }
        }
        return exit;
    }
}
