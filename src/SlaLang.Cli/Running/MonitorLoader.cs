using System.Reflection;
using SlaLang.Emit;
using SlaLang.Runtime;

namespace SlaLang.Cli.Running;

/// <summary>
/// Gets a ready monitor for a contract text: from the compiled-monitor cache when this exact set of files was compiled by
/// this exact compiler before (no parsing, checking or Roslyn at all), else by checking, emitting and compiling it
/// in memory and storing the assembly in the cache.
/// </summary>
internal static class MonitorLoader
{
    /// <summary>Whether the last <see cref="Load"/> was served from the cache (for tests and benchmarks).</summary>
    internal enum Origin { Cache, Compiled }

    /// <summary>The monitor of the contract at <paramref name="path"/>, or null when the contract has errors (printed on <paramref name="error"/>).</summary>
    public static ContractMonitor? Load(string path, string text, MonitorCache cache, TextWriter error, out Origin origin)
    {
        // Parsing the graph is cheap next to binding and Roslyn: the key covers the text of every file the contract reaches.
        var (compilation, tree) = ContractFrontEnd.Open(path, text);
        return Load(compilation, tree, cache, error, out origin);
    }

    /// <summary>The monitor of the contract of <paramref name="tree"/> in <paramref name="compilation"/> (its files from any source).</summary>
    public static ContractMonitor? Load(SlaLang.Semantics.Compilation compilation, SlaLang.Syntax.SyntaxTree tree, MonitorCache cache, TextWriter error, out Origin origin)
    {
        var key = MonitorCache.Key(compilation, tree);
        if (cache.TryLoad(key) is { } cached)
        {
            try
            {
                origin = Origin.Cache;
                return MonitorCompiler.CreateMonitor(MonitorCompiler.Load(cached, out _));
            }
            catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or FileLoadException or TypeLoadException or TargetInvocationException)
            {
                cache.Evict(key); // damaged or foreign entry: rebuild it
            }
        }
        origin = Origin.Compiled;
        if (ContractFrontEnd.Emit(compilation, tree, error, showWarnings: false) is not { Success: true } emission)
        {
            return null;
        }
        var compiled = emission.Compile();
        if (compiled.Image is not { } image)
        {
            foreach (var diagnostic in compiled.ErrorsAndWarnings)
            {
                error.WriteLine(diagnostic.ToString());
            }
            throw new InvalidOperationException("the generated monitor did not compile");
        }
        cache.Store(key, image);
        return MonitorCompiler.CreateMonitor(MonitorCompiler.Load(image, out _));
    }
}
