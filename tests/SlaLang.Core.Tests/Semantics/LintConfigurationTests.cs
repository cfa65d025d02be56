using SlaLang.Analyzers;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>Reading <c>slaconfig.json</c>: codes and kebab-case names, levels, errors located in the file, lookup upwards.</summary>
public class LintConfigurationTests
{
    [Fact]
    public void Levels_are_read_by_code_and_by_name()
    {
        var configuration = LintConfiguration.Parse("""
            {
              // comments and trailing commas are accepted
              "rules": { "SLA3015": "off", "tiers-monotonic": "warning", "cap-range": "Info", },
            }
            """, "slaconfig.json");
        configuration.Errors.ShouldBeEmpty();
        configuration.GetLevel(ContractRules.MissingReversibility).ShouldBe(RuleLevel.Off);
        configuration.GetLevel(ContractRules.TiersMonotonic).ShouldBe(RuleLevel.Warning);
        configuration.GetLevel(ContractRules.CapRange).ShouldBe(RuleLevel.Info);
        configuration.GetLevel(ContractRules.TermOrder).ShouldBe(RuleLevel.Error);
    }

    [Fact]
    public void Unknown_level_is_an_error_located_at_the_rule()
    {
        var configuration = LintConfiguration.Parse("{ \"rules\": {\n  \"SLA3015\": \"loud\" } }", "cfg/slaconfig.json");
        configuration.Errors.ShouldBe([new LintConfigurationError("cfg/slaconfig.json", 2, 3,
            "The level of rule 'SLA3015' must be \"off\", \"info\", \"warning\" or \"error\".")]);
        configuration.GetLevel(ContractRules.MissingReversibility).ShouldBe(RuleLevel.Warning);
    }

    [Fact]
    public void Invalid_json_is_an_error_with_its_position()
    {
        var error = LintConfiguration.Parse("{ \"rules\": ", "slaconfig.json").Errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(1);
        error.Message.ShouldStartWith("slaconfig.json is not valid JSON: ");
        error.Message.ShouldEndWith(" Fix the syntax or delete the file.");
    }

    [Fact]
    public void Nearest_configuration_file_above_the_contract_is_found()
    {
        var root = Directory.CreateTempSubdirectory("slaconfig-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "a", "b"));
            File.WriteAllText(Path.Combine(root, "a", LintConfiguration.FileName), "{}");
            LintConfiguration.FindFile(Path.Combine(root, "a", "b", "x.sla")).ShouldBe(Path.Combine(root, "a", LintConfiguration.FileName));
            var cache = new LintConfigurationCache();
            cache.For(Path.Combine(root, "a", "b", "x.sla")).ShouldBeSameAs(cache.For(Path.Combine(root, "a", "y.sla")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_changed_configuration_file_is_read_again()
    {
        var root = Directory.CreateTempSubdirectory("slaconfig-").FullName;
        try
        {
            var file = Path.Combine(root, LintConfiguration.FileName);
            var contract = Path.Combine(root, "x.sla");
            File.WriteAllText(file, """{ "rules": { "SLA3015": "off" } }""");
            File.SetLastWriteTimeUtc(file, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            var cache = new LintConfigurationCache();
            var first = cache.For(contract);
            first.GetLevel(ContractRules.MissingReversibility).ShouldBe(RuleLevel.Off);
            cache.For(contract).ShouldBeSameAs(first);

            File.WriteAllText(file, """{ "rules": { "SLA3015": "error" } }""");
            File.SetLastWriteTimeUtc(file, new DateTime(2026, 1, 1, 0, 0, 1, DateTimeKind.Utc));
            cache.For(contract).GetLevel(ContractRules.MissingReversibility).ShouldBe(RuleLevel.Error);

            File.Delete(file);
            cache.For(contract).ShouldBeSameAs(LintConfiguration.Default);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
