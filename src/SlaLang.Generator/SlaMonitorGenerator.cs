using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SlaLang.Emit;
using SlaLang.Semantics;
using SlaCompilation = SlaLang.Semantics.Compilation;
using SlaCompilationOptions = SlaLang.Semantics.CompilationOptions;
using SlaSyntaxTree = SlaLang.Syntax.SyntaxTree;

namespace SlaLang.Generator;

/// <summary>
/// Turns the <c>.sla</c> contracts among a project's <c>AdditionalFiles</c> into monitor classes
/// (<c>SlaLang.Generated.&lt;Contract&gt;Monitor</c>, the code <c>slac compile</c> writes), and reports each contract's
/// diagnostics as build diagnostics with their SLA code at the <c>.sla</c> file and line.
/// </summary>
/// <remarks>
/// Incremental: every <c>.sla</c> file is read once per run; each contract (a file declaring <c>contract</c>) becomes one
/// pipeline item holding the texts of the files it reads (itself, its imports, what it underpins), so a change to one file
/// regenerates only the contracts whose graph holds that file; the others are cached. Libraries are compiled through the
/// contracts that import them. The lint configuration files <c>slac</c> reads from disk are not read here (a generator
/// reads no files): the rules run at their default levels.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class SlaMonitorGenerator : IIncrementalGenerator
{
    /// <summary>The tracking name of the step that yields one item per contract (tests observe it).</summary>
    public const string ContractsStep = "SlaContracts";

    /// <summary>The tracking name of the step that compiles one contract (tests observe it).</summary>
    public const string MonitorsStep = "SlaMonitors";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".sla", StringComparison.OrdinalIgnoreCase))
            .Select(static (file, cancellation) => new SlaFile(Path.GetFullPath(file.Path), file.GetText(cancellation)?.ToString()))
            .Collect();
        var contracts = files.SelectMany(static (all, cancellation) => FindContracts(all, cancellation)).WithTrackingName(ContractsStep);
        var monitors = contracts.Select(static (contract, cancellation) => Generate(contract, cancellation)).WithTrackingName(MonitorsStep);
        context.RegisterSourceOutput(monitors, static (output, monitor) =>
        {
            foreach (var diagnostic in monitor.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToRoslyn());
            }
            if (monitor.Source is not null)
            {
                output.AddSource(monitor.HintName, SourceText.From(monitor.Source, Encoding.UTF8));
            }
        });
    }

    /// <summary>One item per file that declares a contract, with the texts of every file its compilation reads.</summary>
    private static ImmutableArray<ContractInput> FindContracts(ImmutableArray<SlaFile> all, CancellationToken cancellation)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in all)
        {
            if (file.Text is not null)
            {
                texts[file.Path] = file.Text;
            }
        }
        var result = ImmutableArray.CreateBuilder<ContractInput>();
        foreach (var file in all.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            cancellation.ThrowIfCancellationRequested();
            if (file.Text is null)
            {
                result.Add(new ContractInput(file.Path, new EquatableArray<SlaFile>([file])));
                continue;
            }
            var tree = SlaSyntaxTree.Parse(file.Text, file.Path);
            if (tree.Root.Contract is null)
            {
                continue;
            }
            var reading = new RecordingSourceProvider(texts);
            _ = SlaCompilation.Create([tree], SlaCompilationOptions.Default, reading).SyntaxTrees;
            reading.Read(file.Path);
            var graph = reading.ReadPaths.Order(StringComparer.Ordinal).Select(path => new SlaFile(path, texts[path])).ToArray();
            result.Add(new ContractInput(file.Path, new EquatableArray<SlaFile>(graph)));
        }
        return result.ToImmutable();
    }

    /// <summary>Compiles one contract from the texts it holds: its monitor's source when it has no error, and its diagnostics.</summary>
    private static GeneratedMonitor Generate(ContractInput contract, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var root = contract.Files.First(f => f.Path == contract.Path);
        if (root.Text is null)
        {
            return new GeneratedMonitor(HintName(contract.Path, "Unreadable"), null, new EquatableArray<DiagnosticInfo>(
                [DiagnosticInfo.Unreadable(contract.Path)]));
        }
        var sources = new InMemorySourceProvider(contract.Files.ToDictionary(f => f.Path, f => f.Text ?? "", StringComparer.Ordinal));
        var tree = SlaSyntaxTree.Parse(root.Text, root.Path);
        var emission = SlaCompilation.Create([tree], SlaCompilationOptions.Default, sources).EmitMonitor(tree);
        var diagnostics = emission.Diagnostics
            .Where(d => d.Severity != Diagnostics.DiagnosticSeverity.Hidden)
            .Select(DiagnosticInfo.From)
            .ToArray();
        return emission.Success
            ? new GeneratedMonitor(HintName(contract.Path, emission.FileName), emission.Source, new EquatableArray<DiagnosticInfo>(diagnostics))
            : new GeneratedMonitor(HintName(contract.Path, "Refused"), null, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    /// <summary>A hint name unique in the project: the monitor's file name after the contract file's own name and a hash of
    /// its full path (two folders may hold files of the same name).</summary>
    private static string HintName(string path, string fileName)
    {
        var hash = 17u;
        foreach (var c in path)
        {
            hash = unchecked((hash * 31) + c);
        }
        var stem = new string([.. Path.GetFileNameWithoutExtension(path).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
        return $"{stem}.{hash:x8}.{Path.GetFileNameWithoutExtension(fileName)}.g.cs";
    }
}

/// <summary>The files a compilation asked for, from the texts the generator was given. A compilation reads the files a
/// file imports in parallel: the record of reads is a concurrent set.</summary>
internal sealed class RecordingSourceProvider(Dictionary<string, string> texts) : ISourceProvider
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _read = new(StringComparer.Ordinal);

    public IEnumerable<string> ReadPaths => _read.Keys;

    public SourceReadResult Read(string path)
    {
        if (!texts.TryGetValue(path, out var text))
        {
            return new SourceReadResult(SourceReadStatus.NotFound, null, null);
        }
        _read.TryAdd(path, true);
        return SourceReadResult.Of(new SlaLang.Text.SourceText(text));
    }

    public string? ResolveLinks(string path) => texts.ContainsKey(path) ? path : null;
}

/// <summary>A <c>.sla</c> file: its full path and text (null when it could not be read).</summary>
internal sealed record SlaFile(string Path, string? Text);

/// <summary>A contract to generate: its file and the files its compilation reads (itself included), by path.</summary>
internal sealed record ContractInput(string Path, EquatableArray<SlaFile> Files);

/// <summary>What one contract gives the build: a source (or none) and its diagnostics.</summary>
internal sealed record GeneratedMonitor(string HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>An SLA diagnostic as plain values (a pipeline's items must compare by value), turned into a build diagnostic at the end.</summary>
internal sealed record DiagnosticInfo(string Code, string Title, string Message, DiagnosticSeverity Severity, string HelpLink, string Path,
    int Start, int Length, int StartLine, int StartCharacter, int EndLine, int EndCharacter)
{
    public static DiagnosticInfo From(Diagnostics.Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        var (start, end) = (location.Start, location.End);
        return new DiagnosticInfo(diagnostic.Code, diagnostic.Descriptor.Title, diagnostic.Message, diagnostic.Severity switch
        {
            Diagnostics.DiagnosticSeverity.Error => DiagnosticSeverity.Error,
            Diagnostics.DiagnosticSeverity.Warning => DiagnosticSeverity.Warning,
            Diagnostics.DiagnosticSeverity.Info => DiagnosticSeverity.Info,
            _ => DiagnosticSeverity.Hidden,
        }, diagnostic.Descriptor.HelpLink, location.Path, location.Span.Start, location.Span.Length, start.Line, start.Character, end.Line, end.Character);
    }

    /// <summary>SLA2000 for a <c>.sla</c> file the build gave no text for.</summary>
    public static DiagnosticInfo Unreadable(string path)
    {
        var descriptor = Diagnostics.DiagnosticCatalog.UnreadableSource;
        return new(descriptor.Code, descriptor.Title, descriptor.FormatMessage(path, "the build gave no text for it."), DiagnosticSeverity.Error,
            descriptor.HelpLink, path, 0, 0, 0, 0, 0, 0);
    }

    public Diagnostic ToRoslyn() => Diagnostic.Create(
        new DiagnosticDescriptor(Code, Title, "{0}", "SlaLang", Severity, isEnabledByDefault: true, helpLinkUri: HelpLink),
        Location.Create(Path, new TextSpan(Start, Length), new LinePositionSpan(new LinePosition(StartLine, StartCharacter), new LinePosition(EndLine, EndCharacter))),
        Message);
}

/// <summary>An immutable array that compares by its elements (pipeline items must, for the generator to be incremental).</summary>
internal readonly struct EquatableArray<T>(T[] items) : IEquatable<EquatableArray<T>>, IEnumerable<T>
    where T : IEquatable<T>
{
    private readonly T[]? _items = items;

    private T[] Items => _items ?? [];

    public bool Equals(EquatableArray<T> other) => Items.AsSpan().SequenceEqual(other.Items);

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }
        return hash.ToHashCode();
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => Items.GetEnumerator();
}
