using SlaLang.Runtime;
using System.Text;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Handlers.Hover;

/// <summary>
/// <c>textDocument/hover</c>: a declared name's signature and <c>///</c> doc; a keyword's documentation; on a
/// target, what it means in time (the downtime an availability target allows over 28-, 30- and 31-day months);
/// on a penalty tier or step, what the credit costs at the service fee.
/// </summary>
public static class HoverHandler
{
    /// <summary>The hover at <paramref name="position"/>, or null.</summary>
    public static Protocol.Hover? Handle(DocumentAnalysis analysis, Position position)
    {
        var token = SyntaxQueries.TokenAt(analysis.Tree, analysis.Text.ToOffset(position));
        if (token?.Parent is not { } parent)
        {
            return null;
        }
        var markdown = parent switch
        {
            TargetClauseSyntax target => TargetMeaning(analysis.Model, target),
            TierClauseSyntax tier => TierCost(analysis.Model, tier),
            StepClauseSyntax step when token == step.Rate || token == step.CreditKeyword => StepCost(analysis.Model, step),
            _ => null,
        };
        markdown ??= NameHover(analysis, token);
        if (markdown is null && !NamePositions.IsName(token) && KeywordDocs.Get(token.Text) is { } doc)
        {
            markdown = doc;
        }
        return markdown is null ? null : new Protocol.Hover(MarkupContent.Markdown(markdown), analysis.Range(token.Span));
    }

    /// <summary>The meaning in time of a target, e.g. the downtime <c>&gt;= 99.93%</c> availability allows per month.</summary>
    public static string? TargetMeaning(SemanticModel model, TargetClauseSyntax target)
    {
        if (target.Value.IsMissing || ObjectiveFacts.Of(model, target) is not { } facts)
        {
            return null;
        }
        var builder = new StringBuilder();
        var per = facts.PeriodUnit switch
        {
            null => string.Empty,
            "months" => $" per {facts.PeriodCount} months",
            "rolling" => $" per rolling {facts.PeriodCount} days",
            var unit => " per " + unit,
        };
        builder.Append($"**target {target.Operator.Text} {target.Value.Text}**{per}");
        if (facts.Indicator is not null)
        {
            builder.Append($" ({facts.Indicator})");
        }
        var period = facts.PeriodUnit is null ? "period" : per.TrimStart()[4..];
        var bound = $"{Bound(target.Operator.Text)} {target.Value.Text}";
        var measured = facts.Calendar == "always" ? "24/7" : $"in the open hours of `{facts.Calendar}`";
        // The catalog's requirement, with the target's bound, period, calendar and delay filled in.
        string? sentence = null;
        if (facts.Indicator is { } name && SlaLang.Runtime.IndicatorCatalog.TryFind(name, out var indicator) && indicator.Requirement.Length > 0
            && (!indicator.TakesDelay || facts.Argument is not null))
        {
            sentence = indicator.Requirement
                .Replace("{Bound}", Capitalized(bound), StringComparison.Ordinal)
                .Replace("{bound}", bound, StringComparison.Ordinal)
                .Replace("{period}", period, StringComparison.Ordinal)
                .Replace("{measured}", measured, StringComparison.Ordinal)
                .Replace("{delay}", facts.Argument ?? "", StringComparison.Ordinal);
        }
        if (sentence is not null)
        {
            builder.Append("\n\n").Append(sentence);
        }
        if (facts.Indicator == "availability" && target.Value.Value is decimal percent && percent is >= 0 and <= 100)
        {
            var share = TimeMeaning.FormatDecimal(100m - percent);
            var scope = facts.ExcludesMaintenance ? ", maintenance excluded" : string.Empty;
            if (facts.Calendar != "always")
            {
                builder.Append($"\n\nAllowed downtime: {share}% of the open time of calendar `{facts.Calendar}` in each period{scope}.");
            }
            else if (facts.PeriodUnit is { } unit)
            {
                builder.Append($"\n\nAllowed downtime ({share}% of the time, 24/7{scope}):\n");
                foreach (var (label, days) in TimeMeaning.ReferencePeriods(unit, facts.PeriodCount))
                {
                    var seconds = TimeMeaning.AllowedDowntimeSeconds(percent, days);
                    builder.Append($"\n- {label}: {TimeMeaning.FormatDuration(seconds)} ({TimeMeaning.FormatDecimal(seconds)} s)");
                }
            }
        }
        return builder.ToString();
    }

    private static string Bound(string comparison) => comparison switch
    {
        ">=" => "at least",
        ">" => "more than",
        "<=" => "at most",
        "<" => "less than",
        _ => comparison,
    };

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string? TierCost(SemanticModel model, TierClauseSyntax tier) => CreditCost(model, tier, tier.Rate, $"when {tier.Operator.Text} {tier.Threshold.Text} credit {tier.Rate.Text}");

    private static string? StepCost(SemanticModel model, StepClauseSyntax step) => CreditCost(model, step, step.Rate, $"step {step.Size.Text} credit {step.Rate.Text}", perStep: true);

    private static string? CreditCost(SemanticModel model, SyntaxNode clause, SyntaxToken rate, string title, bool perStep = false)
    {
        if (rate.Value is not decimal percent || ObjectiveFacts.Fee(model, clause) is not { } fee)
        {
            return null;
        }
        var (unit, count) = ObjectiveFacts.OfPenalty(model, clause) is { PeriodUnit: { } u } objective ? (u, objective.PeriodCount) : ("month", 1);
        int? months = unit switch { "month" => 1, "quarter" => 3, "year" => 12, "months" => count, _ => null };
        var periodMonths = months ?? 1;
        var periodLabel = months is null ? "month" : unit == "months" ? $"{count} months" : unit;
        var monthly = fee.Amount / fee.Months;
        var baseAmount = monthly * periodMonths;
        var amount = Currencies.Round(baseAmount * percent / 100m, fee.Currency);
        var each = perStep ? " for each started step of shortfall" : string.Empty;
        return $"**{title}**\n\nAt the service fee: {TimeMeaning.FormatDecimal(percent)}% of {TimeMeaning.FormatMoney(baseAmount, fee.Currency)} per {periodLabel} = **{TimeMeaning.FormatMoney(amount, fee.Currency)}**{each}.";
    }

    private static string? NameHover(DocumentAnalysis analysis, SyntaxToken token) => Navigation.NavigationHandlers.Describe(analysis, token);
}
