using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;

namespace SlaLang.Benchmarks;

/// <summary>
/// The garbage-collector configuration of the shipped <c>slac</c> (src/SlaLang.Cli/GarbageCollection.props, which this
/// project imports into its assembly metadata): every comparative benchmark runs under it, so that its figures are what
/// <c>slac check</c>, <c>slac run</c> and an editor's <c>slac lsp</c> get. When this process's configuration differs, the
/// benchmark runs again in a child process with slac's set through the environment. <c>--gc-default</c> keeps this
/// process's configuration instead (to compare).
/// </summary>
internal static class SlacGcConfiguration
{
    private const string ChildVariable = "SLALANG_BENCHMARK_UNDER_SLAC_GC";
    private const string DefaultOption = "--gc-default";

    /// <summary>Whether this process runs under slac's configuration (known once <see cref="RunUnderSlac"/> returned null).</summary>
    internal static bool IsSlacConfiguration { get; private set; }

    /// <summary>
    /// Runs benchmark <paramref name="name"/> in a child process under slac's configuration and returns its exit code; null
    /// when this process should run it itself (it already matches, <c>--gc-default</c> was given — removed from
    /// <paramref name="args"/> — or a child could not get the configuration).
    /// </summary>
    internal static int? RunUnderSlac(string name, ref string[] args)
    {
        if (args.Contains(DefaultOption))
        {
            args = [.. args.Where(a => a != DefaultOption)];
            IsSlacConfiguration = Matches();
            return null;
        }
        if (Matches())
        {
            IsSlacConfiguration = true;
            return null;
        }
        if (Environment.GetEnvironmentVariable(ChildVariable) is not null)
        {
            Console.Error.WriteLine($"{name}: could not run under slac's GC configuration; running under this process's.");
            return null;
        }
        var (server, concurrent, lohThreshold, tieredPgo) = Expected();
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(Environment.ProcessPath), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(SlacGcConfiguration).Assembly.Location);
        }
        start.ArgumentList.Add(name);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_gcServer"] = server ? "1" : "0";
        start.Environment["DOTNET_gcConcurrent"] = concurrent ? "1" : "0";
        start.Environment["DOTNET_GCLOHThreshold"] = lohThreshold.ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_TieredPGO"] = tieredPgo ? "1" : "0";
        start.Environment[ChildVariable] = "1";
        using var child = Process.Start(start)!;
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>One line: the GC this process runs under, and whether it is slac's.</summary>
    internal static string Describe() =>
        $"GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}, {Setting("ConcurrentGC", "concurrent")}, " +
        $"{Setting("LOHThreshold", "LOH threshold")} bytes; tiered PGO {(TieredPgo ? "on" : "off")} ({(IsSlacConfiguration ? "slac's configuration, GarbageCollection.props" : "NOT slac's configuration")}).";

    /// <summary>Whether the JIT's tiered PGO is on in this process (the runtime configuration or DOTNET_TieredPGO; on by default).</summary>
    internal static bool TieredPgo =>
        Environment.GetEnvironmentVariable("DOTNET_TieredPGO") is { } variable
            ? variable != "0"
            : AppContext.GetData("System.Runtime.TieredPGO") is not { } data || !string.Equals(data.ToString(), "false", StringComparison.OrdinalIgnoreCase);

    private static (bool Server, bool Concurrent, long LohThreshold, bool TieredPgo) Expected()
    {
        var metadata = typeof(SlacGcConfiguration).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        return (bool.Parse(metadata["SlacServerGarbageCollection"]!), bool.Parse(metadata["SlacConcurrentGarbageCollection"]!),
            long.Parse(metadata["SlacLargeObjectHeapThreshold"]!, CultureInfo.InvariantCulture), bool.Parse(metadata["SlacTieredPGO"]!));
    }

    private static bool Matches()
    {
        var (server, concurrent, lohThreshold, tieredPgo) = Expected();
        var current = GC.GetConfigurationVariables();
        // The GC rounds the LOH threshold down to a pointer-size multiple of its object header; compare within a few bytes.
        return GCSettings.IsServerGC == server
            && current.TryGetValue("ConcurrentGC", out var c) && c is bool isConcurrent && isConcurrent == concurrent
            && current.TryGetValue("LOHThreshold", out var t) && Math.Abs(Convert.ToInt64(t, CultureInfo.InvariantCulture) - lohThreshold) < 256
            && TieredPgo == tieredPgo;
    }

    private static string Setting(string key, string label) =>
        GC.GetConfigurationVariables().TryGetValue(key, out var value) ? $"{label} {value}" : $"{label} unknown";
}
