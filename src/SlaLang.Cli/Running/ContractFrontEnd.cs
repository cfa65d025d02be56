using SlaLang.Cli.Commands;
using SlaLang.Diagnostics;
using SlaLang.Emit;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Cli.Running;

/// <summary>Reads, checks and emits one contract file for <c>compile</c> and <c>run</c>, printing diagnostics as <c>slac check</c> does.</summary>
internal static class ContractFrontEnd
{
    /// <summary>Reads a contract file (UTF-8); a missing or unreadable file, or one that is not UTF-8, is a usage error (exit 2).</summary>
    public static string ReadContract(string path)
    {
        try
        {
            return ContractFiles.ReadText(path, out _);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new UsageException(Directory.Exists(path)
                ? $"contract '{path}' is a folder: give a .sla file."
                : File.Exists(path) ? $"cannot read contract '{path}': {e.Message}" : $"contract file '{path}' does not exist.");
        }
    }

    /// <summary>The compilation of the contract at <paramref name="path"/> (text <paramref name="text"/>) with the files it imports,
    /// read from disk; nothing is bound yet.</summary>
    public static (Compilation Compilation, SyntaxTree Tree) Open(string path, string text)
    {
        var tree = SyntaxTree.Parse(text, path);
        return (Compilation.Create([tree], CompilationOptions.FromFileSystem(), FileSystemSourceProvider.Instance), tree);
    }

    /// <summary>
    /// Checks the contract and emits its monitor. Errors (and warnings when <paramref name="showWarnings"/>) are
    /// written to <paramref name="error"/> the way <c>slac check</c> prints them; on errors the emission is refused (null).
    /// <c>run</c> shows errors only, so that a run served from the cache prints exactly what a fresh one prints.
    /// </summary>
    public static MonitorEmission? Emit(string path, string text, TextWriter error, bool showWarnings)
    {
        var (compilation, tree) = Open(path, text);
        return Emit(compilation, tree, error, showWarnings);
    }

    /// <summary>Checks and emits the contract of <paramref name="tree"/> in <paramref name="compilation"/>, as <see cref="Emit(string, string, TextWriter, bool)"/>.</summary>
    public static MonitorEmission? Emit(Compilation compilation, SyntaxTree tree, TextWriter error, bool showWarnings)
    {
        var emission = compilation.EmitMonitor(tree);
        var shown = emission.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error || (showWarnings && d.Severity == DiagnosticSeverity.Warning))
            .ToList();
        foreach (var diagnostic in shown)
        {
            error.WriteLine(diagnostic.ToString());
        }
        if (!emission.Success)
        {
            error.WriteLine(new CheckSummary(compilation.GetUnitFiles(tree).Length, shown).ToString());
            return null;
        }
        return emission;
    }
}
