using System.Collections.Immutable;
using System.Runtime.InteropServices;
using NodaTime;
using SlaLang.Analyzers;
using SlaLang.Diagnostics;
using SlaLang.Model;
using SlaLang.Parsing.Literals;
using SlaLang.Runtime;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Semantics;

/// <summary>What binding one contract or library with its imports produced: symbols, every name occurrence per file, diagnostics,
/// the model (when error-free and a contract), and the draft the rules check: the parts that bound, even when others did not, with
/// where each was written.</summary>
internal sealed record BindingResult(
    Symbol? Contract,
    ImmutableArray<Symbol> Symbols,
    IReadOnlyDictionary<SyntaxTree, ImmutableArray<SymbolOccurrence>> Occurrences,
    ImmutableArray<Diagnostic> Diagnostics,
    ContractModel? Model,
    ContractModel? Draft,
    ModelSyntax ModelSyntax)
{
    /// <summary>The occurrences in <paramref name="tree"/>, in text order (empty for a file of another unit).</summary>
    public ImmutableArray<SymbolOccurrence> OccurrencesIn(SyntaxTree tree) => Occurrences.TryGetValue(tree, out var found) ? found : [];
}

/// <summary>A span naming a symbol: its declaration name or a reference.</summary>
public readonly record struct SymbolOccurrence(TextSpan Span, Symbol Symbol, bool IsDeclaration);

/// <summary>
/// Binds one contract or library together with the libraries it imports (one scope, LANGUAGE.md §8): declares every name of every
/// file (pass 1), then resolves every reference and checks values and units while building the <see cref="ContractModel"/> parts
/// (pass 2), recording where each part was written. Contract rules are not its job: they run on the model afterwards
/// (<see cref="ModelRules"/>). Never throws on any tree, and reads no file: the files come resolved from the <see cref="ImportGraph"/>.
/// </summary>
internal sealed partial class Binder
{
    /// <summary>The built-in 24/7 calendar.</summary>
    internal static readonly CalendarSymbol Always = new(ContractModel.AlwaysCalendar, null, "24/7", "Built-in calendar: open every instant (24/7).", null)
    {
        Detail = "(built in, 24/7)",
    };

    /// <summary>One file of the unit: its tree and the names met in it.</summary>
    private sealed class FileBinding(SyntaxTree tree)
    {
        public SyntaxTree Tree { get; } = tree;
        public SymbolSource Source { get; } = new(tree.Path, tree.Text);
        // About one name every 50 characters in the examples, a declaration every 130: sized so that a file's lists rarely grow
        // (each growth copies them and leaves the old arrays as garbage).
        public List<SymbolOccurrence> Declarations { get; } = new(Math.Max(16, tree.Text.Length / 128));
        public List<SymbolOccurrence> References { get; } = new(Math.Max(16, tree.Text.Length / 64));

        /// <summary>Where the file's syntax errors are.</summary>
        public SyntaxErrorSpans SyntaxErrors { get; } = new(tree);

        /// <summary>Whether <paramref name="span"/> covers characters a syntax error is reported on (or is the empty span at one).</summary>
        public bool HasSyntaxErrorAt(TextSpan span) => SyntaxErrors.Covers(span);
    }

    private FileBinding _file;

    private readonly FileBinding[] _files;
    private readonly FileBinding _rootFile;
    private readonly LintConfiguration _config;
    private SyntaxTree _tree;
    private SourceText _text;
    private string _path;
    private SymbolSource _source;
    private List<SymbolOccurrence> _declarations;
    private List<SymbolOccurrence> _references;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<Symbol> _symbols;
    private readonly Dictionary<string, Symbol> _contractScope;
    private readonly Dictionary<Symbol, Dictionary<string, Symbol>> _serviceScopes = new(PositionIdentityComparer.Instance);
    private readonly Dictionary<string, Symbol> _raciScope = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Symbol> _phaseScope = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Symbol> _libraryScope = new(StringComparer.Ordinal);
    private readonly Dictionary<SyntaxNode, Symbol> _declared;
    private Symbol? _contract;
    private bool _hasErrors;
    private readonly ModelSyntax _modelSyntax;

    /// <summary>A binder of one file alone.</summary>
    internal Binder(SyntaxTree tree, LintConfiguration config)
        : this([tree], config)
    {
    }

    /// <summary>A binder of <paramref name="files"/>: the root (a contract or library) last, the files it imports before it.</summary>
    internal Binder(IReadOnlyList<SyntaxTree> files, LintConfiguration config)
    {
        _files = [.. files.Select(f => new FileBinding(f))];
        _rootFile = _files[^1];
        _config = config;
        EnterFile(_rootFile);
        var length = files.Sum(f => f.Text.Length);
        var declarations = Math.Max(16, length / 128);
        _symbols = new List<Symbol>(declarations);
        _declared = new Dictionary<SyntaxNode, Symbol>(declarations, PositionIdentityComparer.Instance);
        _contractScope = new Dictionary<string, Symbol>(declarations / 2, StringComparer.Ordinal);
        _contractScope[Always.Name] = Always;
        // Model parts are about as many as declarations and their clauses: sized once, never rehashed on a large contract.
        _modelSyntax = new ModelSyntax(_rootFile.Tree, (SyntaxNode?)_rootFile.Tree.Root.Contract ?? _rootFile.Tree.Root.Library, declarations * 2);
    }

    /// <summary>Records that <paramref name="part"/> of the model was bound from <paramref name="node"/> of the current file.</summary>
    private T Record<T>(T part, SyntaxNode node)
        where T : class?
    {
        if (part is not null)
        {
            _modelSyntax.Add(part, _tree, node);
        }
        return part;
    }

    /// <summary>Makes <paramref name="file"/> the file whose spans are reported and whose names are recorded.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_file), nameof(_tree), nameof(_text), nameof(_path), nameof(_source), nameof(_declarations), nameof(_references))]
    private void EnterFile(FileBinding file)
    {
        _file = file;
        _tree = file.Tree;
        _text = file.Tree.Text;
        _path = file.Tree.Path;
        _source = file.Source;
        _declarations = file.Declarations;
        _references = file.References;
    }

    /// <summary>The body statements of each file's contract or library, the imported files first (a file's other statements are
    /// imports, or errors the parser reported).</summary>
    private IEnumerable<(FileBinding File, SyntaxList<StatementSyntax> Body)> Bodies()
    {
        foreach (var file in _files)
        {
            var root = file.Tree.Root;
            if (ReferenceEquals(file, _rootFile) && root.Contract is { } contract)
            {
                yield return (file, contract.Body.Statements);
            }
            else if (root.Library is { } library)
            {
                yield return (file, library.Body.Statements);
            }
        }
    }

    /// <summary>Binds the files once; the result is immutable.</summary>
    internal BindingResult Bind()
    {
        ReportConfigurationErrors();
        // A missing or second contract is reported by the parser (SLA1020, SLA1021); the first one is bound.
        ContractModel? draft = null;
        var complete = false;
        var root = _rootFile.Tree.Root;
        var contract = root.Contract;
        DeclareUnit(contract);
        if (contract is not null)
        {
            draft = BindContract(contract, out complete);
        }
        else
        {
            var parts = BindMembers();
            if (_contract is not null)
            {
                draft = LibraryDraft(_contract, parts);
            }
        }
        EnterFile(_rootFile);
        var hasErrors = _hasErrors || _files.Any(f => f.Tree.Diagnostics.Any(d => d.IsError));
        var occurrences = new Dictionary<SyntaxTree, ImmutableArray<SymbolOccurrence>>(ReferenceEqualityComparer.Instance);
        foreach (var file in _files)
        {
            occurrences[file.Tree] = SortedOccurrences(file);
        }
        return new BindingResult(
            _contract,
            [.. _symbols],
            occurrences,
            [.. _diagnostics],
            hasErrors || !complete ? null : draft,
            draft,
            _modelSyntax);
    }

    /// <summary>
    /// The occurrences in text order (stable: at equal starts a declaration comes before a reference, and otherwise the order
    /// they were added in). Declarations (pass 1) and references (pass 2) each come almost always in text order, so the two
    /// lists are merged; only when one is not sorted are they sorted together.
    /// </summary>
    private static ImmutableArray<SymbolOccurrence> SortedOccurrences(FileBinding file)
    {
        var declarations = CollectionsMarshal.AsSpan(file.Declarations);
        var references = CollectionsMarshal.AsSpan(file.References);
        var items = new SymbolOccurrence[declarations.Length + references.Length];
        if (IsSorted(declarations) && IsSorted(references))
        {
            int d = 0, r = 0, k = 0;
            while (d < declarations.Length && r < references.Length)
            {
                items[k++] = references[r].Span.Start < declarations[d].Span.Start ? references[r++] : declarations[d++];
            }
            declarations[d..].CopyTo(items.AsSpan(k));
            references[r..].CopyTo(items.AsSpan(k + declarations.Length - d));
            return ImmutableCollectionsMarshal.AsImmutableArray(items);
        }
        declarations.CopyTo(items);
        references.CopyTo(items.AsSpan(declarations.Length));
        var keys = new long[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            keys[i] = ((long)items[i].Span.Start << 32) | (uint)i;
        }
        Array.Sort(keys, items);
        return ImmutableCollectionsMarshal.AsImmutableArray(items);
    }

    private static bool IsSorted(ReadOnlySpan<SymbolOccurrence> occurrences)
    {
        for (var i = 1; i < occurrences.Length; i++)
        {
            if (occurrences[i].Span.Start < occurrences[i - 1].Span.Start)
            {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- reporting

    private Location LocationOf(TextSpan span) => new(_path, _text, span);

    private string Position(TextSpan span) => _text.GetLinePosition(span.Start).ToString();

    /// <summary>Where <paramref name="symbol"/> is declared: <c>line:col</c> in the current file, <c>file.sla:line:col</c> in another.</summary>
    private string PositionOf(Symbol symbol) => PositionIn(symbol.Source, symbol.NameSpan);

    /// <summary><c>line:col</c> of <paramref name="span"/> in the current file, <c>file.sla:line:col</c> in another one.</summary>
    private string PositionIn(SymbolSource? source, TextSpan span)
    {
        if (source is null || ReferenceEquals(source.Text, _text))
        {
            return Position(span);
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(string.IsNullOrEmpty(_path) ? "." : _path)) ?? "";
        var other = string.IsNullOrEmpty(source.Path) ? "(unnamed)" : Path.GetRelativePath(folder, Path.GetFullPath(source.Path)).Replace('\\', '/');
        return $"{other}({source.Text.GetLinePosition(span.Start)})";
    }

    /// <remarks>A mistake the lexer or parser already reported on these characters (a malformed literal, a missing name) is one
    /// mistake: nothing more is said about it.</remarks>
    private void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args)
    {
        if (_file.HasSyntaxErrorAt(span))
        {
            _hasErrors = true;
            return;
        }
        var diagnostic = Diagnostic.Create(descriptor, LocationOf(span), args);
        _hasErrors |= diagnostic.IsError;
        _diagnostics.Add(diagnostic);
    }

    /// <summary>Reports SLA2015 (a required clause is missing), unless the block that should hold it is missing: then the parser
    /// reported the missing '{' and skipped what followed, clauses included, so one mistake makes one diagnostic.</summary>
    private void ReportMissingClause(BlockSyntax body, TextSpan span, params object?[] args) => ReportMissingClause(body.OpenBrace, span, args);

    /// <summary>Reports SLA2015 unless <paramref name="openBrace"/>, the '{' of the block that should hold the clause, is missing.</summary>
    private void ReportMissingClause(SyntaxToken openBrace, TextSpan span, params object?[] args)
    {
        if (!openBrace.IsMissing)
        {
            Report(DiagnosticCatalog.MissingClause, span, args);
        }
    }

    /// <summary>Reports a contract rule at its configured level; nothing when the rule is off.</summary>
    private void Report(ContractRule rule, TextSpan span, params object?[] args)
    {
        if (_file.HasSyntaxErrorAt(span))
        {
            return;
        }
        if (RuleReporter.Create(rule, _config, LocationOf(span), args) is { } diagnostic)
        {
            _hasErrors |= diagnostic.IsError;
            _diagnostics.Add(diagnostic);
        }
    }

    private void ReportConfigurationErrors()
    {
        if (_config.Errors.IsEmpty || _config.GetLevel(ContractRules.InvalidConfiguration) == RuleLevel.Off)
        {
            return;
        }
        var text = _config.Text ?? new SourceText("");
        foreach (var error in _config.Errors)
        {
            var line = Math.Clamp(error.Line - 1, 0, text.LineCount - 1);
            var position = text.GetPosition(line, Math.Max(0, error.Column - 1));
            var level = _config.GetLevel(ContractRules.InvalidConfiguration);
            var diagnostic = Diagnostic.Create(DiagnosticCatalog.InvalidConfiguration, new Location(error.Path, text, new TextSpan(position, 0)), error.Message)
                .WithSeverity(level == RuleLevel.Error ? DiagnosticSeverity.Error : level == RuleLevel.Warning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info);
            _hasErrors |= diagnostic.IsError;
            _diagnostics.Add(diagnostic);
        }
    }

    // ---------------------------------------------------------------- symbols and scopes

    private static bool IsPresent(SyntaxToken? token) => token is { IsMissing: false, Span.Length: > 0 };

    private SourceLocation SourceLocationOf(SyntaxToken token)
    {
        var position = _text.GetLinePosition(token.Span.Start);
        return new SourceLocation(_path, position.DisplayLine, position.DisplayColumn);
    }

    /// <summary>
    /// Where the declaration <paramref name="node"/> (from <paramref name="first"/> to its end) names <paramref name="name"/>;
    /// false when the name is missing, and no symbol is declared.
    /// </summary>
    private bool TrySite(SyntaxNode node, SyntaxToken first, SyntaxToken name, out SymbolSite site)
    {
        if (!IsPresent(name))
        {
            site = default;
            return false;
        }
        site = new SymbolSite(_source, TextSpan.FromBounds(first.Span.Start, NodeEnd(node, name)), name.Span);
        return true;
    }

    /// <summary>Enters a declared <paramref name="symbol"/> into <paramref name="scope"/>; a duplicate is reported on the second.</summary>
    private T Declare<T>(SyntaxNode node, Dictionary<string, Symbol> scope, T symbol)
        where T : Symbol
    {
        if (scope.TryGetValue(symbol.Name, out var existing))
        {
            Report(DiagnosticCatalog.DuplicateName, symbol.NameSpan, symbol.Name, Symbol.KindWordWithArticle(existing.Kind),
                existing.IsBuiltIn ? "by the language (built in)" : $"at ({PositionOf(existing)})");
        }
        else
        {
            scope[symbol.Name] = symbol;
        }
        symbol.Scope = scope;
        _symbols.Add(symbol);
        _declarations.Add(new SymbolOccurrence(symbol.NameSpan, symbol, true));
        _declared[node] = symbol;
        return symbol;
    }

    /// <summary>The end of a declaration without its statement terminator (line break or <c>;</c>).</summary>
    private static int NodeEnd(SyntaxNode syntax, SyntaxToken name)
    {
        var last = syntax.GetLastToken();
        if (last is null)
        {
            return name.Span.End;
        }
        var end = last.Span.End;
        if ((syntax as StatementSyntax)?.Terminator is { Span.Length: > 0 } terminator && ReferenceEquals(terminator, last)
            && syntax.GetLastTokenExcept(terminator) is { } beforeTerminator)
        {
            end = beforeTerminator.Span.End;
        }
        return Math.Max(end, name.Span.End);
    }

    private void AddReference(Symbol symbol, SyntaxToken token) => _references.Add(new SymbolOccurrence(token.Span, symbol, false));

    /// <summary>Looks a token's text up without allocating a string for it.</summary>
    private static bool TryLookup<T>(Dictionary<string, T> map, SyntaxToken token, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value) =>
        map.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token.TextSpanChars, out value);

    /// <summary>Whether the token is spelled <paramref name="text"/>, without allocating.</summary>
    private static bool Is(SyntaxToken token, string text) => token.TextSpanChars.SequenceEqual(text);

    private static string? StringValue(SyntaxToken? token) =>
        token is { IsMissing: false, Kind: SyntaxKind.StringLiteralToken } ? token.Value as string ?? "" : null;

    /// <summary>The text of a literal that must be a string; reports SLA2004 when another literal stands there.</summary>
    private string? RequireString(SyntaxToken token, string what, string example)
    {
        if (IsPresent(token) && token.Kind != SyntaxKind.StringLiteralToken)
        {
            Report(DiagnosticCatalog.UnitMismatch, token.Span, what, "a string", Describe(token), example);
        }
        return StringValue(token);
    }

    /// <summary>Resolves a name expected to be a <paramref name="kind"/> in <paramref name="scope"/>; reports unknown names and wrong kinds.</summary>
    private T? Resolve<T>(SyntaxToken token, SymbolKind kind, Dictionary<string, Symbol> scope, string? hint = null)
        where T : Symbol
    {
        if (!IsPresent(token))
        {
            return null;
        }
        if (TryLookup(scope, token, out var symbol))
        {
            if (symbol.Kind == kind && symbol is T typed)
            {
                AddReference(symbol, token);
                return typed;
            }
            Report(DiagnosticCatalog.WrongKind, token.Span, token.Text, Symbol.KindWordWithArticle(symbol.Kind), Symbol.KindWordWithArticle(kind));
            return null;
        }
        var candidates = scope.Values.Where(s => s.Kind == kind).Select(s => s.Name).ToList();
        var suggestion = NameSuggester.Suggest(token.Text, candidates);
        var tail = suggestion is not null
            ? $"; did you mean '{suggestion}'?"
            : hint ?? (candidates.Count > 0
                ? $"; declared {Plural(kind)}: {string.Join(", ", candidates.Take(8))}{(candidates.Count > 8 ? $" and {candidates.Count - 8} more" : "")}."
                : $"; declare it first.");
        Report(DiagnosticCatalog.UnknownName, token.Span, Symbol.KindWord(kind), token.Text, tail);
        return null;
    }

    private static string Plural(SymbolKind kind) => kind switch
    {
        SymbolKind.Party => "parties",
        SymbolKind.Severity => "severities",
        SymbolKind.RaciActivity => "RACI activities",
        _ => Symbol.KindWord(kind) + "s",
    };

    // ---------------------------------------------------------------- literals

    /// <summary>How a literal token is described in messages: "a percent", "a duration", …</summary>
    private static string Describe(SyntaxToken token) => token.Kind switch
    {
        SyntaxKind.NumberLiteralToken => "a number",
        SyntaxKind.PercentLiteralToken => "a percent",
        SyntaxKind.DurationLiteralToken => "a duration",
        SyntaxKind.WorkingDaysLiteralToken => "a number of working days",
        SyntaxKind.MoneyLiteralToken => "a money amount",
        SyntaxKind.DateLiteralToken => "a date",
        SyntaxKind.TimeLiteralToken => "a time",
        SyntaxKind.DateTimeLiteralToken => "a date-time",
        SyntaxKind.StringLiteralToken => "a string",
        SyntaxKind.DaySetLiteralToken => "a day set",
        SyntaxKind.IdentifierToken => $"the name '{token.Text}'",
        _ => $"'{token.Text}'",
    };

    private static decimal DurationToSeconds(Duration duration) => duration.BclCompatibleTicks / (decimal)NodaConstants.TicksPerSecond;

    private bool TryPercent(SyntaxToken token, Phrase what, Phrase example, out decimal value)
    {
        value = 0;
        if (!IsPresent(token))
        {
            return false;
        }
        if (token.Kind == SyntaxKind.PercentLiteralToken && token.Value is decimal percent)
        {
            value = percent;
            return true;
        }
        if (token.Kind != SyntaxKind.PercentLiteralToken)
        {
            Report(DiagnosticCatalog.UnitMismatch, token.Span, what, "a percent", Describe(token), example);
        }
        return false;
    }

    private bool TryDuration(SyntaxToken token, Phrase what, Phrase example, out Duration value)
    {
        value = default;
        if (!IsPresent(token))
        {
            return false;
        }
        switch (token.Kind)
        {
            case SyntaxKind.DurationLiteralToken when token.Value is Duration duration:
                value = duration;
                return true;
            case SyntaxKind.DurationLiteralToken:
                return false;
            case SyntaxKind.WorkingDaysLiteralToken:
                Report(DiagnosticCatalog.WorkingDaysNotAllowed, token.Span, token.Text, example);
                return false;
            default:
                Report(DiagnosticCatalog.UnitMismatch, token.Span, what, "a duration", Describe(token), example);
                return false;
        }
    }

    private bool TryDate(SyntaxToken token, Phrase what, out LocalDate value)
    {
        value = default;
        if (!IsPresent(token))
        {
            return false;
        }
        if (token.Kind == SyntaxKind.DateLiteralToken && token.Value is LocalDate date)
        {
            value = date;
            return true;
        }
        if (token.Kind != SyntaxKind.DateLiteralToken)
        {
            Report(DiagnosticCatalog.UnitMismatch, token.Span, what, "a date", Describe(token), "2026-01-01");
        }
        return false;
    }

    /// <summary>Reads a money amount and checks its currency against the contract's.</summary>
    private bool TryMoney(SyntaxToken token, Phrase what, out decimal amount)
    {
        amount = 0;
        if (!IsPresent(token))
        {
            return false;
        }
        if (token.Kind != SyntaxKind.MoneyLiteralToken)
        {
            Report(DiagnosticCatalog.UnitMismatch, token.Span, what, "a money amount", Describe(token), $"18000 {_currency ?? "EUR"}");
            return false;
        }
        if (token.Value is not MoneyValue money)
        {
            return false;
        }
        if (_currency is not null && !string.Equals(money.Currency, _currency, StringComparison.Ordinal))
        {
            Report(DiagnosticCatalog.CurrencyMismatch, token.Span, money.Currency, _currency);
            return false;
        }
        amount = money.Amount;
        return true;
    }

    /// <summary>A value in an indicator's unit (percent, seconds, count, score) read from a literal of the matching kind.</summary>
    private bool TryQuantity(SyntaxToken token, IndicatorUnit unit, Phrase what, Phrase examplePrefix, out decimal value)
    {
        value = 0;
        if (!IsPresent(token))
        {
            return false;
        }
        switch (unit)
        {
            case IndicatorUnit.Percent when token is { Kind: SyntaxKind.PercentLiteralToken, Value: decimal percent }:
                value = percent;
                return true;
            case IndicatorUnit.Percent:
                return TryPercent(token, what, $"'{examplePrefix}99.9%'", out value);
            case IndicatorUnit.Seconds when token is { Kind: SyntaxKind.DurationLiteralToken, Value: Duration literal }:
                value = DurationToSeconds(literal);
                return true;
            case IndicatorUnit.Seconds:
                if (TryDuration(token, what, $"'{examplePrefix}4h'", out var duration))
                {
                    value = DurationToSeconds(duration);
                    return true;
                }
                return false;
            default:
                if (token.Kind != SyntaxKind.NumberLiteralToken)
                {
                    Report(DiagnosticCatalog.UnitMismatch, token.Span, what,
                        unit == IndicatorUnit.Count ? "a whole number" : "a number (a score)", Describe(token),
                        unit == IndicatorUnit.Count ? $"'{examplePrefix}3'" : $"'{examplePrefix}4.2'");
                    return false;
                }
                if (token.Value is not decimal number)
                {
                    return false;
                }
                if (unit == IndicatorUnit.Count && decimal.Truncate(number) != number)
                {
                    Report(DiagnosticCatalog.CountNotWhole, token.Span, token.Text, $"'{examplePrefix}{decimal.Round(number, MidpointRounding.AwayFromZero)}'");
                    return false;
                }
                value = number;
                return true;
        }
    }

    private bool TryComparison(SyntaxToken token, out Comparison comparison)
    {
        comparison = default;
        switch (token.Kind)
        {
            case SyntaxKind.GreaterEqualsToken: comparison = Comparison.GreaterOrEqual; return true;
            case SyntaxKind.GreaterToken: comparison = Comparison.Greater; return true;
            case SyntaxKind.LessEqualsToken: comparison = Comparison.LessOrEqual; return true;
            case SyntaxKind.LessToken: comparison = Comparison.Less; return true;
        }
        if (IsPresent(token))
        {
            Report(DiagnosticCatalog.UnknownOption, token.Span, "comparison", token.Text, "; compare with >=, >, <= or <.");
        }
        return false;
    }

    /// <summary>Reads a <c>per</c>/<c>every</c> period; <paramref name="allowRolling"/> only for an objective's <c>per</c>.</summary>
    private PeriodSpec? BindPeriod(PeriodSyntax period, bool allowRolling, Phrase owner)
    {
        switch (period)
        {
            case NamedPeriodSyntax named:
                if (!IsPresent(named.Unit))
                {
                    return null;
                }
                PeriodUnit? unit = named.Unit.TextSpanChars switch
                {
                    "day" => PeriodUnit.Day,
                    "week" => PeriodUnit.Week,
                    "month" => PeriodUnit.Month,
                    "quarter" => PeriodUnit.Quarter,
                    "year" => PeriodUnit.Year,
                    _ => null,
                };
                if (unit is null)
                {
                    Report(DiagnosticCatalog.UnknownOption, named.Unit.Span, "period", named.Unit.Text,
                        NameSuggester.DidYouMean(named.Unit.Text, ["day", "week", "month", "quarter", "year"]) is { Length: > 0 } s
                            ? s : "; use day, week, month, quarter, year or N months.");
                    return null;
                }
                return new PeriodSpec(unit.Value);
            case CountedPeriodSyntax counted:
                if (!IsPresent(counted.Count) || !IsPresent(counted.Unit) || counted.Count.Value is not decimal count)
                {
                    return null;
                }
                if (counted.Unit.TextSpanChars is not ("months" or "month"))
                {
                    Report(DiagnosticCatalog.UnknownOption, counted.Unit.Span, "counted period", counted.Unit.Text,
                        "; only months can be counted: write e.g. '6 months', or use day, week, quarter or year.");
                    return null;
                }
                if (decimal.Truncate(count) != count)
                {
                    Report(DiagnosticCatalog.CountNotWhole, counted.Count.Span, counted.Count.Text, $"'{decimal.Round(count, MidpointRounding.AwayFromZero)} months'");
                    return null;
                }
                if (count <= 0 || count > 1200)
                {
                    Report(DiagnosticCatalog.ZeroQuantity, counted.Count.Span, "The number of months of a period");
                    return null;
                }
                return new PeriodSpec(PeriodUnit.Months, (int)count);
            case RollingPeriodSyntax rolling:
                if (!allowRolling)
                {
                    Report(DiagnosticCatalog.RollingNotAllowed, rolling.RollingKeyword.Span, owner);
                    return null;
                }
                if (!TryDuration(rolling.Length, "The length of a rolling window", "'per rolling 30d'", out var length))
                {
                    return null;
                }
                if (length <= Duration.Zero)
                {
                    Report(DiagnosticCatalog.ZeroQuantity, rolling.Length.Span, "The length of a rolling window");
                    return null;
                }
                return new PeriodSpec(PeriodUnit.Rolling, 1, length);
            case DurationPeriodSyntax duration:
                if (IsPresent(duration.Length))
                {
                    Report(DiagnosticCatalog.UnitMismatch, duration.Length.Span, $"The period of {owner}", "a calendar period", Describe(duration.Length),
                        allowRolling ? "'per month' or 'per rolling 30d'" : "'every month' or 'every 6 months'");
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>Reads a length such as <c>6 months</c> or <c>90d</c> (notice, assistance, overlap) as a calendar period.</summary>
    private NodaTime.Period? BindLength(PeriodSyntax period, string what)
    {
        switch (period)
        {
            case DurationPeriodSyntax { Length: var token } when IsPresent(token):
                if (!TryDuration(token, what, "'6 months' or '90d'", out var duration))
                {
                    return null;
                }
                return duration.BclCompatibleTicks % NodaConstants.TicksPerDay == 0
                    ? NodaTime.Period.FromDays((int)Math.Min(int.MaxValue, duration.BclCompatibleTicks / NodaConstants.TicksPerDay))
                    : NodaTime.Period.FromTicks(duration.BclCompatibleTicks);
            case RollingPeriodSyntax rolling:
                Report(DiagnosticCatalog.RollingNotAllowed, rolling.RollingKeyword.Span, what.ToLowerInvariant());
                return null;
            default:
                return BindPeriod(period, false, what.ToLowerInvariant()) switch
                {
                    { Unit: PeriodUnit.Day } => NodaTime.Period.FromDays(1),
                    { Unit: PeriodUnit.Week } => NodaTime.Period.FromWeeks(1),
                    { Unit: PeriodUnit.Month } => NodaTime.Period.FromMonths(1),
                    { Unit: PeriodUnit.Quarter } => NodaTime.Period.FromMonths(3),
                    { Unit: PeriodUnit.Year } => NodaTime.Period.FromYears(1),
                    { Unit: PeriodUnit.Months, Count: var n } => NodaTime.Period.FromMonths(n),
                    _ => null,
                };
        }
    }

    /// <summary>Approximate length in days of a period, to compare frequencies (a quarter is 91.31 days).</summary>
    internal static decimal ApproximateDays(PeriodSpec period) => period.ApproximateDays;
}
