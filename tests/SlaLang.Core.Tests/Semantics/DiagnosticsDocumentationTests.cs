using System.Text.RegularExpressions;
using SlaLang.Diagnostics;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>docs/diagnostics.md has one entry per code of the catalog, reachable by the help link, with a failing and a fixed example.</summary>
public class DiagnosticsDocumentationTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(Syntax.ExampleFiles.RepositoryRoot, "docs", "diagnostics.md"));

    public static TheoryData<string> AllCodes()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in DiagnosticCatalog.All)
        {
            data.Add(descriptor.Code);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Code_has_an_anchored_entry_with_failing_and_fixed_examples(string code)
    {
        var descriptor = DiagnosticCatalog.Find(code).ShouldNotBeNull();
        descriptor.HelpLink.ShouldBe($"docs/diagnostics.md#{code.ToLowerInvariant()}");
        Regex.IsMatch(Document, $"<a id=\"{code.ToLowerInvariant()}\"></a>\\s*\\n### {code}: {Regex.Escape(descriptor.Title)}\\n")
            .ShouldBeTrue($"docs/diagnostics.md has no anchored '### {code}: {descriptor.Title}' entry");
        var start = Document.IndexOf($"### {code}: ", StringComparison.Ordinal);
        var next = Document.IndexOf("\n### ", start + 1, StringComparison.Ordinal);
        var entry = next < 0 ? Document[start..] : Document[start..next];
        Regex.IsMatch(entry, "\nFailing:\\s*\n```").ShouldBeTrue($"{code} has no failing example");
        Regex.IsMatch(entry, "\nFixed:\\s*\n```").ShouldBeTrue($"{code} has no fixed example");
    }

    [Fact]
    public void Every_documented_semantic_code_exists_in_the_catalog()
    {
        var documented = Regex.Matches(Document, @"^### (SLA[23]\d{3}): ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        documented.ShouldBe(DiagnosticCatalog.All.Where(d => d.Category is "Binding" or "Rules").Select(d => d.Code));
    }
}
