using SlaLang.Core.Tests.Baselines;
using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Syntax;

/// <summary>Every example contract parses without diagnostics, round-trips, and matches its token and tree baselines.</summary>
public class ExampleParsingTests
{
    [Theory]
    [MemberData(nameof(ExampleFiles.Data), MemberType = typeof(ExampleFiles))]
    public void Example_parses_without_diagnostics_and_round_trips(string path)
    {
        var text = ExampleFiles.Read(path);
        var tree = SyntaxTree.Parse(text, path);
        tree.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        TreeInvariants.Check(tree, text, path);
    }

    [Theory]
    [MemberData(nameof(ExampleFiles.Data), MemberType = typeof(ExampleFiles))]
    public void Example_tokens_match_baseline(string path)
    {
        var tree = SyntaxTree.Parse(ExampleFiles.Read(path), path);
        var name = BaselineAssert.ExampleName(path);
        BaselineAssert.Matches($"{name}/{name}.tokens", SyntaxDump.Tokens(tree));
    }

    [Theory]
    [MemberData(nameof(ExampleFiles.Data), MemberType = typeof(ExampleFiles))]
    public void Example_syntax_tree_matches_baseline(string path)
    {
        var tree = SyntaxTree.Parse(ExampleFiles.Read(path), path);
        var name = BaselineAssert.ExampleName(path);
        BaselineAssert.Matches($"{name}/{name}.syntax", SyntaxDump.Tree(tree));
    }
}
