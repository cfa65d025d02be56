using SlaLang.Core.Tests.Syntax;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>The binder never throws: on the prefixes of every example (a contract being typed) and on random token mutations.</summary>
public class BindingRobustnessTests
{
    private static void BindEverything(string text)
    {
        var tree = SyntaxTree.Parse(text, "typing.sla");
        var model = Compilation.Create([tree]).GetSemanticModel(tree);
        var diagnostics = model.GetDiagnostics();
        var contract = model.GetContractModel();
        if (diagnostics.Any(d => d.IsError))
        {
            contract.ShouldBeNull();
        }
        foreach (var diagnostic in diagnostics.Where(d => d.Location.Path == "typing.sla"))
        {
            (diagnostic.Span.End <= text.Length).ShouldBeTrue(diagnostic.ToString());
        }
        foreach (var occurrence in model.GetOccurrences())
        {
            model.GetSymbolAt(occurrence.Span.Start).ShouldNotBeNull();
        }
    }

    /// <remarks>The parser's own tests cut at every character; binding cuts at every token boundary and one character into each token.</remarks>
    [Theory]
    [MemberData(nameof(ExampleFiles.Data), MemberType = typeof(ExampleFiles))]
    public void Every_token_prefix_of_an_example_binds_without_throwing(string path)
    {
        var text = ExampleFiles.Read(path);
        var cuts = new SortedSet<int> { 0, text.Length };
        foreach (var token in SyntaxTree.Parse(text, path).GetTokens())
        {
            cuts.Add(token.Span.Start);
            cuts.Add(Math.Min(token.Span.Start + 1, token.Span.End));
            cuts.Add(token.Span.End);
        }
        foreach (var length in cuts)
        {
            BindEverything(text[..length]);
        }
    }

    [Theory]
    [MemberData(nameof(ExampleFiles.Data), MemberType = typeof(ExampleFiles))]
    public void Random_token_mutations_bind_without_throwing(string path)
    {
        var text = ExampleFiles.Read(path);
        var tokens = SyntaxTree.Parse(text, path).GetTokens().Where(t => t.Span.Length > 0).ToArray();
        var random = new Random(20261126 + path.Length);
        string[] inserts = ["}", "{", "(", "per", "target", "99%", "4h", "sev1", "always", "of", "\"x\"", "5bd", "100 USD", ";", "\n", "-", "when", "==", "in"];
        for (var i = 0; i < 1000; i++)
        {
            var token = tokens[random.Next(tokens.Length)];
            var mutated = random.Next(3) switch
            {
                0 => text.Remove(token.Span.Start, token.Span.Length),
                1 => text.Insert(token.Span.Start, inserts[random.Next(inserts.Length)] + " "),
                _ => text.Remove(token.Span.Start, token.Span.Length).Insert(token.Span.Start, tokens[random.Next(tokens.Length)].Text),
            };
            BindEverything(mutated);
        }
    }
}
