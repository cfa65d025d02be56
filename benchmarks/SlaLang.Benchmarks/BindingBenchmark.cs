using System.Diagnostics;
using System.Text;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Benchmarks;

/// <summary>
/// <c>binding</c>: parses and binds a generated ~10 MB contract, printing MB/s for parsing alone and for parsing plus binding
/// (their ratio is the binder's cost), with allocations; then checks 1,000 small contracts one by one and in parallel.
/// </summary>
internal sealed class BindingBenchmark : IComparativeBenchmark
{
    /// <inheritdoc/>
    public string Name => "binding";

    /// <inheritdoc/>
    public int Run(string[] args)
    {
        var megabytes = args.Length > 0 && int.TryParse(args[0], out var mb) ? mb : 10;
        var text = GenerateContract(megabytes * 1024 * 1024);
        var sizeMb = Encoding.UTF8.GetByteCount(text) / (1024.0 * 1024.0);
        Console.WriteLine($"Generated contract: {sizeMb:F2} MB");

        var check = Compilation.Create([SyntaxTree.Parse(text, "generated.sla")]).GetDiagnostics();
        if (check.Length != 0)
        {
            Console.WriteLine($"The generated contract has {check.Length} diagnostics, first: {check[0]}");
            return 1;
        }

        var (parseSeconds, parseBytes) = Measure(() => SyntaxTree.Parse(text, "generated.sla"));
        var (bindSeconds, bindBytes) = Measure(() => Compilation.Create([SyntaxTree.Parse(text, "generated.sla")]).GetDiagnostics());
        Console.WriteLine($"parse:        {sizeMb / parseSeconds,8:F1} MB/s  ({parseSeconds * 1000:F0} ms, {parseBytes / 1048576.0:F0} MB allocated)");
        Console.WriteLine($"parse + bind: {sizeMb / bindSeconds,8:F1} MB/s  ({bindSeconds * 1000:F0} ms, {bindBytes / 1048576.0:F0} MB allocated)");
        Console.WriteLine($"ratio (parse + bind) / parse throughput: {parseSeconds / bindSeconds:F2}");

        var small = GenerateContract(4 * 1024);
        var trees = Enumerable.Range(0, 1000).Select(i => small).ToArray();
        var sequential = Stopwatch.StartNew();
        foreach (var contract in trees)
        {
            Compilation.Create([SyntaxTree.Parse(contract, "c.sla")]).GetDiagnostics();
        }
        sequential.Stop();
        var parallel = Stopwatch.StartNew();
        Parallel.ForEach(trees, contract => Compilation.Create([SyntaxTree.Parse(contract, "c.sla")]).GetDiagnostics());
        parallel.Stop();
        Console.WriteLine($"1,000 contracts of 4 KB: sequential {sequential.ElapsedMilliseconds} ms, parallel {parallel.ElapsedMilliseconds} ms " +
                          $"(speed-up {sequential.Elapsed.TotalMilliseconds / parallel.Elapsed.TotalMilliseconds:F2} on {Environment.ProcessorCount} cores)");
        return 0;
    }

    /// <summary>Best of five runs, after a warm-up: seconds and bytes allocated on this thread.</summary>
    private static (double Seconds, long Bytes) Measure(Action action)
    {
        action();
        var best = double.MaxValue;
        long bytes = 0;
        for (var i = 0; i < 5; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            action();
            watch.Stop();
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return (best, bytes);
    }

    /// <summary>A valid contract of about <paramref name="size"/> characters: the NovaTerra shape with as many services, roles and RACI rows as fit.</summary>
    internal static string GenerateContract(int size)
    {
        var builder = new StringBuilder(size + 4096);
        builder.Append("""
            /// Generated contract for the binding benchmark.
            contract Generated "Generated run" {
              version "1.0.0"
              term 2026-01-01 .. 2028-12-31
              timezone "Europe/Paris"
              currency EUR
              model nearshore
              party Client client "Client SA"
              party Provider provider "Provider SAS"
              role Director of Client
              role Manager of Provider
              calendar Business {
                hours mon-fri 08:00-18:00
                holidays 2026-05-01, 2026-12-25
              }
              severity sev1 "Outage"
              severity sev2 "Degraded"

            """);
        var services = 0;
        var body = new StringBuilder();
        while (builder.Length + body.Length < size - 2000)
        {
            body.Append($$"""
                  /// Service number {{services}}.
                  service S{{services}} "Service {{services}}" {
                    fee 18000 EUR per month
                    objective Availability {
                      indicator availability
                      target >= 99.93%
                      per month
                      during always
                      exclude maintenance
                    }
                    objective Restore {
                      indicator mttr where severity in (sev1, sev2)
                      target <= 4h
                      per month
                      during Business
                    }
                    penalty AvailabilityCredit on Availability {
                      base fee
                      when < 99.93% credit 5%
                      when < 99.5% credit 10%
                      cap 25%
                    }
                    penalty RestoreCredit on Restore { base fee; step 1h credit 2%; cap 10% }
                  }

                """);
            services++;
        }
        builder.Append(body);
        builder.Append("  raci {\n    roles Director Manager\n");
        for (var i = 0; i < Math.Max(1, services / 4); i++)
        {
            builder.Append($"    Activity{i} A R\n");
        }
        builder.Append("  }\n  escalation Sev1Path for incidents where severity == sev1 {\n    after 30min notify Manager\n    after 2h notify Director\n  }\n");
        builder.Append("  reversibility { notice 6 months; assistance 3 months; deliver \"Runbooks\" }\n}\n");
        return builder.ToString();
    }
}
