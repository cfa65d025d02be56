using SlaLang.Runtime;
using System.Collections.Immutable;
using NodaTime;
using SlaLang.Analyzers;
using SlaLang.Diagnostics;
using SlaLang.Model;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Semantics;

// Pass 2, contract level: the header, parties, roles, calendars, severities; then the other blocks
// (Binder.Services.cs, Binder.Governance.cs); then the contract-wide rules.
internal sealed partial class Binder
{
    private string? _currency;
    private string? _underpins;
    private ContractProfile _profile = ContractProfile.Standard;

    /// <summary>
    /// The clauses met so far in the blocks being bound, innermost last: a block and its enclosing blocks only (blocks nest,
    /// and a block's clauses are all met while it is bound), so the lists are few and reused rather than one entry per
    /// clause of the whole contract.
    /// </summary>
    private readonly List<(SyntaxNode Block, List<(string Clause, TextSpan Span)> Seen)> _clauseFrames = [];
    private readonly Stack<List<(string Clause, TextSpan Span)>> _clauseListPool = new();

    /// <summary>Reports a clause given twice in one block; true when it is the first of its kind there.</summary>
    private bool FirstClause(SyntaxNode block, string clause, TextSpan span)
    {
        // Frames of blocks that do not enclose this one are finished (a sibling or a sibling's child).
        while (_clauseFrames.Count > 0 && !Encloses(_clauseFrames[^1].Block, block))
        {
            var finished = _clauseFrames[^1].Seen;
            finished.Clear();
            _clauseListPool.Push(finished);
            _clauseFrames.RemoveAt(_clauseFrames.Count - 1);
        }
        if (_clauseFrames.Count == 0 || !ReferenceEquals(_clauseFrames[^1].Block, block))
        {
            _clauseFrames.Add((block, _clauseListPool.Count > 0 ? _clauseListPool.Pop() : []));
        }
        var seen = _clauseFrames[^1].Seen;
        foreach (var (name, first) in seen)
        {
            if (string.Equals(name, clause, StringComparison.Ordinal))
            {
                Report(DiagnosticCatalog.DuplicateClause, span, clause, Position(first));
                return false;
            }
        }
        seen.Add((clause, span));
        return true;
    }

    /// <summary>Whether <paramref name="outer"/> is <paramref name="node"/> or one of its ancestors.</summary>
    private static bool Encloses(SyntaxNode outer, SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            if (ReferenceEquals(current, outer))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Binds the contract: its model as bound (<paramref name="complete"/> when the header has every value; otherwise the missing ones
    /// are placeholders that only the rules see, through <see cref="ModelSyntax"/>), or null when the contract has no name.
    /// </summary>
    private ContractModel? BindContract(ContractDeclarationSyntax contract, out bool complete)
    {
        var body = contract.Body.Statements;
        string? version = null;
        LocalDate? termStart = null, termEnd = null;
        string? timeZone = null;
        OutsourcingModel? outsourcing = null;

        // Header first: the currency checks every amount, wherever it is written.
        foreach (var statement in body)
        {
            switch (statement)
            {
                case VersionStatementSyntax v when FirstClause(contract, "version", v.VersionKeyword.Span):
                    version = RequireString(v.Value, "The version", "'version \"1.0.0\"'");
                    break;
                case TermStatementSyntax t when FirstClause(contract, "term", t.TermKeyword.Span):
                    if (TryDate(t.Start, "The start of the term", out var start) & TryDate(t.End, "The end of the term", out var end))
                    {
                        if (start.Year < MinTermYear || end.Year > MaxTermYear)
                        {
                            Report(DiagnosticCatalog.TermOutOfRange, TextSpan.FromBounds(t.Start.Span.Start, t.End.Span.End),
                                MinTermYear, MaxTermYear, LocalDatePattern(start), LocalDatePattern(end));
                            break;
                        }
                        termStart = start;
                        termEnd = end;
                        _modelSyntax.Term = t;
                    }
                    break;
                case TimezoneStatementSyntax z when FirstClause(contract, "timezone", z.TimezoneKeyword.Span):
                    timeZone = BindTimeZone(z.Value);
                    break;
                case CurrencyStatementSyntax c when FirstClause(contract, "currency", c.CurrencyKeyword.Span):
                    if (IsPresent(c.Code))
                    {
                        if (Currencies.IsKnown(c.Code.Text))
                        {
                            _currency = c.Code.Text;
                        }
                        else
                        {
                            Report(DiagnosticCatalog.UnknownCurrency, c.Code.Span, c.Code.Text);
                        }
                    }
                    break;
                case ModelStatementSyntax m when FirstClause(contract, "model", m.ModelKeyword.Span):
                    outsourcing = BindOption(m.Value, "sourcing model", new Dictionary<string, OutsourcingModel>
                    {
                        ["outtasking"] = OutsourcingModel.Outtasking,
                        ["cosourcing"] = OutsourcingModel.Cosourcing,
                        ["nearshore"] = OutsourcingModel.Nearshore,
                        ["offshore"] = OutsourcingModel.Offshore,
                        ["extended_inhouse"] = OutsourcingModel.ExtendedInhouse,
                    });
                    break;
                case UnderpinsStatementSyntax u when FirstClause(contract, "underpins", u.UnderpinsKeyword.Span):
                    _underpins = RequireString(u.Path, "The underpinned contract", "'underpins \"../sla/contract.sla\"'");
                    break;
                case ProfileStatementSyntax p when FirstClause(contract, "profile", p.ProfileKeyword.Span):
                    _modelSyntax.Profile = p.Value;
                    _profile = BindOption(p.Value, "profile", new Dictionary<string, ContractProfile>
                    {
                        ["standard"] = ContractProfile.Standard,
                        ["regulated"] = ContractProfile.Regulated,
                    }) ?? ContractProfile.Standard;
                    break;
            }
        }
        var nameSpan = contract.Identifier.Span;
        if (termStart is null && !body.OfType<TermStatementSyntax>().Any())
        {
            ReportMissingClause(contract.Body, nameSpan, $"Contract '{contract.Identifier.Text}'", "term", "term 2026-01-01 .. 2028-12-31");
        }
        if (!body.OfType<TimezoneStatementSyntax>().Any())
        {
            ReportMissingClause(contract.Body, nameSpan, $"Contract '{contract.Identifier.Text}'", "timezone", "timezone \"Europe/Paris\"");
        }
        if (!body.OfType<CurrencyStatementSyntax>().Any())
        {
            ReportMissingClause(contract.Body, nameSpan, $"Contract '{contract.Identifier.Text}'", "currency", "currency EUR");
        }

        var parts = BindMembers();
        complete = termStart is not null && termEnd is not null && timeZone is not null && _currency is not null;
        if (_contract is null)
        {
            return null;
        }
        return Assemble(_contract, version, termStart ?? default, termEnd ?? default, timeZone ?? "UTC", _currency ?? "XXX", outsourcing, _profile,
            parts, contract.ContractKeyword) with { Underpins = _underpins };
    }

    /// <summary>The draft of a library checked on its own: its parts, under a header no library has (the rules read parts only).</summary>
    private ContractModel LibraryDraft(Symbol library, ModelParts parts) =>
        Assemble(library, null, default, default, "UTC", "XXX", null, ContractProfile.Standard, parts, _rootFile.Tree.Root.Library!.LibraryKeyword);

    private ContractModel Assemble(Symbol unit, string? version, LocalDate termStart, LocalDate termEnd, string timeZone, string currency,
        OutsourcingModel? outsourcing, ContractProfile profile, ModelParts parts, SyntaxToken keyword) =>
        new(unit.Name, unit.Title, unit.Doc, version, termStart, termEnd, timeZone, currency, outsourcing, profile,
            parts.Parties.ToImmutable(), parts.Roles.ToImmutable(), parts.Calendars.ToImmutable(), parts.Severities.ToImmutable(),
            parts.Services.ToImmutable(), parts.Raci, parts.Escalations.ToImmutable(), parts.Committees.ToImmutable(), parts.Obligations.ToImmutable(),
            parts.Security, parts.Reversibility, parts.Transition, SourceLocationOf(keyword));

    /// <summary>The parts of the model every file of the unit declares (the header aside), merged in file order.</summary>
    private sealed class ModelParts
    {
        public ImmutableArray<PartyModel>.Builder Parties { get; } = ImmutableArray.CreateBuilder<PartyModel>();
        public ImmutableArray<RoleModel>.Builder Roles { get; } = ImmutableArray.CreateBuilder<RoleModel>();
        public ImmutableArray<CalendarModel>.Builder Calendars { get; } = ImmutableArray.CreateBuilder<CalendarModel>();
        public ImmutableArray<SeverityModel>.Builder Severities { get; } = ImmutableArray.CreateBuilder<SeverityModel>();
        public ImmutableArray<ServiceModel>.Builder Services { get; } = ImmutableArray.CreateBuilder<ServiceModel>();
        public ImmutableArray<EscalationModel>.Builder Escalations { get; } = ImmutableArray.CreateBuilder<EscalationModel>();
        public ImmutableArray<CommitteeModel>.Builder Committees { get; } = ImmutableArray.CreateBuilder<CommitteeModel>();
        public ImmutableArray<ObligationModel>.Builder Obligations { get; } = ImmutableArray.CreateBuilder<ObligationModel>();
        public List<RaciModel> RaciTables { get; } = [];
        public RaciModel? Raci { get; set; }
        public SecurityModel? Security { get; set; }
        public ReversibilityModel? Reversibility { get; set; }
        public TransitionModel? Transition { get; set; }
    }

    /// <summary>Where each block a unit holds at most once (security, reversibility, transition) was first given, in any file.</summary>
    private readonly Dictionary<string, (SymbolSource Source, TextSpan Span)> _singleBlocks = new(StringComparer.Ordinal);

    /// <summary>Reports a second <paramref name="block"/> of the unit (in any of its files); true for the first.</summary>
    private bool FirstBlock(string block, TextSpan span)
    {
        if (_singleBlocks.TryGetValue(block, out var first))
        {
            Report(DiagnosticCatalog.DuplicateClause, span, block, PositionIn(first.Source, first.Span));
            return false;
        }
        _singleBlocks[block] = (_source, span);
        return true;
    }

    /// <summary>Binds the members of every file's contract or library body, imported files first.</summary>
    private ModelParts BindMembers()
    {
        var parts = new ModelParts();
        foreach (var (file, body) in Bodies())
        {
            EnterFile(file);
            foreach (var statement in body)
            {
                BindMember(statement, parts);
            }
        }
        EnterFile(_rootFile);
        if (parts.Security is { } security)
        {
            foreach (var control in security.Controls)
            {
                parts.Obligations.Add(new ObligationModel("security." + control.Control, null, null, ObligationKind.SecurityControl,
                    null, control.Every, null, ContractModel.AlwaysCalendar, control.Location));
            }
        }
        parts.Raci = MergeRaci(parts.RaciTables);
        return parts;
    }

    /// <summary>Several RACI tables (in one file or several) as one matrix: the roles of all, in order met; an activity's cells
    /// under roles its table does not list are empty.</summary>
    private RaciModel? MergeRaci(List<RaciModel> tables)
    {
        if (tables.Count <= 1)
        {
            return tables.Count == 1 ? tables[0] : null;
        }
        var roles = tables.SelectMany(t => t.Roles).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var rows = ImmutableArray.CreateBuilder<RaciRowModel>();
        foreach (var table in tables)
        {
            foreach (var row in table.Rows)
            {
                var cells = roles.Select(role =>
                {
                    var index = table.Roles.IndexOf(role, 0, StringComparer.Ordinal);
                    return index >= 0 && index < row.Cells.Length ? row.Cells[index] : RaciFlags.None;
                });
                var merged = row with { Cells = [.. cells] };
                if (_modelSyntax.TryGet<RaciRowSyntax>(row, out var tree, out var syntax))
                {
                    _modelSyntax.Add(merged, tree, syntax);
                }
                rows.Add(merged);
            }
        }
        return new RaciModel(roles, rows.ToImmutable(), tables[0].Location);
    }

    private void BindMember(StatementSyntax statement, ModelParts parts)
    {
        switch (statement)
        {
            case VersionStatementSyntax or TermStatementSyntax or TimezoneStatementSyntax or CurrencyStatementSyntax
                or ModelStatementSyntax or ProfileStatementSyntax or UnderpinsStatementSyntax or EmptyStatementSyntax or UnknownStatementSyntax:
                break;
            case PartyDeclarationSyntax party:
                if (BindParty(party) is { } partyModel)
                {
                    parts.Parties.Add(partyModel);
                }
                break;
            case RoleDeclarationSyntax role:
                if (BindRole(role) is { } roleModel)
                {
                    parts.Roles.Add(roleModel);
                }
                break;
            case CalendarDeclarationSyntax calendar:
                if (BindCalendar(calendar) is { } calendarModel)
                {
                    parts.Calendars.Add(calendarModel);
                }
                break;
            case SeverityDeclarationSyntax severity:
                if (_declared.TryGetValue(severity, out var severitySymbol))
                {
                    parts.Severities.Add(new SeverityModel(severitySymbol.Name, severitySymbol.Title, parts.Severities.Count, severitySymbol.Doc, SourceLocationOf(severity.SeverityKeyword)));
                }
                break;
            case ServiceDeclarationSyntax service:
                if (BindService(service) is { } serviceModel)
                {
                    parts.Services.Add(serviceModel);
                }
                break;
            case RaciTableSyntax table:
                if (BindRaci(table) is { } raci)
                {
                    parts.RaciTables.Add(raci);
                }
                break;
            case EscalationDeclarationSyntax escalation:
                if (BindEscalation(escalation) is { } escalationModel)
                {
                    parts.Escalations.Add(escalationModel);
                }
                break;
            case GovernanceDeclarationSyntax governance:
                foreach (var committee in governance.Body.Statements.OfType<CommitteeDeclarationSyntax>())
                {
                    if (BindCommittee(committee) is { } committeeModel)
                    {
                        parts.Committees.Add(committeeModel);
                        parts.Obligations.Add(new ObligationModel(committeeModel.Name, committeeModel.Title, committeeModel.Doc, ObligationKind.Committee,
                            null, committeeModel.Every, null, ContractModel.AlwaysCalendar, committeeModel.Location));
                    }
                }
                break;
            case ObligationDeclarationSyntax obligation:
                if (BindObligation(obligation) is { } obligationModel)
                {
                    parts.Obligations.Add(obligationModel);
                }
                break;
            case SecurityDeclarationSyntax securityDeclaration:
                if (FirstBlock("security", securityDeclaration.SecurityKeyword.Span))
                {
                    parts.Security = BindSecurity(securityDeclaration);
                    Record(parts.Security, securityDeclaration);
                    _modelSyntax.Security = (_tree, securityDeclaration);
                }
                break;
            case ReversibilityDeclarationSyntax reversibilityDeclaration:
                if (FirstBlock("reversibility", reversibilityDeclaration.ReversibilityKeyword.Span))
                {
                    parts.Reversibility = Record(BindReversibility(reversibilityDeclaration), reversibilityDeclaration);
                }
                break;
            case TransitionDeclarationSyntax transitionDeclaration:
                if (FirstBlock("transition", transitionDeclaration.TransitionKeyword.Span))
                {
                    parts.Transition = Record(BindTransition(transitionDeclaration), transitionDeclaration);
                }
                break;
            default:
                break;
        }
    }

    /// <summary>The years a term may span: those of event timestamps, [SlaEvent.MinSupported, SlaEvent.MaxSupported), far from NodaTime's limits.</summary>
    private static readonly int MinTermYear = SlaLang.Runtime.SlaEvent.MinSupported.InUtc().Year,
        MaxTermYear = SlaLang.Runtime.SlaEvent.MaxSupported.InUtc().Year - 1;

    private static string LocalDatePattern(LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);

    private string? BindTimeZone(SyntaxToken token)
    {
        if (!IsPresent(token))
        {
            return null;
        }
        if (token.Kind != SyntaxKind.StringLiteralToken)
        {
            Report(DiagnosticCatalog.UnitMismatch, token.Span, "The time zone", "a string", Describe(token), "'timezone \"Europe/Paris\"'");
            return null;
        }
        var id = token.Value as string ?? "";
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null)
        {
            return id;
        }
        var suggestion = NameSuggester.Suggest(id, DateTimeZoneProviders.Tzdb.Ids);
        Report(DiagnosticCatalog.UnknownTimeZone, token.Span, id,
            suggestion is not null ? $"; did you mean '{suggestion}'?" : "; use an IANA id such as \"Europe/Paris\" or \"America/New_York\".");
        return null;
    }

    private T? BindOption<T>(SyntaxToken token, string what, Dictionary<string, T> options)
        where T : struct
    {
        if (!IsPresent(token))
        {
            return null;
        }
        if (options.TryGetValue(token.Text, out var value))
        {
            return value;
        }
        var suggestion = NameSuggester.Suggest(token.Text, options.Keys);
        Report(DiagnosticCatalog.UnknownOption, token.Span, what, token.Text,
            suggestion is not null ? $"; did you mean '{suggestion}'?" : $"; use one of {string.Join(", ", options.Keys)}.");
        return null;
    }

    private PartyModel? BindParty(PartyDeclarationSyntax party)
    {
        var kind = ParsePartyKind(party.KindKeyword.Text);
        if (kind is null && IsPresent(party.KindKeyword))
        {
            BindOption(party.KindKeyword, "party kind", new Dictionary<string, PartyKind>
            {
                ["client"] = PartyKind.Client,
                ["provider"] = PartyKind.Provider,
                ["subcontractor"] = PartyKind.Subcontractor,
            });
        }
        PartySymbol? of = null;
        if (party.Of is { } ofClause)
        {
            of = Resolve<PartySymbol>(ofClause.Name.Identifier, SymbolKind.Party, _contractScope);
            if (kind is PartyKind.Client or PartyKind.Provider)
            {
                Report(DiagnosticCatalog.PartyOfMisuse, ofClause.Span,
                    $"A {party.KindKeyword.Text} is not 'of' another party; only a subcontractor names the provider it works for, so remove '{ofClause.OfKeyword.Text} {ofClause.Name.Identifier.Text}'.");
            }
        }
        else if (kind == PartyKind.Subcontractor && IsPresent(party.Identifier) && party.Skipped is null)
        {
            Report(DiagnosticCatalog.PartyOfMisuse, party.Identifier.Span,
                $"Subcontractor '{party.Identifier.Text}' must name the provider it works for; write 'party {party.Identifier.Text} subcontractor of <provider>'.");
        }
        if (!_declared.TryGetValue(party, out var symbol) || symbol is not PartySymbol partySymbol)
        {
            return null;
        }
        partySymbol.OfParty = of;
        partySymbol.SetDetail((kind, of, party.KindKeyword), static s =>
            s.kind == PartyKind.Subcontractor && s.of is not null ? $"subcontractor of {s.of.Name}" : s.KindKeyword.Text);
        return kind is null ? null : Record(new PartyModel(partySymbol.Name, kind.Value, of?.Name, partySymbol.Title, partySymbol.Doc, SourceLocationOf(party.PartyKeyword)), party);
    }

    private RoleModel? BindRole(RoleDeclarationSyntax role)
    {
        // `role X off P`: the parser reported the missing 'of'; 'off' is no party to look up.
        var party = role.Of.OfKeyword.IsMissing ? null : Resolve<PartySymbol>(role.Of.Name.Identifier, SymbolKind.Party, _contractScope);
        if (!_declared.TryGetValue(role, out var symbol) || symbol is not RoleSymbol roleSymbol)
        {
            return null;
        }
        roleSymbol.Party = party;
        if (party is not null)
        {
            roleSymbol.SetDetail(party, static p => $"of {p.Name}");
        }
        return party is null ? null : new RoleModel(roleSymbol.Name, party.Name, roleSymbol.Title, roleSymbol.Doc, SourceLocationOf(role.RoleKeyword));
    }

    /// <summary><c>08:00-18:00</c>, as written.</summary>
    private static string HoursRange(HoursStatementSyntax hours) => $"{hours.StartTime.Text}-{hours.EndTime.Text}";

    private CalendarModel? BindCalendar(CalendarDeclarationSyntax calendar)
    {
        var hours = ImmutableArray.CreateBuilder<WeeklyHoursModel>();
        var holidays = ImmutableArray.CreateBuilder<LocalDate>();
        foreach (var statement in calendar.Body.Statements)
        {
            switch (statement)
            {
                case HoursStatementSyntax h:
                    var days = ReadDaySet(h.Days);
                    if (days is null || !IsPresent(h.StartTime) || !IsPresent(h.EndTime)
                        || h.StartTime.Value is not Duration open || h.EndTime.Value is not Duration close)
                    {
                        if (IsPresent(h.StartTime) && h.StartTime.Kind != SyntaxKind.TimeLiteralToken)
                        {
                            Report(DiagnosticCatalog.UnitMismatch, h.StartTime.Span, "Open hours", "a time range", Describe(h.StartTime), "'hours mon-fri 08:00-18:00'");
                        }
                        break;
                    }
                    if (close <= open)
                    {
                        Report(DiagnosticCatalog.EmptyHours, TextSpan.FromBounds(h.StartTime.Span.Start, h.EndTime.Span.End), h.StartTime.Text, h.EndTime.Text);
                        break;
                    }
                    foreach (var day in days.Value.Days)
                    {
                        hours.Add(Record(new WeeklyHoursModel(day, open, close), h));
                    }
                    break;
                case HolidaysStatementSyntax holidaysStatement:
                    foreach (var date in holidaysStatement.Dates)
                    {
                        if (TryDate(date, "A holiday", out var holiday))
                        {
                            holidays.Add(holiday);
                        }
                    }
                    break;
                case EmptyStatementSyntax or UnknownStatementSyntax:
                    break;
                default:
                    break;
            }
        }
        if (!_declared.TryGetValue(calendar, out var symbol))
        {
            return null;
        }
        var ordered = hours.OrderBy(h => h.Day).ThenBy(h => h.Start).ToImmutableArray();
        var distinctHolidays = holidays.Distinct().Order().ToImmutableArray();
        symbol.SetDetail((calendar, distinctHolidays.Length), static s =>
        {
            var hoursText = s.calendar.Body.Statements.OfType<HoursStatementSyntax>().Select(h => $"{h.Days.Text} {HoursRange(h)}").ToList();
            return (hoursText.Count, s.Length) switch
            {
                (0, _) => "(never open)",
                (_, 0) => $"({string.Join(", ", hoursText)})",
                (_, 1) => $"({string.Join(", ", hoursText)}; 1 holiday)",
                _ => $"({string.Join(", ", hoursText)}; {s.Length} holidays)",
            };
        });
        return Record(new CalendarModel(symbol.Name, false, ordered, distinctHolidays, symbol.Doc, SourceLocationOf(calendar.CalendarKeyword)), calendar);
    }

    private static readonly Dictionary<string, IsoDayOfWeek> DayNames = new(StringComparer.Ordinal)
    {
        ["mon"] = IsoDayOfWeek.Monday, ["tue"] = IsoDayOfWeek.Tuesday, ["wed"] = IsoDayOfWeek.Wednesday, ["thu"] = IsoDayOfWeek.Thursday,
        ["fri"] = IsoDayOfWeek.Friday, ["sat"] = IsoDayOfWeek.Saturday, ["sun"] = IsoDayOfWeek.Sunday,
    };

    private Parsing.Literals.DaySet? ReadDaySet(SyntaxToken token)
    {
        if (!IsPresent(token))
        {
            return null;
        }
        if (token.Value is Parsing.Literals.DaySet set)
        {
            return set;
        }
        if (token.Kind == SyntaxKind.IdentifierToken && TryLookup(DayNames, token, out var day))
        {
            return Parsing.Literals.DaySet.Of(day);
        }
        if (token.Kind == SyntaxKind.IdentifierToken)
        {
            Report(DiagnosticCatalog.UnknownOption, token.Span, "day", token.Text,
                NameSuggester.DidYouMean(token.Text, DayNames.Keys) is { Length: > 0 } s ? s : "; use mon, tue, wed, thu, fri, sat, sun or a range such as mon-fri.");
        }
        else if (token.Kind != SyntaxKind.DaySetLiteralToken)
        {
            Report(DiagnosticCatalog.UnitMismatch, token.Span, "The days of open hours", "a day set", Describe(token), "'hours mon-fri 08:00-18:00'");
        }
        return null;
    }
}
