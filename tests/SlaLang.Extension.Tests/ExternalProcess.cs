using System.Diagnostics;
using System.Text;

namespace SlaLang.Extension.Tests;

/// <summary>Runs a command line tool (npm, npx, node) to completion with a time limit and captures everything it printed.</summary>
public static class ExternalProcess
{
    /// <summary>The exit code and the interleaved standard output and error of one run.</summary>
    public sealed record Result(int ExitCode, string Output, TimeSpan Elapsed);

    /// <summary>Runs <paramref name="fileName"/> in <paramref name="workingDirectory"/>; kills the whole tree when <paramref name="timeout"/> passes.</summary>
    public static Result Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(ResolveOnPath(fileName))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        // The npm tools must not think they run in a terminal or ask questions.
        start.Environment["CI"] = "true";
        start.Environment["NO_COLOR"] = "1";

        var output = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output)
            {
                return new Result(-1, $"{output}\n[killed: {fileName} ran longer than {timeout}]", stopwatch.Elapsed);
            }
        }
        process.WaitForExit();
        lock (output)
        {
            return new Result(process.ExitCode, output.ToString(), stopwatch.Elapsed);
        }
    }

    private static string ResolveOnPath(string fileName)
    {
        if (!OperatingSystem.IsWindows() || Path.HasExtension(fileName))
        {
            return fileName;
        }
        return fileName + ".cmd";
    }
}
