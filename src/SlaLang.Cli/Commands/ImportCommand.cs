using System.CommandLine;
using System.Text.Json;
using SlaLang.Cli.Integrations;

namespace SlaLang.Cli.Commands;

/// <summary>
/// <c>slac import FORMAT FILE… [--map mapping.yaml] [-o events.jsonl]</c>: events from the tools teams use (ServiceNow, Jira
/// Service Management, PagerDuty, Statuspage, Prometheus) as canonical JSON Lines (docs/integrations.md). What the mapping does not
/// know is a warning naming the source record; nothing is dropped silently.
/// </summary>
internal sealed class ImportCommand : ISlacCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var format = new Argument<string>("format") { Description = "servicenow, jsm, pagerduty, statuspage or prometheus (events), or openslo (a contract skeleton)." };
        format.AcceptOnlyFromAmong([.. Importers.All.Select(i => i.Format), "openslo"]);
        var files = new Argument<string[]>("files") { Description = "The exported JSON files (e.g. incidents and their audit rows).", Arity = ArgumentArity.OneOrMore };
        var map = new Option<string?>("--map") { Description = "YAML mapping of the tool's names to the contract's services and severities (docs/integrations.md)." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the events here (default: standard output)." };
        var command = new Command("import", "Turn a tool's export into canonical events (see docs/integrations.md).") { format, files, map, output };
        command.SetAction(parse => Run(parse.GetValue(format)!, parse.GetValue(files)!, parse.GetValue(map), parse.GetValue(output),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Imports; returns 0 (warnings included), 2 when a file cannot be read or is not JSON.</summary>
    internal static int Run(string format, string[] files, string? mapPath, string? outputPath, TextWriter output, TextWriter error)
    {
        if (format == "openslo")
        {
            return ImportOpenSlo(files, outputPath, output, error);
        }
        var importer = Importers.Find(format) ?? throw new UsageException($"unknown format '{format}'.");
        var mapping = ImportMapping.Load(mapPath);
        var documents = new List<(string File, JsonElement Root)>();
        foreach (var file in files)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { AllowTrailingCommas = true });
                documents.Add((file, document.RootElement.Clone()));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read '{file}': {e.Message}");
            }
            catch (JsonException e)
            {
                throw new UsageException($"{file}:{(e.LineNumber ?? 0) + 1}: not JSON ({e.Message.Split(" LineNumber")[0]}); {format} exports are JSON.");
            }
        }
        var sink = new EventSink();
        importer.Import(documents, mapping, sink);
        foreach (var warning in sink.Warnings)
        {
            error.WriteLine($"warning: {warning}");
        }
        if (outputPath is null)
        {
            sink.WriteTo(output);
        }
        else
        {
            try
            {
                using var writer = new StreamWriter(outputPath, append: false, new System.Text.UTF8Encoding(false));
                sink.WriteTo(writer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write '{outputPath}': {e.Message}");
            }
        }
        error.WriteLine($"{format}: {(sink.Count == 1 ? "1 event" : $"{sink.Count} events")} written, {(sink.Warnings.Count == 1 ? "1 warning" : $"{sink.Warnings.Count} warnings")}.");
        return Program.ExitOk;
    }

    /// <summary>OpenSLO documents → a .sla contract skeleton (one file, or several concatenated).</summary>
    private static int ImportOpenSlo(string[] files, string? outputPath, TextWriter output, TextWriter error)
    {
        string yaml;
        try
        {
            yaml = string.Join("\n---\n", files.Select(File.ReadAllText));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read: {e.Message}");
        }
        string sla;
        List<string> warnings;
        try
        {
            (sla, warnings) = OpenSlo.Import(yaml);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new UsageException($"{files[0]}:{e.Start.Line}:{e.Start.Column}: not OpenSLO YAML ({e.Message}).");
        }
        foreach (var warning in warnings)
        {
            error.WriteLine($"warning: {warning}");
        }
        if (outputPath is null)
        {
            output.Write(sla);
        }
        else
        {
            File.WriteAllText(outputPath, sla);
        }
        return Program.ExitOk;
    }
}
