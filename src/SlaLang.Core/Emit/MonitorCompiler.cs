using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SlaLang.Emit;

/// <summary>The outcome of compiling generated C#: the assembly image (when it compiled) and Roslyn's diagnostics.</summary>
public sealed record CompiledMonitor(byte[]? Image, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>True when Roslyn produced an assembly (no errors).</summary>
    public bool Success => Image is not null;

    /// <summary>Errors and warnings only (what a zero-warning check looks at).</summary>
    public ImmutableArray<Diagnostic> ErrorsAndWarnings =>
        Diagnostics.Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning).ToImmutableArray();
}

/// <summary>
/// Compiles generated monitor source in memory with Roslyn against the platform assemblies,
/// SlaLang.Runtime and NodaTime, and loads the result into a collectible load context.
/// </summary>
public static class MonitorCompiler
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(BuildReferences);

    /// <summary>The references every generated monitor compiles against.</summary>
    public static ImmutableArray<MetadataReference> MonitorReferences => References.Value;

    /// <summary>Builds a <see cref="CSharpCompilation"/> (nullable on, release, a DLL) of <paramref name="tree"/>.</summary>
    public static CSharpCompilation CreateCompilation(string assemblyName, SyntaxTree tree) =>
        CSharpCompilation.Create(
            assemblyName,
            [tree],
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999, // every warning wave: "zero warnings" means all of them
                deterministic: true,
                concurrentBuild: false));

    /// <summary>Parses <paramref name="source"/> and compiles it; <see cref="CompiledMonitor.Image"/> is null when Roslyn reports errors.</summary>
    public static CompiledMonitor Compile(string assemblyName, string source, string? path = null)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path ?? assemblyName + ".cs", System.Text.Encoding.UTF8);
        var compilation = CreateCompilation(assemblyName, tree);
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        return new CompiledMonitor(result.Success ? stream.ToArray() : null, result.Diagnostics);
    }

    /// <summary>Loads an assembly image into a new collectible load context (SlaLang.Runtime and NodaTime come from the host).</summary>
    public static Assembly Load(byte[] image, out AssemblyLoadContext context)
    {
        context = new MonitorLoadContext();
        using var stream = new MemoryStream(image, writable: false);
        return context.LoadFromStream(stream);
    }

    /// <summary>Creates the monitor defined in a compiled monitor assembly (its one public <c>ContractMonitor</c> subclass).</summary>
    /// <exception cref="InvalidOperationException">The assembly holds no generated monitor.</exception>
    public static SlaLang.Runtime.ContractMonitor CreateMonitor(Assembly assembly)
    {
        var type = assembly.GetExportedTypes().FirstOrDefault(t => !t.IsAbstract && typeof(SlaLang.Runtime.ContractMonitor).IsAssignableFrom(t))
            ?? throw new InvalidOperationException($"Assembly {assembly.GetName().Name} holds no generated monitor.");
        return (SlaLang.Runtime.ContractMonitor)Activator.CreateInstance(type)!;
    }

    private static ImmutableArray<MetadataReference> BuildReferences()
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        var platformDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa)
        {
            foreach (var path in tpa.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                // Only the shared framework: the host's own dependencies (Roslyn, xunit, …) are not the monitor's business.
                if (string.Equals(Path.GetDirectoryName(path), platformDirectory, StringComparison.Ordinal)
                    && path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                {
                    paths.Add(path);
                }
            }
        }
        paths.Add(typeof(object).Assembly.Location);
        paths.Add(typeof(SlaLang.Runtime.Comparison).Assembly.Location);
        paths.Add(typeof(NodaTime.Instant).Assembly.Location);
        return paths.Where(p => p.Length > 0 && IsManagedAssembly(p))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    /// <summary>A collectible context for one generated monitor; shared dependencies resolve in the default context.</summary>
    private sealed class MonitorLoadContext() : AssemblyLoadContext("slac-monitor", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}
