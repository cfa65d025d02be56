using System.Diagnostics;
using SlaLang.Cli.Commands;
using SlaLang.Model;
using SlaLang.Semantics;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Cli.Running;

/// <summary>
/// One version of a contract for <c>diff</c> and <c>backtest</c>: a file on disk, or <c>REV:path</c> read through git (the file as
/// committed at REV, with the files it imports at the same revision), so that CI can compare against the target branch.
/// </summary>
internal static class ContractVersion
{
    /// <summary>The model of the contract named by <paramref name="spec"/>, or null when it has errors (printed on <paramref name="error"/>).</summary>
    public static ContractModel? Load(string spec, TextWriter error, out string display)
    {
        display = spec;
        var (compilation, tree) = Open(spec);
        var model = compilation.GetSemanticModel(tree);
        var errors = model.GetAllDiagnostics().Where(d => d.IsError).ToList();
        foreach (var diagnostic in errors)
        {
            error.WriteLine(diagnostic.ToString());
        }
        if (errors.Count > 0)
        {
            error.WriteLine($"slac: '{spec}' has {(errors.Count == 1 ? "1 error" : $"{errors.Count} errors")}: versions are compared only when both compile.");
            return null;
        }
        return model.GetContractModel() ?? throw new UsageException($"'{spec}' holds a library, not a contract.");
    }

    /// <summary>The text of the file <paramref name="spec"/> names, for <c>run</c>-like commands.</summary>
    public static (Compilation Compilation, SyntaxTree Tree) Open(string spec)
    {
        if (!File.Exists(spec) && SplitRevision(spec) is { } revision)
        {
            var provider = GitSourceProvider.For(revision.Rev, revision.Path);
            var root = provider.FullPath(revision.Path);
            var read = provider.Read(root);
            if (read.Status != SourceReadStatus.Read)
            {
                throw new UsageException($"'{spec}': git has no file '{revision.Path}' at '{revision.Rev}'{(read.Message is null ? "" : $" ({read.Message})")}.");
            }
            var tree = SyntaxTree.Parse(read.Text!.ToString(), root);
            return (Compilation.Create([tree], CompilationOptions.Default, provider), tree);
        }
        return ContractFrontEnd.Open(spec, ContractFrontEnd.ReadContract(spec));
    }

    /// <summary><c>main:contracts/c.sla</c> as (main, contracts/c.sla); null for a plain path (or a Windows drive letter).</summary>
    private static (string Rev, string Path)? SplitRevision(string spec)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        return colon > 1 && colon < spec.Length - 1 ? (spec[..colon], spec[(colon + 1)..]) : null;
    }

    /// <summary>Files as committed at a revision, read with <c>git show</c>; paths are those of the working tree.</summary>
    private sealed class GitSourceProvider(string top, string rev) : ISourceProvider
    {
        public static GitSourceProvider For(string rev, string path)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path)) is { } d && Directory.Exists(d) ? d : Directory.GetCurrentDirectory();
            var (code, top, message) = Git(directory, "rev-parse", "--show-toplevel");
            if (code != 0)
            {
                throw new UsageException($"'{rev}:{path}' names a git revision, but '{directory}' is not in a git work tree: {message.Trim()}");
            }
            return new GitSourceProvider(top.Trim(), rev);
        }

        /// <summary>The working-tree path of <paramref name="path"/> (relative to the current folder).</summary>
        public string FullPath(string path) => Path.GetFullPath(path);

        public SourceReadResult Read(string path)
        {
            var relative = Path.GetRelativePath(top, path).Replace('\\', '/');
            if (relative.StartsWith("../", StringComparison.Ordinal))
            {
                return new SourceReadResult(SourceReadStatus.NotFound, null, "outside the repository");
            }
            var (code, text, message) = Git(top, "show", $"{rev}:{relative}");
            return code == 0
                ? SourceReadResult.Of(new SourceText(text))
                : new SourceReadResult(SourceReadStatus.NotFound, null, message.Trim());
        }

        public string? ResolveLinks(string path) => path;
    }

    private static (int Code, string Output, string Error) Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        start.StandardOutputEncoding = System.Text.Encoding.UTF8;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UsageException($"git is needed to read a revision: {e.Message}");
        }
    }
}
