using System.CommandLine;
using System.Reflection;
using SlaLang.Cli.Commands;

namespace SlaLang.Cli;

/// <summary>Entry point of <c>slac</c>.</summary>
public static class Program
{
    /// <summary>Exit code: success.</summary>
    public const int ExitOk = 0;

    /// <summary>Exit code: the contract or the input has errors.</summary>
    public const int ExitErrors = 1;

    /// <summary>Exit code: bad usage (unknown option, missing argument, unreadable file).</summary>
    public const int ExitUsage = 2;

    /// <summary>Exit code of <c>run --fail-on-breach</c> when an objective is breached.</summary>
    public const int ExitBreach = 3;

    /// <summary>Exit code of <c>run --strict</c> when the event log has data-quality warnings.</summary>
    public const int ExitDataQuality = 4;

    /// <summary>Runs the command line and returns the process exit code (0 ok, 1 errors, 2 bad usage, 3 breach).</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>The version printed by <c>slac --version</c> (the informational version of this tool).</summary>
    public static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Program).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    /// <summary>
    /// Runs the command line with the given writers (commands read them from
    /// <c>parseResult.InvocationConfiguration.Output/Error</c>), so tests can run <c>slac</c> in-process.
    /// No exception and no stack trace reaches the user: an unexpected failure is one line on the error writer and exit 1.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRoot();
        if (args is ["--version"])
        {
            output.WriteLine($"slac {Version}");
            return ExitOk;
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"slac: {parseError.Message}");
            }
            error.WriteLine("Run 'slac --help' for usage.");
            return ExitUsage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (UsageException usage)
        {
            error.WriteLine($"slac: {usage.Message}");
            return ExitUsage;
        }
        catch (SlaLang.Runtime.TemporaryStorageException storage)
        {
            error.WriteLine($"slac: {storage.Message}");
            return ExitErrors;
        }
        catch (Exception unexpected)
        {
            error.WriteLine($"slac: internal error: {unexpected.GetType().Name}: {unexpected.Message}");
            error.WriteLine("This is a bug in slac; please report it with the command line that caused it.");
            return ExitErrors;
        }
    }

    /// <summary>The root command with every <see cref="ISlacCommand"/> of this assembly registered, ordered by name.</summary>
    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("slac: check, compile, run and format SLA contracts (.sla).");
        foreach (var type in typeof(Program).Assembly.GetTypes()
                     .Where(t => !t.IsAbstract && !t.IsInterface && typeof(ISlacCommand).IsAssignableFrom(t))
                     .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            root.Subcommands.Add(((ISlacCommand)Activator.CreateInstance(type)!).Build());
        }
        return root;
    }
}

/// <summary>A usage error found while a command runs (a missing file, a bad option value): printed as one line, exit 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
