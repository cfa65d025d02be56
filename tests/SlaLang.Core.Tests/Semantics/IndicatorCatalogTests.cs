using System.Text.RegularExpressions;
using SlaLang.Runtime;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>The indicator catalog is the one home of the indicators: the docs, the binder and the runtime agree with it.</summary>
public sealed class IndicatorCatalogTests
{
    [Fact]
    public void The_catalog_lists_each_kind_once_in_enum_order_with_a_unique_name()
    {
        IndicatorCatalog.All.Select(d => d.Kind).ShouldBe(Enum.GetValues<IndicatorKind>());
        IndicatorCatalog.Names.Distinct(StringComparer.Ordinal).Count().ShouldBe(IndicatorCatalog.All.Count);
        IndicatorCatalog.All.ShouldAllBe(d => Regex.IsMatch(d.Name, "^[a-z]+(_[a-z]+)*$"));
    }

    [Fact]
    public void Indicators_over_samples_say_how_a_sample_counts_and_the_others_do_not()
    {
        foreach (var d in IndicatorCatalog.All)
        {
            (d.Sample is not null).ShouldBe(d.Source is IndicatorSource.Requests or IndicatorSource.Surveys or IndicatorSource.Changes, d.Name);
            (d.Scale == 100m).ShouldBe(d.Sample is not null && d.Unit == IndicatorUnit.Percent, d.Name);
        }
    }

    [Fact]
    public void Every_indicator_has_a_row_in_the_language_reference_with_its_unit()
    {
        var doc = File.ReadAllText(Path.Combine(Syntax.ExampleFiles.RepositoryRoot, "docs", "language.md"));
        var rows = Regex.Matches(doc, @"^\| `([a-z_]+)(?:\(D\))?` \| (percent|seconds|count|score) \|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        rows.Keys.Order(StringComparer.Ordinal).ShouldBe(IndicatorCatalog.Names.Order(StringComparer.Ordinal));
        foreach (var d in IndicatorCatalog.All)
        {
            rows[d.Name].ShouldBe(d.Unit.ToString().ToLowerInvariant(), d.Name);
        }
    }

    [Fact]
    public void Every_indicator_binds_by_its_catalog_name_with_its_unit()
    {
        foreach (var d in IndicatorCatalog.All)
        {
            var indicator = d.TakesDelay ? $"{d.Name}(4h)" : d.Name;
            var target = d.Unit switch { IndicatorUnit.Percent => "90%", IndicatorUnit.Seconds => "4h", IndicatorUnit.Count => "3", _ => "4" };
            var text = $"contract C {{\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n  service S {{\n    objective O {{ indicator {indicator}; target >= {target}; per month }}\n  }}\n  reversibility {{ notice 3 months }}\n}}\n";
            var tree = SlaLang.Syntax.SyntaxTree.Parse(text, "c.sla");
            var compilation = SlaLang.Semantics.Compilation.Create([tree]);
            compilation.GetDiagnostics().Select(x => x.ToString()).ShouldBeEmpty(d.Name);
            var objective = compilation.GetContractModels().ShouldHaveSingleItem().Services.Single().Objectives.Single();
            objective.Indicator.Kind.ShouldBe(d.Kind);
            objective.Indicator.Unit.ShouldBe(d.Unit);
        }
    }
}
