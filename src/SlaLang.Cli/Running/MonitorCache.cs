using System.Security.Cryptography;
using System.Text;

namespace SlaLang.Cli.Running;

/// <summary>
/// The on-disk cache of compiled monitors used by <c>slac run</c>: one DLL per SHA-256 of
/// (contract text + compiler version), so an unchanged contract is not recompiled on the next run.
/// Directory: <c>SLAC_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/slac</c>, else <c>~/.cache/slac</c>.
/// A cache that cannot be read or written is skipped silently: it only ever saves time.
/// </summary>
internal sealed class MonitorCache(string directory)
{
    /// <summary>The cache directory.</summary>
    public string Directory { get; } = directory;

    /// <summary>The cache directory chosen from the environment.</summary>
    public static MonitorCache FromEnvironment()
    {
        var explicitDir = Environment.GetEnvironmentVariable("SLAC_CACHE_DIR");
        if (!string.IsNullOrWhiteSpace(explicitDir))
        {
            return new MonitorCache(explicitDir);
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg))
        {
            return new MonitorCache(Path.Combine(xdg, "slac"));
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new MonitorCache(Path.Combine(string.IsNullOrEmpty(home) ? Path.GetTempPath() : home, ".cache", "slac"));
    }

    /// <summary>
    /// The identity of the compiler that produced a cached monitor: the module version ids of the compiler
    /// (SlaLang.Core) and of the runtime the monitor binds to, so any rebuild of either invalidates the cache.
    /// </summary>
    public static string CompilerVersion { get; } = string.Join("|",
        typeof(SlaLang.Emit.MonitorCompiler).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
        typeof(SlaLang.Runtime.Comparison).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
        Program.Version);

    /// <summary>The cache key of a contract: hex SHA-256 of its text and <see cref="CompilerVersion"/>.</summary>
    public static string Key(string contractText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CompilerVersion + "\n" + contractText)));

    /// <summary>
    /// The cache key of the contract in <paramref name="tree"/>: its text and, for a contract that imports or underpins others, the
    /// path (relative to the contract) and text of every file of the compilation, so that editing any of them misses the cache.
    /// </summary>
    public static string Key(SlaLang.Semantics.Compilation compilation, SlaLang.Syntax.SyntaxTree tree)
    {
        if (compilation.SyntaxTrees.Length == 1)
        {
            return Key(tree.Text.ToString());
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(tree.Path)) ?? "";
        var all = new StringBuilder(tree.Text.ToString());
        foreach (var file in compilation.SyntaxTrees.Where(t => !ReferenceEquals(t, tree)))
        {
            var text = file.Text.ToString();
            all.Append('\0').Append(Path.GetRelativePath(folder, Path.GetFullPath(file.Path))).Append('\0').Append(text.Length).Append('\0').Append(text);
        }
        return Key(all.ToString());
    }

    /// <summary>The cached assembly image for <paramref name="key"/>, or null on a miss (or an unreadable cache).</summary>
    public byte[]? TryLoad(string key)
    {
        try
        {
            var path = PathOf(key);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stores <paramref name="image"/> under <paramref name="key"/> (atomically: a temporary file then a rename).</summary>
    public void Store(string key, byte[] image)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var temporary = Path.Combine(Directory, $"{key}.{Environment.ProcessId}.tmp");
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, PathOf(key), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only or full disk only costs the next run a recompilation.
        }
    }

    /// <summary>Forgets a cached image that turned out not to load (e.g. truncated).</summary>
    public void Evict(string key)
    {
        try
        {
            File.Delete(PathOf(key));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private string PathOf(string key) => Path.Combine(Directory, key + ".dll");
}
