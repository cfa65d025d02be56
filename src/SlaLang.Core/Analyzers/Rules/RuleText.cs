using System.Globalization;
using NodaTime;
using SlaLang.Runtime;

namespace SlaLang.Analyzers;

/// <summary>How rule messages write dates, comparisons and quantities.</summary>
internal static class RuleText
{
    public static string Date(LocalDate date) => NodaTime.Text.LocalDatePattern.Iso.Format(date);

    public static string Comparison(Comparison comparison) => comparison.ToOperator();

    public static string Quantity(decimal value, IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Percent => value.ToString(CultureInfo.InvariantCulture) + "%",
        IndicatorUnit.Seconds => value.ToString(CultureInfo.InvariantCulture) + "s",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The objective of <paramref name="service"/> a penalty applies to, or null.</summary>
    public static Model.ObjectiveModel? ObjectiveOf(Model.ServiceModel service, Model.PenaltyModel penalty)
    {
        foreach (var objective in service.Objectives)
        {
            if (objective.Name == penalty.Objective)
            {
                return objective;
            }
        }
        return null;
    }

    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
