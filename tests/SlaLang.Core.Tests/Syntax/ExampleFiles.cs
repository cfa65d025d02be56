namespace SlaLang.Core.Tests.Syntax;

/// <summary>Finds the repository root and the example contracts under examples/.</summary>
public static class ExampleFiles
{
    /// <summary>The repository root (the folder holding SlaLang.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Every .sla file under examples/, as paths relative to the repository root with '/' separators, sorted.</summary>
    public static IReadOnlyList<string> All { get; } = Directory
        .EnumerateFiles(Path.Combine(RepositoryRoot, "examples"), "*.sla", SearchOption.AllDirectories)
        .Select(p => Path.GetRelativePath(RepositoryRoot, p).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The example paths as xunit theory data.</summary>
    public static TheoryData<string> Data
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var path in All)
            {
                data.Add(path);
            }
            return data;
        }
    }

    /// <summary>
    /// The files of the repository as a source provider, for trees parsed with repository-relative paths: a relative path is taken
    /// relative to the working folder (as every command does), so the provider maps the working folder onto the repository root.
    /// </summary>
    public static SlaLang.Semantics.ISourceProvider Sources { get; } = new RepositorySources();

    /// <summary>A compilation of the example at <paramref name="relativePath"/> with the files it imports.</summary>
    public static (SlaLang.Semantics.Compilation Compilation, SlaLang.Syntax.SyntaxTree Tree) Compile(string relativePath)
    {
        var tree = SlaLang.Syntax.SyntaxTree.Parse(Read(relativePath), relativePath);
        return (SlaLang.Semantics.Compilation.Create([tree], sources: Sources), tree);
    }

    private sealed class RepositorySources : SlaLang.Semantics.ISourceProvider
    {
        private static string InRepository(string path) => Path.Combine(RepositoryRoot, Path.GetRelativePath(Directory.GetCurrentDirectory(), path));

        public SlaLang.Semantics.SourceReadResult Read(string path) => SlaLang.Semantics.FileSystemSourceProvider.Instance.Read(InRepository(path));

        public string? ResolveLinks(string path) => File.Exists(InRepository(path)) ? path : null;
    }

    /// <summary>The text of an example given by its relative path.</summary>
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot, relativePath));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SlaLang.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("SlaLang.sln not found above " + AppContext.BaseDirectory);
    }
}
