using System.CommandLine;
using SlaLang.Cli.Integrations;
using SlaLang.Cli.Running;

namespace SlaLang.Cli.Commands;

/// <summary>
/// <c>slac export prometheus CONTRACT --map sli.yaml [-o rules.yaml]</c>: recording and alerting rules for the contract's ratio
/// objectives, in Sloth's shape (docs/integrations.md). Objectives that cannot be exported are listed as warnings.
/// </summary>
internal sealed class ExportCommand : ISlacCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var target = new Argument<string>("target") { Description = "prometheus (recording and multi-burn-rate alerting rules) or openslo (OpenSLO v1 documents)." };
        target.AcceptOnlyFromAmong("prometheus", "openslo");
        var contract = new Argument<string>("contract") { Description = "The contract (.sla), or REV:path." };
        var map = new Option<string?>("--map") { Description = "YAML: the SLI source of each objective (probe, good and total counters, or queries)." };
        var output = new Option<string?>("--output", "-o") { Description = "Write here (default: standard output)." };
        var command = new Command("export", "Export a contract's objectives to the monitoring teams run (see docs/integrations.md).") { target, contract, map, output };
        command.SetAction(parse => Run(parse.GetValue(target)!, parse.GetValue(contract)!, parse.GetValue(map), parse.GetValue(output),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string target, string contractSpec, string? mapPath, string? outputPath, TextWriter output, TextWriter error)
    {
        if (ContractVersion.Load(contractSpec, error, out _) is not { } contract)
        {
            return Program.ExitErrors;
        }
        var mapping = ExportMapping.Load(mapPath);
        var (text, warnings) = target == "openslo" ? OpenSlo.Export(contract, mapping) : PrometheusRulesExporter.Export(contract, mapping);
        foreach (var warning in warnings)
        {
            error.WriteLine($"warning: {warning}");
        }
        if (outputPath is null)
        {
            output.Write(text);
        }
        else
        {
            try
            {
                File.WriteAllText(outputPath, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot write '{outputPath}': {e.Message}");
            }
        }
        return Program.ExitOk;
    }
}
