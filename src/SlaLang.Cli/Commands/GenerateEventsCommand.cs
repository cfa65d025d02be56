using System.CommandLine;
using System.Text;
using NodaTime;
using NodaTime.Text;
using SlaLang.Cli.Generation;
using SlaLang.Cli.Running;

namespace SlaLang.Cli.Commands;

/// <summary>
/// Hidden <c>slac generate-events file.sla --seed N -o events.jsonl [--csv events.csv] [--from date] [--months 3]</c>:
/// writes a deterministic, realistic stream of events for a contract (how examples/*/events.jsonl are made).
/// </summary>
internal sealed class GenerateEventsCommand : ISlacCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var file = new Argument<string>("contract") { Description = "The contract file (.sla)." };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same events).", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--output", "-o") { Description = "JSON Lines file to write.", Required = true };
        var csv = new Option<string?>("--csv") { Description = "Also write the same events as CSV." };
        var from = new Option<string?>("--from") { Description = "First local date (default: the term start)." };
        var months = new Option<int>("--months") { Description = "Number of months to cover (default 3: a quarter).", DefaultValueFactory = _ => 3 };
        var command = new Command("generate-events", "Generate a deterministic stream of realistic events for a contract.")
        {
            file, seed, output, csv, from, months,
        };
        command.Hidden = true;
        command.SetAction(parse => Run(
            parse.GetValue(file)!, parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(csv), parse.GetValue(from), parse.GetValue(months),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Generates and writes the events; returns the exit code.</summary>
    internal static int Run(string path, int seed, string output, string? csv, string? from, int months, TextWriter stdout, TextWriter stderr)
    {
        var text = ContractFrontEnd.ReadContract(path);
        if (ContractFrontEnd.Emit(path, text, stderr, showWarnings: true) is not { Contract: { } contract })
        {
            return Program.ExitErrors;
        }
        var start = contract.TermStart;
        if (from is not null)
        {
            var parsed = LocalDatePattern.Iso.Parse(from);
            start = parsed.Success ? parsed.Value : throw new UsageException($"--from '{from}' is not a date (yyyy-MM-dd).");
        }
        if (months <= 0)
        {
            throw new UsageException("--months must be positive.");
        }
        var generator = new EventGenerator(contract, seed);
        var events = generator.Generate(start, start.PlusMonths(months));
        using (var writer = new StreamWriter(output, false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            generator.WriteJsonLines(events, writer);
        }
        if (csv is not null)
        {
            using var writer = new StreamWriter(csv, false, new UTF8Encoding(false)) { NewLine = "\n" };
            generator.WriteCsv(events, writer);
        }
        stdout.WriteLine($"Wrote {events.Count} events for {contract.Name} from {start:yyyy-MM-dd} over {months} months.");
        return Program.ExitOk;
    }
}
