using System.Text;
using SlaLang.Core.Tests.Baselines;
using SlaLang.Core.Tests.Syntax;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>Every example binds clean and matches its <c>.diagnostics</c> and <c>.symbols</c> baselines (SLA_UPDATE_BASELINES=1 regenerates).</summary>
public class ExampleSemanticsTests
{
    private static SemanticModel Bind(string path)
    {
        var (compilation, tree) = ExampleFiles.Compile(path);
        return compilation.GetSemanticModel(tree);
    }

    [Theory]
    [MemberData(nameof(ExampleFiles.Data), MemberType = typeof(ExampleFiles))]
    public void Example_checks_clean_and_yields_a_contract_model(string path)
    {
        var model = Bind(path);
        model.GetAllDiagnostics().Select(d => d.ToString()).ShouldBeEmpty();
        if (model.SyntaxTree.Root.Library is null)
        {
            model.GetContractModel().ShouldNotBeNull();
        }
        else
        {
            model.GetContractModel().ShouldBeNull(); // a library checked alone is no contract
        }
    }

    [Theory]
    [MemberData(nameof(ExampleFiles.Data), MemberType = typeof(ExampleFiles))]
    public void Example_diagnostics_match_baseline(string path)
    {
        var name = BaselineAssert.ExampleName(path);
        var text = string.Concat(Bind(path).GetDiagnostics().Select(d => d + "\n"));
        BaselineAssert.Matches($"{name}/{name}.diagnostics", text);
    }

    [Theory]
    [MemberData(nameof(ExampleFiles.Data), MemberType = typeof(ExampleFiles))]
    public void Example_symbols_match_baseline(string path)
    {
        var name = BaselineAssert.ExampleName(path);
        BaselineAssert.Matches($"{name}/{name}.symbols", Symbols(Bind(path)));
    }

    [Theory]
    [MemberData(nameof(ExampleFiles.Data), MemberType = typeof(ExampleFiles))]
    public void Every_occurrence_resolves_back_to_its_symbol(string path)
    {
        var model = Bind(path);
        foreach (var occurrence in model.GetOccurrences())
        {
            model.GetSymbolAt(occurrence.Span.Start).ShouldBeSameAs(occurrence.Symbol);
            model.FindReferences(occurrence.Symbol).Select(l => l.Span).ShouldContain(occurrence.Span);
        }
    }

    /// <summary>One block per declared symbol: kind, qualified name, position, display string, doc, and every reference.</summary>
    internal static string Symbols(SemanticModel model)
    {
        var builder = new StringBuilder();
        foreach (var symbol in model.GetDeclaredSymbols())
        {
            builder.Append($"{symbol.Kind} {symbol.QualifiedName} @{symbol.NameLocation!.Start}: {symbol.ToDisplayString()}\n");
            if (symbol.Doc is { } doc)
            {
                builder.Append($"  doc: {doc.Replace("\n", "\n       ")}\n");
            }
            AppendReferences(builder, model, symbol);
        }
        var always = model.GetSymbols(SymbolKind.Calendar).First(s => s.IsBuiltIn);
        builder.Append($"Calendar always (built in): {always.ToDisplayString()}\n");
        AppendReferences(builder, model, always);
        return builder.ToString();
    }

    private static void AppendReferences(StringBuilder builder, SemanticModel model, Symbol symbol)
    {
        var references = model.FindReferences(symbol).Where(l => l.Span != symbol.NameSpan || symbol.IsBuiltIn).Select(l => l.Start.ToString()).ToList();
        if (references.Count > 0)
        {
            builder.Append($"  references: {string.Join(" ", references)}\n");
        }
    }
}
