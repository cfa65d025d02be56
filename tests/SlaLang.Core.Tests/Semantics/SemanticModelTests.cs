using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>The symbol API the language server stands on: declared symbols, lookup by position, references, laziness.</summary>
public class SemanticModelTests
{
    private const string Source = """
        /// The test contract.
        contract Test "Test run" {
          term 2026-01-01 .. 2026-12-31
          timezone "Europe/Paris"
          currency EUR
          party Client client "Client SA"
          party Provider provider
          /// Runs the service.
          role Manager of Provider "Service manager"
          calendar Office { hours mon-fri 08:00-18:00 }
          severity sev1 "Outage"
          service Run {
            fee 1000 EUR per month
            objective Up { indicator availability; target >= 99.9%; per month; during Office }
            penalty Credit on Up { base fee; when < 99.9% credit 5% }
          }
          escalation Path for incidents where severity == sev1 { during always; after 1h notify Manager }
          reversibility { notice 3 months }
        }
        """;

    private static (SemanticModel Model, SyntaxTree Tree) Bind()
    {
        var tree = SyntaxTree.Parse(Source, "test.sla");
        return (Compilation.Create([tree]).GetSemanticModel(tree), tree);
    }

    private static int PositionOf(string text, int occurrence = 0)
    {
        var index = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            index = Source.IndexOf(text, index + 1, StringComparison.Ordinal);
        }
        return index;
    }

    [Fact]
    public void Occurrences_are_in_text_order_even_when_binding_meets_them_out_of_order()
    {
        // The penalty is written before its objective but bound after it, so its reference to Up is found after Office's.
        const string text = """
            contract T {
              term 2026-01-01 .. 2026-12-31
              timezone "Europe/Paris"
              currency EUR
              calendar Office { hours mon-fri 08:00-18:00 }
              service Run {
                fee 1000 EUR per month
                penalty Credit on Up { base fee; when < 99.9% credit 5% }
                objective Up { indicator availability; target >= 99.9%; per month; during Office }
              }
              reversibility { notice 3 months }
            }
            """;
        var tree = SyntaxTree.Parse(text, "t.sla");
        var model = Compilation.Create([tree]).GetSemanticModel(tree);
        model.GetDiagnostics().ShouldBeEmpty();
        model.GetOccurrences().Select(o => $"{(o.IsDeclaration ? "decl" : "ref")} {o.Symbol.Name} {o.Span.Start}").ShouldBe([
            $"decl T {text.IndexOf("T {", StringComparison.Ordinal)}",
            $"decl Office {text.IndexOf("Office {", StringComparison.Ordinal)}",
            $"decl Run {text.IndexOf("Run {", StringComparison.Ordinal)}",
            $"decl Credit {text.IndexOf("Credit on", StringComparison.Ordinal)}",
            $"ref Up {text.IndexOf("Up {", StringComparison.Ordinal)}",
            $"decl Up {text.IndexOf("Up {", StringComparison.Ordinal) + "Up { base fee; when < 99.9% credit 5% }\n    objective ".Length}",
            $"ref Office {text.LastIndexOf("Office", StringComparison.Ordinal)}",
        ]);
        model.GetSymbolAt(text.IndexOf("Up {", StringComparison.Ordinal))!.Kind.ShouldBe(SymbolKind.Objective);
    }

    [Fact]
    public void Declared_symbols_come_in_declaration_order_with_kind_container_title_and_doc()
    {
        var (model, _) = Bind();
        model.GetDiagnostics().ShouldBeEmpty();
        model.GetDeclaredSymbols().Select(s => $"{s.Kind} {s.QualifiedName}").ShouldBe([
            "Contract Test", "Party Client", "Party Provider", "Role Manager", "Calendar Office", "Severity sev1", "Service Run",
            "Objective Run.Up", "Penalty Run.Credit", "Escalation Path",
        ]);
        var role = model.GetDeclaredSymbols().OfType<RoleSymbol>().Single();
        role.Doc.ShouldBe("Runs the service.");
        role.Title.ShouldBe("Service manager");
        role.Container.ShouldBeSameAs(model.ContractSymbol);
        role.Party!.Name.ShouldBe("Provider");
        role.ToDisplayString().ShouldBe("role Manager of Provider \"Service manager\"");
        model.ContractSymbol!.Doc.ShouldBe("The test contract.");
        model.ContractSymbol.Title.ShouldBe("Test run");
        var objective = model.GetDeclaredSymbols().OfType<ObjectiveSymbol>().Single();
        objective.Container!.Name.ShouldBe("Run");
        objective.ToDisplayString().ShouldBe("objective Run.Up availability >= 99.9% per month");
    }

    [Fact]
    public void Declaration_and_name_spans_cover_the_declaration_and_its_name()
    {
        var (model, tree) = Bind();
        var role = model.GetDeclaredSymbols().Single(s => s.Name == "Manager");
        tree.Text.ToString(role.NameSpan).ShouldBe("Manager");
        tree.Text.ToString(role.DeclarationSpan).ShouldBe("role Manager of Provider \"Service manager\"");
        role.NameLocation!.Start.ToString().ShouldBe("9,8");
    }

    [Fact]
    public void Symbol_at_a_reference_is_the_declared_symbol()
    {
        var (model, _) = Bind();
        var manager = model.GetDeclaredSymbols().Single(s => s.Name == "Manager");
        model.GetSymbolAt(PositionOf("notify Manager") + "notify ".Length).ShouldBeSameAs(manager);
        model.GetSymbolAt(PositionOf("notify Manager") + "notify Manager".Length).ShouldBeSameAs(manager);
        model.GetSymbolAt(PositionOf("role Manager") + "role Ma".Length).ShouldBeSameAs(manager);
        model.GetSymbolAt(PositionOf("on Up") + 3)!.Kind.ShouldBe(SymbolKind.Objective);
        model.GetSymbolAt(PositionOf("== sev1") + 4)!.Kind.ShouldBe(SymbolKind.Severity);
        model.GetSymbolAt(PositionOf("term")).ShouldBeNull();
    }

    [Fact]
    public void Built_in_always_calendar_is_found_at_its_references()
    {
        var (model, _) = Bind();
        var always = model.GetSymbolAt(PositionOf("during always") + "during ".Length).ShouldNotBeNull();
        always.Name.ShouldBe("always");
        always.Kind.ShouldBe(SymbolKind.Calendar);
        always.IsBuiltIn.ShouldBeTrue();
        model.FindReferences(always).Select(l => l.Start.ToString()).ShouldBe(["17,65"]);
        model.GetSymbols(SymbolKind.Calendar).Select(s => s.Name).ShouldBe(["always", "Office"]);
    }

    [Fact]
    public void Find_references_lists_the_declaration_then_every_reference()
    {
        var (model, _) = Bind();
        var provider = model.GetDeclaredSymbols().Single(s => s.Name == "Provider");
        model.FindReferences(provider).Select(l => $"{l.Path}({l.Start})").ShouldBe(["test.sla(7,9)", "test.sla(9,19)"]);
        var office = model.GetDeclaredSymbols().Single(s => s.Name == "Office");
        model.FindReferences(office).Select(l => l.Start.ToString()).ShouldBe(["10,12", "14,79"]);
    }

    [Fact]
    public void Contract_model_is_null_when_there_is_an_error()
    {
        var tree = SyntaxTree.Parse(Source.Replace("notify Manager", "notify Nobody"), "test.sla");
        var model = Compilation.Create([tree]).GetSemanticModel(tree);
        model.GetDiagnostics().Select(d => d.Code).ShouldBe(["SLA2001"]);
        model.GetContractModel().ShouldBeNull();
    }

    [Fact]
    public void Semantic_model_is_computed_once_and_shared_between_threads()
    {
        var tree = SyntaxTree.Parse(Source, "test.sla");
        var compilation = Compilation.Create([tree]);
        var models = new SemanticModel[16];
        var diagnostics = new System.Collections.Immutable.ImmutableArray<Diagnostics.Diagnostic>[16];
        Parallel.For(0, 16, i =>
        {
            models[i] = compilation.GetSemanticModel(tree);
            diagnostics[i] = compilation.GetDiagnostics();
        });
        models.ShouldAllBe(m => ReferenceEquals(m, models[0]));
        models[0].GetContractModel().ShouldBeSameAs(models[0].GetContractModel());
        diagnostics.ShouldAllBe(d => d == diagnostics[0]);
    }

    [Fact]
    public void Tree_of_another_compilation_is_rejected()
    {
        var compilation = Compilation.Create([SyntaxTree.Parse(Source, "a.sla")]);
        Should.Throw<ArgumentException>(() => compilation.GetSemanticModel(SyntaxTree.Parse(Source, "b.sla")));
    }

    [Fact]
    public void Diagnostics_of_several_trees_are_sorted_by_path_then_position()
    {
        var b = SyntaxTree.Parse(Source.Replace("notify Manager", "notify Nobody"), "b.sla");
        var a = SyntaxTree.Parse(Source.Replace("during Office", "during Offce"), "a.sla");
        Compilation.Create([b, a]).GetDiagnostics().Select(d => d.ToString()).ShouldBe([
            "a.sla(14,79): error SLA2001: Unknown calendar 'Offce'; did you mean 'Office'?",
            "b.sla(17,89): error SLA2001: Unknown role 'Nobody'; declared roles: Manager.",
        ]);
    }

    [Fact]
    public void Declared_symbol_of_an_objective_carries_what_binding_learnt_of_it()
    {
        var (model, tree) = Bind();
        var objective = tree.Root.DescendantNodesAndSelf<ObjectiveDeclarationSyntax>().Single();
        var symbol = model.GetDeclaredSymbol(objective).ShouldBeOfType<ObjectiveSymbol>();
        symbol.QualifiedName.ShouldBe("Run.Up");
        symbol.Indicator.ShouldBe(Runtime.IndicatorKind.Availability);
        symbol.Period.ShouldBe(new Model.PeriodSpec(Runtime.PeriodUnit.Month));
        symbol.Calendar.ShouldBe("Office");
        symbol.ExcludesMaintenance.ShouldBeFalse();
        var service = model.GetDeclaredSymbol(tree.Root.DescendantNodesAndSelf<ServiceDeclarationSyntax>().Single()).ShouldBeOfType<ServiceSymbol>();
        service.Fee!.Amount.ShouldBe(1000m);
        service.Fee.Months.ShouldBe(1);
        var penalty = model.GetDeclaredSymbol(tree.Root.DescendantNodesAndSelf<PenaltyDeclarationSyntax>().Single()).ShouldBeOfType<PenaltySymbol>();
        penalty.Objective.ShouldBeSameAs(symbol);
        model.GetDeclaredSymbol(tree.Root.DescendantNodesAndSelf<ReversibilityDeclarationSyntax>().Single()).ShouldBeNull();
    }

    [Fact]
    public void Declared_symbol_of_a_half_typed_objective_keeps_the_clauses_that_bound()
    {
        var source = Source.Replace("objective Up { indicator availability; target >= 99.9%; per month; during Office }",
            "objective Up {\n indicator resolved_within(4h)\n per rolling 7d\n target >=\n }");
        var tree = SyntaxTree.Parse(source, "test.sla");
        var model = Compilation.Create([tree]).GetSemanticModel(tree);
        var symbol = model.GetDeclaredSymbol(tree.Root.DescendantNodesAndSelf<ObjectiveDeclarationSyntax>().Single()).ShouldBeOfType<ObjectiveSymbol>();
        symbol.Indicator.ShouldBe(Runtime.IndicatorKind.ResolvedWithin);
        symbol.Delay.ShouldBe(NodaTime.Duration.FromHours(4));
        symbol.Period.ShouldBe(new Model.PeriodSpec(Runtime.PeriodUnit.Rolling, 1, NodaTime.Duration.FromDays(7)));
        symbol.Period!.ToString().ShouldBe("rolling 7d");
        symbol.Calendar.ShouldBe("always");
    }
}
