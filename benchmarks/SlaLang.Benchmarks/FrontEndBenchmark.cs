using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using SlaLang.Diagnostics;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Benchmarks;

/// <summary><c>frontend</c>: parses (and parses and binds, through <see cref="Compilation"/>) a generated ~10 MB contract with our
/// front end, and a ~10 MB C# file with Roslyn's
/// <see cref="CSharpSyntaxTree.ParseText(string, CSharpParseOptions?, string, Encoding?, CancellationToken)"/> in the same run,
/// and prints MB/s for both, their ratio (ours ÷ Roslyn's, goal ≥ 1.0), and allocated and retained memory. It also binds the
/// already-parsed tree alone, which shows the binder's own cost apart from the collection of the freshly parsed tree that
/// parse + bind pays for.</summary>
internal sealed class FrontEndBenchmark : IComparativeBenchmark
{
    /// <inheritdoc/>
    public string Name => "frontend";

    /// <inheritdoc/>
    public int Run(string[] args)
    {
        var megabytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var contract = GenerateContract(megabytes * 1_000_000);
        var csharp = GenerateCSharp(megabytes * 1_000_000);
        Console.WriteLine($"contract: {contract.Length / 1e6:F1} M chars; C#: {csharp.Length / 1e6:F1} M chars; {iterations} measured rounds after one warm-up round");

        var check = SyntaxTree.Parse(contract, "generated.sla");
        if (check.Diagnostics.Count > 0)
        {
            Console.Error.WriteLine("The generated contract has diagnostics: " + check.Diagnostics[0]);
            return 1;
        }

        var bound = Compilation.Create([check]).GetDiagnostics();
        Console.WriteLine($"binding the generated contract: {bound.Count(d => d.Severity == DiagnosticSeverity.Error)} errors, {bound.Length} diagnostics in all");
        foreach (var diagnostic in bound.Take(5))
        {
            Console.WriteLine("  " + diagnostic);
        }
        if (bound.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Console.Error.WriteLine("The generated contract must bind without errors to be a fair measure.");
            return 1;
        }

        // The same declarations as a contract importing 29 libraries (LANGUAGE.md §8), read through a source provider.
        var (graph, graphRoot) = SplitIntoGraph(contract, 30);
        var graphChars = graph.Values.Sum(t => t.Length);
        var graphSources = new InMemorySourceProvider(graph);
        var graphCheck = Compilation.Create([SyntaxTree.Parse(graph[graphRoot], graphRoot)], sources: graphSources);
        var graphErrors = graphCheck.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Console.WriteLine($"the same as a graph of {graph.Count} files ({graphCheck.SyntaxTrees.Length} read): {graphErrors.Count} errors");
        if (graphErrors.Count > 0)
        {
            Console.Error.WriteLine("The generated graph must bind without errors: " + graphErrors[0]);
            return 1;
        }

        // Rounds interleave the contenders so that a busy machine slows them alike.
        var contenders = new (string Label, int Chars, Func<object> Run)[]
        {
            ("SlaLang parse", contract.Length, () => SyntaxTree.Parse(contract, "generated.sla")),
            ("SlaLang p+bind", contract.Length, () => Compilation.Create([SyntaxTree.Parse(contract, "generated.sla")]).GetDiagnostics()),
            ("SlaLang bind", contract.Length, () => Compilation.Create([check]).GetDiagnostics()),
            ("Roslyn parse", csharp.Length, () => CSharpSyntaxTree.ParseText(csharp, path: "generated.cs").GetRoot()),
            ("SlaLang graph", graphChars, () => Compilation.Create([SyntaxTree.Parse(graph[graphRoot], graphRoot)], sources: graphSources).GetDiagnostics()),
        };
        var seconds = contenders.Select(_ => new List<double>()).ToArray();
        for (var round = -1; round < iterations; round++)
        {
            for (var c = 0; c < contenders.Length; c++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var watch = Stopwatch.StartNew();
                GC.KeepAlive(contenders[c].Run());
                if (round >= 0)
                {
                    seconds[c].Add(watch.Elapsed.TotalSeconds);
                }
            }
        }
        var medians = new double[contenders.Length];
        for (var c = 0; c < contenders.Length; c++)
        {
            medians[c] = Report(contenders[c].Label, contenders[c].Chars, seconds[c], contenders[c].Run);
        }
        Console.WriteLine($"ratio parse (SlaLang MB/s ÷ Roslyn MB/s, medians): {medians[0] / medians[3]:F2}  (goal >= 1.0)");
        Console.WriteLine($"ratio parse+bind (SlaLang MB/s ÷ Roslyn parse MB/s): {medians[1] / medians[3]:F2}  (goal >= 1.0)");
        Console.WriteLine($"ratio parse+bind of the {graph.Count}-file graph (SlaLang MB/s ÷ Roslyn parse MB/s): {medians[4] / medians[3]:F2}  (goal >= 1.0)");
        return 0;
    }

    /// <summary>
    /// <paramref name="contract"/> (made by <see cref="GenerateContract"/>) as <paramref name="files"/> files: the contract with its
    /// header, RACI, governance and the other single blocks, importing <paramref name="files"/> − 1 libraries that share its
    /// services, calendars, severities, escalations and obligations evenly. Keys are full paths under <c>/bench</c>.
    /// </summary>
    internal static (Dictionary<string, string> Files, string Root) SplitIntoGraph(string contract, int files)
    {
        var first = contract.IndexOf("  calendar Hours0 {", StringComparison.Ordinal);
        var footer = contract.IndexOf("  raci {", StringComparison.Ordinal);
        var starts = new List<int>();
        for (var at = first; at >= 0 && at < footer; at = contract.IndexOf("  calendar Hours", at + 1, StringComparison.Ordinal))
        {
            starts.Add(at);
        }
        starts.Add(footer);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var imports = new StringBuilder();
        var libraries = files - 1;
        for (var k = 0; k < libraries; k++)
        {
            var from = starts[(int)((long)k * (starts.Count - 1) / libraries)];
            var to = starts[(int)((long)(k + 1) * (starts.Count - 1) / libraries)];
            var name = $"part{k + 1:D2}.sla";
            result[$"/bench/{name}"] = $"library Part{k + 1} {{\n{contract[from..to]}}}\n";
            imports.Append(CultureInfo.InvariantCulture, $"import \"{name}\"\n");
        }
        const string root = "/bench/contract.sla";
        result[root] = imports + contract[..first] + contract[footer..];
        return (result, root);
    }

    /// <summary>Prints the median and best throughput of the measured <paramref name="seconds"/>, then the bytes one more run
    /// allocates and the bytes its result keeps alive; returns the median MB/s.</summary>
    private static double Report(string label, int chars, List<double> seconds, Func<object> run)
    {
        seconds.Sort();
        var megabytes = chars / 1e6;
        var median = megabytes / seconds[seconds.Count / 2];
        var best = megabytes / seconds[0];

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var result = run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(result);
        Console.WriteLine(
            $"{label,-14}: median {median,7:F1} MB/s ({seconds[seconds.Count / 2] * 1000,7:F0} ms), best {best,7:F1} MB/s; " +
            $"allocated {allocated / 1e6,7:F1} MB, retained {retained / 1e6,7:F1} MB ({(double)retained / chars:F1} B/char); " +
            $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
        return median;
    }

    /// <summary>A valid contract of about <paramref name="size"/> characters: the NovaTerra header and many services,
    /// calendars, severities, RACI rows, escalations, committees and obligations with varied names and figures.</summary>
    internal static string GenerateContract(int size)
    {
        var b = new StringBuilder(size + 10_000);
        b.Append("""
            /// Generated for the front-end benchmark.
            contract Generated "Generated contract" {
              version "1.0.0"
              term 2026-01-01 .. 2028-12-31
              timezone "Europe/Paris"
              currency EUR
              model nearshore
              profile regulated

              party Client client "Client SA"
              party Provider provider "Provider Services"
              party Sub subcontractor of Provider "Sub SARL"
              role Director of Client "IT director"
              role Manager of Provider
              role Officer of Client

            """);
        var i = 0;
        while (b.Length < size - 2_000)
        {
            var target = 99m + (i % 97 / 100m);
            b.Append(CultureInfo.InvariantCulture, $$"""
                  calendar Hours{{i}} {
                    hours mon-fri 0{{i % 3 + 7}}:00-1{{i % 4 + 6}}:30
                    hours sat 09:00-12:00
                    holidays 2026-05-01, 2026-12-{{10 + i % 18}}
                  }
                  severity sev{{i}} "Severity {{i}}"

                  /// Service number {{i}}.
                  service Service{{i}} "Service {{i}} run" {
                    fee {{1000 + (i * 37 % 50_000)}} EUR per month

                    objective Availability{{i}} {
                      indicator availability
                      target >= {{target}}%
                      per month
                      during always
                      exclude maintenance
                    }
                    objective Restore{{i}} {
                      indicator mttr where severity == sev{{i}} or (severity != sev0 and severity not in (sev{{i % 7}}, sev{{i % 11}}))
                      target <= {{1 + i % 8}}h
                      per {{1 + i % 6}} months
                      during Hours{{i}}
                    }
                    objective Within{{i}} {
                      indicator resolved_within({{1 + i % 12}}h30min) where severity in (sev{{i}}, sev0)
                      target >= {{90 + i % 10}}%
                      per rolling {{7 + i % 30}}d
                    }
                    objective Reopens{{i}} { indicator reopen_rate; target <= {{1 + i % 9}}%; per quarter }

                    penalty Credit{{i}} on Availability{{i}} {
                      base fee
                      when < {{target}}% credit 5%
                      when < 98.5% credit 10%
                      when < 98% credit 25%
                      cap 25%
                    }
                    penalty Step{{i}} on Restore{{i}} {
                      base {{500 + i % 1000}}.50 EUR
                      step 1h credit 2%
                      cap 10%
                    }
                  }

                  escalation Path{{i}} for incidents where severity == sev{{i}} {
                    during Hours{{i}}
                    after {{15 + i % 45}}min notify Manager
                    after {{2 + i % 5}}h notify Director, Officer
                  }
                  obligation Report{{i}} "Report {{i}}" {
                    by Provider
                    every month
                    due {{1 + i % 9}}bd after period end
                    during Hours{{i}}
                  }

                """);
            i++;
        }
        b.Append("""
              raci {
                roles Director Manager Officer
                Patching   A R C
                Monitoring A R -
                Sap "SAP run" A R CI
              }
              governance {
                committee Review "Weekly review" { every week; chair Manager; members Director, Officer }
              }
              security {
                encryption at_rest, in_transit
                backups immutable retention 90d
                recovery_test every 6 months rto 4h rpo 15min
                audit every quarter
                access_review every quarter
                residency EU
                edr required
              }
              reversibility {
                notice 6 months
                assistance 3 months
                deliver "Runbooks", "CMDB export"
              }
              transition {
                phase Pilot 2025-10-16 .. 2025-12-31 gate "Go/No-go"
                overlap 2 months
              }
            }

            """);
        return b.ToString();
    }

    /// <summary>C# of about <paramref name="size"/> characters: classes with fields, properties and methods using loops,
    /// conditions, LINQ, string interpolation and arithmetic, as in ordinary application code.</summary>
    internal static string GenerateCSharp(int size)
    {
        var b = new StringBuilder(size + 10_000);
        b.Append("using System;\nusing System.Collections.Generic;\nusing System.Linq;\n\nnamespace Generated;\n\n");
        var i = 0;
        while (b.Length < size)
        {
            b.Append(CultureInfo.InvariantCulture, $$"""
                /// <summary>Service number {{i}}.</summary>
                public sealed class Service{{i}} : IComparable<Service{{i}}>
                {
                    private readonly List<decimal> _samples = new();
                    private int _count{{i}};

                    public string Name { get; init; } = "Service {{i}} run";
                    public decimal Fee { get; set; } = {{1000 + (i * 37 % 50_000)}}m;

                    public decimal Availability(IReadOnlyList<(DateTime Start, DateTime End)> outages, TimeSpan scheduled)
                    {
                        var down = TimeSpan.Zero;
                        foreach (var (start, end) in outages)
                        {
                            if (end > start && (end - start).TotalMinutes > {{i % 30}})
                            {
                                down += end - start;
                            }
                        }
                        _count{{i}}++;
                        return scheduled == TimeSpan.Zero ? 100m : 100m * (1m - (decimal)(down.Ticks / (double)scheduled.Ticks));
                    }

                    public string Describe(int level) => level switch
                    {
                        0 => $"{Name}: ok ({_samples.Count} samples)",
                        1 => $"{Name}: warning at {Fee * 0.05m:F2} EUR",
                        _ => string.Join(", ", _samples.Where(s => s > {{i % 100}}m).Select(s => s.ToString("F2")).Take({{1 + i % 10}})),
                    };

                    public int CompareTo(Service{{i}}? other) => other is null ? 1 : string.CompareOrdinal(Name, other.Name);
                }


                """);
            i++;
        }
        return b.ToString();
    }
}
