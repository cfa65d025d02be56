using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using SlaLang.Core.Tests.Syntax;
using SlaLang.Emit;
using SlaLang.Generator;
using SlaCompilation = SlaLang.Semantics.Compilation;
using SlaSyntaxTree = SlaLang.Syntax.SyntaxTree;

namespace SlaLang.Core.Tests.Generator;

/// <summary>The incremental source generator, driven as the compiler drives it (<see cref="CSharpGeneratorDriver"/>).</summary>
public sealed class SlaMonitorGeneratorTests
{
    private static readonly string Examples = Path.Combine(ExampleFiles.RepositoryRoot, "examples");

    /// <summary>The Belle-Place contract (four files: master library and two service schedules), the NovaTerra one, and a library
    /// no contract imports.</summary>
    private static ImmutableArray<AdditionalText> ExampleTexts() =>
    [
        .. new[] { "belleplace/belleplace.sla", "belleplace/master.sla", "belleplace/services/journeys.sla", "belleplace/services/delivery.sla", "novaterra/novaterra.sla" }
            .Select(p => (AdditionalText)new InMemoryText(Path.Combine(Examples, p), File.ReadAllText(Path.Combine(Examples, p)))),
        new InMemoryText("/elsewhere/notes.txt", "contract NotSla {"),
    ];

    [Fact]
    public void Each_contract_becomes_the_monitor_slac_compile_writes_and_the_project_compiles()
    {
        var (driver, compilation) = Run(ExampleTexts());
        var result = driver.GetRunResult();

        result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
        var generated = result.GeneratedTrees.Select(t => (Name: Path.GetFileName(t.FilePath), Text: t.GetText().ToString()))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        generated.Count.ShouldBe(2);
        generated[0].Name.ShouldStartWith("belleplace.");
        generated[0].Name.ShouldEndWith(".BellePlaceDigitalMonitor.g.cs");
        generated[1].Name.ShouldStartWith("novaterra.");
        generated[0].Text.ShouldBe(SlacCompile("belleplace/belleplace.sla"));
        generated[1].Text.ShouldBe(SlacCompile("novaterra/novaterra.sla"));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        errors.ShouldBeEmpty(string.Join("\n", errors));
        compilation.GetTypeByMetadataName("SlaLang.Generated.BellePlaceDigitalMonitor").ShouldNotBeNull();
        compilation.GetTypeByMetadataName("SlaLang.Generated.NovaTerraRunMonitor").ShouldNotBeNull();
    }

    /// <summary>A compilation reads a file's imports in parallel: the generator's record of the files read is written from
    /// several threads at once (a HashSet there lost entries and, now and then, handed out a null path: the build failed with
    /// CS8785 'Value cannot be null (key)').</summary>
    [Fact]
    public void The_record_of_files_read_keeps_every_file_read_from_many_threads_at_once()
    {
        // As a contract importing four files: a fresh record, four reads at the same moment; many times over.
        var texts = Enumerable.Range(0, 4).ToDictionary(i => $"/p/{i}.sla", i => "library L {\n}\n");
        for (var round = 0; round < 3_000; round++)
        {
            var reading = new RecordingSourceProvider(texts);
            using var start = new Barrier(texts.Count);
            Parallel.ForEach(texts.Keys, new ParallelOptions { MaxDegreeOfParallelism = texts.Count }, path =>
            {
                start.SignalAndWait();
                reading.Read(path).Status.ShouldBe(SlaLang.Semantics.SourceReadStatus.Read);
            });
            reading.ReadPaths.Order(StringComparer.Ordinal).ShouldBe(texts.Keys.Order(StringComparer.Ordinal));
        }
        new RecordingSourceProvider(texts).Read("/p/missing.sla").Status.ShouldBe(SlaLang.Semantics.SourceReadStatus.NotFound);
    }

    [Fact]
    public void A_contract_error_is_a_build_error_with_its_SLA_code_at_the_sla_file_and_line()
    {
        var path = Path.Combine(Examples, "novaterra/novaterra.sla");
        var text = File.ReadAllText(path);
        var at = text.IndexOf("during Business", StringComparison.Ordinal) + "during ".Length;
        var broken = text[..at] + "Nowhere" + text[(at + "Business".Length)..];
        var line = broken[..at].Count(c => c == '\n');
        var column = at - (broken.LastIndexOf('\n', at - 1) + 1);

        var (driver, compilation) = Run([new InMemoryText(path, broken)]);
        var result = driver.GetRunResult();

        result.GeneratedTrees.ShouldBeEmpty();
        var expected = SlaCompilation.Create([SlaSyntaxTree.Parse(broken, path)]).GetDiagnostics();
        result.Diagnostics.Select(d => (d.Id, d.Severity.ToString(), d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line, d.GetMessage()))
            .ShouldBe(expected.Select(d => (d.Code, d.Severity.ToString(), d.Location.Path, d.Location.Start.Line, d.Message)));
        var unknown = result.Diagnostics.Single(d => d.Id == "SLA2001");
        unknown.Severity.ShouldBe(DiagnosticSeverity.Error);
        unknown.Location.GetLineSpan().Path.ShouldBe(path);
        unknown.Location.GetLineSpan().StartLinePosition.ShouldBe(new LinePosition(line, column));
        unknown.Location.SourceSpan.ShouldBe(new TextSpan(at, "Nowhere".Length));
        unknown.GetMessage().ShouldContain("Nowhere");
        // The build prints it as MSBuild reads errors: file(line,column): error SLA2001: message.
        unknown.ToString().ShouldStartWith($"{path}({line + 1},{column + 1}): error SLA2001: ");
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
    }

    [Fact]
    public void A_change_to_one_file_regenerates_only_the_contracts_that_read_it()
    {
        var texts = ExampleTexts();
        var (driver, compilation) = Run(texts);

        // A comment added to NovaTerra: its monitor is regenerated, Belle-Place's is not.
        var novaterra = texts.Single(t => t.Path.EndsWith("novaterra.sla", StringComparison.Ordinal));
        var changed = new InMemoryText(novaterra.Path, novaterra.GetText()!.ToString() + "\n// reviewed\n");
        driver = driver.ReplaceAdditionalText(novaterra, changed).RunGenerators(compilation);
        MonitorSteps(driver).ShouldBe([("belleplace.sla", false), ("novaterra.sla", true)]);

        // A library the Belle-Place contract imports changes: Belle-Place is regenerated, NovaTerra is not.
        var master = texts.Single(t => t.Path.EndsWith("master.sla", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(master, new InMemoryText(master.Path, master.GetText()!.ToString() + "\n")).RunGenerators(compilation);
        MonitorSteps(driver).ShouldBe([("belleplace.sla", true), ("novaterra.sla", false)]);

        // A file outside every contract's graph: nothing is regenerated.
        driver = driver.AddAdditionalTexts([new InMemoryText("/elsewhere/unused.sla", "library Unused {\n}\n")]).RunGenerators(compilation);
        MonitorSteps(driver).ShouldBe([("belleplace.sla", false), ("novaterra.sla", false)]);
    }

    [Fact]
    public void An_import_of_a_file_the_project_does_not_give_is_reported_at_the_import()
    {
        var path = "/project/contract.sla";
        var text = File.ReadAllText(Path.Combine(Examples, "novaterra/novaterra.sla"));
        var (driver, _) = Run([new InMemoryText(path, "import \"missing.sla\"\n" + text)]);
        var result = driver.GetRunResult();
        result.GeneratedTrees.ShouldBeEmpty();
        var error = result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
        error.Id.ShouldStartWith("SLA");
        error.Location.GetLineSpan().Path.ShouldBe(path);
        error.Location.GetLineSpan().StartLinePosition.Line.ShouldBe(0);
    }

    [Fact]
    public void A_contract_file_the_build_cannot_read_is_an_SLA2000_error_at_it()
    {
        var (driver, _) = Run([new InMemoryText("/project/gone.sla", null)]);
        var result = driver.GetRunResult();
        result.GeneratedTrees.ShouldBeEmpty();
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Id.ShouldBe("SLA2000");
        error.Severity.ShouldBe(DiagnosticSeverity.Error);
        error.Location.GetLineSpan().Path.ShouldBe("/project/gone.sla");
        error.GetMessage().ShouldBe("Cannot read '/project/gone.sla': the build gave no text for it. Check that the file exists and is readable.");
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) Run(ImmutableArray<AdditionalText> texts)
    {
        var compilation = CSharpCompilation.Create("Consumer", [CSharpSyntaxTree.ParseText("namespace Consumer; public static class Program { }")],
            MonitorCompiler.MonitorReferences, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new SlaMonitorGenerator().AsSourceGenerator()], texts,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (driver, (CSharpCompilation)output);
    }

    /// <summary>Each contract's compile step in the last run: the contract file's name and whether the step ran (its input
    /// changed) rather than giving its cached output.</summary>
    private static List<(string, bool)> MonitorSteps(GeneratorDriver driver) =>
    [
        .. driver.GetRunResult().Results.Single().TrackedSteps[SlaMonitorGenerator.MonitorsStep]
            .Select(step => (Path.GetFileName(((ContractInput)step.Inputs[0].Source.Outputs[step.Inputs[0].OutputIndex].Value).Path),
                step.Outputs.Single().Reason != IncrementalStepRunReason.Cached))
            .OrderBy(s => s.Item1, StringComparer.Ordinal),
    ];

    private static string SlacCompile(string example)
    {
        var path = Path.Combine(Examples, example);
        var tree = SlaSyntaxTree.Parse(File.ReadAllText(path), path);
        return SlaCompilation.Create([tree], sources: SlaLang.Semantics.FileSystemSourceProvider.Instance).EmitMonitor(tree).Source!;
    }

    private sealed class InMemoryText(string path, string? text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => text is null ? null : SourceText.From(text);
    }
}
