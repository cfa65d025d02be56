using System.Collections.Immutable;
using SlaLang.Diagnostics;
using SlaLang.Model;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Semantics;

/// <summary>
/// What the binder knows about one syntax tree: declared symbols, the symbol under a position, references, diagnostics
/// (syntax, binding and rules) and the <see cref="ContractModel"/>. Computed once, lazily, and safe to share between threads.
/// </summary>
public sealed class SemanticModel
{
    private readonly Lazy<BindingResult> _binding;
    private readonly Lazy<ImmutableArray<Diagnostic>> _diagnostics;

    internal SemanticModel(Compilation compilation, SyntaxTree tree)
    {
        Compilation = compilation;
        SyntaxTree = tree;
        _binding = new Lazy<BindingResult>(() => new Binder(tree, compilation.Options.GetLintConfiguration(tree.Path)).Bind(),
            LazyThreadSafetyMode.ExecutionAndPublication);
        _diagnostics = new Lazy<ImmutableArray<Diagnostic>>(() => DiagnosticOrder.Sort(tree.Diagnostics.Concat(_binding.Value.Diagnostics)),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The compilation this model belongs to.</summary>
    public Compilation Compilation { get; }

    /// <summary>The tree this model describes.</summary>
    public SyntaxTree SyntaxTree { get; }

    /// <summary>The symbol of the file's contract, or null when the file declares none.</summary>
    public Symbol? ContractSymbol => _binding.Value.Contract;

    /// <summary>Every diagnostic of this tree (syntax, binding, rules), sorted by position.</summary>
    public ImmutableArray<Diagnostic> GetDiagnostics() => _diagnostics.Value;

    /// <summary>Every symbol the file declares, in declaration order (the built-in <c>always</c> is not declared by the file).</summary>
    public ImmutableArray<Symbol> GetDeclaredSymbols() => _binding.Value.Symbols;

    /// <summary>Every span naming a symbol (declarations and references), in text order.</summary>
    public ImmutableArray<SymbolOccurrence> GetOccurrences() => _binding.Value.Occurrences;

    /// <summary>
    /// The symbol whose declaration name or reference covers <paramref name="position"/> (a cursor just after a name counts),
    /// or null. The language server uses it for hover, go-to-definition, references and rename.
    /// </summary>
    public Symbol? GetSymbolAt(int position)
    {
        var occurrences = _binding.Value.Occurrences;
        int low = 0, high = occurrences.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var span = occurrences[mid].Span;
            if (position < span.Start)
            {
                high = mid - 1;
            }
            else if (position > span.End)
            {
                low = mid + 1;
            }
            else
            {
                // A cursor between two adjacent names belongs to the one it starts.
                if (position == span.End && mid + 1 < occurrences.Length && occurrences[mid + 1].Span.Start == position)
                {
                    return occurrences[mid + 1].Symbol;
                }
                return occurrences[mid].Symbol;
            }
        }
        return null;
    }

    /// <summary>Every location naming <paramref name="symbol"/> in this tree, declaration first, then references in text order.</summary>
    public ImmutableArray<Location> FindReferences(Symbol symbol) =>
        [.. _binding.Value.Occurrences
            .Where(o => ReferenceEquals(o.Symbol, symbol))
            .OrderBy(o => o.IsDeclaration ? 0 : 1)
            .ThenBy(o => o.Span.Start)
            .Select(o => new Location(SyntaxTree.Path, SyntaxTree.Text, o.Span))];

    /// <summary>
    /// The symbol a declaration named <paramref name="name"/> would clash with in the scope <paramref name="symbol"/> is declared in
    /// (the contract's names with the built-in <c>always</c>, a service's objectives and penalties, the RACI activities, the
    /// transition phases), or null; a rename checks its new name with it.
    /// </summary>
    public Symbol? LookupInScopeOf(Symbol symbol, string name)
    {
        _ = _binding.Value;
        return symbol.Scope is { } scope && scope.TryGetValue(name, out var found) ? found : null;
    }

    /// <summary>The symbols of <paramref name="kind"/> visible in the contract (with <c>always</c> for calendars), for completion.</summary>
    public ImmutableArray<Symbol> GetSymbols(SymbolKind kind)
    {
        var declared = _binding.Value.Symbols.Where(s => s.Kind == kind);
        return kind == SymbolKind.Calendar ? [Binder.Always, .. declared] : [.. declared];
    }

    /// <summary>The typed model of the contract, or null when the tree has errors (see <see cref="GetDiagnostics"/>).</summary>
    public ContractModel? GetContractModel() => _diagnostics.Value.Any(d => d.IsError) ? null : _binding.Value.Model;
}

/// <summary>The order diagnostics are reported in: by path, then position, then code.</summary>
internal static class DiagnosticOrder
{
    internal static ImmutableArray<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics
            .OrderBy(d => d.Location.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Start)
            .ThenBy(d => d.Span.End)
            .ThenBy(d => d.Code, StringComparer.Ordinal)];
}
