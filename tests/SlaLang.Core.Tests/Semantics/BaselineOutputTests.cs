using SlaLang.Core.Tests.Baselines;
using SlaLang.Core.Tests.Syntax;
using SlaLang.Emit;
using SlaLang.Formatting;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>Baselines of derived outputs (SLA_UPDATE_BASELINES=1 regenerates; review the diff): the diagnostics of invalid
/// samples, the formatted examples and the generated monitors.</summary>
public sealed class BaselineOutputTests
{
    private static readonly string InvalidFolder = Path.Combine(BaselineAssert.Folder, "invalid");

    public static TheoryData<string> InvalidSamples => new(Directory.EnumerateFiles(InvalidFolder, "*.sla").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(InvalidSamples))]
    public void Invalid_sample_diagnostics_match_baseline(string file)
    {
        var path = $"tests/SlaLang.Core.Tests/Baselines/invalid/{file}";
        var tree = SyntaxTree.Parse(File.ReadAllText(Path.Combine(InvalidFolder, file)), file);
        var compilation = Compilation.Create([tree], sources: new InMemorySourceProvider(new Dictionary<string, string>()));
        var diagnostics = compilation.GetDiagnostics();
        diagnostics.ShouldNotBeEmpty(path);
        BaselineAssert.Matches($"invalid/{Path.GetFileNameWithoutExtension(file)}.diagnostics", string.Concat(diagnostics.Select(d => d + "\n")));
    }

    [Theory]
    [MemberData(nameof(ExampleFiles.Data), MemberType = typeof(ExampleFiles))]
    public void Formatted_example_matches_baseline(string path)
    {
        var name = BaselineAssert.ExampleName(path);
        var result = ContractFormatter.Format(ExampleFiles.Read(path), path);
        result.Refused.ShouldBeFalse();
        BaselineAssert.Matches($"{name}/{name}.formatted", result.Text);
    }

    [Theory]
    [MemberData(nameof(ExampleFiles.Data), MemberType = typeof(ExampleFiles))]
    public void Generated_monitor_of_example_matches_baseline(string path)
    {
        var (compilation, tree) = ExampleFiles.Compile(path);
        if (tree.Root.Library is not null)
        {
            compilation.EmitMonitor(tree).Success.ShouldBeFalse(); // a library alone is no contract: nothing to monitor
            return;
        }
        var emission = compilation.EmitMonitor(tree);
        emission.Success.ShouldBeTrue(string.Join("\n", emission.Diagnostics));
        var name = BaselineAssert.ExampleName(path);
        BaselineAssert.Matches($"{name}/{name}.Monitor.cs", emission.Source!);
    }
}
