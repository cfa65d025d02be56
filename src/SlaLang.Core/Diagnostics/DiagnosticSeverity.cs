namespace SlaLang.Diagnostics;

/// <summary>How serious a diagnostic is; a lint configuration may change it (or turn a rule off, which drops the diagnostic).</summary>
public enum DiagnosticSeverity
{
    /// <summary>Not shown to users; available to tools (e.g. code fixes).</summary>
    Hidden = 0,
    /// <summary>A suggestion.</summary>
    Info = 1,
    /// <summary>Something probably wrong that does not stop compilation.</summary>
    Warning = 2,
    /// <summary>The contract is invalid; nothing is emitted.</summary>
    Error = 3,
}
