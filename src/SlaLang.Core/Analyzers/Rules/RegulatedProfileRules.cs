using SlaLang.Model;
using SlaLang.Semantics;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Analyzers;

/// <summary>
/// SLA3010–SLA3014, SLA3022: what a <c>profile regulated</c> contract must state (LANGUAGE.md §5): data residency, audits at least
/// quarterly, recovery tests at least every 6 months, access reviews, encryption at rest and in transit, exit terms.
/// </summary>
internal sealed class RegulatedProfileRules : ModelRule
{
    public override void Check(ModelRuleContext context)
    {
        var model = context.Model;
        if (model.Profile != ContractProfile.Regulated || context.Syntax.Declaration is not ContractDeclarationSyntax contract)
        {
            return;
        }
        var root = context.Syntax.Root;
        var nameSpan = contract.Identifier is { IsMissing: false, Span.Length: > 0 } ? contract.Identifier.Span : contract.ContractKeyword.Span;
        var at = context.Syntax.Profile?.Span ?? nameSpan;
        var security = model.Security;
        // Reported at the security block when there is one (in whatever file), else at the profile.
        // The security block is kept apart from the part map: this rule runs on every regulated contract, clean ones included.
        var securitySyntax = security is null ? null : context.Syntax.Security?.Node;
        var (blockTree, blockSpan) = securitySyntax is not null ? (context.Syntax.Security!.Value.Tree, securitySyntax.SecurityKeyword.Span) : (root, at);
        if (security?.Residency is null)
        {
            context.Report(ContractRules.RegulatedResidency, blockTree, blockSpan);
        }
        CheckFrequency(context, "audit", 91.3125m, ContractRules.RegulatedAudit, blockTree, blockSpan);
        CheckFrequency(context, "recovery_test", 182.625m, ContractRules.RegulatedRecoveryTest, blockTree, blockSpan);
        if ((security is null || security.Controls.All(c => c.Control != "access_review")) && !context.Syntax.ControlsWithErrors.Contains("access_review"))
        {
            context.Report(ContractRules.RegulatedAccessReview, blockTree, blockSpan);
        }
        if (security is null || !security.EncryptionAtRest || !security.EncryptionInTransit)
        {
            var missing = security is null || (!security.EncryptionAtRest && !security.EncryptionInTransit)
                ? "at rest and in transit"
                : security.EncryptionAtRest ? "in transit as well as at rest" : "at rest as well as in transit";
            var encryption = securitySyntax?.Body.Statements.OfType<EncryptionControlSyntax>().FirstOrDefault();
            context.Report(ContractRules.RegulatedEncryption, blockTree, encryption?.EncryptionKeyword.Span ?? blockSpan, missing);
        }
        if (model.Reversibility is null)
        {
            context.Report(ContractRules.RegulatedReversibility, root, nameSpan);
        }
    }

    private static void CheckFrequency(ModelRuleContext context, string control, decimal maxDays, ContractRule rule, SyntaxTree tree, TextSpan at)
    {
        var found = context.Model.Security?.Controls.Where(c => c.Control == control).ToList() ?? [];
        if (found.Count == 0)
        {
            if (!context.Syntax.ControlsWithErrors.Contains(control))
            {
                context.Report(rule, tree, at, "");
            }
            return;
        }
        var best = found.MinBy(c => Binder.ApproximateDays(c.Every))!;
        if (Binder.ApproximateDays(best.Every) > maxDays + 0.001m)
        {
            var (periodTree, span) = context.Syntax.TryGet<PeriodSyntax>(best, out var t, out var period) ? (t, period.Span) : (tree, at);
            context.Report(rule, periodTree, span, $" (found every {best.Every})");
        }
    }
}
