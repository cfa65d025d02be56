using System.Collections.Concurrent;
using System.Collections.Immutable;
using SlaLang.Analyzers;
using SlaLang.Diagnostics;
using SlaLang.Model;
using SlaLang.Syntax;

namespace SlaLang.Semantics;

/// <summary>How a compilation checks: which lint configuration applies to each file.</summary>
public sealed class CompilationOptions
{
    private readonly Func<string, LintConfiguration> _lintConfiguration;

    private CompilationOptions(Func<string, LintConfiguration> lintConfiguration)
    {
        _lintConfiguration = lintConfiguration;
    }

    /// <summary>Every rule at its default level; no file is read.</summary>
    public static CompilationOptions Default { get; } = new(_ => LintConfiguration.Default);

    /// <summary>The same configuration for every file.</summary>
    public static CompilationOptions WithLintConfiguration(LintConfiguration configuration) => new(_ => configuration);

    /// <summary>The <c>slaconfig.json</c> next to or above each file (read once per configuration file through <paramref name="cache"/>).</summary>
    public static CompilationOptions FromFileSystem(LintConfigurationCache? cache = null)
    {
        var configurations = cache ?? new LintConfigurationCache();
        return new(path => string.IsNullOrEmpty(path) ? LintConfiguration.Default : configurations.For(path));
    }

    /// <summary>The configuration that applies to the file at <paramref name="path"/>.</summary>
    public LintConfiguration GetLintConfiguration(string path) => _lintConfiguration(path);
}

/// <summary>
/// An immutable graph of syntax trees checked together: the one entry point of the CLI, the language server and the emitter.
/// The given trees and every file they import (read through an <see cref="ISourceProvider"/>, never by binding) form units: each
/// file that no other file imports is a contract or library bound with its imports, transitively (LANGUAGE.md §8). Semantic models
/// and diagnostics are computed lazily, once, and are thread-safe.
/// </summary>
public sealed class Compilation
{
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<SyntaxTree, BoundUnit> _owners = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<SyntaxTree, BoundUnit> _unitsByRoot = new(ReferenceEqualityComparer.Instance);
    private readonly Lazy<ImmutableArray<Diagnostic>> _diagnostics;
    private readonly ImportGraph _graph;

    private Compilation(ImmutableArray<SyntaxTree> given, CompilationOptions options, ISourceProvider? sources)
    {
        Options = options;
        _graph = ImportGraph.Build(given, sources);
        SyntaxTrees = _graph.Trees;
        Units = [.. _graph.Roots.Select(root => new BoundUnit(this, root, _graph.Closure(root)))];
        foreach (var unit in Units)
        {
            _unitsByRoot[unit.Root] = unit;
            foreach (var file in unit.Files)
            {
                _owners.TryAdd(file, unit);
            }
        }
        _diagnostics = new Lazy<ImmutableArray<Diagnostic>>(
            () => DiagnosticOrder.Sort(DiagnosticOrder.Distinct(
                (Units.Length > 1 ? Units.AsParallel().AsOrdered().Select(u => u.Diagnostics).ToList() : Units.Select(u => u.Diagnostics)).SelectMany(d => d))),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// A compilation of <paramref name="trees"/> and the files they import, read through <paramref name="sources"/> (without one,
    /// an import resolves only to another given tree); <paramref name="options"/> defaults to <see cref="CompilationOptions.Default"/>.
    /// </summary>
    public static Compilation Create(IEnumerable<SyntaxTree> trees, CompilationOptions? options = null, ISourceProvider? sources = null) =>
        new([.. trees], options ?? CompilationOptions.Default, sources);

    /// <summary>The trees: the given ones in their order, then the imported and underpinned files in the order they were found.</summary>
    public ImmutableArray<SyntaxTree> SyntaxTrees { get; }

    /// <summary>The options the compilation checks with.</summary>
    public CompilationOptions Options { get; }

    /// <summary>The contracts and libraries checked, one per file that no other file imports.</summary>
    internal ImmutableArray<BoundUnit> Units { get; }

    /// <summary>Import errors, located at the imports.</summary>
    internal ImmutableArray<Diagnostic> GraphDiagnostics => _graph.Diagnostics;

    /// <summary>The files <paramref name="tree"/> imports directly, in the order written.</summary>
    public IReadOnlyList<SyntaxTree> GetImports(SyntaxTree tree) => _graph.ImportsOf(tree);

    /// <summary>The file <paramref name="import"/> resolved to, or null when it names no readable file.</summary>
    public SyntaxTree? GetImportTarget(ImportDirectiveSyntax import) => _graph.TargetOf(import);

    /// <summary><paramref name="tree"/> and every file it reaches through imports, imported files first.</summary>
    public ImmutableArray<SyntaxTree> GetImportClosure(SyntaxTree tree) => _graph.Closure(tree);

    /// <summary>Every file of the contract or library <paramref name="tree"/> belongs to: the imported files first, the root last.</summary>
    public ImmutableArray<SyntaxTree> GetUnitFiles(SyntaxTree tree) => OwnerOf(tree).Files;

    /// <summary>The semantic model of <paramref name="tree"/>, which must belong to this compilation.</summary>
    public SemanticModel GetSemanticModel(SyntaxTree tree)
    {
        if (!_owners.ContainsKey(tree))
        {
            throw new ArgumentException("The tree does not belong to this compilation.", nameof(tree));
        }
        return _models.GetOrAdd(tree, t => new SemanticModel(this, t, _owners[t]));
    }

    /// <summary>Every diagnostic of every file (syntax, imports, binding and rules), each once, sorted by path and position.</summary>
    public ImmutableArray<Diagnostic> GetDiagnostics() => _diagnostics.Value;

    /// <summary>The contract models of the trees, or empty when any tree has an error.</summary>
    public ImmutableArray<ContractModel> GetContractModels()
    {
        if (GetDiagnostics().Any(d => d.IsError))
        {
            return [];
        }
        return [.. Units.Select(u => u.Model).OfType<ContractModel>()];
    }

    /// <summary>
    /// Every location naming the symbol declared at <paramref name="declaration"/> (a symbol's <see cref="Symbol.NameLocation"/>) in any
    /// file of this compilation, declaration first, then references by path and position; symbols are matched by where they are
    /// declared, so a library's symbol is found from every contract that imports it.
    /// </summary>
    public ImmutableArray<Location> FindReferences(Location declaration)
    {
        var found = new List<(Location Location, bool IsDeclaration)>();
        var seen = new HashSet<(string, int)>();
        foreach (var unit in Units)
        {
            foreach (var (tree, occurrences) in unit.Binding.Occurrences)
            {
                foreach (var occurrence in occurrences)
                {
                    if (occurrence.Symbol.NameLocation is { } at && SameLocation(at, declaration) && seen.Add((tree.Path, occurrence.Span.Start)))
                    {
                        found.Add((new Location(tree.Path, tree.Text, occurrence.Span), occurrence.IsDeclaration));
                    }
                }
            }
        }
        return [.. found.OrderBy(f => f.IsDeclaration ? 0 : 1).ThenBy(f => f.Location.Path, StringComparer.Ordinal).ThenBy(f => f.Location.Span.Start).Select(f => f.Location)];
    }

    /// <summary>Whether two locations name the same span of the same file (the same text, or the same path when both have one).</summary>
    public static bool SameLocation(Location a, Location b) =>
        a.Span == b.Span && (ReferenceEquals(a.Text, b.Text) || (a.Path.Length > 0 && string.Equals(Path.GetFullPath(a.Path), Path.GetFullPath(b.Path), StringComparison.Ordinal)));

    internal BoundUnit OwnerOf(SyntaxTree tree) => _owners.TryGetValue(tree, out var unit)
        ? unit
        : throw new ArgumentException("The tree does not belong to this compilation.", nameof(tree));

    /// <summary>The unit whose root is the file <paramref name="tree"/> underpins, or null.</summary>
    internal BoundUnit? UnderpinnedUnitOf(BoundUnit unit) =>
        _graph.UnderpinnedBy(unit.Root) is { } target && _unitsByRoot.TryGetValue(target, out var underpinned) ? underpinned : null;
}

/// <summary>
/// One contract or library checked with every file it imports, in three steps each computed once, lazily: binding (symbols, names,
/// values, the model's parts), the contract rules on the bound model (<see cref="ModelRules"/>, then flow-down), and the model a
/// monitor is emitted from (only when no step reports an error).
/// </summary>
internal sealed class BoundUnit
{
    private readonly Lazy<BindingResult> _binding;
    private readonly Lazy<ImmutableArray<Diagnostic>> _rules;
    private readonly Lazy<ImmutableArray<Diagnostic>> _diagnostics;
    private readonly Lazy<ContractModel?> _model;

    internal BoundUnit(Compilation compilation, SyntaxTree root, ImmutableArray<SyntaxTree> files)
    {
        Root = root;
        Files = files;
        _binding = new Lazy<BindingResult>(() => new Binder(files, compilation.Options.GetLintConfiguration(root.Path)).Bind(),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _rules = new Lazy<ImmutableArray<Diagnostic>>(() =>
            {
                var config = compilation.Options.GetLintConfiguration(root.Path);
                var binding = _binding.Value;
                var model = binding.Draft is { } draft ? ModelRules.Check(draft, binding.ModelSyntax, config) : [];
                return [.. model, .. FlowDownRules.Check(this, compilation.UnderpinnedUnitOf(this), config)];
            },
            LazyThreadSafetyMode.ExecutionAndPublication);
        _diagnostics = new Lazy<ImmutableArray<Diagnostic>>(() => DiagnosticOrder.Sort(
                files.SelectMany(f => f.Diagnostics)
                    .Concat(compilation.GraphDiagnostics.Where(d => files.Any(f => ReferenceEquals(f.Text, d.Location.Text))))
                    .Concat(_binding.Value.Diagnostics)
                    .Concat(_rules.Value)),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _model = new Lazy<ContractModel?>(() => HasErrors ? null : _binding.Value.Model, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The file nothing imports: the contract or library checked.</summary>
    public SyntaxTree Root { get; }

    /// <summary>The root and every file it imports, imported files first, the root last.</summary>
    public ImmutableArray<SyntaxTree> Files { get; }

    /// <summary>Names and symbols of every file (pass 1 and 2 of the binder).</summary>
    public BindingResult Binding => _binding.Value;

    /// <summary>What the contract rules and flow-down report on the bound model.</summary>
    public ImmutableArray<Diagnostic> RuleDiagnostics => _rules.Value;

    /// <summary>Every diagnostic of the unit's files: syntax, imports, binding and rules.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => _diagnostics.Value;

    /// <summary>Whether any file of the unit has an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>The contract's model when the root is a contract and nothing in the unit is an error.</summary>
    public ContractModel? Model => _model.Value;

    /// <summary>The model as bound, errors in the rules notwithstanding (what flow-down rules compare against), or null.</summary>
    public ContractModel? BoundModel => _binding.Value.Model;
}
