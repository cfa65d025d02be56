using System.Collections.Immutable;
using NodaTime;
using SlaLang.Analyzers;
using SlaLang.Diagnostics;
using SlaLang.Model;
using SlaLang.Runtime;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Semantics;

// Pass 2, governance and the other blocks: RACI, escalations, committees, obligations, security, reversibility, transition.
internal sealed partial class Binder
{
    private RaciModel? BindRaci(RaciTableSyntax table)
    {
        RaciHeaderSyntax? header = null;
        var roles = ImmutableArray.CreateBuilder<string>();
        var ok = true;
        foreach (var statement in table.Rows)
        {
            if (statement is RaciHeaderSyntax h)
            {
                if (!FirstClause(table, "roles", h.RolesKeyword.Span))
                {
                    continue;
                }
                header = h;
                foreach (var role in h.Roles)
                {
                    if (Resolve<RoleSymbol>(role.Identifier, SymbolKind.Role, _contractScope) is { } symbol)
                    {
                        roles.Add(symbol.Name);
                    }
                    else
                    {
                        // Reported; the column keeps its place (and the name written) so that the rows' cells stay under their roles.
                        roles.Add(role.Identifier.Text);
                    }
                }
            }
        }
        if (header is null)
        {
            ReportMissingClause(table.OpenBrace, table.RaciKeyword.Span, "The RACI table", "roles", "roles ITDirector ServiceManager");
            return null;
        }
        var width = header.Roles.Count;
        var rows = ImmutableArray.CreateBuilder<RaciRowModel>();
        foreach (var row in table.Rows.OfType<RaciRowSyntax>())
        {
            var activity = new Phrase(row.Activity);
            var at = IsPresent(row.Activity) ? row.Activity.Span : row.Span;
            var cells = ImmutableArray.CreateBuilder<RaciFlags>();
            var rowOk = true;
            foreach (var cell in row.Cells)
            {
                if (ParseRaciCell(cell.Value) is { } flags)
                {
                    cells.Add(flags);
                }
                else
                {
                    rowOk = false;
                    cells.Add(RaciFlags.None);
                }
            }
            ok &= rowOk;
            // The model keeps exactly one cell per role, whatever a (configured-down) width rule let through.
            while (cells.Count < width)
            {
                cells.Add(RaciFlags.None);
            }
            if (_declared.TryGetValue(row, out var activitySymbol))
            {
                var rowCells = cells.Count == width ? cells.ToImmutable() : cells.Take(width).ToImmutableArray();
                activitySymbol.SetDetail((rowCells, header), static s => RaciDetail(s.rowCells, s.header));
                // A row with a cell that is no RACI letter (reported) is left out: its roles are not known.
                if (rowOk)
                {
                    rows.Add(Record(new RaciRowModel(activitySymbol.Name, StringValue(row.Title), rowCells, SourceLocationOf(row.Activity)), row));
                }
            }
            if (!rowOk || !_declared.ContainsKey(row))
            {
                _modelSyntax.RaciRowsWithErrors.Add(row);
            }
        }
        // Kept when a role or cell is wrong (reported, so the contract has no model): the rules check the rows that bound.
        _ = ok;
        _modelSyntax.RaciTables.Add((_tree, table));
        return new RaciModel(roles.ToImmutable(), rows.ToImmutable(), SourceLocationOf(table.RaciKeyword));
    }

    /// <summary><c>(A: ITDirector; R: ServiceManager; I: PlantManager)</c> for hovers.</summary>
    private static string RaciDetail(IReadOnlyList<RaciFlags> cells, RaciHeaderSyntax header)
    {
        var parts = new List<string>();
        foreach (var (flag, letter) in new[] { (RaciFlags.Accountable, 'A'), (RaciFlags.Responsible, 'R'), (RaciFlags.Consulted, 'C'), (RaciFlags.Informed, 'I') })
        {
            var roles = cells.Select((c, i) => (c, i)).Where(p => p.c.HasFlag(flag) && p.i < header.Roles.Count).Select(p => header.Roles[p.i].Identifier.Text).ToList();
            if (roles.Count > 0)
            {
                parts.Add($"{letter}: {string.Join(", ", roles)}");
            }
        }
        return $"({string.Join("; ", parts)})";
    }

    private RaciFlags? ParseRaciCell(SyntaxToken token)
    {
        if (!IsPresent(token))
        {
            return null;
        }
        if (Is(token, "-"))
        {
            return RaciFlags.None;
        }
        var flags = RaciFlags.None;
        foreach (var letter in token.TextSpanChars)
        {
            var flag = letter switch
            {
                'R' => RaciFlags.Responsible,
                'A' => RaciFlags.Accountable,
                'C' => RaciFlags.Consulted,
                'I' => RaciFlags.Informed,
                _ => RaciFlags.None,
            };
            if (flag == RaciFlags.None || flags.HasFlag(flag))
            {
                return null; // reported by the parser (SLA1018)
            }
            flags |= flag;
        }
        return flags;
    }

    private EscalationModel? BindEscalation(EscalationDeclarationSyntax escalation)
    {
        var name = new Phrase(escalation.Identifier);
        var ok = true;
        FilterModel? where = null;
        if (escalation.Filter?.Where is { } whereClause)
        {
            where = BindFilter(whereClause.Condition, new Phrase("Escalation '{0}'", escalation.Identifier), null);
            ok &= where is not null;
        }
        var calendar = ContractModel.AlwaysCalendar;
        var levels = ImmutableArray.CreateBuilder<EscalationLevelModel>();
        foreach (var statement in escalation.Body.Statements)
        {
            switch (statement)
            {
                case DuringClauseSyntax during:
                    if (FirstClause(escalation, "during", during.DuringKeyword.Span))
                    {
                        var resolved = BindDuring(during);
                        ok &= resolved is not null;
                        calendar = resolved?.Name ?? calendar;
                    }
                    break;
                case EscalationLevelSyntax level:
                    var notify = ImmutableArray.CreateBuilder<string>();
                    foreach (var recipient in level.Recipients)
                    {
                        // `after 1h notifyy R`: the parser reported the missing 'notify'; 'notifyy' is no role to look up.
                        if (!level.NotifyKeyword.IsMissing && Resolve<RoleSymbol>(recipient.Identifier, SymbolKind.Role, _contractScope) is { } role)
                        {
                            notify.Add(role.Name);
                        }
                        else
                        {
                            ok = false;
                        }
                    }
                    if (!TryDuration(level.Delay, "The delay of an escalation level", "'after 30min notify ServiceManager'", out var after))
                    {
                        ok = false;
                        break;
                    }
                    levels.Add(Record(new EscalationLevelModel(levels.Count + 1, after, notify.ToImmutable(), SourceLocationOf(level.AfterKeyword)), level));
                    break;
                case EmptyStatementSyntax or UnknownStatementSyntax:
                    break;
                default:
                    break;
            }
        }
        if (!escalation.Body.Statements.OfType<EscalationLevelSyntax>().Any() && IsPresent(escalation.Identifier))
        {
            ReportMissingClause(escalation.Body, escalation.Identifier.Span, new Phrase("Escalation '{0}'", escalation.Identifier), "after", "after 30min notify ServiceManager");
            ok = false;
        }
        if (_declared.TryGetValue(escalation, out var escalationSymbol))
        {
            escalationSymbol.SetDetail((escalation, levels.Count, calendar, _text), static s =>
            {
                var filter = s.escalation.Filter?.Where is { } w ? $"for incidents where {s._text.ToString(w.Condition.Span)} " : "";
                return $"{filter}({Count(s.Count, "level")} during {s.calendar})";
            });
        }
        if (!ok || !_declared.TryGetValue(escalation, out var symbol))
        {
            return null;
        }
        return Record(new EscalationModel(symbol.Name, symbol.Doc, where, calendar, levels.ToImmutable(), SourceLocationOf(escalation.EscalationKeyword)), escalation);
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private CommitteeModel? BindCommittee(CommitteeDeclarationSyntax committee)
    {
        var name = committee.Identifier.Text;
        PeriodSpec? every = null;
        string? chair = null;
        var members = ImmutableArray.CreateBuilder<string>();
        var ok = true;
        foreach (var statement in committee.Body.Statements)
        {
            switch (statement)
            {
                case EveryClauseSyntax e when FirstClause(committee, "every", e.EveryKeyword.Span):
                    every = BindPeriod(e.Period, false, new Phrase("committee '{0}'", committee.Identifier));
                    ok &= every is not null;
                    break;
                case ChairClauseSyntax c when FirstClause(committee, "chair", c.ChairKeyword.Span):
                    chair = Resolve<RoleSymbol>(c.Role.Identifier, SymbolKind.Role, _contractScope)?.Name;
                    ok &= chair is not null;
                    break;
                case MembersClauseSyntax m:
                    foreach (var member in m.Members)
                    {
                        if (Resolve<RoleSymbol>(member.Identifier, SymbolKind.Role, _contractScope) is { } role)
                        {
                            members.Add(role.Name);
                        }
                        else
                        {
                            ok = false;
                        }
                    }
                    break;
                case EveryClauseSyntax or ChairClauseSyntax or EmptyStatementSyntax or UnknownStatementSyntax:
                    break;
                default:
                    break;
            }
        }
        if (!committee.Body.Statements.OfType<EveryClauseSyntax>().Any() && IsPresent(committee.Identifier))
        {
            ReportMissingClause(committee.Body, committee.Identifier.Span, $"Committee '{name}'", "every", "every month");
            ok = false;
        }
        if (!ok || every is null || !_declared.TryGetValue(committee, out var symbol))
        {
            return null;
        }
        symbol.SetDetail(every, static e => $"every {e}");
        return new CommitteeModel(symbol.Name, symbol.Title, symbol.Doc, every, chair, members.ToImmutable(), SourceLocationOf(committee.CommitteeKeyword));
    }

    private ObligationModel? BindObligation(ObligationDeclarationSyntax obligation)
    {
        var name = new Phrase(obligation.Identifier);
        PeriodSpec? every = null;
        string? by = null;
        DueOffsetModel? due = null;
        var calendar = ContractModel.AlwaysCalendar;
        var ok = true;
        foreach (var statement in obligation.Body.Statements)
        {
            switch (statement)
            {
                case EveryClauseSyntax e when FirstClause(obligation, "every", e.EveryKeyword.Span):
                    every = BindPeriod(e.Period, false, new Phrase("obligation '{0}'", obligation.Identifier));
                    ok &= every is not null;
                    break;
                case ByClauseSyntax b when FirstClause(obligation, "by", b.ByKeyword.Span):
                    by = Resolve<PartySymbol>(b.Party.Identifier, SymbolKind.Party, _contractScope)?.Name;
                    ok &= by is not null;
                    break;
                case DueClauseSyntax d when FirstClause(obligation, "due", d.DueKeyword.Span):
                    due = BindDue(d);
                    ok &= due is not null;
                    break;
                case DuringClauseSyntax d when FirstClause(obligation, "during", d.DuringKeyword.Span):
                    var resolved = BindDuring(d);
                    ok &= resolved is not null;
                    calendar = resolved?.Name ?? calendar;
                    break;
                case EveryClauseSyntax or ByClauseSyntax or DueClauseSyntax or DuringClauseSyntax or EmptyStatementSyntax or UnknownStatementSyntax:
                    break;
                default:
                    break;
            }
        }
        if (!obligation.Body.Statements.OfType<EveryClauseSyntax>().Any() && IsPresent(obligation.Identifier))
        {
            ReportMissingClause(obligation.Body, obligation.Identifier.Span, new Phrase("Obligation '{0}'", obligation.Identifier), "every", "every month");
            ok = false;
        }
        if (!ok || every is null || !_declared.TryGetValue(obligation, out var symbol))
        {
            return null;
        }
        symbol.SetDetail((by, every), static s => s.by is null ? $"every {s.every}" : $"by {s.by} every {s.every}");
        return Record(new ObligationModel(symbol.Name, symbol.Title, symbol.Doc, ObligationKind.Obligation, by, every, due, calendar,
            SourceLocationOf(obligation.ObligationKeyword)), obligation);
    }

    private DueOffsetModel? BindDue(DueClauseSyntax due)
    {
        var delay = due.Delay;
        if (!IsPresent(delay))
        {
            return null;
        }
        switch (delay.Kind)
        {
            case SyntaxKind.WorkingDaysLiteralToken when delay.Value is int days:
                if (days <= 0)
                {
                    Report(DiagnosticCatalog.ZeroQuantity, delay.Span, "A number of working days");
                    return null;
                }
                return new DueOffsetModel(null, days);
            case SyntaxKind.DurationLiteralToken when delay.Value is Duration duration:
                return new DueOffsetModel(duration, null);
            case SyntaxKind.WorkingDaysLiteralToken or SyntaxKind.DurationLiteralToken:
                return null;
            default:
                Report(DiagnosticCatalog.UnitMismatch, delay.Span, "A due delay", "a duration or a number of working days", Describe(delay), "'due 5bd after period end'");
                return null;
        }
    }

    private SecurityModel? BindSecurity(SecurityDeclarationSyntax security)
    {
        bool atRest = false, inTransit = false, immutable = false, edr = false;
        Duration? retention = null;
        string? residency = null;
        var controls = ImmutableArray.CreateBuilder<SecurityControlModel>();
        var ok = true;
        foreach (var statement in security.Body.Statements)
        {
            switch (statement)
            {
                case EncryptionControlSyntax encryption:
                    foreach (var scope in encryption.Scopes)
                    {
                        switch (IsPresent(scope) ? scope.Text : null)
                        {
                            case null: break;
                            case "at_rest": atRest = true; break;
                            case "in_transit": inTransit = true; break;
                            default:
                                var suggestion = NameSuggester.Suggest(scope.Text, ["at_rest", "in_transit"]);
                                Report(DiagnosticCatalog.UnknownOption, scope.Span, "encryption scope", scope.Text,
                                    suggestion is not null ? $"; did you mean '{suggestion}'?" : "; use at_rest, in_transit.");
                                ok = false;
                                break;
                        }
                    }
                    break;
                case BackupsControlSyntax backups when FirstClause(security, "backups", backups.BackupsKeyword.Span):
                    immutable = backups.ImmutableKeyword is not null;
                    if (backups.Retention is { } retentionToken)
                    {
                        if (TryDuration(retentionToken, "A backup retention", "'retention 90d'", out var r))
                        {
                            retention = r;
                        }
                        else
                        {
                            ok = false;
                        }
                    }
                    break;
                case RecoveryTestControlSyntax recovery:
                {
                    var every = BindPeriod(recovery.Period, false, "recovery tests");
                    Duration? rto = null, rpo = null;
                    if (recovery.Rto is { } rtoToken)
                    {
                        ok &= TryDuration(rtoToken, "An RTO", "'rto 4h'", out var value);
                        rto = value;
                    }
                    if (recovery.Rpo is { } rpoToken)
                    {
                        ok &= TryDuration(rpoToken, "An RPO", "'rpo 15min'", out var value);
                        rpo = value;
                    }
                    AddControl(controls, "recovery_test", every, rto, rpo, recovery.RecoveryTestKeyword, recovery.Period);
                    ok &= every is not null;
                    break;
                }
                case AuditControlSyntax audit:
                {
                    var every = BindPeriod(audit.Period, false, "audits");
                    AddControl(controls, "audit", every, null, null, audit.AuditKeyword, audit.Period);
                    ok &= every is not null;
                    break;
                }
                case AccessReviewControlSyntax review:
                {
                    var every = BindPeriod(review.Period, false, "access reviews");
                    AddControl(controls, "access_review", every, null, null, review.AccessReviewKeyword, review.Period);
                    ok &= every is not null;
                    break;
                }
                case ResidencyControlSyntax r when FirstClause(security, "residency", r.ResidencyKeyword.Span):
                    if (IsPresent(r.Region))
                    {
                        residency = r.Region.Kind == SyntaxKind.StringLiteralToken ? r.Region.Value as string : r.Region.Text;
                    }
                    break;
                case EdrControlSyntax:
                    edr = true;
                    break;
                case BackupsControlSyntax or ResidencyControlSyntax or EmptyStatementSyntax or UnknownStatementSyntax:
                    break;
                default:
                    break;
            }
        }
        foreach (var duplicate in controls.GroupBy(c => c.Control).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            var first = controls.First(c => c.Control == duplicate.Control);
            Report(DiagnosticCatalog.DuplicateClause, _controlKeywordSpans[duplicate], duplicate.Control, $"{first.Location.Line},{first.Location.Column}");
            ok = false;
        }
        // Kept even when a clause is wrong, so that the profile rules do not report a second time what is already reported.
        _ = ok;
        return new SecurityModel(atRest, inTransit, immutable, retention, controls.ToImmutable(), residency, edr, SourceLocationOf(security.SecurityKeyword));
    }

    private readonly Dictionary<SecurityControlModel, TextSpan> _controlKeywordSpans = new(ReferenceEqualityComparer.Instance);

    private void AddControl(ImmutableArray<SecurityControlModel>.Builder controls, string control, PeriodSpec? every, Duration? rto, Duration? rpo,
        SyntaxToken keyword, PeriodSyntax period)
    {
        if (every is null)
        {
            // Its period is wrong (already reported): the profile rules must not also report the control as absent.
            _modelSyntax.ControlsWithErrors.Add(control);
            return;
        }
        var model = new SecurityControlModel(control, every, rto, rpo, SourceLocationOf(keyword));
        Record(model, period);
        _controlKeywordSpans[model] = keyword.Span;
        controls.Add(model);
    }

    private ReversibilityModel? BindReversibility(ReversibilityDeclarationSyntax reversibility)
    {
        NodaTime.Period? notice = null, assistance = null;
        var deliverables = ImmutableArray.CreateBuilder<string>();
        var ok = true;
        foreach (var statement in reversibility.Body.Statements)
        {
            switch (statement)
            {
                case NoticeClauseSyntax n when FirstClause(reversibility, "notice", n.NoticeKeyword.Span):
                    notice = BindLength(n.Length, "The notice");
                    ok &= notice is not null;
                    break;
                case AssistanceClauseSyntax a when FirstClause(reversibility, "assistance", a.AssistanceKeyword.Span):
                    assistance = BindLength(a.Length, "The exit assistance");
                    ok &= assistance is not null;
                    break;
                case DeliverClauseSyntax d:
                    foreach (var item in d.Deliverables)
                    {
                        if (RequireString(item, "A deliverable", "'deliver \"Runbooks\"'") is { } text)
                        {
                            deliverables.Add(text);
                        }
                        else
                        {
                            ok &= !IsPresent(item);
                        }
                    }
                    break;
                case NoticeClauseSyntax or AssistanceClauseSyntax or EmptyStatementSyntax or UnknownStatementSyntax:
                    break;
                default:
                    break;
            }
        }
        _ = ok;
        return new ReversibilityModel(notice, assistance, deliverables.ToImmutable(), SourceLocationOf(reversibility.ReversibilityKeyword));
    }

    private TransitionModel? BindTransition(TransitionDeclarationSyntax transition)
    {
        var phases = ImmutableArray.CreateBuilder<TransitionPhaseModel>();
        NodaTime.Period? overlap = null;
        var ok = true;
        foreach (var statement in transition.Body.Statements)
        {
            switch (statement)
            {
                case PhaseDeclarationSyntax phase:
                    if (!(TryDate(phase.Start, "The start of a phase", out var start) & TryDate(phase.End, "The end of a phase", out var end)))
                    {
                        ok = false;
                        break;
                    }
                    var gate = phase.Gate is null ? null : RequireString(phase.Gate, "The gate of a phase", "'gate \"Go/No-go 1\"'");
                    if (_declared.TryGetValue(phase, out var symbol))
                    {
                        symbol.SetDetail((start, end), static s => $"{LocalDatePattern(s.start)} .. {LocalDatePattern(s.end)}");
                        phases.Add(Record(new TransitionPhaseModel(symbol.Name, start, end, gate, SourceLocationOf(phase.PhaseKeyword)), phase));
                    }
                    break;
                case OverlapClauseSyntax o when FirstClause(transition, "overlap", o.OverlapKeyword.Span):
                    overlap = BindLength(o.Length, "The overlap");
                    ok &= overlap is not null;
                    break;
                case OverlapClauseSyntax or EmptyStatementSyntax or UnknownStatementSyntax:
                    break;
                default:
                    break;
            }
        }
        // Kept when a phase or the overlap is wrong (reported, so the contract has no model): the rules check the phases that bound.
        _ = ok;
        return new TransitionModel(phases.ToImmutable(), overlap, SourceLocationOf(transition.TransitionKeyword));
    }
}
