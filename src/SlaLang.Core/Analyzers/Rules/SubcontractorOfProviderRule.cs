using SlaLang.Model;
using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3009: a subcontractor works for a provider.</summary>
internal sealed class SubcontractorOfProviderRule : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        var parties = context.Model.Parties;
        foreach (var party in parties)
        {
            if (party is { Kind: PartyKind.Subcontractor, OfParty: { } ofName }
                && parties.FirstOrDefault(p => p.Name == ofName) is { Kind: not PartyKind.Provider } of
                && context.Syntax.TryGet<PartyDeclarationSyntax>(party, out var tree, out var syntax) && syntax.Of is { } ofClause)
            {
                context.Report(ContractRules.SubcontractorOfProvider, tree, ofClause.Name.Span, party.Name, of.Name, of.Kind.ToString().ToLowerInvariant());
            }
        }
    }
}
