using SlaLang.Model;
using SlaLang.Syntax;

namespace SlaLang.Semantics;

// Pass 1: every declared name becomes a symbol in its scope before any reference is resolved, so that
// declarations may come in any order (a role before its party, a penalty before its objective).
internal sealed partial class Binder
{
    /// <summary>Declares the root contract (or the libraries, when the root is a library), then every member of every file.</summary>
    private void DeclareUnit(ContractDeclarationSyntax? contract)
    {
        if (contract is not null && TrySite(contract, contract.ContractKeyword, contract.Identifier, out var site))
        {
            _contract = Declare(contract, new Dictionary<string, Symbol>(StringComparer.Ordinal),
                new Symbol(SymbolKind.Contract, contract.Identifier.Text, null, StringValue(contract.Title), contract.GetDocumentation(), site));
        }
        foreach (var file in _files)
        {
            if (file.Tree.Root.Library is not { } library)
            {
                continue;
            }
            EnterFile(file);
            if (TrySite(library, library.LibraryKeyword, library.Identifier, out var librarySite))
            {
                var symbol = Declare(library, _libraryScope,
                    new Symbol(SymbolKind.Library, library.Identifier.Text, null, null, library.GetDocumentation(), librarySite));
                if (contract is null && ReferenceEquals(file, _rootFile))
                {
                    _contract = symbol;
                }
            }
        }
        foreach (var (file, body) in Bodies())
        {
            EnterFile(file);
            foreach (var statement in body)
            {
                DeclareMember(statement);
            }
        }
        EnterFile(_rootFile);
    }

    private void DeclareMember(StatementSyntax statement)
    {
        SymbolSite site;
        switch (statement)
        {
            case PartyDeclarationSyntax party when TrySite(party, party.PartyKeyword, party.Identifier, out site):
                Declare(party, _contractScope, new PartySymbol(party.Identifier.Text, ParsePartyKind(party.KindKeyword.Text) ?? PartyKind.Client, _contract!,
                    StringValue(party.Title), party.GetDocumentation(), site));
                break;
            case RoleDeclarationSyntax role when TrySite(role, role.RoleKeyword, role.Identifier, out site):
                Declare(role, _contractScope, new RoleSymbol(role.Identifier.Text, _contract!, StringValue(role.Title), role.GetDocumentation(), site));
                break;
            case CalendarDeclarationSyntax calendar when TrySite(calendar, calendar.CalendarKeyword, calendar.Identifier, out site):
                Declare(calendar, _contractScope, new CalendarSymbol(calendar.Identifier.Text, _contract, null, calendar.GetDocumentation(), site)
                {
                    HasOpenHours = HasHours(calendar),
                });
                break;
            case SeverityDeclarationSyntax severity when TrySite(severity, severity.SeverityKeyword, severity.Identifier, out site):
                Declare(severity, _contractScope,
                    new Symbol(SymbolKind.Severity, severity.Identifier.Text, _contract, StringValue(severity.Title), severity.GetDocumentation(), site));
                break;
            case ServiceDeclarationSyntax service:
                Symbol? serviceSymbol = null;
                if (TrySite(service, service.ServiceKeyword, service.Identifier, out site))
                {
                    serviceSymbol = Declare(service, _contractScope,
                        new ServiceSymbol(service.Identifier.Text, _contract, StringValue(service.Title), service.GetDocumentation(), site));
                }
                var scope = new Dictionary<string, Symbol>(StringComparer.Ordinal);
                if (serviceSymbol is not null)
                {
                    _serviceScopes[serviceSymbol] = scope;
                }
                foreach (var member in service.Body.Statements)
                {
                    switch (member)
                    {
                        case ObjectiveDeclarationSyntax objective when TrySite(objective, objective.ObjectiveKeyword, objective.Identifier, out site):
                            Declare(objective, scope, new ObjectiveSymbol(objective.Identifier.Text, serviceSymbol ?? _contract!, StringValue(objective.Title),
                                objective.GetDocumentation(), site));
                            break;
                        case PenaltyDeclarationSyntax penalty when TrySite(penalty, penalty.PenaltyKeyword, penalty.Identifier, out site):
                            Declare(penalty, scope,
                                new PenaltySymbol(penalty.Identifier.Text, serviceSymbol ?? _contract, penalty.GetDocumentation(), site));
                            break;
                    }
                }
                break;
            case RaciTableSyntax raci:
                foreach (var item in raci.Rows)
                {
                    if (item is RaciRowSyntax row && TrySite(row, row.Activity, row.Activity, out site))
                    {
                        Declare(row, _raciScope, new Symbol(SymbolKind.RaciActivity, row.Activity.Text, _contract, StringValue(row.Title), null, site));
                    }
                }
                break;
            case EscalationDeclarationSyntax escalation when TrySite(escalation, escalation.EscalationKeyword, escalation.Identifier, out site):
                Declare(escalation, _contractScope,
                    new Symbol(SymbolKind.Escalation, escalation.Identifier.Text, _contract, null, escalation.GetDocumentation(), site));
                break;
            case GovernanceDeclarationSyntax governance:
                foreach (var member in governance.Body.Statements)
                {
                    if (member is CommitteeDeclarationSyntax committee && TrySite(committee, committee.CommitteeKeyword, committee.Identifier, out site))
                    {
                        Declare(committee, _contractScope, new Symbol(SymbolKind.Committee, committee.Identifier.Text, _contract, StringValue(committee.Title),
                            committee.GetDocumentation(), site));
                    }
                }
                break;
            case ObligationDeclarationSyntax obligation when TrySite(obligation, obligation.ObligationKeyword, obligation.Identifier, out site):
                Declare(obligation, _contractScope, new Symbol(SymbolKind.Obligation, obligation.Identifier.Text, _contract, StringValue(obligation.Title),
                    obligation.GetDocumentation(), site));
                break;
            case TransitionDeclarationSyntax transition:
                foreach (var member in transition.Body.Statements)
                {
                    if (member is PhaseDeclarationSyntax phase && TrySite(phase, phase.PhaseKeyword, phase.Identifier, out site))
                    {
                        Declare(phase, _phaseScope, new Symbol(SymbolKind.TransitionPhase, phase.Identifier.Text, _contract, StringValue(phase.Gate),
                            phase.GetDocumentation(), site));
                    }
                }
                break;
        }
    }

    private static bool HasHours(CalendarDeclarationSyntax calendar)
    {
        foreach (var statement in calendar.Body.Statements)
        {
            if (statement is HoursStatementSyntax)
            {
                return true;
            }
        }
        return false;
    }

    private static PartyKind? ParsePartyKind(string text) => text switch
    {
        "client" => PartyKind.Client,
        "provider" => PartyKind.Provider,
        "subcontractor" => PartyKind.Subcontractor,
        _ => null,
    };
}
