namespace SlaLang.Extension.Tests;

/// <summary>Where the VS Code extension and the server built with this test assembly are.</summary>
public static class ExtensionFolder
{
    /// <summary>The repository root: the first folder above the test assembly that holds SlaLang.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The vscode-extension folder.</summary>
    public static string Path => System.IO.Path.Combine(RepositoryRoot, "vscode-extension");

    /// <summary>The slac.dll built with this test assembly (the project references SlaLang.Cli).</summary>
    public static string SlacDll => System.IO.Path.Combine(AppContext.BaseDirectory, "slac.dll");

    /// <summary>The build configuration of this test assembly (Release or Debug), read from its output path.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";

    /// <summary>Runs <c>npm ci</c> once when node_modules is missing (a fresh clone), so the suite needs no manual step.</summary>
    public static void EnsureNodeModules()
    {
        if (Directory.Exists(System.IO.Path.Combine(Path, "node_modules", "vscode-textmate")))
        {
            return;
        }
        var install = ExternalProcess.Run("npm", ["ci", "--no-audit", "--no-fund"], Path, TimeSpan.FromMinutes(5));
        install.ExitCode.ShouldBe(0, $"npm ci failed in {Path}:\n{install.Output}");
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "SlaLang.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException($"SlaLang.sln not found above {AppContext.BaseDirectory}");
    }
}

/// <summary>The extension's tests share node_modules, dist/ and server/: they run one after the other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExtensionCollection
{
    /// <summary>Name of the collection.</summary>
    public const string Name = "vscode-extension";
}
