using SlaLang.Model;
using SlaLang.Syntax;

namespace SlaLang.Semantics;

// Pass 1: every declared name becomes a symbol in its scope before any reference is resolved, so that
// declarations may come in any order (a role before its party, a penalty before its objective).
internal sealed partial class Binder
{
    private void DeclareContract(ContractDeclarationSyntax contract)
    {
        _contract = Declare(contract, contract.ContractKeyword, contract.Identifier, new Dictionary<string, Symbol>(StringComparer.Ordinal),
            (name, declaration, location) => new Symbol(SymbolKind.Contract, name, null, StringValue(contract.Title), contract.GetDocumentation(), declaration, location));
        foreach (var statement in contract.Body.Statements)
        {
            DeclareMember(statement);
        }
    }

    private void DeclareMember(StatementSyntax statement)
    {
        switch (statement)
        {
            case PartyDeclarationSyntax party:
                Declare(party, party.PartyKeyword, party.Identifier, _contractScope, (name, declaration, location) =>
                    new PartySymbol(name, ParsePartyKind(party.KindKeyword.Text) ?? PartyKind.Client, _contract!, StringValue(party.Title), party.GetDocumentation(), declaration, location));
                break;
            case RoleDeclarationSyntax role:
                Declare(role, role.RoleKeyword, role.Identifier, _contractScope, (name, declaration, location) =>
                    new RoleSymbol(name, _contract!, StringValue(role.Title), role.GetDocumentation(), declaration, location));
                break;
            case CalendarDeclarationSyntax calendar:
                var calendarSymbol = Declare(calendar, calendar.CalendarKeyword, calendar.Identifier, _contractScope, (name, declaration, location) =>
                    new CalendarSymbol(name, _contract, null, calendar.GetDocumentation(), declaration, location));
                if (calendarSymbol is not null)
                {
                    calendarSymbol.HasOpenHours = calendar.Body.Statements.OfType<HoursStatementSyntax>().Any();
                }
                break;
            case SeverityDeclarationSyntax severity:
                Declare(severity, severity.SeverityKeyword, severity.Identifier, _contractScope, (name, declaration, location) =>
                    new Symbol(SymbolKind.Severity, name, _contract, StringValue(severity.Title), severity.GetDocumentation(), declaration, location));
                break;
            case ServiceDeclarationSyntax service:
                var serviceSymbol = Declare(service, service.ServiceKeyword, service.Identifier, _contractScope, (name, declaration, location) =>
                    new Symbol(SymbolKind.Service, name, _contract, StringValue(service.Title), service.GetDocumentation(), declaration, location));
                var scope = new Dictionary<string, Symbol>(StringComparer.Ordinal);
                if (serviceSymbol is not null)
                {
                    _serviceScopes[serviceSymbol] = scope;
                }
                foreach (var member in service.Body.Statements)
                {
                    switch (member)
                    {
                        case ObjectiveDeclarationSyntax objective:
                            Declare(objective, objective.ObjectiveKeyword, objective.Identifier, scope, (name, declaration, location) =>
                                new ObjectiveSymbol(name, serviceSymbol ?? _contract!, StringValue(objective.Title), objective.GetDocumentation(), declaration, location));
                            break;
                        case PenaltyDeclarationSyntax penalty:
                            Declare(penalty, penalty.PenaltyKeyword, penalty.Identifier, scope, (name, declaration, location) =>
                                new Symbol(SymbolKind.Penalty, name, serviceSymbol ?? _contract, null, penalty.GetDocumentation(), declaration, location));
                            break;
                    }
                }
                break;
            case RaciTableSyntax raci:
                foreach (var row in raci.Rows.OfType<RaciRowSyntax>())
                {
                    Declare(row, row.Activity, row.Activity, _raciScope, (name, declaration, location) =>
                        new Symbol(SymbolKind.RaciActivity, name, _contract, StringValue(row.Title), null, declaration, location));
                }
                break;
            case EscalationDeclarationSyntax escalation:
                Declare(escalation, escalation.EscalationKeyword, escalation.Identifier, _contractScope, (name, declaration, location) =>
                    new Symbol(SymbolKind.Escalation, name, _contract, null, escalation.GetDocumentation(), declaration, location));
                break;
            case GovernanceDeclarationSyntax governance:
                foreach (var committee in governance.Body.Statements.OfType<CommitteeDeclarationSyntax>())
                {
                    Declare(committee, committee.CommitteeKeyword, committee.Identifier, _contractScope, (name, declaration, location) =>
                        new Symbol(SymbolKind.Committee, name, _contract, StringValue(committee.Title), committee.GetDocumentation(), declaration, location));
                }
                break;
            case ObligationDeclarationSyntax obligation:
                Declare(obligation, obligation.ObligationKeyword, obligation.Identifier, _contractScope, (name, declaration, location) =>
                    new Symbol(SymbolKind.Obligation, name, _contract, StringValue(obligation.Title), obligation.GetDocumentation(), declaration, location));
                break;
            case TransitionDeclarationSyntax transition:
                foreach (var phase in transition.Body.Statements.OfType<PhaseDeclarationSyntax>())
                {
                    Declare(phase, phase.PhaseKeyword, phase.Identifier, _phaseScope, (name, declaration, location) =>
                        new Symbol(SymbolKind.TransitionPhase, name, _contract, StringValue(phase.Gate), phase.GetDocumentation(), declaration, location));
                }
                break;
        }
    }

    private static PartyKind? ParsePartyKind(string text) => text switch
    {
        "client" => PartyKind.Client,
        "provider" => PartyKind.Provider,
        "subcontractor" => PartyKind.Subcontractor,
        _ => null,
    };
}
