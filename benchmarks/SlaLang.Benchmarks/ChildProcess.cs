using System.Diagnostics;

namespace SlaLang.Benchmarks;

/// <summary>A <c>dotnet</c> child process run to its end, as users run slac: its wall time and its peak resident memory.</summary>
internal static class ChildProcess
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>; the standard output is read (and dropped) as it comes.
    /// Throws when the exit code is not <paramref name="expectedExit"/>.</summary>
    internal static (double Seconds, long PeakKiB) Dotnet(IEnumerable<string> arguments, int expectedExit = 0)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        // The peak working set is the kernel's high-water mark (VmHWM): read until the process ends, it is the process's peak.
        while (!process.WaitForExit(20))
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                break;
            }
        }
        var seconds = sw.Elapsed.TotalSeconds;
        _ = output.Result;
        if (process.ExitCode != expectedExit)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {error.Result}");
        }
        return (seconds, peak / 1024);
    }
}
