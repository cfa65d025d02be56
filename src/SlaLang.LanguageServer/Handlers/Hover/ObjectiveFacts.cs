using SlaLang.Model;
using SlaLang.Runtime;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Handlers.Hover;

/// <summary>
/// What the semantic model knows of an objective (indicator, period, calendar), in the words hovers and hints print. Read from the
/// binder's <see cref="ObjectiveSymbol"/>, which holds whatever bound even in half-typed code; nothing here reads clauses again.
/// </summary>
public sealed record ObjectiveFacts(string? Indicator, string? Argument, string? PeriodUnit, int PeriodCount, string Calendar, bool ExcludesMaintenance)
{
    /// <summary>The facts of the objective holding <paramref name="node"/>, or null when it is not inside a named objective.</summary>
    public static ObjectiveFacts? Of(SemanticModel model, SyntaxNode node)
    {
        var objective = node as ObjectiveDeclarationSyntax ?? node.Ancestors().OfType<ObjectiveDeclarationSyntax>().FirstOrDefault();
        return objective is not null && model.GetDeclaredSymbol(objective) is ObjectiveSymbol symbol ? Of(symbol) : null;
    }

    /// <summary>The facts of <paramref name="objective"/>.</summary>
    public static ObjectiveFacts Of(ObjectiveSymbol objective)
    {
        var (unit, count) = objective.Period switch
        {
            null => (null, 1),
            { Unit: Runtime.PeriodUnit.Months } p => ("months", p.Count),
            { Unit: Runtime.PeriodUnit.Rolling } p when p.RollingLength.NanosecondOfDay == 0 && p.RollingLength.Days > 0 => ("rolling", p.RollingLength.Days),
            { Unit: Runtime.PeriodUnit.Rolling } => ((string?)null, 1),
            var p => (p.Unit.ToString().ToLowerInvariant(), 1),
        };
        return new ObjectiveFacts(
            objective.Indicator is { } kind ? IndicatorCatalog.Of(kind).Name : null,
            objective.Delay is { } delay ? SlaText.Duration(delay) : null,
            unit, count, objective.Calendar, objective.ExcludesMaintenance);
    }

    /// <summary>The fee of the service holding <paramref name="node"/>, or null when it has none that bound.</summary>
    public static FeeModel? Fee(SemanticModel model, SyntaxNode node) =>
        node.Ancestors().OfType<ServiceDeclarationSyntax>().FirstOrDefault() is { } service && model.GetDeclaredSymbol(service) is ServiceSymbol symbol
            ? symbol.Fee
            : null;

    /// <summary>The facts of the objective a penalty holding <paramref name="node"/> applies to, or null when it names none that resolves.</summary>
    public static ObjectiveFacts? OfPenalty(SemanticModel model, SyntaxNode node) =>
        node.Ancestors().OfType<PenaltyDeclarationSyntax>().FirstOrDefault() is { } penalty
        && model.GetDeclaredSymbol(penalty) is PenaltySymbol { Objective: { } objective }
            ? Of(objective)
            : null;
}
