using System.Collections.Concurrent;
using SlaLang.Emit;
using SlaLang.Runtime;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Cli.Tests;

/// <summary>Runs <c>slac</c> in-process and finds the repository's examples.</summary>
internal static class Slac
{
    private static readonly ConcurrentDictionary<string, Func<ContractMonitor>> Monitors = new(StringComparer.Ordinal);

    static Slac()
    {
        // One private cache for the whole test run, so no test reads or fills the user's cache.
        Environment.SetEnvironmentVariable("SLAC_CACHE_DIR", CacheDirectory);
    }

    /// <summary>The cache directory every in-process run of this test assembly uses.</summary>
    public static string CacheDirectory { get; } = Path.Combine(Path.GetTempPath(), "slac-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The checkout's root (where SlaLang.sln is).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The example names (folders of examples/ with a contract and events).</summary>
    public static readonly string[] Examples = ["belleplace", "novaterra", "valisbank"];

    /// <summary>Path of a file of an example.</summary>
    public static string Example(string name, string file) => Path.Combine(Root, "examples", name, file);

    /// <summary>Runs slac with <paramref name="args"/>; returns exit code, stdout and stderr.</summary>
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exit = Program.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A factory of fresh monitors of an example, compiled once per test run through the real front end and emitter.</summary>
    public static ContractMonitor NewMonitor(string example) => Monitors.GetOrAdd(example, name =>
    {
        var path = Example(name, name + ".sla");
        var tree = SyntaxTree.Parse(File.ReadAllText(path), path);
        var emission = Compilation.Create([tree], sources: FileSystemSourceProvider.Instance).EmitMonitor(tree);
        emission.Success.ShouldBeTrue(string.Join("\n", emission.Diagnostics));
        var compiled = emission.Compile();
        compiled.ErrorsAndWarnings.ShouldBeEmpty();
        var assembly = MonitorCompiler.Load(compiled.Image!, out _);
        return () => MonitorCompiler.CreateMonitor(assembly);
    })();

    /// <summary>The events of an example, in file order.</summary>
    public static SlaEvent[] Events(string example) =>
        [.. EventReader.ReadFile(Example(example, "events.jsonl"), e => throw new InvalidDataException(e.ToString()))];

    /// <summary>How to run the dotnet host (the one running the tests) with <paramref name="args"/>, its output redirected.</summary>
    public static System.Diagnostics.ProcessStartInfo Dotnet(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return start;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SlaLang.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("SlaLang.sln not found above the test assembly.");
    }
}
