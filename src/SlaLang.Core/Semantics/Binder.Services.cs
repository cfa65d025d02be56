using System.Collections.Immutable;
using NodaTime;
using SlaLang.Analyzers;
using SlaLang.Diagnostics;
using SlaLang.Model;
using SlaLang.Runtime;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Semantics;

// Pass 2, services: fee, objectives (indicator, where, target, per, during), penalties (base, tiers, step, cap).
internal sealed partial class Binder
{

    /// <summary>The name an indicator is written with (<c>resolved_within</c>).</summary>
    internal static string IndicatorName(IndicatorKind kind) => IndicatorCatalog.Of(kind).Name;

    private static IndicatorUnit UnitOf(IndicatorKind kind) => IndicatorCatalog.Of(kind).Unit;

    private ServiceModel? BindService(ServiceDeclarationSyntax service)
    {
        _declared.TryGetValue(service, out var serviceSymbol);
        var scope = serviceSymbol is not null && _serviceScopes.TryGetValue(serviceSymbol, out var s) ? s : new Dictionary<string, Symbol>(StringComparer.Ordinal);
        FeeModel? fee = null;
        var objectives = ImmutableArray.CreateBuilder<ObjectiveModel>();
        var penalties = new List<PenaltyDeclarationSyntax>();
        foreach (var statement in service.Body.Statements)
        {
            switch (statement)
            {
                case FeeStatementSyntax feeStatement:
                    if (FirstClause(service, "fee", feeStatement.FeeKeyword.Span))
                    {
                        fee = BindFee(feeStatement);
                    }
                    break;
                case ObjectiveDeclarationSyntax objective:
                    if (BindObjective(objective, serviceSymbol) is { } model)
                    {
                        objectives.Add(model);
                    }
                    break;
                case PenaltyDeclarationSyntax penalty:
                    penalties.Add(penalty);
                    break;
                case EmptyStatementSyntax or UnknownStatementSyntax:
                    break;
                default:
                    break;
            }
        }
        var penaltyModels = ImmutableArray.CreateBuilder<PenaltyModel>();
        var hasFee = service.Body.Statements.OfType<FeeStatementSyntax>().Any();
        foreach (var penalty in penalties)
        {
            if (BindPenalty(penalty, serviceSymbol, scope, hasFee) is { } penaltyModel)
            {
                penaltyModels.Add(penaltyModel);
            }
        }
        if (serviceSymbol is null)
        {
            return null;
        }
        if (fee is not null)
        {
            ((ServiceSymbol)serviceSymbol).Fee = fee;
            serviceSymbol.SetDetail(fee, static f => $"(fee {f.MonthlyAmount.ToString(System.Globalization.CultureInfo.InvariantCulture)} {f.Currency} a month)");
        }
        return new ServiceModel(serviceSymbol.Name, serviceSymbol.Title, serviceSymbol.Doc, fee, objectives.ToImmutable(), penaltyModels.ToImmutable(),
            SourceLocationOf(service.ServiceKeyword));
    }

    private FeeModel? BindFee(FeeStatementSyntax fee)
    {
        var amountOk = TryMoney(fee.Amount, "A fee", out var amount);
        var period = BindPeriod(fee.Period, false, "a fee");
        if (!amountOk || period is null)
        {
            return null;
        }
        int? months = period.Unit switch
        {
            PeriodUnit.Month => 1,
            PeriodUnit.Quarter => 3,
            PeriodUnit.Year => 12,
            PeriodUnit.Months => period.Count,
            _ => null,
        };
        if (months is null)
        {
            Report(DiagnosticCatalog.InvalidFeePeriod, fee.Period.Span, period.ToString());
            return null;
        }
        return new FeeModel(amount, months.Value, _currency!, SourceLocationOf(fee.FeeKeyword));
    }

    private ObjectiveModel? BindObjective(ObjectiveDeclarationSyntax objective, Symbol? service)
    {
        var symbol = _declared.GetValueOrDefault(objective) as ObjectiveSymbol;
        var name = new Phrase(objective.Identifier);
        IndicatorClauseSyntax? indicatorClause = null;
        TargetClauseSyntax? targetClause = null;
        PerClauseSyntax? perClause = null;
        DuringClauseSyntax? duringClause = null;
        ExcludeClauseSyntax? excludeClause = null;
        BacksClauseSyntax? backsClause = null;
        foreach (var statement in objective.Body.Statements)
        {
            switch (statement)
            {
                case IndicatorClauseSyntax c when FirstClause(objective, "indicator", c.IndicatorKeyword.Span): indicatorClause = c; break;
                case TargetClauseSyntax c when FirstClause(objective, "target", c.TargetKeyword.Span): targetClause = c; break;
                case PerClauseSyntax c when FirstClause(objective, "per", c.PerKeyword.Span): perClause = c; break;
                case DuringClauseSyntax c when FirstClause(objective, "during", c.DuringKeyword.Span): duringClause = c; break;
                case ExcludeClauseSyntax c when FirstClause(objective, "exclude", c.ExcludeKeyword.Span): excludeClause = c; break;
                case BacksClauseSyntax c when FirstClause(objective, "backs", c.BacksKeyword.Span): backsClause = c; break;
                case IndicatorClauseSyntax or TargetClauseSyntax or PerClauseSyntax or DuringClauseSyntax or ExcludeClauseSyntax or BacksClauseSyntax
                    or EmptyStatementSyntax or UnknownStatementSyntax:
                    break;
                default:
                    break;
            }
        }
        var owner = new Phrase("Objective '{0}'", objective.Identifier);
        var nameSpan = IsPresent(objective.Identifier) ? objective.Identifier.Span : objective.ObjectiveKeyword.Span;

        IndicatorModel? indicator = null;
        IndicatorKind? kind = null;
        if (indicatorClause is null)
        {
            ReportMissingClause(objective.Body, nameSpan, owner, "indicator", "indicator availability");
        }
        else
        {
            (indicator, kind) = BindIndicator(indicatorClause);
        }

        TargetModel? target = null;
        if (targetClause is null)
        {
            ReportMissingClause(objective.Body, nameSpan, owner, "target", kind is { } k0 ? TargetExample(UnitOf(k0)) : "target >= 99.9%");
        }
        else if (TryComparison(targetClause.Operator, out var comparison) & kind is not null)
        {
            var unit = UnitOf(kind!.Value);
            if (TryQuantity(targetClause.Value, unit, new Phrase("The target of '{0}'", indicatorClause!.Name), new Phrase("target {0} ", targetClause.Operator), out var value))
            {
                target = new TargetModel(comparison, value, string.Concat(targetClause.Operator.TextSpanChars, " ", targetClause.Value.TextSpanChars));
            }
        }

        PeriodSpec? per = null;
        if (perClause is null)
        {
            ReportMissingClause(objective.Body, nameSpan, owner, "per", "per month");
        }
        else
        {
            per = BindPeriod(perClause.Period, true, new Phrase("objective '{0}'", objective.Identifier));
        }

        var calendar = ContractModel.AlwaysCalendar;
        var calendarOk = true;
        if (duringClause is not null)
        {
            var resolved = BindDuring(duringClause);
            calendarOk = resolved is not null;
            calendar = resolved?.Name ?? calendar;
        }
        if (excludeClause is not null && IsPresent(excludeClause.What) && !Is(excludeClause.What, "maintenance"))
        {
            Report(DiagnosticCatalog.UnknownOption, excludeClause.What.Span, "exclusion", excludeClause.What.Text, "; only 'exclude maintenance' is known.");
        }

        if (symbol is not null)
        {
            symbol.Indicator = kind;
            symbol.Delay = indicator?.Within;
            symbol.Period = per;
            symbol.Calendar = calendar;
            symbol.ExcludesMaintenance = excludeClause is not null;
            symbol.TargetComparison = target?.Comparison;
            symbol.TargetValue = target?.Value;
            if (indicatorClause is not null && targetClause is not null)
            {
                symbol.SetDetail((indicatorClause, targetClause, per), static s =>
                    $"{IndicatorText(s.indicatorClause)} {s.targetClause.Operator.Text} {s.targetClause.Value.Text}{(s.per is null ? "" : $" per {s.per}")}");
            }
        }
        if (symbol is null || service is null || indicator is null || target is null || per is null || !calendarOk)
        {
            return null;
        }
        return Record(new ObjectiveModel(service.Name, symbol.Name, symbol.Doc, indicator, target, per, calendar, excludeClause is not null,
            SourceLocationOf(objective.ObjectiveKeyword))
        {
            Backs = BindBacks(backsClause, symbol),
        }, objective);
    }

    /// <summary>What <c>backs Service.Objective</c> names; checked against the underpinned contract once both are bound.</summary>
    private BackingModel? BindBacks(BacksClauseSyntax? backs, Symbol objective)
    {
        if (backs is null || !IsPresent(backs.Service.Identifier) || !IsPresent(backs.Objective.Identifier) || backs.Dot.IsMissing)
        {
            return null;
        }
        if (_underpins is null && _tree.Root.Contract is not null)
        {
            Report(DiagnosticCatalog.BacksWithoutUnderpins, backs.BacksKeyword.Span, objective.Name,
                $"{backs.Service.Identifier.Text}.{backs.Objective.Identifier.Text}");
            return null;
        }
        return new BackingModel(backs.Service.Identifier.Text, backs.Objective.Identifier.Text, SourceLocationOf(backs.BacksKeyword));
    }

    private static string IndicatorText(IndicatorClauseSyntax clause) =>
        clause.Argument is { } argument ? $"{clause.Name.Text}({argument.Value.Text})" : clause.Name.Text;

    private static string TargetExample(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Percent => "target >= 99.9%",
        IndicatorUnit.Seconds => "target <= 4h",
        IndicatorUnit.Count => "target <= 3",
        _ => "target >= 4.2",
    };

    private (IndicatorModel? Model, IndicatorKind? Kind) BindIndicator(IndicatorClauseSyntax clause)
    {
        var nameToken = clause.Name;
        if (!IsPresent(nameToken))
        {
            return (null, null);
        }
        if (!IndicatorCatalog.TryFind(nameToken.TextSpanChars, out var definition))
        {
            var suggestion = NameSuggester.Suggest(nameToken.Text, IndicatorCatalog.Names);
            Report(DiagnosticCatalog.UnknownIndicator, nameToken.Span, nameToken.Text,
                suggestion is not null ? $"; did you mean '{suggestion}'?" : $"; use one of {string.Join(", ", IndicatorCatalog.Names)}.");
            return (null, null);
        }
        var kind = definition.Kind;
        Duration? within = null;
        var ok = true;
        var needsDelay = definition.TakesDelay;
        if (clause.Argument is { } argument)
        {
            if (!needsDelay)
            {
                Report(DiagnosticCatalog.IndicatorArgumentUnexpected, argument.Span, nameToken.Text);
                ok = false;
            }
            else if (TryDuration(argument.Value, new Phrase("The delay of '{0}'", nameToken), new Phrase("'{0}(4h)'", nameToken), out var delay))
            {
                if (delay <= Duration.Zero)
                {
                    Report(DiagnosticCatalog.ZeroQuantity, argument.Value.Span, $"The delay of '{nameToken.Text}'");
                    ok = false;
                }
                within = delay;
            }
            else
            {
                ok = false;
            }
        }
        else if (needsDelay)
        {
            Report(DiagnosticCatalog.IndicatorArgumentMissing, nameToken.Span, nameToken.Text);
            ok = false;
        }
        FilterModel? where = null;
        if (clause.Where is { } whereClause)
        {
            where = BindFilter(whereClause.Condition, new Phrase("Indicator '{0}'", nameToken), definition.TakesWhere ? null : IndicatorFieldReason(definition));
            ok &= where is not null;
        }
        return (ok ? new IndicatorModel(kind, within, where) : null, kind);
    }

    /// <summary>Why an indicator takes no <c>where</c>: what it is measured from, and which indicators do take one.</summary>
    private static string IndicatorFieldReason(IndicatorDefinition definition) =>
        $"it is measured from {definition.SourceDescription}; only incident-based indicators ({string.Join(", ", IndicatorCatalog.All.Where(d => d.TakesWhere).Select(d => d.Name))}) take a 'where'.";

    /// <summary>Binds a <c>where</c> condition over incident fields; <paramref name="notFilterable"/> is the reason when the events have no fields.</summary>
    private FilterModel? BindFilter(ExpressionSyntax expression, Phrase subject, string? notFilterable)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return BindFilter(parenthesized.Expression, subject, notFilterable);
            case NotExpressionSyntax not:
                return BindFilter(not.Operand, subject, notFilterable) is { } operand ? new NotFilter(operand) : null;
            case BinaryExpressionSyntax binary when Is(binary.Operator, "and") || Is(binary.Operator, "or"):
                var left = BindFilter(binary.Left, subject, notFilterable);
                var right = BindFilter(binary.Right, subject, notFilterable);
                return left is null || right is null ? null : Is(binary.Operator, "and") ? new AndFilter(left, right) : new OrFilter(left, right);
            case BinaryExpressionSyntax binary when binary.Operator.Kind is SyntaxKind.EqualsEqualsToken or SyntaxKind.BangEqualsToken:
            {
                var field = BindField(binary.Left, subject, notFilterable);
                var value = field is null ? null : BindFieldValue(binary.Right, field);
                return field is null || value is null ? null : new FieldInFilter(field, [value], binary.Operator.Kind == SyntaxKind.BangEqualsToken);
            }
            case BinaryExpressionSyntax binary:
                if (IsPresent(binary.Operator))
                {
                    Report(DiagnosticCatalog.UnsupportedCondition, binary.Operator.Span, $"Comparison '{binary.Operator.Text}'");
                }
                return null;
            case InExpressionSyntax @in:
            {
                var field = BindField(@in.Left, subject, notFilterable);
                if (field is null)
                {
                    return null;
                }
                var values = ImmutableArray.CreateBuilder<string>();
                var ok = true;
                foreach (var item in @in.Values)
                {
                    if (BindFieldValue(item, field) is { } value)
                    {
                        values.Add(value);
                    }
                    else
                    {
                        ok = false;
                    }
                }
                return ok && values.Count > 0 ? new FieldInFilter(field, values.ToImmutable(), @in.NotKeyword is not null) : null;
            }
            case NameExpressionSyntax name:
                if (IsPresent(name.Identifier))
                {
                    Report(DiagnosticCatalog.UnsupportedCondition, name.Span, $"The name '{name.Identifier.Text}' alone");
                }
                return null;
            case LiteralExpressionSyntax literal:
                if (IsPresent(literal.Literal))
                {
                    Report(DiagnosticCatalog.UnsupportedCondition, literal.Span, $"The literal {literal.Literal.Text}");
                }
                return null;
            default:
                return null;
        }
    }

    private string? BindField(ExpressionSyntax expression, Phrase subject, string? notFilterable)
    {
        if (expression is not NameExpressionSyntax name)
        {
            if (!expression.Span.IsEmpty)
            {
                Report(DiagnosticCatalog.UnsupportedCondition, expression.Span, $"'{_text.ToString(expression.Span)}' on the left");
            }
            return null;
        }
        if (!IsPresent(name.Identifier))
        {
            return null;
        }
        var field = Is(name.Identifier, "severity") ? "severity" : Is(name.Identifier, "service") ? "service" : null;
        if (field is null)
        {
            var written = name.Identifier.Text;
            var suggestion = NameSuggester.Suggest(written, ["severity", "service"]);
            Report(DiagnosticCatalog.InvalidWhereField, name.Span, subject, written,
                suggestion is not null ? $"did you mean '{suggestion}'?" : "the fields are severity and service.");
            return null;
        }
        if (notFilterable is not null)
        {
            Report(DiagnosticCatalog.InvalidWhereField, name.Span, subject, field, notFilterable);
            return null;
        }
        return field;
    }

    private string? BindFieldValue(ExpressionSyntax expression, string field)
    {
        var kind = field == "severity" ? SymbolKind.Severity : SymbolKind.Service;
        if (expression is not NameExpressionSyntax name)
        {
            if (!expression.Span.IsEmpty)
            {
                Report(DiagnosticCatalog.UnsupportedCondition, expression.Span, $"'{_text.ToString(expression.Span)}' as a {field}");
            }
            return null;
        }
        return Resolve<Symbol>(name.Identifier, kind, _contractScope)?.Name;
    }

    /// <summary>Resolves the calendar of a <c>during</c> clause.</summary>
    private CalendarSymbol? BindDuring(DuringClauseSyntax during) =>
        Resolve<CalendarSymbol>(during.Calendar.Identifier, SymbolKind.Calendar, _contractScope, null);

    private PenaltyModel? BindPenalty(PenaltyDeclarationSyntax penalty, Symbol? service, Dictionary<string, Symbol> scope, bool hasFee)
    {
        var name = new Phrase(penalty.Identifier);
        var objectiveToken = penalty.Objective.Identifier;
        ObjectiveSymbol? objective = null;
        // `penalty X onn O`: the parser reported the missing 'on'; 'onn' is no objective to look up.
        if (IsPresent(objectiveToken) && !penalty.OnKeyword.IsMissing)
        {
            Symbol? otherService = null;
            Symbol? otherObjective = null;
            if (!TryLookup(scope, objectiveToken, out _))
            {
                foreach (var (candidateService, candidateScope) in _serviceScopes)
                {
                    if (!ReferenceEquals(candidateService, service) && TryLookup(candidateScope, objectiveToken, out var o) && o.Kind == SymbolKind.Objective)
                    {
                        (otherService, otherObjective) = (candidateService, o);
                        break;
                    }
                }
            }
            if (otherService is not null && otherObjective is not null)
            {
                AddReference(otherObjective, objectiveToken);
                Report(DiagnosticCatalog.ObjectiveOfOtherService, objectiveToken.Span, objectiveToken.Text, otherService.Name, name);
            }
            else
            {
                var noObjective = !TryLookup(scope, objectiveToken, out _) && !scope.Values.Any(s => s.Kind == SymbolKind.Objective);
                objective = Resolve<ObjectiveSymbol>(objectiveToken, SymbolKind.Objective, scope,
                    noObjective ? $"; service '{service?.Name}' declares no objective." : null);
            }
        }
        if (_declared.GetValueOrDefault(penalty) is PenaltySymbol declaredPenalty)
        {
            declaredPenalty.Objective = objective;
        }
        var unit = objective?.Indicator is { } indicatorKind ? UnitOf(indicatorKind) : (IndicatorUnit?)null;

        BaseClauseSyntax? baseClause = null;
        StepClauseSyntax? stepClause = null;
        CapClauseSyntax? capClause = null;
        var tierClauses = new List<TierClauseSyntax>();
        foreach (var statement in penalty.Body.Statements)
        {
            switch (statement)
            {
                case BaseClauseSyntax c when FirstClause(penalty, "base", c.BaseKeyword.Span): baseClause = c; break;
                case StepClauseSyntax c when FirstClause(penalty, "step", c.StepKeyword.Span): stepClause = c; break;
                case CapClauseSyntax c when FirstClause(penalty, "cap", c.CapKeyword.Span): capClause = c; break;
                case TierClauseSyntax c: tierClauses.Add(c); break;
                case BaseClauseSyntax or StepClauseSyntax or CapClauseSyntax or EmptyStatementSyntax or UnknownStatementSyntax: break;
                default: break;
            }
        }
        var ok = objective is not null && objective?.Indicator is not null;
        var nameSpan = IsPresent(penalty.Identifier) ? penalty.Identifier.Span : penalty.PenaltyKeyword.Span;

        var baseKind = PenaltyBaseKind.Fee;
        decimal? fixedBase = null;
        if (baseClause is null)
        {
            ReportMissingClause(penalty.Body, nameSpan, new Phrase("Penalty '{0}'", penalty.Identifier), "base", "base fee");
            ok = false;
        }
        else if (IsPresent(baseClause.Value))
        {
            if (baseClause.Value.Kind == SyntaxKind.IdentifierToken && Is(baseClause.Value, "fee"))
            {
                if (!hasFee)
                {
                    Report(DiagnosticCatalog.BaseFeeWithoutFee, baseClause.Value.Span, name, service?.Name);
                    ok = false;
                }
            }
            else if (baseClause.Value.Kind == SyntaxKind.MoneyLiteralToken)
            {
                baseKind = PenaltyBaseKind.Fixed;
                ok &= TryMoney(baseClause.Value, "The base of a penalty", out var amount);
                fixedBase = amount;
            }
            else
            {
                Report(DiagnosticCatalog.UnitMismatch, baseClause.Value.Span, "The base of a penalty", "'fee' or a money amount", Describe(baseClause.Value), "'base fee'");
                ok = false;
            }
        }

        decimal? cap = null;
        if (capClause is not null)
        {
            if (TryPercent(capClause.Rate, "A cap", "'cap 25%'", out var capValue))
            {
                cap = capValue;
            }
            else
            {
                ok = false;
            }
        }

        var tiers = ImmutableArray.CreateBuilder<PenaltyTierModel>();
        foreach (var tier in tierClauses)
        {
            var comparisonOk = TryComparison(tier.Operator, out var comparison);
            var creditOk = TryPercent(tier.Rate, "A credit", "'credit 5%'", out var credit);
            if (unit is null)
            {
                ok = false;
                continue;
            }
            if (!(TryQuantity(tier.Threshold, unit.Value, "A tier threshold", new Phrase("when {0} ", tier.Operator), out var threshold) & comparisonOk & creditOk))
            {
                ok = false;
                continue;
            }
            tiers.Add(Record(new PenaltyTierModel(comparison, threshold, credit, SourceLocationOf(tier.WhenKeyword)), tier));
        }

        PenaltyStepModel? step = null;
        if (stepClause is not null)
        {
            var creditOk = TryPercent(stepClause.Rate, "A credit", "'credit 2%'", out var credit);
            if (unit is not null && TryQuantity(stepClause.Size, unit.Value, "A penalty step", "step ", out var size) && creditOk)
            {
                if (size <= 0)
                {
                    Report(DiagnosticCatalog.ZeroQuantity, stepClause.Size.Span, "A penalty step");
                    ok = false;
                }
                step = Record(new PenaltyStepModel(size, credit, SourceLocationOf(stepClause.StepKeyword)), stepClause);
            }
            else
            {
                ok = false;
            }
            if (tierClauses.Count > 0)
            {
                Report(DiagnosticCatalog.TiersAndStep, stepClause.StepKeyword.Span, name);
                ok = false;
            }
        }

        if (_declared.GetValueOrDefault(penalty) is { } penaltySymbol && objective is not null)
        {
            penaltySymbol.SetDetail(objective, static o => $"on {o.Name}");
        }
        // Kept when a clause is wrong (reported, so the contract has no model): the rules check the tiers and step that bound.
        _ = ok;
        if (service is null || objective is null || !_declared.TryGetValue(penalty, out var symbol))
        {
            return null;
        }
        return Record(new PenaltyModel(service.Name, symbol.Name, objective.Name, symbol.Doc, baseKind, fixedBase, tiers.ToImmutable(), step, cap,
            SourceLocationOf(penalty.PenaltyKeyword)), penalty);
    }
}
