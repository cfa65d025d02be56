namespace SlaLang.Extension.Tests;

/// <summary>Runs the extension's own npm suite (grammar baselines, unit tests, integration test against the real server).</summary>
[Collection(ExtensionCollection.Name)]
public sealed class NpmSuiteTests
{
    /// <summary>`npm test` passes with the slac.dll built next to this assembly as the server under test.</summary>
    [Fact]
    public void Npm_test_passes_against_the_server_built_with_the_solution()
    {
        File.Exists(ExtensionFolder.SlacDll).ShouldBeTrue($"{ExtensionFolder.SlacDll} is missing");
        ExtensionFolder.EnsureNodeModules();

        var run = ExternalProcess.Run("npm", ["test"], ExtensionFolder.Path, TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["SLAC_DLL"] = ExtensionFolder.SlacDll });

        run.ExitCode.ShouldBe(0, $"npm test failed after {run.Elapsed.TotalSeconds:F0} s:\n{run.Output}");
        run.Output.ShouldContain("# fail 0");
    }
}
