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
/// An immutable set of syntax trees checked together: the one entry point of the CLI, the language server and the emitter.
/// Semantic models and diagnostics are computed lazily, once, and are thread-safe.
/// </summary>
public sealed class Compilation
{
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new(ReferenceEqualityComparer.Instance);
    private readonly Lazy<ImmutableArray<Diagnostic>> _diagnostics;

    private Compilation(ImmutableArray<SyntaxTree> trees, CompilationOptions options)
    {
        SyntaxTrees = trees;
        Options = options;
        _diagnostics = new Lazy<ImmutableArray<Diagnostic>>(
            () => DiagnosticOrder.Sort(trees.SelectMany(t => GetSemanticModel(t).GetDiagnostics())),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A compilation of <paramref name="trees"/>; <paramref name="options"/> defaults to <see cref="CompilationOptions.Default"/>.</summary>
    public static Compilation Create(IEnumerable<SyntaxTree> trees, CompilationOptions? options = null) =>
        new([.. trees], options ?? CompilationOptions.Default);

    /// <summary>The trees, in the order given.</summary>
    public ImmutableArray<SyntaxTree> SyntaxTrees { get; }

    /// <summary>The options the compilation checks with.</summary>
    public CompilationOptions Options { get; }

    /// <summary>The semantic model of <paramref name="tree"/>, which must belong to this compilation.</summary>
    public SemanticModel GetSemanticModel(SyntaxTree tree)
    {
        if (!SyntaxTrees.Contains(tree))
        {
            throw new ArgumentException("The tree does not belong to this compilation.", nameof(tree));
        }
        return _models.GetOrAdd(tree, t => new SemanticModel(this, t));
    }

    /// <summary>Every diagnostic of every tree (syntax, binding and rules), sorted by path and position.</summary>
    public ImmutableArray<Diagnostic> GetDiagnostics() => _diagnostics.Value;

    /// <summary>The contract models of the trees, or empty when any tree has an error.</summary>
    public ImmutableArray<ContractModel> GetContractModels()
    {
        if (GetDiagnostics().Any(d => d.IsError))
        {
            return [];
        }
        return [.. SyntaxTrees.Select(t => GetSemanticModel(t).GetContractModel()).OfType<ContractModel>()];
    }
}
