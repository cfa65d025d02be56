using System.Reflection;

namespace SlaLang.Diagnostics;

/// <summary>The one catalog of diagnostics: every code is a static <see cref="DiagnosticDescriptor"/> property of this class
/// (syntax codes in <c>DiagnosticCatalog.Syntax.cs</c>, binding and rule codes in <c>DiagnosticCatalog.Semantics.cs</c>).</summary>
public static partial class DiagnosticCatalog
{
    private static IReadOnlyList<DiagnosticDescriptor>? _all;
    private static Dictionary<string, DiagnosticDescriptor>? _byCode;

    /// <summary>Every descriptor of the catalog, ordered by code.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => _all ??= typeof(DiagnosticCatalog)
        .GetProperties(BindingFlags.Public | BindingFlags.Static)
        .Where(p => p.PropertyType == typeof(DiagnosticDescriptor))
        .Select(p => (DiagnosticDescriptor)p.GetValue(null)!)
        .OrderBy(d => d.Code, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The descriptor with <paramref name="code"/> (e.g. <c>SLA1001</c>), or null.</summary>
    public static DiagnosticDescriptor? Find(string code)
    {
        _byCode ??= All.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        return _byCode.GetValueOrDefault(code);
    }
}
