using System.Collections.Immutable;
using SlaLang.Diagnostics;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Semantics;

/// <summary>
/// The files of a compilation and the imports between them (LANGUAGE.md §8), resolved once through an <see cref="ISourceProvider"/>:
/// every imported file is read and parsed once, however many files import it; import errors are located at the import; an import
/// that closes a cycle is reported and not followed, so what remains is acyclic. Files named by <c>underpins</c> are read too: each is
/// the root of a unit of its own.
/// </summary>
internal sealed class ImportGraph
{
    private readonly Dictionary<SyntaxTree, List<SyntaxTree>> _imports = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<SyntaxTree, SyntaxTree> _underpinned = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, SyntaxTree> _byPath = new(StringComparer.Ordinal);
    private readonly List<SyntaxTree> _trees = [];
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly ISourceProvider? _sources;

    private ImportGraph(ISourceProvider? sources)
    {
        _sources = sources;
    }

    /// <summary>Every file: the given ones in their order, then the files they import or underpin, in the order they were found.</summary>
    public ImmutableArray<SyntaxTree> Trees { get; private set; }

    /// <summary>The files no other file imports, in <see cref="Trees"/> order: each is checked as a contract or library with its imports.</summary>
    public ImmutableArray<SyntaxTree> Roots { get; private set; }

    /// <summary>Import errors (SLA2027–SLA2030), located at the imports.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; private set; }

    /// <summary>The files <paramref name="tree"/> imports directly (cycle-closing imports left out), in the order written.</summary>
    public IReadOnlyList<SyntaxTree> ImportsOf(SyntaxTree tree) => _imports.TryGetValue(tree, out var list) ? list : [];

    /// <summary>The file an import resolved to (a library, or a contract it must not name), or null when it names no readable file.</summary>
    public SyntaxTree? TargetOf(ImportDirectiveSyntax import) => _targets.GetValueOrDefault(import);

    private readonly Dictionary<ImportDirectiveSyntax, SyntaxTree> _targets = new(ReferenceEqualityComparer.Instance);

    /// <summary>The file the contract in <paramref name="tree"/> underpins (<c>underpins "PATH"</c>), or null.</summary>
    public SyntaxTree? UnderpinnedBy(SyntaxTree tree) => _underpinned.GetValueOrDefault(tree);

    /// <summary>
    /// <paramref name="root"/> and every file it reaches through imports, each once, imported files before the files importing them
    /// (the order a reader meets the declarations in when each import is replaced by the file it names) and the root last.
    /// </summary>
    public ImmutableArray<SyntaxTree> Closure(SyntaxTree root)
    {
        var order = ImmutableArray.CreateBuilder<SyntaxTree>();
        var seen = new HashSet<SyntaxTree>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(SyntaxTree Tree, int Next)>();
        seen.Add(root);
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (tree, next) = stack.Pop();
            var imports = ImportsOf(tree);
            if (next < imports.Count)
            {
                stack.Push((tree, next + 1));
                if (seen.Add(imports[next]))
                {
                    stack.Push((imports[next], 0));
                }
                continue;
            }
            order.Add(tree);
        }
        return order.ToImmutable();
    }

    /// <summary>Resolves the imports of <paramref name="given"/>, transitively, reading each new file through <paramref name="sources"/>.</summary>
    public static ImportGraph Build(IReadOnlyList<SyntaxTree> given, ISourceProvider? sources)
    {
        var graph = new ImportGraph(sources);
        foreach (var tree in given)
        {
            if (KeyOf(tree.Path) is { } key)
            {
                graph._byPath.TryAdd(key, tree);
            }
            graph._trees.Add(tree);
        }
        // Level by level: the files the trees found so far import are read and parsed in parallel, then resolved in order.
        for (int i = 0, levelEnd = 0; i < graph._trees.Count; i++)
        {
            if (i == levelEnd)
            {
                graph.Prefetch(graph._trees.Skip(i).ToList());
                levelEnd = graph._trees.Count;
            }
            graph.ResolveImports(graph._trees[i]);
        }
        graph.BreakCycles(given);
        graph.Trees = [.. graph._trees];
        var imported = new HashSet<SyntaxTree>(graph._imports.Values.SelectMany(v => v), ReferenceEqualityComparer.Instance);
        graph.Roots = [.. graph._trees.Where(t => !imported.Contains(t))];
        graph.Diagnostics = [.. graph._diagnostics];
        return graph;
    }

    private static string? KeyOf(string path) => string.IsNullOrEmpty(path) ? null : Path.GetFullPath(path);

    private void ResolveImports(SyntaxTree tree)
    {
        var imports = new List<SyntaxTree>();
        foreach (var statement in tree.Root.Statements)
        {
            switch (statement)
            {
                case ImportDirectiveSyntax import when Resolve(tree, import.Path) is { } target:
                    _targets[import] = target;
                    if (target.Root.Contract is not null)
                    {
                        _diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.InvalidImportPath, new Location(tree.Path, tree.Text, import.Path.Span),
                            import.Path.Value as string, $"names a contract ('{target.Root.Contract.Identifier.Text}'); only a library can be imported"));
                    }
                    else if (!imports.Contains(target))
                    {
                        imports.Add(target);
                    }
                    break;
                case ContractDeclarationSyntax contract:
                    foreach (var header in contract.Body.Statements)
                    {
                        if (header is UnderpinsStatementSyntax underpins && Resolve(tree, underpins.Path) is { } underpinned
                            && !_underpinned.ContainsKey(tree))
                        {
                            _underpinned[tree] = underpinned;
                        }
                    }
                    break;
            }
        }
        _imports[tree] = imports;
    }

    /// <summary>The file a path literal names (read and parsed on first use), or null with the error reported at the literal.</summary>
    private SyntaxTree? Resolve(SyntaxTree from, SyntaxToken literal)
    {
        if (literal.IsMissing || literal.Span.Length == 0)
        {
            return null;
        }
        void Report(DiagnosticDescriptor descriptor, params object?[] args) =>
            _diagnostics.Add(Diagnostic.Create(descriptor, new Location(from.Path, from.Text, literal.Span), args));
        if (literal.Kind != SyntaxKind.StringLiteralToken || literal.Value is not string written)
        {
            Report(DiagnosticCatalog.InvalidImportPath, literal.Text, "is not a string");
            return null;
        }
        if (PathProblem(written) is { } problem)
        {
            Report(DiagnosticCatalog.InvalidImportPath, written, problem);
            return null;
        }
        var (folder, full, display) = Target(from, written);
        if (_byPath.TryGetValue(full, out var known))
        {
            return known;
        }
        if (_sources is null)
        {
            Report(DiagnosticCatalog.ImportNotFound, written, $"'{display}' is not part of the compilation");
            return null;
        }
        var (read, parsed) = _prefetched.TryGetValue(full, out var fetched) ? fetched : Load(full, display);
        switch (read.Status)
        {
            case SourceReadStatus.NotFound:
                Report(DiagnosticCatalog.ImportNotFound, written, $"'{display}' does not exist");
                return null;
            case SourceReadStatus.Folder:
                Report(DiagnosticCatalog.ImportNotFound, written, $"'{display}' is a folder");
                return null;
            case SourceReadStatus.Unreadable:
                Report(DiagnosticCatalog.ImportNotFound, written, $"'{display}' cannot be read ({read.Message?.TrimEnd('.')})");
                return null;
        }
        // The folder tree an import stays in: the deepest folder holding both the importing file and the imported one.
        var tree = CommonFolder(folder, Path.GetDirectoryName(full)!);
        if (_sources.ResolveLinks(full) is { } real && _sources.ResolveLinks(tree) is { } realTree && !IsUnder(real, realTree))
        {
            Report(DiagnosticCatalog.ImportThroughLink, written, tree, real);
            return null;
        }
        parsed ??= SyntaxTree.Parse(read.Text!, display);
        _byPath[full] = parsed;
        _trees.Add(parsed);
        return parsed;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (SourceReadResult Read, SyntaxTree? Tree)> _prefetched = new(StringComparer.Ordinal);

    /// <summary>What is wrong with an import path as written (LANGUAGE.md §8: relative, '/' separators, ending in .sla), or null.</summary>
    private static string? PathProblem(string written) =>
        written.Length == 0 ? "is empty"
        : written.Contains('\\') ? "uses '\\' (separators are '/')"
        : written.StartsWith('/') || Path.IsPathRooted(written) ? "is absolute"
        : !written.EndsWith(".sla", StringComparison.Ordinal) ? "does not name a .sla file"
        : null;

    /// <summary>The folder of <paramref name="from"/>, and the full and displayed paths of the file <paramref name="written"/> names.</summary>
    private static (string Folder, string Full, string Display) Target(SyntaxTree from, string written)
    {
        var folder = string.IsNullOrEmpty(from.Path) ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(from.Path))!;
        var full = Path.GetFullPath(Path.Combine(folder, written.Replace('/', Path.DirectorySeparatorChar)));
        var display = Path.IsPathRooted(from.Path) || string.IsNullOrEmpty(from.Path) ? full : Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        return (folder, full, display);
    }

    /// <summary>Reads a file and parses it (unless the provider keeps its tree).</summary>
    private (SourceReadResult Read, SyntaxTree? Tree) Load(string full, string display)
    {
        var read = _sources!.Read(full);
        var tree = read.Status != SourceReadStatus.Read ? null
            : read.Tree is { } kept && string.Equals(kept.Path, display, StringComparison.Ordinal) ? kept
            : SyntaxTree.Parse(read.Text!, display);
        return (read, tree);
    }

    /// <summary>Reads and parses, in parallel, the new files that <paramref name="trees"/> import or underpin (errors are left to
    /// <see cref="Resolve"/>, which reports them in order).</summary>
    private void Prefetch(List<SyntaxTree> trees)
    {
        if (_sources is null)
        {
            return;
        }
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            var literals = tree.Root.Imports.Select(i => i.Path)
                .Concat(tree.Root.Contract?.Body.Statements.OfType<UnderpinsStatementSyntax>().Select(u => u.Path) ?? []);
            foreach (var literal in literals)
            {
                if (literal.Value is string written && PathProblem(written) is null)
                {
                    var (_, full, display) = Target(tree, written);
                    if (!_byPath.ContainsKey(full) && !_prefetched.ContainsKey(full))
                    {
                        wanted.TryAdd(full, display);
                    }
                }
            }
        }
        if (wanted.Count == 1)
        {
            var (full, display) = wanted.First();
            _prefetched[full] = Load(full, display);
            return;
        }
        Parallel.ForEach(wanted, pair => _prefetched[pair.Key] = Load(pair.Key, pair.Value));
    }

    private static string CommonFolder(string a, string b)
    {
        var left = a.Split(Path.DirectorySeparatorChar);
        var right = b.Split(Path.DirectorySeparatorChar);
        var n = 0;
        while (n < left.Length && n < right.Length && string.Equals(left[n], right[n], StringComparison.Ordinal))
        {
            n++;
        }
        var common = string.Join(Path.DirectorySeparatorChar, left.Take(n));
        return common.Length == 0 ? Path.GetPathRoot(a) ?? "/" : common;
    }

    private static bool IsUnder(string path, string folder)
    {
        var prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal) || string.Equals(path, folder, StringComparison.Ordinal);
    }

    /// <summary>
    /// Walks the imports depth first, from the files nothing imports (then from any file left, which lies on a cycle): an import
    /// that reaches a file still being walked closes a cycle; it is reported there and dropped.
    /// </summary>
    private void BreakCycles(IReadOnlyList<SyntaxTree> given)
    {
        var imported = new HashSet<SyntaxTree>(_imports.Values.SelectMany(v => v), ReferenceEqualityComparer.Instance);
        var state = new Dictionary<SyntaxTree, int>(ReferenceEqualityComparer.Instance); // 1 on the path, 2 done
        var starts = _trees.Where(t => !imported.Contains(t)).Concat(given).Concat(_trees);
        foreach (var start in starts)
        {
            if (state.ContainsKey(start))
            {
                continue;
            }
            var path = new List<SyntaxTree>();
            var stack = new Stack<(SyntaxTree Tree, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            path.Add(start);
            while (stack.Count > 0)
            {
                var (tree, next) = stack.Pop();
                var imports = _imports[tree];
                if (next >= imports.Count)
                {
                    state[tree] = 2;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }
                var target = imports[next];
                if (state.TryGetValue(target, out var s) && s == 1)
                {
                    var cycle = path.Skip(path.IndexOf(target)).Append(target).Select(t => Path.GetFileName(t.Path));
                    var directive = ImportDirectiveTo(tree, target);
                    _diagnostics.Add(Diagnostic.Create(DiagnosticCatalog.ImportCycle, new Location(tree.Path, tree.Text, directive?.Path.Span ?? default),
                        directive?.Path.Value as string ?? "", string.Join(" → ", cycle)));
                    imports.RemoveAt(next);
                    stack.Push((tree, next));
                    continue;
                }
                stack.Push((tree, next + 1));
                if (s == 0)
                {
                    state[target] = 1;
                    path.Add(target);
                    stack.Push((target, 0));
                }
            }
        }
    }

    /// <summary>The first import of <paramref name="from"/> that resolved to <paramref name="target"/>.</summary>
    private ImportDirectiveSyntax? ImportDirectiveTo(SyntaxTree from, SyntaxTree target) =>
        from.Root.Imports.FirstOrDefault(i => ReferenceEquals(TargetOf(i), target));
}
