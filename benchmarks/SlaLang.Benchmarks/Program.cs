using BenchmarkDotNet.Running;

namespace SlaLang.Benchmarks;

/// <summary>
/// A comparative benchmark run as <c>dotnet run -c Release --project benchmarks/SlaLang.Benchmarks -- NAME</c>:
/// measures ours and a baseline in the same run and prints both with their ratio, under slac's GC configuration
/// (<see cref="SlacGcConfiguration"/>; <c>--gc-default</c> after the name keeps this project's).
/// Every implementation in this assembly is discovered by name.
/// </summary>
internal interface IComparativeBenchmark
{
    /// <summary>The name typed on the command line (e.g. <c>frontend</c>).</summary>
    string Name { get; }

    /// <summary>Runs the measurement and prints the figures; returns the exit code.</summary>
    int Run(string[] args);
}

/// <summary>Entry point: a comparative benchmark by name, or BenchmarkDotNet's switcher (<c>-- --filter *</c>).</summary>
public static class Program
{
    /// <summary>Runs the benchmark chosen on the command line.</summary>
    public static int Main(string[] args)
    {
        var comparative = typeof(Program).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.IsInterface && typeof(IComparativeBenchmark).IsAssignableFrom(t))
            .Select(t => (IComparativeBenchmark)Activator.CreateInstance(t)!)
            .ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);
        if (args.Length > 0 && comparative.TryGetValue(args[0], out var bench))
        {
            var rest = args[1..];
            if (SlacGcConfiguration.RunUnderSlac(bench.Name, ref rest) is { } exitCode)
            {
                return exitCode;
            }
            Console.WriteLine(SlacGcConfiguration.Describe());
            return bench.Run(rest);
        }
        if (args.Length == 0)
        {
            Console.WriteLine("Comparative benchmarks: " + string.Join(", ", comparative.Keys.Order()));
            Console.WriteLine("BenchmarkDotNet: -- --filter *");
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
