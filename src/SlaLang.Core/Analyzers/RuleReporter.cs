using SlaLang.Diagnostics;

namespace SlaLang.Analyzers;

/// <summary>Turns a contract rule into a diagnostic at the level a <see cref="LintConfiguration"/> gives it.</summary>
internal static class RuleReporter
{
    /// <summary>The diagnostic of <paramref name="rule"/> at its configured level, or null when the rule is off.</summary>
    public static Diagnostic? Create(ContractRule rule, LintConfiguration config, Location location, params object?[] args)
    {
        var level = config.GetLevel(rule);
        if (level == RuleLevel.Off)
        {
            return null;
        }
        return Diagnostic.Create(rule.Descriptor, location, args).WithSeverity(level switch
        {
            RuleLevel.Error => DiagnosticSeverity.Error,
            RuleLevel.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        });
    }
}
