using System.Collections.Immutable;
using SlaLang.Diagnostics;
using SlaLang.Model;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Semantics;

/// <summary>
/// What the compiler knows about one syntax tree: declared symbols, the symbol under a position, references, diagnostics (syntax,
/// imports, binding and rules) and the <see cref="ContractModel"/>. A file is bound with the contract or library it belongs to (its
/// imports, or the contract importing it), so names declared in other files resolve. Computed once, lazily, and thread-safe.
/// </summary>
public sealed class SemanticModel
{
    private readonly BoundUnit _unit;
    private readonly Lazy<ImmutableArray<Diagnostic>> _diagnostics;

    internal SemanticModel(Compilation compilation, SyntaxTree tree, BoundUnit unit)
    {
        Compilation = compilation;
        SyntaxTree = tree;
        _unit = unit;
        _diagnostics = new Lazy<ImmutableArray<Diagnostic>>(
            () => [.. unit.Diagnostics.Where(d => ReferenceEquals(d.Location.Text, tree.Text))],
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The compilation this model belongs to.</summary>
    public Compilation Compilation { get; }

    /// <summary>The tree this model describes.</summary>
    public SyntaxTree SyntaxTree { get; }

    private BindingResult Binding => _unit.Binding;

    /// <summary>The symbol of the contract (or, for a library checked alone, the library) this file belongs to, or null.</summary>
    public Symbol? ContractSymbol => Binding.Contract;

    /// <summary>Every diagnostic located in this tree (syntax, imports, binding, rules), sorted by position.</summary>
    public ImmutableArray<Diagnostic> GetDiagnostics() => _diagnostics.Value;

    /// <summary>Every diagnostic of the contract or library this tree belongs to, in all of its files, sorted by path and position.</summary>
    public ImmutableArray<Diagnostic> GetAllDiagnostics() => _unit.Diagnostics;

    /// <summary>What binding the contract or library this tree belongs to reported (names, values, units), in all of its files.</summary>
    public ImmutableArray<Diagnostic> GetBindingDiagnostics() => Binding.Diagnostics;

    /// <summary>What the contract rules (and flow-down) report on its bound model, in all of its files; binding first if not yet done.</summary>
    public ImmutableArray<Diagnostic> GetRuleDiagnostics() => _unit.RuleDiagnostics;

    /// <summary>
    /// One SLA2034 error at each import of this file that leads to a file with errors (the file itself or one it imports), naming the
    /// first. Not part of <see cref="GetDiagnostics"/>: those errors are reported in their own files; an editor shows these on a
    /// document whose imported files are not open, so that a contract that cannot run does not look clean.
    /// </summary>
    public ImmutableArray<Diagnostic> GetImportErrors()
    {
        var errors = ImmutableArray.CreateBuilder<Diagnostic>();
        foreach (var import in SyntaxTree.Root.Imports)
        {
            if (Compilation.GetImportTarget(import) is not { } target)
            {
                continue;
            }
            var reached = Compilation.GetImportClosure(target);
            var found = _unit.Diagnostics.Where(d => d.IsError && reached.Any(t => ReferenceEquals(t.Text, d.Location.Text))).ToList();
            if (found.Count > 0)
            {
                errors.Add(Diagnostic.Create(DiagnosticCatalog.ImportedFileHasErrors, new Location(SyntaxTree.Path, SyntaxTree.Text, import.Path.Span),
                    import.Path.Value as string, found.Count == 1 ? "1 error" : $"{found.Count} errors", found[0].ToString()));
            }
        }
        return errors.ToImmutable();
    }

    /// <summary>Every symbol this file declares, in declaration order (the built-in <c>always</c> is not declared by the file).</summary>
    public ImmutableArray<Symbol> GetDeclaredSymbols() => [.. Binding.Symbols.Where(s => ReferenceEquals(s.Source?.Text, SyntaxTree.Text))];

    /// <summary>Every span of this file naming a symbol (declarations and references), in text order.</summary>
    public ImmutableArray<SymbolOccurrence> GetOccurrences() => Binding.OccurrencesIn(SyntaxTree);

    /// <summary>
    /// The symbol whose declaration name or reference covers <paramref name="position"/> (a cursor just after a name counts),
    /// or null. The language server uses it for hover, go-to-definition, references and rename.
    /// </summary>
    public Symbol? GetSymbolAt(int position)
    {
        var occurrences = GetOccurrences();
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

    /// <summary>
    /// The symbol <paramref name="declaration"/> declares (a party, service, objective, penalty, RACI row…), or null when it declares
    /// none (its name is missing, or it is a block such as <c>raci</c> or <c>security</c>). Objectives, services and penalties carry
    /// what binding learnt of them (<see cref="ObjectiveSymbol"/>, <see cref="ServiceSymbol"/>, <see cref="PenaltySymbol"/>), even in
    /// half-typed code.
    /// </summary>
    public Symbol? GetDeclaredSymbol(SyntaxNode declaration)
    {
        var occurrences = GetOccurrences();
        var start = declaration.Span.Start;
        int low = 0, high = occurrences.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (occurrences[mid].Span.Start < start)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        // The first name declared inside the declaration is its own (its name precedes its body).
        for (var i = low; i < occurrences.Length && occurrences[i].Span.Start < declaration.Span.End; i++)
        {
            var occurrence = occurrences[i];
            if (occurrence.IsDeclaration && occurrence.Symbol.DeclarationSpan.Start == start)
            {
                return occurrence.Symbol;
            }
        }
        return null;
    }

    /// <summary>Every location naming <paramref name="symbol"/> in any file of the compilation, declaration first, then references by path and position.</summary>
    public ImmutableArray<Location> FindReferences(Symbol symbol)
    {
        if (symbol.NameLocation is { } declaration)
        {
            return Compilation.FindReferences(declaration);
        }
        // A built-in symbol: its references in this file's unit.
        return [.. _unit.Binding.Occurrences
            .SelectMany(p => p.Value.Where(o => ReferenceEquals(o.Symbol, symbol)).Select(o => new Location(p.Key.Path, p.Key.Text, o.Span)))
            .OrderBy(l => l.Path, StringComparer.Ordinal).ThenBy(l => l.Span.Start)];
    }

    /// <summary>
    /// The symbol a declaration named <paramref name="name"/> would clash with in the scope <paramref name="symbol"/> is declared in
    /// (the contract's names with the built-in <c>always</c>, a service's objectives and penalties, the RACI activities, the
    /// transition phases), or null; a rename checks its new name with it.
    /// </summary>
    public Symbol? LookupInScopeOf(Symbol symbol, string name)
    {
        _ = Binding;
        return symbol.Scope is { } scope && scope.TryGetValue(name, out var found) ? found : null;
    }

    /// <summary>The symbols of <paramref name="kind"/> visible in the contract, in every file (with <c>always</c> for calendars), for completion.</summary>
    public ImmutableArray<Symbol> GetSymbols(SymbolKind kind)
    {
        var declared = Binding.Symbols.Where(s => s.Kind == kind);
        return kind == SymbolKind.Calendar ? [Binder.Always, .. declared] : [.. declared];
    }

    /// <summary>The typed model of the contract, or null when a file of it has errors (see <see cref="GetAllDiagnostics"/>) or it is a library.</summary>
    public ContractModel? GetContractModel() => _unit.Model;
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

    /// <summary>Each diagnostic once: a library imported by two contracts is bound twice, and reports the same mistakes twice.</summary>
    internal static IEnumerable<Diagnostic> Distinct(IEnumerable<Diagnostic> diagnostics)
    {
        var seen = new HashSet<(string, int, int, string, string)>();
        foreach (var d in diagnostics)
        {
            if (seen.Add((d.Location.Path, d.Span.Start, d.Span.End, d.Code, d.Message)))
            {
                yield return d;
            }
        }
    }
}
