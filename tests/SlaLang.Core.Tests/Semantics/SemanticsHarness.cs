using System.Collections.Immutable;
using SlaLang.Analyzers;
using SlaLang.Diagnostics;
using SlaLang.Semantics;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>Compiles contract snippets; <c>[|…|]</c> marks the span a test expects a diagnostic on.</summary>
internal static class SemanticsHarness
{
    /// <summary>A valid contract header (11 lines): body lines of <see cref="Contract"/> start at line 12.</summary>
    public const string Header = """
        contract Test {
          term 2026-01-01 .. 2026-12-31
          timezone "Europe/Paris"
          currency EUR
          party Client client
          party Provider provider
          role Director of Client
          role Manager of Provider
          severity sev1
          severity sev2
          reversibility { notice 3 months }

        """;

    /// <summary>A contract made of <see cref="Header"/>, <paramref name="body"/> and the closing brace.</summary>
    public static string Contract(string body) => Header + body + "\n}\n";

    /// <summary>The text without its markers and the marked span.</summary>
    public static (string Text, TextSpan Span) Unmark(string marked)
    {
        var start = marked.IndexOf("[|", StringComparison.Ordinal);
        var end = marked.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return (marked, default);
        }
        var text = marked.Remove(end, 2).Remove(start, 2);
        return (text, TextSpan.FromBounds(start, end - 2));
    }

    /// <summary>Every diagnostic of <paramref name="text"/> compiled alone as <c>test.sla</c>.</summary>
    public static ImmutableArray<Diagnostic> Diagnostics(string text, LintConfiguration? configuration = null) =>
        Compile(text, configuration).GetDiagnostics();

    /// <summary>A compilation of <paramref name="text"/> as <c>test.sla</c>.</summary>
    public static Compilation Compile(string text, LintConfiguration? configuration = null) =>
        Compilation.Create([SyntaxTree.Parse(text, "test.sla")],
            configuration is null ? CompilationOptions.Default : CompilationOptions.WithLintConfiguration(configuration));

    /// <summary>Asserts that the marked text yields exactly one diagnostic, on the marked span, and returns it.</summary>
    public static Diagnostic Single(string marked, LintConfiguration? configuration = null)
    {
        var (text, span) = Unmark(marked);
        var diagnostics = Diagnostics(text, configuration);
        diagnostics.Length.ShouldBe(1, string.Join("\n", diagnostics));
        diagnostics[0].Span.ShouldBe(span, diagnostics[0].ToString());
        return diagnostics[0];
    }
}
