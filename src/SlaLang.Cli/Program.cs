namespace SlaLang.Cli;

/// <summary>Entry point of <c>slac</c>.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("slac: commands are being built (check, compile, run, fmt, lsp).");
        return 2;
    }
}
