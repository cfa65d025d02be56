using System.Globalization;

namespace SlaLang.Benchmarks;

/// <summary>
/// <c>check [thousands of lines…]</c> (default 100 and 1000): <c>slac check</c> as users run it (the built slac.dll as a child
/// process) on a generated contract of that many lines (the frontend benchmark's contract: services, calendars, objectives,
/// penalties, escalations…), against <c>slac check</c> of a 7-line contract in the same run (the floor: runtime, JIT, start-up).
/// Prints the time and peak resident memory of each, and the bytes per source line the contract adds to the peak
/// (issue goal: ≤ 200).
/// </summary>
internal sealed class CheckBenchmark : IComparativeBenchmark
{
    public string Name => "check";

    public int Run(string[] args)
    {
        var sizes = args.Select(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0).Where(k => k > 0).ToList();
        if (sizes.Count == 0)
        {
            sizes = [100, 1000];
        }
        var slac = Path.Combine(MonitorBenchmark.RepositoryRoot(), "src", "SlaLang.Cli", "bin", "Release", "net10.0", "slac.dll");
        if (!File.Exists(slac))
        {
            Console.Error.WriteLine($"{slac} is missing: dotnet build src/SlaLang.Cli -c Release first.");
            return 1;
        }
        var dir = Directory.CreateTempSubdirectory("slac-check-bench-");
        try
        {
            var small = Path.Combine(dir.FullName, "small.sla");
            File.WriteAllText(small, "contract Small {\n  version \"1\"\n  term 2026-01-01 .. 2026-12-31\n  timezone \"Europe/Paris\"\n  currency EUR\n  reversibility { notice 1 months }\n}\n");
            ChildProcess.Dotnet([slac, "check", small]); // warms the file cache and the runtime's own
            var floor = ChildProcess.Dotnet([slac, "check", small]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"check: slac check of a 7-line contract (the floor): {floor.Seconds:F2} s, peak {floor.PeakKiB / 1024.0:F0} MiB"));
            foreach (var thousands in sizes)
            {
                // The generated contract has about 25 characters a line.
                var text = FrontEndBenchmark.GenerateContract(thousands * 1000 * 25);
                var lines = text.Count(c => c == '\n');
                var path = Path.Combine(dir.FullName, $"contract-{thousands}k.sla");
                File.WriteAllText(path, text);
                var (seconds, peakKiB) = ChildProcess.Dotnet([slac, "check", path]);
                var perLine = (peakKiB - floor.PeakKiB) * 1024.0 / lines;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {lines,9:N0} lines ({text.Length / 1e6:F1} M chars): {seconds:F2} s ({lines / seconds / 1000:F0}k lines/s), peak {peakKiB / 1024.0:F0} MiB; "
                    + $"above the floor {perLine:F0} bytes per line (goal <= 200)"));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
        return 0;
    }
}
