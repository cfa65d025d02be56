using System.Diagnostics;
using SlaLang.Diagnostics;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Benchmarks;

/// <summary>
/// <c>binding</c>: the <c>slac check</c> folder case — 1,000 small contracts (about 4 KB each, the shape of
/// <see cref="FrontEndBenchmark.GenerateContract"/>) parsed and bound one by one, then in parallel, with the speed-up on
/// this machine's cores. Throughput on one large contract (parse, bind, parse + bind against Roslyn) is <c>frontend</c>.
/// </summary>
internal sealed class BindingBenchmark : IComparativeBenchmark
{
    /// <inheritdoc/>
    public string Name => "binding";

    /// <inheritdoc/>
    public int Run(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 1000;
        var small = FrontEndBenchmark.GenerateContract(4 * 1024);
        var check = Compilation.Create([SyntaxTree.Parse(small, "c.sla")]).GetDiagnostics();
        if (check.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Console.Error.WriteLine($"The generated contract has errors, first: {check.First(d => d.Severity == DiagnosticSeverity.Error)}");
            return 1;
        }
        var contracts = Enumerable.Repeat(small, count).ToArray();

        // Warm-up, then the best of three of each.
        CheckAll(contracts, parallel: false);
        var sequential = double.MaxValue;
        var parallel = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            sequential = Math.Min(sequential, CheckAll(contracts, parallel: false));
            parallel = Math.Min(parallel, CheckAll(contracts, parallel: true));
        }
        Console.WriteLine($"{count:N0} contracts of {small.Length / 1024.0:F1} KB: sequential {sequential:F0} ms, parallel {parallel:F0} ms " +
                          $"(speed-up {sequential / parallel:F2} on {Environment.ProcessorCount} cores)");
        return 0;
    }

    /// <summary>Milliseconds to parse and bind every contract, one after the other or in parallel.</summary>
    private static double CheckAll(string[] contracts, bool parallel)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        if (parallel)
        {
            Parallel.ForEach(contracts, contract => Compilation.Create([SyntaxTree.Parse(contract, "c.sla")]).GetDiagnostics());
        }
        else
        {
            foreach (var contract in contracts)
            {
                Compilation.Create([SyntaxTree.Parse(contract, "c.sla")]).GetDiagnostics();
            }
        }
        return watch.Elapsed.TotalMilliseconds;
    }
}
