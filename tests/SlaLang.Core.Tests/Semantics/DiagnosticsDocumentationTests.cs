using System.Text.RegularExpressions;
using SlaLang.Diagnostics;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>docs/diagnostics.md has one entry per binding and rule code, reachable by the help link, with a failing and a fixed example.</summary>
public class DiagnosticsDocumentationTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(Syntax.ExampleFiles.RepositoryRoot, "docs", "diagnostics.md"));

    public static TheoryData<string> SemanticCodes()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in DiagnosticCatalog.All.Where(d => d.Category is "Binding" or "Rules"))
        {
            data.Add(descriptor.Code);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SemanticCodes))]
    public void Code_has_an_anchored_entry_with_failing_and_fixed_examples(string code)
    {
        var descriptor = DiagnosticCatalog.Find(code).ShouldNotBeNull();
        descriptor.HelpLink.ShouldBe($"docs/diagnostics.md#{code.ToLowerInvariant()}");
        Document.ShouldContain($"<a id=\"{code.ToLowerInvariant()}\"></a>\n\n### {code}: {descriptor.Title}\n");
        var start = Document.IndexOf($"### {code}: ", StringComparison.Ordinal);
        var next = Document.IndexOf("\n### ", start + 1, StringComparison.Ordinal);
        var entry = next < 0 ? Document[start..] : Document[start..next];
        entry.ShouldContain("\nFailing:\n\n```");
        entry.ShouldContain("\nFixed:\n\n```");
    }

    [Fact]
    public void Every_documented_semantic_code_exists_in_the_catalog()
    {
        var documented = Regex.Matches(Document, @"^### (SLA[23]\d{3}): ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        documented.ShouldBe(DiagnosticCatalog.All.Where(d => d.Category is "Binding" or "Rules").Select(d => d.Code));
    }
}
