namespace SlaLang.Diagnostics;

/// <summary>A reported problem: a catalog entry, where it is, its formatted message and its effective severity.</summary>
public sealed class Diagnostic
{
    private Diagnostic(DiagnosticDescriptor descriptor, Location location, string message, DiagnosticSeverity severity)
    {
        Descriptor = descriptor;
        Location = location;
        Message = message;
        Severity = severity;
    }

    /// <summary>Creates a diagnostic with the descriptor's default severity and its message formatted with <paramref name="args"/>.</summary>
    public static Diagnostic Create(DiagnosticDescriptor descriptor, Location location, params object?[] args) =>
        new(descriptor, location, descriptor.FormatMessage(args), descriptor.DefaultSeverity);

    /// <summary>The catalog entry.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>The stable code, e.g. <c>SLA1001</c>.</summary>
    public string Code => Descriptor.Code;

    /// <summary>Where the problem is.</summary>
    public Location Location { get; }

    /// <summary>The span of the problem in its file.</summary>
    public Text.TextSpan Span => Location.Span;

    /// <summary>The formatted message.</summary>
    public string Message { get; }

    /// <summary>The effective severity (default, or as configured).</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>Whether this is an error.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The same diagnostic with another effective severity.</summary>
    public Diagnostic WithSeverity(DiagnosticSeverity severity) =>
        severity == Severity ? this : new Diagnostic(Descriptor, Location, Message, severity);

    /// <summary>The MSBuild-style line: <c>path(line,col): error SLA1001: message</c>.</summary>
    public override string ToString()
    {
        var severity = Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            DiagnosticSeverity.Info => "info",
            _ => "hidden",
        };
        return $"{Location}: {severity} {Code}: {Message}";
    }
}
