using NodaTime;
using SlaLang.Parsing.Literals;
using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Handlers.Hover;

/// <summary>What the syntax of an objective or penalty says (indicator, period, calendar, fee), read even from half-typed code.</summary>
public sealed record ObjectiveFacts(string? Indicator, string? Argument, string? PeriodUnit, int PeriodCount, string Calendar, bool ExcludesMaintenance)
{
    /// <summary>The facts of the objective holding <paramref name="node"/>, or null when it is not inside one.</summary>
    public static ObjectiveFacts? Of(SyntaxNode node)
    {
        var objective = node.Ancestors().OfType<ObjectiveDeclarationSyntax>().FirstOrDefault();
        return objective is null ? null : Of(objective);
    }

    /// <summary>The facts of <paramref name="objective"/>.</summary>
    public static ObjectiveFacts Of(ObjectiveDeclarationSyntax objective)
    {
        string? indicator = null;
        string? argument = null;
        string? unit = null;
        var count = 1;
        var calendar = "always";
        var exclude = false;
        foreach (var statement in objective.Body.Statements)
        {
            switch (statement)
            {
                case IndicatorClauseSyntax clause when !clause.Name.IsMissing:
                    indicator = clause.Name.Text;
                    argument = clause.Argument is { Value.IsMissing: false } a ? a.Value.Text : null;
                    break;
                case PerClauseSyntax per:
                    (unit, count) = Period(per.Period);
                    break;
                case DuringClauseSyntax during when !during.Calendar.Identifier.IsMissing:
                    calendar = during.Calendar.Identifier.Text;
                    break;
                case ExcludeClauseSyntax:
                    exclude = true;
                    break;
            }
        }
        return new ObjectiveFacts(indicator, argument, unit, count, calendar, exclude);
    }

    /// <summary>The unit word (<c>month</c>, <c>months</c>, <c>rolling</c>…) and count (months, or days of a rolling window) of a period.</summary>
    public static (string? Unit, int Count) Period(PeriodSyntax period) => period switch
    {
        NamedPeriodSyntax named => (named.Unit.Text, 1),
        CountedPeriodSyntax counted when counted.Count.Value is decimal n => ("months", (int)n),
        RollingPeriodSyntax rolling when rolling.Length.Value is Duration d && d.NanosecondOfDay == 0 && d.Days > 0 => ("rolling", d.Days),
        _ => (null, 1),
    };

    /// <summary>The service fee of the service holding <paramref name="node"/> as (amount, currency, months the fee covers), or null.</summary>
    public static (decimal Amount, string Currency, int Months)? Fee(SyntaxNode node)
    {
        var service = node.Ancestors().OfType<ServiceDeclarationSyntax>().FirstOrDefault();
        var fee = service?.Body.Statements.OfType<FeeStatementSyntax>().FirstOrDefault();
        if (fee?.Amount.Value is not MoneyValue money)
        {
            return null;
        }
        var (unit, count) = Period(fee.Period);
        int? months = unit switch
        {
            "month" => 1,
            "quarter" => 3,
            "year" => 12,
            "months" => count,
            _ => null,
        };
        return months is int m ? (money.Amount, money.Currency, m) : null;
    }

    /// <summary>The objective a penalty names, found in the same service, or null.</summary>
    public static ObjectiveDeclarationSyntax? PenaltyObjective(PenaltyDeclarationSyntax penalty)
    {
        var service = penalty.Ancestors().OfType<ServiceDeclarationSyntax>().FirstOrDefault();
        var name = penalty.Objective.Identifier.Text;
        return service?.Body.Statements.OfType<ObjectiveDeclarationSyntax>().FirstOrDefault(o => o.Identifier.Text == name);
    }
}
