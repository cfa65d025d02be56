using System.CommandLine;
using NodaTime;
using SlaLang.Cli.Running;
using SlaLang.Runtime;
using SlaLang.Syntax;

namespace SlaLang.Cli.Commands;

/// <summary>
/// <c>slac explain contract.sla --events E [--as-of T] [--objective SVC.OBJ] [--period START] [--format text|markdown|json]</c>:
/// for each breached or at-risk period (or the one asked for), what a client and a provider need to settle a dispute
/// (LANGUAGE.md §10): the clause, the period and calendar, the formula with its numbers, every contribution with its event-log
/// lines (adding up exactly to the figure), the excluded time, and the credit computation.
/// </summary>
internal sealed class ExplainCommand : ISlacCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var file = new Argument<string>("contract") { Description = "The contract file (.sla)." };
        var events = new Option<string>("--events") { Description = "Events: JSON Lines, or CSV when the file ends in .csv.", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "Explain as of this instant (as 'slac run --as-of'); default: the midnight after the latest event." };
        var objective = new Option<string?>("--objective") { Description = "Only this objective, written Service.Objective." };
        var period = new Option<string?>("--period") { Description = "Explain the period holding this time (e.g. 2026-02-01), whatever its status." };
        var format = new Option<string>("--format") { Description = "text (default), markdown or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var command = new Command("explain", "Explain the figures of breached or at-risk periods (docs/language.md §10; see docs/cli.md).")
        {
            file, events, asOf, objective, period, format,
        };
        command.SetAction(parse =>
        {
            var options = new RunCommand.RunOptions(parse.GetValue(file)!, parse.GetValue(events)!, parse.GetValue(asOf), "json", false);
            return Run(options, parse.GetValue(objective), parse.GetValue(period), parse.GetValue(format) ?? "text",
                MonitorCache.FromEnvironment(), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>Explains; returns the exit code (0, 1 contract errors, 2 usage: an unknown objective, a period outside the term).</summary>
    internal static int Run(RunCommand.RunOptions options, string? objective, string? period, string format, MonitorCache cache, TextWriter output, TextWriter error)
    {
        if (RunCommand.Evaluate(options, cache, error, indexLines: true) is not { } run)
        {
            return Program.ExitErrors;
        }
        if (objective is not null && !run.Monitor.Objectives.Any(o => $"{o.Service}.{o.Name}" == objective))
        {
            throw new UsageException($"--objective '{objective}' names no objective of {run.Monitor.Name}; use one of: "
                + string.Join(", ", run.Monitor.Objectives.Select(o => $"{o.Service}.{o.Name}")) + ".");
        }
        Instant? at = null;
        if (period is not null)
        {
            var instant = RunCommand.ParseAsOf(period, run.Monitor.Zone);
            if (instant < run.Monitor.Term.Start || instant >= run.AsOf)
            {
                throw new UsageException($"--period '{period}' is not in a period reported as of {ReportNames.FormatTime(run.Report.AsOf)}.");
            }
            at = instant;
        }
        var explanations = Explanations(options.Contract, run, objective, at);
        output.Write(format switch
        {
            "json" => ExplanationWriter.ToJson(explanations, run.Monitor.Zone) + "\n",
            "markdown" => ExplanationWriter.ToText(explanations, run.Monitor.Zone, run.EventsName, markdown: true),
            _ => ExplanationWriter.ToText(explanations, run.Monitor.Zone, run.EventsName, markdown: false),
        });
        return Program.ExitOk;
    }

    /// <summary>The explanations of <paramref name="run"/>, each with the clause of its objective (file:line and its text); the periods
    /// settling left without their facts go to <paramref name="unexplained"/>.</summary>
    internal static IReadOnlyList<ObjectiveExplanation> Explanations(string contract, RunCommand.EvaluatedRun run, string? objective, Instant? at,
        ICollection<ObjectiveResult>? unexplained = null)
    {
        var lines = run.Lines;
        if (lines is null)
        {
            // Explained once without lines to learn the facts cited, then the log read again for the lines of just those:
            // an index of every fact costs a list per fact (hundreds of MB for millions of events).
            var cited = new EventLineIndex();
            run.Monitor.Explain(run.AsOf, objective, at, cited);
            lines = new EventLineIndex(cited.Asked);
            if (cited.Asked.Count > 0)
            {
                RunCommand.ReadEvents(run.EventsPath, TextWriter.Null, null, (in SlaEvent e, int line) => lines.Add(in e, line));
            }
        }
        var explanations = run.Monitor.Explain(run.AsOf, objective, at, lines, unexplained);
        var (compilation, tree) = ContractFrontEnd.Open(contract, ContractFrontEnd.ReadContract(contract));
        var clauses = new Dictionary<string, (string Location, string Text)>(StringComparer.Ordinal);
        foreach (var file in compilation.GetUnitFiles(tree))
        {
            foreach (var service in file.Root.DescendantNodesAndSelf<ServiceDeclarationSyntax>())
            {
                foreach (var declaration in service.Body.Statements.OfType<ObjectiveDeclarationSyntax>())
                {
                    var line = file.Text.GetLinePosition(declaration.Span.Start).Line + 1;
                    clauses.TryAdd($"{service.Identifier.Text}.{declaration.Identifier.Text}",
                        ($"{Path.GetFileName(file.Path)}:{line}", file.Text.ToString(declaration.Span).TrimEnd()));
                }
            }
        }
        return [.. explanations.Select(e => clauses.TryGetValue($"{e.Result.Service}.{e.Result.Objective}", out var clause)
            ? e with { ClauseLocation = clause.Location, Clause = clause.Text }
            : e)];
    }
}
