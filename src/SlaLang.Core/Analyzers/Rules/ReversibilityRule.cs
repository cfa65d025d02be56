using SlaLang.Model;
using SlaLang.Syntax;

namespace SlaLang.Analyzers;

/// <summary>SLA3015: a contract states its exit terms (a regulated one is held to it by SLA3022).</summary>
internal sealed class ReversibilityRule : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        if (context.Model.Reversibility is null && context.Model.Profile != ContractProfile.Regulated
            && context.Syntax.Declaration is ContractDeclarationSyntax contract)
        {
            var nameSpan = contract.Identifier is { IsMissing: false, Span.Length: > 0 } ? contract.Identifier.Span : contract.ContractKeyword.Span;
            context.Report(ContractRules.MissingReversibility, context.Syntax.Root, nameSpan, contract.Identifier.Text);
        }
    }
}
