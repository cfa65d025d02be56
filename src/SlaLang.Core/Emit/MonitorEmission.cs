using System.Collections.Immutable;
using SlaLang.Diagnostics;
using SlaLang.Model;
using SlaLang.Semantics;
using SlaLang.Syntax;
using CSharpCompilationUnit = Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax;

namespace SlaLang.Emit;

/// <summary>
/// The outcome of emitting a contract's monitor from a <see cref="Compilation"/>: the generated code when the
/// contract has no errors, and the contract's diagnostics either way (warnings included).
/// </summary>
public sealed record MonitorEmission(ContractModel? Contract, CSharpCompilationUnit? Code, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>True when the monitor was emitted (the contract has no error).</summary>
    public bool Success => Code is not null;

    /// <summary>The generated source text (LF line ends), or null when emission was refused.</summary>
    public string? Source => Code is null ? null : Code.ToFullString() + "\n";
}

/// <summary>Emission from the compilation API: refuses to run when the contract has errors.</summary>
public static class CompilationEmitExtensions
{
    /// <summary>
    /// Emits the monitor of the contract in <paramref name="tree"/>. When the compilation reports any error for the
    /// contract (in any of its files), nothing is emitted: <see cref="MonitorEmission.Success"/> is false and the diagnostics say why.
    /// </summary>
    public static MonitorEmission EmitMonitor(this Compilation compilation, SyntaxTree tree)
    {
        var diagnostics = compilation.GetSemanticModel(tree).GetAllDiagnostics();
        if (diagnostics.Any(d => d.IsError) || compilation.GetSemanticModel(tree).GetContractModel() is not { } contract)
        {
            return new MonitorEmission(null, null, [.. diagnostics]);
        }
        return new MonitorEmission(contract, MonitorEmitter.Emit(contract), [.. diagnostics]);
    }
}
