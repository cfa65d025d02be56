namespace SlaLang.Cli.Running;

/// <summary>
/// Bytes straight to the process's standard output. A report of a large log is tens of megabytes of UTF-8 JSON: built as a
/// string and written through <see cref="Console.Out"/>, it was copied five times (the growing buffer, its array, the string,
/// the writer's encoding) over fresh memory — 0.9 s of `slac run` on a million events, most of it page faults.
/// </summary>
internal static class StandardOutput
{
    /// <summary>
    /// When <paramref name="output"/> is the console's writer, flushes it and lets <paramref name="write"/> write bytes to standard
    /// output through a buffer; returns false (writing nothing) for any other writer (tests, redirection inside the process).
    /// </summary>
    public static bool TryWrite(TextWriter output, Action<Stream> write)
    {
        if (!ReferenceEquals(output, Console.Out))
        {
            return false;
        }
        output.Flush();
        using var stdout = Console.OpenStandardOutput();
        using var buffered = new BufferedStream(stdout, 1 << 16);
        write(buffered);
        buffered.Flush();
        return true;
    }
}
