using System.Collections.Immutable;
using SlaLang.Diagnostics;
using SlaLang.Model;
using SlaLang.Semantics;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Analyzers;

/// <summary>
/// A contract rule (LANGUAGE.md §5 and the checks a professional tool adds) checked on the bound model of one contract or library.
/// A rule reads the model; it asks <see cref="ModelRuleContext.Syntax"/> only where a model part was written, to report there.
/// Parts whose values did not bind are not in the model, so a rule never judges what depends on a value already reported as wrong.
/// </summary>
internal abstract class ModelRule
{
    /// <summary>Reports, through <paramref name="context"/>, every breach of this rule in the model.</summary>
    public abstract void Check(ModelRuleContext context);
}

/// <summary>What a <see cref="ModelRule"/> checks and where it reports.</summary>
internal sealed class ModelRuleContext
{
    private readonly LintConfiguration _config;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Dictionary<SyntaxTree, SyntaxErrorSpans> _errors = new(ReferenceEqualityComparer.Instance);

    internal ModelRuleContext(ContractModel model, ModelSyntax syntax, LintConfiguration config)
    {
        Model = model;
        Syntax = syntax;
        _config = config;
    }

    /// <summary>
    /// The parts of the contract (or library) that bound: the draft model. Its header (term, zone, currency) holds a value only where
    /// <see cref="ModelSyntax"/> records the clause it was bound from; every other part is as bound.
    /// </summary>
    public ContractModel Model { get; }

    /// <summary>Where each part of <see cref="Model"/> was written.</summary>
    public ModelSyntax Syntax { get; }

    /// <summary>Whether the unit is a library checked on its own (no header, no exit terms to require).</summary>
    public bool IsLibrary => Syntax.Declaration is LibraryDeclarationSyntax;

    /// <summary>
    /// Reports <paramref name="rule"/> at <paramref name="span"/> of <paramref name="tree"/> at its configured level; nothing when it is
    /// off, or when a syntax error is reported on those characters (one mistake makes one diagnostic).
    /// </summary>
    public void Report(ContractRule rule, SyntaxTree tree, TextSpan span, params object?[] args)
    {
        if (!_errors.TryGetValue(tree, out var errors))
        {
            errors = _errors[tree] = new SyntaxErrorSpans(tree);
        }
        if (errors.Covers(span))
        {
            return;
        }
        if (RuleReporter.Create(rule, _config, new Location(tree.Path, tree.Text, span), args) is { } diagnostic)
        {
            _diagnostics.Add(diagnostic);
        }
    }

    internal ImmutableArray<Diagnostic> Diagnostics => [.. _diagnostics];
}

/// <summary>The model rules, in code order: each lives in its own file under <c>Analyzers/Rules</c>.</summary>
internal static class ModelRules
{
    public static ImmutableArray<ModelRule> All { get; } =
    [
        new RaciRules(), new TargetRangeRule(), new PenaltyRateRules(), new TermOrderRule(), new EscalationOrderRule(),
        new SubcontractorOfProviderRule(), new RegulatedProfileRules(), new ReversibilityRule(), new PenaltyWithoutRateRule(),
        new CalendarWithoutHoursRule(), new TransitionOrderRule(), new TierRules(), new PenaltyOnRollingRule(), new OverlappingHoursRule(),
    ];

    /// <summary>Runs every rule on the draft model of one unit.</summary>
    public static ImmutableArray<Diagnostic> Check(ContractModel draft, ModelSyntax syntax, LintConfiguration config)
    {
        var context = new ModelRuleContext(draft, syntax, config);
        foreach (var rule in All)
        {
            rule.Check(context);
        }
        return context.Diagnostics;
    }
}

/// <summary>
/// Where each part of a bound model was written, recorded by the binder as it builds the model: the syntax node (and its file) of
/// each part, by reference, and the header clauses that bound.
/// </summary>
internal sealed class ModelSyntax
{
    // Recording is on binding's hot path and most contracts break no rule: parts are appended to a list, and the map from
    // part to syntax is built the first time a rule asks (rules judge the model first and look syntax up to report).
    private readonly List<(object Part, SyntaxTree Tree, SyntaxNode Node)> _recorded;
    private Dictionary<object, (SyntaxTree Tree, SyntaxNode Node)>? _nodes;

    internal ModelSyntax(SyntaxTree root, SyntaxNode? declaration, int capacity = 0)
    {
        _recorded = new List<(object, SyntaxTree, SyntaxNode)>(capacity);
        Root = root;
        Declaration = declaration;
    }

    /// <summary>The file of the contract or library.</summary>
    public SyntaxTree Root { get; }

    /// <summary>The contract or library declaration, or null when the root file has none.</summary>
    public SyntaxNode? Declaration { get; }

    /// <summary>The term clause, when its dates bound.</summary>
    public TermStatementSyntax? Term { get; internal set; }

    /// <summary>The security block (the first, in whatever file), when written: looked up without the part map.</summary>
    public (SyntaxTree Tree, SecurityDeclarationSyntax Node)? Security { get; internal set; }

    /// <summary>The profile clause's value, when written.</summary>
    public SyntaxToken? Profile { get; internal set; }

    /// <summary>The periodic security controls written with a period that did not bind (the profile rules do not call them absent).</summary>
    public HashSet<string> ControlsWithErrors { get; } = new(StringComparer.Ordinal);

    internal void Add(object part, SyntaxTree tree, SyntaxNode node)
    {
        _recorded.Add((part, tree, node));
        _nodes = null;
    }

    /// <summary>The RACI tables of the unit (a row whose cells did not bind is in <see cref="RaciRowsWithErrors"/>).</summary>
    public List<(SyntaxTree Tree, RaciTableSyntax Table)> RaciTables { get; } = [];

    /// <summary>The RACI rows with a cell that is no RACI letter (reported by the binder; no rule judges them again).</summary>
    public HashSet<RaciRowSyntax> RaciRowsWithErrors { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The node <paramref name="part"/> was bound from, when it is a <typeparamref name="T"/>.</summary>
    public bool TryGet<T>(object? part, out SyntaxTree tree, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? node)
        where T : SyntaxNode
    {
        if (_nodes is null)
        {
            _nodes = new Dictionary<object, (SyntaxTree Tree, SyntaxNode Node)>(_recorded.Count, ReferenceEqualityComparer.Instance);
            foreach (var (recordedPart, recordedTree, recordedNode) in _recorded)
            {
                _nodes[recordedPart] = (recordedTree, recordedNode);
            }
        }
        if (part is not null && _nodes.TryGetValue(part, out var found) && found.Node is T typed)
        {
            tree = found.Tree;
            node = typed;
            return true;
        }
        tree = Root;
        node = null;
        return false;
    }
}

/// <summary>The spans of a file's syntax errors, by start, to tell whether a span covers characters one is reported on.</summary>
internal sealed class SyntaxErrorSpans(SyntaxTree tree)
{
    // The lexer and parser report in text order; sorted anyway.
    private readonly TextSpan[] _errors = [.. tree.Diagnostics.Where(d => d.IsError).Select(d => d.Span).OrderBy(s => s.Start)];

    /// <summary>Whether <paramref name="span"/> covers characters a syntax error is reported on (or is the empty span at one).</summary>
    public bool Covers(TextSpan span)
    {
        var errors = _errors;
        if (errors.Length == 0)
        {
            return false;
        }
        // The last error starting at or before the span's end, and the ones before it that may still reach into the span.
        int low = 0, high = errors.Length - 1, last = -1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (errors[mid].Start <= span.End)
            {
                last = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        for (var i = last; i >= 0; i--)
        {
            var e = errors[i];
            if (e.Start < span.End && span.Start < e.End || e.Start == span.Start)
            {
                return true;
            }
            if (e.Start + 65536 < span.Start)
            {
                break; // errors are short: one this far back does not reach the span
            }
        }
        return false;
    }
}
