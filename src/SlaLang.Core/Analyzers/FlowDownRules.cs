using System.Collections.Immutable;
using SlaLang.Diagnostics;
using SlaLang.Model;
using SlaLang.Runtime;
using SlaLang.Semantics;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Analyzers;

/// <summary>
/// Flow-down (LANGUAGE.md §8): an objective that <c>backs</c> an objective of the contract its contract <c>underpins</c> must be at
/// least as strict (same indicator, a target no looser, a period no longer, no more excluded time), and every objective of the
/// underpinned contract whose service a subcontractor is responsible for needs a backing objective. Runs on the two models.
/// </summary>
internal static class FlowDownRules
{
    public static ImmutableArray<Diagnostic> Check(BoundUnit unit, BoundUnit? underpinned, LintConfiguration config)
    {
        if (unit.BoundModel is not { Underpins: not null } model || underpinned is null
            || unit.Root.Root.Contract?.Body.Statements.OfType<UnderpinsStatementSyntax>().FirstOrDefault() is not { } underpins)
        {
            return [];
        }
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var underpinsAt = new Location(unit.Root.Path, unit.Root.Text, underpins.Path.Span);
        if (underpinned.Root.Root.Contract is null)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnderpinsNoContract, underpinsAt, underpins.Path.Value as string ?? underpins.Path.Text,
                underpinned.Root.Root.Library is not null ? "is a library" : "declares no contract"));
            return diagnostics.ToImmutable();
        }
        if (underpinned.BoundModel is not { } supported)
        {
            return []; // its own errors say why; nothing to compare with
        }
        var backed = new HashSet<(string, string)>();
        foreach (var service in model.Services)
        {
            foreach (var objective in service.Objectives)
            {
                if (objective.Backs is not { } backs)
                {
                    continue;
                }
                var at = LocationOf(unit, backs.Location);
                var target = supported.Services.FirstOrDefault(s => s.Name == backs.Service)?.Objectives.FirstOrDefault(o => o.Name == backs.Objective);
                if (target is null)
                {
                    var known = supported.Services.SelectMany(s => s.Objectives.Select(o => $"{s.Name}.{o.Name}")).ToList();
                    var suggestion = NameSuggester.Suggest($"{backs.Service}.{backs.Objective}", known);
                    diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.UnknownBackedObjective, at, $"{backs.Service}.{backs.Objective}",
                        suggestion is not null ? $" '{supported.Name}'; did you mean '{suggestion}'?" : $" '{supported.Name}'; its objectives: {string.Join(", ", known.Take(8))}."));
                    continue;
                }
                backed.Add((target.Service, target.Name));
                var looser = Looseness(objective, model, target, supported);
                if (looser.Count > 0 && RuleReporter.Create(ContractRules.LooseBacking, config, at, $"{service.Name}.{objective.Name}", Describe(objective),
                        $"{target.Service}.{target.Name}", Describe(target), string.Join(", ", looser)) is { } loose)
                {
                    diagnostics.Add(loose);
                }
            }
        }
        foreach (var (objective, subcontractor) in ObjectivesRunBySubcontractors(supported))
        {
            if (!backed.Contains((objective.Service, objective.Name))
                && RuleReporter.Create(ContractRules.UnbackedObjective, config, underpinsAt, subcontractor, objective.Service, $"{objective.Service}.{objective.Name}") is { } unbacked)
            {
                diagnostics.Add(unbacked);
            }
        }
        return diagnostics.ToImmutable();
    }

    /// <summary>How <paramref name="backing"/> is looser than <paramref name="backed"/>, one phrase per clause (none when it is not).</summary>
    private static List<string> Looseness(ObjectiveModel backing, ContractModel backingContract, ObjectiveModel backed, ContractModel backedContract)
    {
        var reasons = new List<string>();
        if (backing.Indicator.Kind != backed.Indicator.Kind || backing.Indicator.Within != backed.Indicator.Within)
        {
            reasons.Add($"measures another indicator ({SlaText.Indicator(backing.Indicator)}, not {SlaText.Indicator(backed.Indicator)})");
        }
        else
        {
            var (a, b) = (backing.Target, backed.Target);
            var atLeast = b.Comparison is Comparison.GreaterOrEqual or Comparison.Greater;
            if (atLeast != (a.Comparison is Comparison.GreaterOrEqual or Comparison.Greater))
            {
                reasons.Add($"compares the other way (target {a.Text}, not {b.Text})");
            }
            else if (atLeast ? a.Value < b.Value : a.Value > b.Value)
            {
                reasons.Add($"has a {(atLeast ? "lower" : "higher")} target ({a.Text}, not {b.Text})");
            }
            else if (a.Value == b.Value && a.Comparison is Comparison.GreaterOrEqual or Comparison.LessOrEqual && b.Comparison is Comparison.Greater or Comparison.Less)
            {
                reasons.Add($"accepts the limit itself (target {a.Text}, not {b.Text})");
            }
        }
        if (Binder.ApproximateDays(backing.Per) > Binder.ApproximateDays(backed.Per))
        {
            reasons.Add($"is measured over a longer period (per {backing.Per}, not per {backed.Per})");
        }
        if (backing.ExcludeMaintenance && !backed.ExcludeMaintenance)
        {
            reasons.Add("excludes maintenance, which the backed objective counts");
        }
        var backingCalendar = backingContract.GetCalendar(backing.Calendar);
        var backedCalendar = backedContract.GetCalendar(backed.Calendar);
        if (!Covers(backingCalendar, backedCalendar))
        {
            reasons.Add($"measures during '{backing.Calendar}', which excludes time '{backed.Calendar}' counts");
        }
        return reasons;
    }

    /// <summary>Whether every instant open in <paramref name="inner"/> is open in <paramref name="outer"/> (weekly hours and holidays).</summary>
    internal static bool Covers(CalendarModel outer, CalendarModel inner)
    {
        if (outer.IsAlways)
        {
            return true;
        }
        if (inner.IsAlways)
        {
            return false;
        }
        foreach (var hours in inner.Hours)
        {
            var covered = outer.Hours.Where(h => h.Day == hours.Day).OrderBy(h => h.Start).ToList();
            var from = hours.Start;
            foreach (var h in covered)
            {
                if (h.Start <= from && h.End > from)
                {
                    from = h.End;
                }
            }
            if (from < hours.End)
            {
                return false;
            }
        }
        // A holiday of the outer calendar closes a day the inner one may keep open.
        return outer.Holidays.All(day => inner.Holidays.Contains(day) || inner.Hours.All(h => h.Day != day.DayOfWeek));
    }

    /// <summary>The objectives of <paramref name="contract"/> whose service is, by RACI, the responsibility of a subcontractor's role.</summary>
    private static IEnumerable<(ObjectiveModel Objective, string Subcontractor)> ObjectivesRunBySubcontractors(ContractModel contract)
    {
        if (contract.Raci is not { } raci)
        {
            yield break;
        }
        foreach (var service in contract.Services)
        {
            var row = raci.Rows.FirstOrDefault(r => string.Equals(r.Activity, service.Name, StringComparison.Ordinal));
            if (row is null)
            {
                continue;
            }
            var subcontractor = raci.Roles
                .Select((role, i) => (role, cell: i < row.Cells.Length ? row.Cells[i] : RaciFlags.None))
                .Where(p => p.cell.HasFlag(RaciFlags.Responsible))
                .Select(p => contract.Roles.FirstOrDefault(r => r.Name == p.role)?.Party)
                .Select(party => contract.Parties.FirstOrDefault(p => p.Name == party))
                .FirstOrDefault(p => p?.Kind == PartyKind.Subcontractor);
            if (subcontractor is null)
            {
                continue;
            }
            foreach (var objective in service.Objectives)
            {
                yield return (objective, subcontractor.Name);
            }
        }
    }

    private static string Describe(ObjectiveModel objective) =>
        $"{SlaText.Indicator(objective.Indicator)} {objective.Target.Text} per {objective.Per} during {objective.Calendar}{(objective.ExcludeMaintenance ? " excluding maintenance" : "")}";

    /// <summary>The location of the token a model element starts at (its file is one of the unit's).</summary>
    private static Location LocationOf(BoundUnit unit, SourceLocation location)
    {
        var tree = unit.Files.FirstOrDefault(f => string.Equals(f.Path, location.Path, StringComparison.Ordinal)) ?? unit.Root;
        var line = Math.Clamp(location.Line - 1, 0, tree.Text.LineCount - 1);
        var position = tree.Text.GetPosition(line, Math.Max(0, location.Column - 1));
        var token = tree.Root.FindToken(position);
        return new Location(tree.Path, tree.Text, token.Span.Start == position ? token.Span : new TextSpan(position, 0));
    }
}
