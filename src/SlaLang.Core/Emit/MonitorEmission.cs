using System.Collections.Immutable;
using SlaLang.Diagnostics;
using SlaLang.Model;
using SlaLang.Semantics;
using SlaLang.Syntax;
using CSharpCompilationUnit = Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax;

namespace SlaLang.Emit;

/// <summary>
/// The outcome of emitting a contract's monitor: the generated code when the contract has no errors, and the contract's diagnostics
/// either way (warnings included). <see cref="CompilationEmitExtensions.EmitMonitor"/> is the one way to get one from source.
/// </summary>
public sealed record MonitorEmission(ContractModel? Contract, CSharpCompilationUnit? Code, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>True when the monitor was emitted (the contract has no error).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Contract), nameof(Code), nameof(Source), nameof(FileName))]
    public bool Success => Code is not null && Contract is not null;

    /// <summary>The generated source text (LF line ends, final newline), or null when emission was refused.</summary>
    public string? Source => Code is null ? null : Code.ToFullString() + "\n";

    /// <summary>The file name <c>slac compile</c> writes (<c>&lt;Contract&gt;Monitor.cs</c>), or null when emission was refused.</summary>
    public string? FileName => Contract is null ? null : MonitorEmitter.FileName(Contract);

    /// <summary>
    /// Compiles the generated source in memory with Roslyn (<see cref="MonitorCompiler"/>); <paramref name="path"/> is the source path
    /// its diagnostics and debug information name (default: <see cref="FileName"/>). Only for a successful emission.
    /// </summary>
    public CompiledMonitor Compile(string? path = null)
    {
        if (!Success)
        {
            throw new InvalidOperationException("The contract has errors: no monitor was emitted (see Diagnostics).");
        }
        return MonitorCompiler.Compile(MonitorEmitter.AssemblyNameOf(Contract), Source, path ?? FileName);
    }
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
        var model = compilation.GetSemanticModel(tree);
        var diagnostics = model.GetAllDiagnostics();
        if (diagnostics.Any(d => d.IsError) || model.GetContractModel() is not { } contract)
        {
            return new MonitorEmission(null, null, diagnostics);
        }
        return MonitorEmitter.Emit(contract) with { Diagnostics = diagnostics };
    }
}
