using System.Diagnostics;

namespace SlaLang.Core.Tests.Syntax;

/// <summary>The generated syntax files are current with their definitions (Syntax.txt, Tokens.txt, Keywords.txt): an edit
/// of a definition without running the generator fails here, in CI.</summary>
public sealed class GeneratedSyntaxTests
{
    [Fact]
    public void Generated_syntax_files_match_what_the_generator_makes_from_their_definitions()
    {
        var syntax = Path.Combine(ExampleFiles.RepositoryRoot, "src", "SlaLang.Core", "Syntax");
        var output = Directory.CreateTempSubdirectory("sla-generated-").FullName;
        try
        {
            var start = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add(Path.Combine(syntax, "Generated", "generate_syntax.py"));
            start.ArgumentList.Add(output);
            using var process = Process.Start(start).ShouldNotBeNull();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.ShouldBe(0, error);
            foreach (var file in new[] { "Nodes.g.cs", "SyntaxVisitor.g.cs", "SyntaxKind.g.cs" })
            {
                File.ReadAllText(Path.Combine(output, file)).ShouldBe(File.ReadAllText(Path.Combine(syntax, file)),
                    $"{file} is stale: run python3 src/SlaLang.Core/Syntax/Generated/generate_syntax.py and commit the result");
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
