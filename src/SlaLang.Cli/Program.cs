using System.CommandLine;
using SlaLang.Cli.Commands;

namespace SlaLang.Cli;

/// <summary>Entry point of <c>slac</c>.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code (0 ok, 1 errors, 2 bad usage, 3 breach).</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("slac: check, compile, run and format SLA contracts (.sla).");
        foreach (var type in typeof(Program).Assembly.GetTypes()
                     .Where(t => !t.IsAbstract && !t.IsInterface && typeof(ISlacCommand).IsAssignableFrom(t))
                     .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            root.Subcommands.Add(((ISlacCommand)Activator.CreateInstance(type)!).Build());
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine($"slac: {error.Message}");
            }
            Console.Error.WriteLine("Run 'slac --help' for usage.");
            return 2;
        }
        return parse.Invoke();
    }
}
