using System.CommandLine;
using SlaLang.Analyzers;
using SlaLang.Diagnostics;
using SlaLang.Semantics;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Cli.Commands;

/// <summary><c>slac check &lt;files-or-folders&gt;</c>: parses, binds and lints contracts and reports every diagnostic.</summary>
internal sealed class CheckCommand : ISlacCommand
{
    /// <summary>The output formats of <c>--format</c>.</summary>
    internal static readonly string[] Formats = ["text", "json", "sarif", "github"];

    /// <inheritdoc/>
    public Command Build() => Build(null, null);

    /// <summary>Builds the command writing to the given writers (null: the invocation's output and error writers, the console by default).</summary>
    internal static Command Build(TextWriter? stdout, TextWriter? stderr)
    {
        var paths = new Argument<string[]>("paths")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Contract files (.sla) or folders (every *.sla below them).",
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format: text (MSBuild-style lines), json, sarif (SARIF 2.1.0) or github (workflow annotations).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var warnAsError = new Option<bool>("--warnaserror") { Description = "Report warnings as errors (exit code 1)." };
        var command = new Command("check", "Check contracts: syntax, names, units and contract rules.") { paths, format, warnAsError };
        command.SetAction(parse => Run(
            parse.GetValue(paths) ?? [],
            parse.GetValue(format) ?? "text",
            parse.GetValue(warnAsError),
            stdout ?? parse.InvocationConfiguration.Output,
            stderr ?? parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Parses <paramref name="args"/> (without the leading <c>check</c>) and runs: the testable entry point.</summary>
    internal static int Invoke(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parse = Build(stdout, stderr).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"slac check: {error.Message}");
            }
            return 2;
        }
        return parse.Invoke();
    }

    /// <summary>Checks every contract under <paramref name="paths"/> and writes the report; returns the exit code.</summary>
    internal static int Run(IReadOnlyList<string> paths, string format, bool warnAsError, TextWriter stdout, TextWriter stderr)
    {
        if (paths.Count == 0)
        {
            stderr.WriteLine("slac check: give at least one contract file or folder.");
            return 2;
        }
        if (!Formats.Contains(format, StringComparer.Ordinal))
        {
            stderr.WriteLine($"slac check: unknown format '{format}'; use one of {string.Join(", ", Formats)}.");
            return 2;
        }
        if (!ContractFiles.TryExpand(paths, out var files, out var problem))
        {
            stderr.WriteLine($"slac check: {problem}.");
            return 2;
        }

        var results = CheckFiles(files);
        var diagnostics = results
            .SelectMany(d => d)
            .Select(d => warnAsError && d.Severity == DiagnosticSeverity.Warning ? d.WithSeverity(DiagnosticSeverity.Error) : d)
            .Where(d => d.Severity != DiagnosticSeverity.Hidden)
            .DistinctBy(d => (d.Location.Path, d.Span, d.Code, d.Message))
            .ToList();
        var summary = new CheckSummary(files.Count, diagnostics);
        switch (format)
        {
            case "json":
                CheckReportWriter.WriteJson(stdout, summary);
                break;
            case "sarif":
                CheckReportWriter.WriteSarif(stdout, summary);
                break;
            case "github":
                foreach (var diagnostic in diagnostics)
                {
                    stdout.WriteLine(CheckReportWriter.GitHubAnnotation(diagnostic));
                }
                stdout.WriteLine(summary.ToString());
                break;
            default:
                foreach (var diagnostic in diagnostics)
                {
                    stdout.WriteLine(diagnostic.ToString());
                }
                stdout.WriteLine(summary.ToString());
                break;
        }
        return summary.Errors > 0 ? 1 : 0;
    }

    /// <summary>
    /// Checks the files as one compilation: each file is parsed once (in parallel), the files they import are read through the
    /// file system, and each contract or library that no other file imports is bound with its imports (in parallel), so that a
    /// library is not checked alone and again. The result keeps the files' order, each file's diagnostics sorted by position; the
    /// diagnostics of imported files outside <paramref name="files"/> come last.
    /// </summary>
    /// <remarks><paramref name="readFile"/> reads a file's text (<see cref="ContractFiles.ReadText"/> unless a test substitutes it).</remarks>
    internal static IReadOnlyList<IReadOnlyList<Diagnostic>> CheckFiles(IReadOnlyList<string> files, Func<string, string>? readFile = null)
    {
        var options = CompilationOptions.FromFileSystem(new LintConfigurationCache());
        var read = readFile ?? (path => ContractFiles.ReadText(path, out _));
        var trees = new SyntaxTree?[files.Count];
        var unreadable = new Diagnostic?[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            try
            {
                trees[i] = SyntaxTree.Parse(read(files[i]), files[i]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                // Not UTF-8: located at the first bad byte; otherwise at the start of the file.
                var location = e is NotUtf8Exception notUtf8
                    ? new Location(files[i], notUtf8.Prefix, new TextSpan(notUtf8.Prefix.Length, 0))
                    : new Location(files[i], new SourceText(""), default);
                unreadable[i] = Diagnostic.Create(DiagnosticCatalog.UnreadableSource, location, files[i], e.Message);
            }
        });
        var compilation = Compilation.Create(trees.OfType<SyntaxTree>(), options, FileSystemSourceProvider.Instance);
        var byText = compilation.GetDiagnostics().ToLookup(d => d.Location.Text, ReferenceEqualityComparer.Instance);
        var results = new List<IReadOnlyList<Diagnostic>>(files.Count + 1);
        for (var i = 0; i < files.Count; i++)
        {
            results.Add(trees[i] is { } tree ? [.. byText[tree.Text]] : [unreadable[i]!]);
        }
        var given = new HashSet<object>(trees.OfType<SyntaxTree>().Select(t => t.Text), ReferenceEqualityComparer.Instance);
        var others = compilation.GetDiagnostics().Where(d => !given.Contains(d.Location.Text)).ToList();
        if (others.Count > 0)
        {
            results.Add(others);
        }
        return results;
    }
}

/// <summary>Totals of one <c>slac check</c> run and the diagnostics it reports.</summary>
internal sealed class CheckSummary(int files, IReadOnlyList<Diagnostic> diagnostics)
{
    /// <summary>Number of contract files checked.</summary>
    public int Files { get; } = files;

    /// <summary>Every diagnostic reported, in output order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>Number of errors.</summary>
    public int Errors { get; } = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Number of warnings.</summary>
    public int Warnings { get; } = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);

    /// <summary>Number of infos.</summary>
    public int Infos { get; } = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Info);

    /// <summary>The one-line summary: <c>Checked 3 files: 0 errors, 0 warnings, 0 infos.</c></summary>
    public override string ToString() =>
        $"Checked {Plural(Files, "file")}: {Plural(Errors, "error")}, {Plural(Warnings, "warning")}, {Plural(Infos, "info")}.";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
