namespace SlaLang.LanguageServer.Tests.Harness;

/// <summary>The example contracts of the repository.</summary>
internal static class Examples
{
    /// <summary>The repository root (the folder holding SlaLang.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The text of examples/<paramref name="name"/>/<paramref name="name"/>.sla.</summary>
    public static string Read(string name) => File.ReadAllText(Path(name));

    /// <summary>The path of examples/<paramref name="name"/>/<paramref name="name"/>.sla.</summary>
    public static string Path(string name) => System.IO.Path.Combine(Root, "examples", name, name + ".sla");

    /// <summary>The file URI of an example.</summary>
    public static string Uri(string name) => new Uri(Path(name)).AbsoluteUri;

    private static string FindRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(System.IO.Path.Combine(directory, "SlaLang.sln")))
        {
            directory = System.IO.Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("SlaLang.sln not found above the test binaries.");
        }
        return directory;
    }
}
