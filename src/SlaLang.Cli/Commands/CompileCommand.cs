using System.CommandLine;
using SlaLang.Cli.Running;
using SlaLang.Emit;

namespace SlaLang.Cli.Commands;

/// <summary><c>slac compile file.sla -o dir [--assembly out.dll]</c>: writes the contract's generated C# monitor (and optionally its assembly).</summary>
internal sealed class CompileCommand : ISlacCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var file = new Argument<string>("contract") { Description = "The contract file (.sla)." };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Directory the generated <Contract>Monitor.cs is written to (created if needed). Default: the current folder, "
                + "unless --assembly is given (then only the assembly is written).",
        };
        var assembly = new Option<string?>("--assembly") { Description = "Also compile the generated code with Roslyn and write the assembly to this path." };
        var command = new Command("compile", "Generate the C# monitor of a contract (and optionally compile it).") { file, output, assembly };
        command.SetAction(parse => Run(
            parse.GetValue(file)!,
            parse.GetValue(output),
            parse.GetValue(assembly),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Emits (and compiles) the monitor; returns the exit code.</summary>
    internal static int Run(string path, string? outputDirectory, string? assemblyPath, TextWriter output, TextWriter error)
    {
        var text = ContractFrontEnd.ReadContract(path);
        if (ContractFrontEnd.Emit(path, text, error, showWarnings: true) is not { Success: true } emission)
        {
            return Program.ExitErrors;
        }
        // Written only where told: the C# file goes to -o (or the current folder when nothing else is asked for).
        var target = Path.Combine(outputDirectory ?? ".", emission.FileName);
        if (outputDirectory is not null || assemblyPath is null)
        {
            Write(target, () => File.WriteAllText(target, emission.Source));
            output.WriteLine($"Wrote {target}");
        }
        if (assemblyPath is not null)
        {
            var compiled = emission.Compile(target);
            if (compiled.Image is not { } image)
            {
                foreach (var diagnostic in compiled.ErrorsAndWarnings)
                {
                    error.WriteLine(diagnostic.ToString());
                }
                error.WriteLine("slac: the generated monitor did not compile; this is a bug in slac, please report it.");
                return Program.ExitErrors;
            }
            Write(assemblyPath, () => File.WriteAllBytes(assemblyPath, image));
            output.WriteLine($"Wrote {assemblyPath}");
        }
        return Program.ExitOk;
    }

    private static void Write(string path, Action write)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write '{path}': {e.Message}");
        }
    }
}
