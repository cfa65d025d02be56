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

    /// <summary>Formats or checks <paramref name="paths"/>; returns 0 when all is formatted, 1 on changes under --check or on files with syntax errors; a missing path is a usage error (2).</summary>
    internal static int Run(IReadOnlyList<string> paths, bool check, TextWriter stdout, TextWriter stderr)
    {
        if (!ContractFiles.TryExpand(paths, out var files, out var missing))
        {
            throw new UsageException($"fmt: no such file or directory: {missing}");
        }

        var exit = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var hasBom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
            var text = new UTF8Encoding(false).GetString(bytes, hasBom ? 3 : 0, bytes.Length - (hasBom ? 3 : 0));
            var result = ContractFormatter.Format(text, file);
            if (result.Refused)
            {
                foreach (var error in result.Errors)
                {
                    stderr.WriteLine(error.ToString());
                }
                stderr.WriteLine($"slac fmt: {file}: not formatted, fix the syntax errors first.");
                exit = 1;
                continue;
            }
            if (!result.Changed)
            {
                continue;
            }
            if (check)
            {
                stdout.WriteLine(file);
                exit = 1;
            }
            else
            {
                File.WriteAllText(file, result.Text, new UTF8Encoding(hasBom));
                stdout.WriteLine($"formatted {file}");
            }
        }
        return exit;
    }
}
