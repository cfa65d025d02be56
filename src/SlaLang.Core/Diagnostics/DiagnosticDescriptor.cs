namespace SlaLang.Diagnostics;

/// <summary>One entry of the diagnostics catalog: a stable code, its message format, default severity and help link.</summary>
public sealed class DiagnosticDescriptor
{
    /// <summary>Creates an entry; <see cref="HelpLink"/> is derived from the code.</summary>
    public DiagnosticDescriptor(string code, string title, string messageFormat, DiagnosticSeverity defaultSeverity, string category)
    {
        Code = code;
        Title = title;
        MessageFormat = messageFormat;
        DefaultSeverity = defaultSeverity;
        Category = category;
        HelpLink = "docs/diagnostics.md#" + code.ToLowerInvariant();
    }

    /// <summary>The stable code, e.g. <c>SLA1001</c>.</summary>
    public string Code { get; }

    /// <summary>A short title (the heading of the entry in docs/diagnostics.md).</summary>
    public string Title { get; }

    /// <summary>A composite format string (<see cref="string.Format(IFormatProvider, string, object[])"/>) for the message.</summary>
    public string MessageFormat { get; }

    /// <summary>The severity unless a configuration changes it.</summary>
    public DiagnosticSeverity DefaultSeverity { get; }

    /// <summary><c>Syntax</c>, <c>Binding</c> or <c>Rules</c>.</summary>
    public string Category { get; }

    /// <summary>The anchor of this code's entry, e.g. <c>docs/diagnostics.md#sla1001</c>.</summary>
    public string HelpLink { get; }

    /// <summary>Formats the message with <paramref name="args"/> (invariant culture).</summary>
    public string FormatMessage(params object?[] args) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args);

    /// <inheritdoc/>
    public override string ToString() => $"{Code}: {Title}";
}
