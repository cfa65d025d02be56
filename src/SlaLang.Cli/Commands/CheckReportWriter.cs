using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SlaLang.Diagnostics;

namespace SlaLang.Cli.Commands;

/// <summary>Writes the result of <c>slac check</c> as JSON, SARIF 2.1.0 or GitHub workflow annotations.</summary>
internal static class CheckReportWriter
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The severity word of MSBuild-style lines and of the JSON report.</summary>
    public static string SeverityWord(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };

    /// <summary><c>{ "files", "errors", "warnings", "infos", "diagnostics": [ { path, line, column, endLine, endColumn, severity, code, message, helpUri } ] }</c>.</summary>
    public static void WriteJson(TextWriter output, CheckSummary summary)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Indented))
        {
            json.WriteStartObject();
            json.WriteNumber("files", summary.Files);
            json.WriteNumber("errors", summary.Errors);
            json.WriteNumber("warnings", summary.Warnings);
            json.WriteNumber("infos", summary.Infos);
            json.WriteStartArray("diagnostics");
            foreach (var diagnostic in summary.Diagnostics)
            {
                var (start, end) = (diagnostic.Location.Start, diagnostic.Location.End);
                json.WriteStartObject();
                json.WriteString("path", diagnostic.Location.Path);
                json.WriteNumber("line", start.DisplayLine);
                json.WriteNumber("column", start.DisplayColumn);
                json.WriteNumber("endLine", end.DisplayLine);
                json.WriteNumber("endColumn", end.DisplayColumn);
                json.WriteString("severity", SeverityWord(diagnostic.Severity));
                json.WriteString("code", diagnostic.Code);
                json.WriteString("message", diagnostic.Message);
                json.WriteString("helpUri", diagnostic.Descriptor.HelpLink);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>A SARIF 2.1.0 log with one run: the rules reported (id, name, help text with the documentation link, default level) and one result per diagnostic.</summary>
    public static void WriteSarif(TextWriter output, CheckSummary summary)
    {
        var rules = summary.Diagnostics.Select(d => d.Descriptor).DistinctBy(d => d.Code).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
        var ruleIndex = rules.Select((r, i) => (r.Code, i)).ToDictionary(p => p.Code, p => p.i);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Indented))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "slac");
            json.WriteString("version", typeof(CheckReportWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Code);
                json.WriteString("name", rule.Title);
                json.WriteStartObject("shortDescription");
                json.WriteString("text", rule.Title);
                json.WriteEndObject();
                // SARIF 2.1.0 §3.49.12 wants helpUri absolute, and the catalog's link is relative to the repository
                // (no public site): the link goes into the help text instead, where code-scanning tools show it.
                json.WriteStartObject("help");
                json.WriteString("text", $"{rule.Title}: see {rule.HelpLink} in the SlaLang repository.");
                json.WriteEndObject();
                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", SarifLevel(rule.DefaultSeverity));
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var diagnostic in summary.Diagnostics)
            {
                var (start, end) = (diagnostic.Location.Start, diagnostic.Location.End);
                json.WriteStartObject();
                json.WriteString("ruleId", diagnostic.Code);
                json.WriteNumber("ruleIndex", ruleIndex[diagnostic.Code]);
                json.WriteString("level", SarifLevel(diagnostic.Severity));
                json.WriteStartObject("message");
                json.WriteString("text", diagnostic.Message);
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", ArtifactUri(diagnostic.Location.Path));
                json.WriteEndObject();
                json.WriteStartObject("region");
                json.WriteNumber("startLine", start.DisplayLine);
                json.WriteNumber("startColumn", start.DisplayColumn);
                json.WriteNumber("endLine", end.DisplayLine);
                json.WriteNumber("endColumn", end.DisplayColumn);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary><c>::error file=…,line=…,col=…,endLine=…,endColumn=…,title=SLA1234::message</c>, escaped as GitHub requires.</summary>
    public static string GitHubAnnotation(Diagnostic diagnostic)
    {
        var command = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            _ => "notice",
        };
        var (start, end) = (diagnostic.Location.Start, diagnostic.Location.End);
        return $"::{command} file={EscapeProperty(diagnostic.Location.Path)},line={start.DisplayLine},col={start.DisplayColumn}," +
               $"endLine={end.DisplayLine},endColumn={end.DisplayColumn},title={diagnostic.Code}::{EscapeData(diagnostic.Message)}";
    }

    private static string SarifLevel(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "none",
    };

    /// <summary>A relative or absolute path as a URI reference with forward slashes, each segment escaped.</summary>
    private static string ArtifactUri(string path)
    {
        if (Path.IsPathFullyQualified(path))
        {
            return new Uri(path).AbsoluteUri;
        }
        return string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
    }

    private static string EscapeData(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string EscapeProperty(string text) => EscapeData(text).Replace(":", "%3A").Replace(",", "%2C");
}
