using SlaLang.Diagnostics;
using SlaLang.Model;
using SlaLang.Runtime;
using SlaLang.Text;

namespace SlaLang.Semantics;

/// <summary>What a declared name is.</summary>
public enum SymbolKind
{
    /// <summary>The <c>contract</c> itself.</summary>
    Contract,
    /// <summary>A <c>party</c>.</summary>
    Party,
    /// <summary>A <c>role</c> of a party.</summary>
    Role,
    /// <summary>A <c>calendar</c>, including the built-in <c>always</c>.</summary>
    Calendar,
    /// <summary>A <c>severity</c>.</summary>
    Severity,
    /// <summary>A <c>service</c>.</summary>
    Service,
    /// <summary>An <c>objective</c> of a service.</summary>
    Objective,
    /// <summary>A <c>penalty</c> of a service.</summary>
    Penalty,
    /// <summary>An activity (row) of the RACI matrix.</summary>
    RaciActivity,
    /// <summary>An <c>escalation</c>.</summary>
    Escalation,
    /// <summary>A governance <c>committee</c>.</summary>
    Committee,
    /// <summary>An <c>obligation</c>.</summary>
    Obligation,
    /// <summary>A transition <c>phase</c>.</summary>
    TransitionPhase,
    /// <summary>A <c>library</c>: declarations a contract imports (LANGUAGE.md §8).</summary>
    Library,
}

/// <summary>
/// A declared name: what it is, where it is declared (whole declaration and name), its <c>///</c> doc, its title string and its
/// container (the service of an objective or penalty, the contract of everything else). Built-in symbols (<c>always</c>) have no location.
/// </summary>
public class Symbol
{
    private readonly SymbolSource? _source;
    private readonly TextSpan _declarationSpan;
    private readonly TextSpan _nameSpan;

    internal Symbol(SymbolKind kind, string name, Symbol? container, string? title, string? doc, SymbolSite? site)
    {
        Kind = kind;
        Name = name;
        Container = container;
        Title = title;
        Doc = doc;
        if (site is { } s)
        {
            _source = s.Source;
            _declarationSpan = s.Declaration;
            _nameSpan = s.Name;
        }
    }

    /// <summary>The declared identifier.</summary>
    public string Name { get; }

    /// <summary>What the name declares.</summary>
    public SymbolKind Kind { get; }

    /// <summary>The enclosing symbol: the service of an objective or penalty, the contract of other declarations, null for the contract.</summary>
    public Symbol? Container { get; }

    /// <summary>The title string of the declaration (<c>party Infogen provider "Infogen Services"</c>), or null.</summary>
    public string? Title { get; }

    /// <summary>The text of the <c>///</c> comments before the declaration (lines joined with <c>\n</c>), or null.</summary>
    public string? Doc { get; }

    /// <summary>The whole declaration, or null for a built-in symbol.</summary>
    public Location? DeclarationLocation => _source is null ? null : new Location(_source.Path, _source.Text, _declarationSpan);

    /// <summary>The declared name, or null for a built-in symbol.</summary>
    public Location? NameLocation => _source is null ? null : new Location(_source.Path, _source.Text, _nameSpan);

    /// <summary>The span of the whole declaration (empty for a built-in symbol).</summary>
    public TextSpan DeclarationSpan => _declarationSpan;

    /// <summary>The span of the declared name (empty for a built-in symbol).</summary>
    public TextSpan NameSpan => _nameSpan;

    /// <summary>The file declaring the symbol (null for a built-in symbol).</summary>
    internal SymbolSource? Source => _source;

    /// <summary>Whether the language declares it (<c>always</c>), not the contract.</summary>
    public bool IsBuiltIn => _source is null;

    /// <summary>The names of the scope the binder declared this symbol in (null for a built-in symbol): where a second declaration of a name clashes.</summary>
    internal IReadOnlyDictionary<string, Symbol>? Scope { get; set; }

    /// <summary>The name qualified by its service for objectives and penalties (<c>Monitoring.Availability</c>).</summary>
    public string QualifiedName => Container is { Kind: SymbolKind.Service } service ? $"{service.Name}.{Name}" : Name;

    /// <summary>The keyword naming this kind in messages and hovers (<c>role</c>, <c>RACI activity</c>).</summary>
    public string KindDisplay => KindWord(Kind);

    /// <summary>More about the declaration for hovers, e.g. <c>of Infogen</c> for a role or <c>availability &gt;= 99.93% per month</c> for an objective.</summary>
    /// <remarks>Written out the first time it is read: binding a contract records what the text is made of, and only the
    /// symbols an editor hovers pay for the string.</remarks>
    public string? Detail
    {
        get
        {
            var detail = Volatile.Read(ref _detail);
            if (detail is DeferredDetail deferred)
            {
                var text = deferred.Format();
                Volatile.Write(ref _detail, text);
                return text;
            }
            return (string?)detail;
        }
        internal set => _detail = value;
    }

    private object? _detail;

    /// <summary>Sets <see cref="Detail"/> to <paramref name="format"/> of <paramref name="state"/>, computed when first read.</summary>
    internal void SetDetail<TState>(TState state, Func<TState, string?> format) => _detail = new DeferredDetail<TState>(state, format);

    private abstract class DeferredDetail
    {
        public abstract string? Format();
    }

    private sealed class DeferredDetail<TState>(TState state, Func<TState, string?> format) : DeferredDetail
    {
        public override string? Format() => format(state);
    }

    /// <summary>A one-line signature for hovers: <c>role ServiceManager of Infogen "Service manager"</c>.</summary>
    public string ToDisplayString()
    {
        var text = $"{KindDisplay} {QualifiedName}";
        if (Detail is not null)
        {
            text += " " + Detail;
        }
        if (Title is not null)
        {
            text += $" \"{Title}\"";
        }
        return text;
    }

    /// <inheritdoc/>
    public override string ToString() => ToDisplayString();

    /// <summary>The word for <paramref name="kind"/> in messages.</summary>
    public static string KindWord(SymbolKind kind) => kind switch
    {
        SymbolKind.RaciActivity => "RACI activity",
        SymbolKind.TransitionPhase => "transition phase",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The word for <paramref name="kind"/> with its indefinite article: "a role", "an objective".</summary>
    public static string KindWordWithArticle(SymbolKind kind)
    {
        var word = KindWord(kind);
        return (word[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " : "a ") + word;
    }
}

/// <summary>A party, with its kind and the party it works for (subcontractors).</summary>
public sealed class PartySymbol : Symbol
{
    internal PartySymbol(string name, PartyKind partyKind, Symbol container, string? title, string? doc, SymbolSite site)
        : base(SymbolKind.Party, name, container, title, doc, site)
    {
        PartyKind = partyKind;
    }

    /// <summary>Client, provider or subcontractor.</summary>
    public PartyKind PartyKind { get; }

    /// <summary>The party named after <c>of</c>, when it resolves.</summary>
    public PartySymbol? OfParty { get; internal set; }
}

/// <summary>A role, with the party holding it.</summary>
public sealed class RoleSymbol : Symbol
{
    internal RoleSymbol(string name, Symbol container, string? title, string? doc, SymbolSite site)
        : base(SymbolKind.Role, name, container, title, doc, site)
    {
    }

    /// <summary>The party named after <c>of</c>, when it resolves.</summary>
    public PartySymbol? Party { get; internal set; }
}

/// <summary>A calendar; <see cref="HasOpenHours"/> is false for one that never opens.</summary>
public sealed class CalendarSymbol : Symbol
{
    internal CalendarSymbol(string name, Symbol? container, string? title, string? doc, SymbolSite? site)
        : base(SymbolKind.Calendar, name, container, title, doc, site)
    {
    }

    /// <summary>Whether the calendar has open hours on some weekday (always true for <c>always</c>).</summary>
    public bool HasOpenHours { get; internal set; } = true;
}

/// <summary>An objective, with its indicator once bound.</summary>
public sealed class ObjectiveSymbol : Symbol
{
    internal ObjectiveSymbol(string name, Symbol service, string? title, string? doc, SymbolSite site)
        : base(SymbolKind.Objective, name, service, title, doc, site)
    {
    }

    /// <summary>The indicator measured, when it is a known one.</summary>
    public IndicatorKind? Indicator { get; internal set; }

    /// <summary>The delay of <c>resolved_within(D)</c> or <c>responded_within(D)</c>, when bound.</summary>
    public NodaTime.Duration? Delay { get; internal set; }

    /// <summary>The period of <c>per</c>, when bound.</summary>
    public PeriodSpec? Period { get; internal set; }

    /// <summary>The period unit of <c>per</c>, when bound.</summary>
    public PeriodUnit? PeriodUnit => Period?.Unit;

    /// <summary>The calendar of <c>during</c> (<c>always</c> when there is none, or it does not resolve).</summary>
    public string Calendar { get; internal set; } = ContractModel.AlwaysCalendar;

    /// <summary>Whether the objective says <c>exclude maintenance</c>.</summary>
    public bool ExcludesMaintenance { get; internal set; }

    /// <summary>The comparison of <c>target</c>, when bound (a penalty checks its tiers point toward a breach).</summary>
    internal Comparison? TargetComparison { get; set; }

    /// <summary>The value of <c>target</c> in the indicator's unit, when bound.</summary>
    internal decimal? TargetValue { get; set; }
}

/// <summary>A service, with its fee once bound.</summary>
public sealed class ServiceSymbol : Symbol
{
    internal ServiceSymbol(string name, Symbol? contract, string? title, string? doc, SymbolSite site)
        : base(SymbolKind.Service, name, contract, title, doc, site)
    {
    }

    /// <summary>The service fee, when it bound.</summary>
    public FeeModel? Fee { get; internal set; }
}

/// <summary>A penalty, with the objective it applies to once resolved.</summary>
public sealed class PenaltySymbol : Symbol
{
    internal PenaltySymbol(string name, Symbol? service, string? doc, SymbolSite site)
        : base(SymbolKind.Penalty, name, service, null, doc, site)
    {
    }

    /// <summary>The objective named after <c>on</c>, when it resolves.</summary>
    public ObjectiveSymbol? Objective { get; internal set; }
}

/// <summary>The file the binder's symbols are declared in: one per bound tree, shared by its symbols.</summary>
internal sealed record SymbolSource(string Path, SourceText Text);

/// <summary>Where a symbol is declared: its file, the whole declaration and the name.</summary>
internal readonly record struct SymbolSite(SymbolSource Source, TextSpan Declaration, TextSpan Name);
