using System.CommandLine;
using System.Text;
using NodaTime;
using NodaTime.Text;
using SlaLang.Cli.Running;
using SlaLang.Runtime;

namespace SlaLang.Cli.Commands;

/// <summary>
/// <c>slac run file.sla --events events.jsonl|csv [--as-of T] [--format table|json] [--fail-on-breach]</c>:
/// compiles the contract's monitor (or takes it from the cache), streams the events through it and prints the report.
/// </summary>
internal sealed class RunCommand : ISlacCommand
{
    /// <summary>Output formats of <c>--format</c>.</summary>
    internal static readonly string[] Formats = ["table", "json", "html"];

    /// <inheritdoc/>
    public Command Build()
    {
        var file = new Argument<string>("contract") { Description = "The contract file (.sla)." };
        var events = new Option<string>("--events")
        {
            Description = "Events: JSON Lines, or CSV with a header when the file ends in .csv.",
            Required = true,
        };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Report as of this instant: 2026-04-01T00:00:00+02:00, or local 2026-04-01T00:00 / 2026-04-01 in the contract's zone. "
                + "Default: the local midnight after the latest event, at most the end of the term.",
        };
        var format = new Option<string>("--format") { Description = "table (default), json (docs/language.md §7) or html (one self-contained page with a chart per objective and the explanation of each breach).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong(Formats);
        var failOnBreach = new Option<bool>("--fail-on-breach") { Description = "Exit with code 3 when an objective is breached." };
        var lateness = new Option<string?>("--lateness")
        {
            Description = "Bounded memory for long streams: periods older than this duration (e.g. 7d, 36h) behind the latest event are "
                + "finalised and their facts dropped; events arriving later than that are counted and skipped. Default: exact for any order.",
        };
        var strict = new Option<bool>("--strict") { Description = "Exit with code 4 when the event log has data-quality warnings (unknown service, severity or obligation, orphan events, malformed lines)." };
        var explain = new Option<bool>("--explain") { Description = "After the report, explain every breached or at-risk period (as 'slac explain')." };
        var command = new Command("run", "Run a contract's monitor over events and print the report. See docs/cli.md and docs/language.md.") { file, events, asOf, format, failOnBreach, lateness, strict, explain };
        command.SetAction(parse => Run(
            new RunOptions(parse.GetValue(file)!, parse.GetValue(events)!, parse.GetValue(asOf), parse.GetValue(format) ?? "table", parse.GetValue(failOnBreach), parse.GetValue(lateness))
            {
                Strict = parse.GetValue(strict),
                Explain = parse.GetValue(explain),
            },
            MonitorCache.FromEnvironment(),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>The options of one run.</summary>
    internal sealed record RunOptions(string Contract, string Events, string? AsOf, string Format, bool FailOnBreach, string? Lateness = null)
    {
        /// <summary>Data-quality warnings make the run fail (exit 4).</summary>
        public bool Strict { get; init; }

        /// <summary>Explain every breached or at-risk period after the report (LANGUAGE.md §10).</summary>
        public bool Explain { get; init; }
    }

    /// <summary>
    /// Runs the monitor; returns the exit code: 0, 1 contract errors, 2 usage (including an event log with no readable event, and an
    /// as-of outside the term), 3 breach with <c>--fail-on-breach</c>, 4 data-quality warnings with <c>--strict</c>.
    /// </summary>
    internal static int Run(RunOptions options, MonitorCache cache, TextWriter output, TextWriter error)
    {
        var html = options.Format == "html";
        if (Evaluate(options, cache, error, indexLines: options.Explain || html) is not { } run)
        {
            return Program.ExitErrors;
        }
        var report = run.Report;
        var unexplained = new List<ObjectiveResult>();
        var explanations = options.Explain || html ? ExplainCommand.Explanations(options.Contract, run, null, null, unexplained) : null;
        if (unexplained.Count > 0)
        {
            error.WriteLine($"{run.EventsName}: {Plural(unexplained.Count, "breached or at-risk period")} not explained: --lateness {options.Lateness} "
                + "finalised them and dropped the facts behind their figures (the report keeps the figures); run without --lateness, "
                + "or with a longer one, to explain them.");
        }
        if (html)
        {
            HtmlReportWriter.Write(report, explanations!, run.Monitor.Zone, run.EventsName, output);
        }
        else if (options.Format == "json")
        {
            // With --explain, the report's last property is its explanations: one JSON document.
            Action<System.Text.Json.Utf8JsonWriter>? more = explanations is null ? null : w =>
            {
                w.WritePropertyName("explanations");
                ExplanationWriter.WriteJson(explanations, w, run.Monitor.Zone);
            };
            if (!StandardOutput.TryWrite(output, stream =>
                {
                    ReportJsonWriter.Write(report, stream, more: more);
                    stream.WriteByte((byte)'\n');
                }))
            {
                output.Write(ReportJsonWriter.ToJson(report, more: more));
                output.WriteLine();
            }
        }
        else
        {
            ReportRenderer.Write(report, output, run.EventsName);
            if (explanations is not null)
            {
                output.WriteLine();
                output.WriteLine("Explanations");
                output.WriteLine();
                output.Write(ExplanationWriter.ToText(explanations, run.Monitor.Zone, run.EventsName, markdown: false));
            }
        }
        if (options.Strict && report.Warnings.Count > 0)
        {
            error.WriteLine($"{run.EventsName}: {Plural(report.Warnings.Count, "data-quality warning")} (--strict).");
            return Program.ExitDataQuality;
        }
        return options.FailOnBreach && report.AnyBreached ? Program.ExitBreach : Program.ExitOk;
    }

    /// <summary>A monitor that has observed the whole event log, and its report as of the chosen instant. <see cref="Lines"/> is the
    /// line of every fact when explanations were asked for and the log cannot be read again (a pipe); otherwise null, and
    /// explaining reads <see cref="EventsPath"/> again for the facts it cites.</summary>
    internal sealed record EvaluatedRun(ContractMonitor Monitor, Instant AsOf, SlaReport Report, string EventsPath, string EventsName, EventLineIndex? Lines);

    /// <summary>
    /// Loads the contract's monitor, streams the events through it (reporting malformed lines on <paramref name="error"/>) and makes
    /// the report with its data-quality warnings; null when the contract has errors (printed). <paramref name="indexLines"/>: the
    /// run will be explained (see <see cref="EvaluatedRun.Lines"/>).
    /// </summary>
    internal static EvaluatedRun? Evaluate(RunOptions options, MonitorCache cache, TextWriter error, bool indexLines)
    {
        if (!File.Exists(options.Events))
        {
            throw new UsageException(Directory.Exists(options.Events)
                ? $"events '{options.Events}' is a folder: give a .jsonl or .csv file."
                : $"events file '{options.Events}' does not exist.");
        }
        var text = ContractFrontEnd.ReadContract(options.Contract);
        var monitor = MonitorLoader.Load(options.Contract, text, cache, error, out _);
        if (monitor is null)
        {
            return null;
        }
        Instant? explicitAsOf = options.AsOf is null ? null : ParseAsOfInTerm(options.AsOf, monitor);
        if (options.Lateness is not null)
        {
            monitor.EnableSettling(ParseLateness(options.Lateness));
        }

        var eventsName = Path.GetFileName(options.Events);
        var audit = new EventAudit(monitor);
        // A file is read again when explaining, for the lines of just the facts cited; a pipe cannot be: its facts are all
        // indexed now, each with a list of lines.
        var lines = indexLines && !CanReadAgain(options.Events) ? new EventLineIndex() : null;
        var latest = ReadEvents(options.Events, error, audit.Malformed, (in SlaEvent e, int line) =>
        {
            monitor.Observe(in e);
            audit.Observe(in e, line);
            lines?.Add(in e, line);
        });

        if (monitor.LateEvents > 0)
        {
            error.WriteLine(monitor.LateEvents == 1
                ? $"{eventsName}: 1 event arrived more than --lateness {options.Lateness} behind the latest event and was skipped."
                : $"{eventsName}: {monitor.LateEvents} events arrived more than --lateness {options.Lateness} behind the latest event and were skipped.");
        }

        var asOf = explicitAsOf ?? DefaultAsOf(monitor, latest);
        SlaReport report;
        try
        {
            report = monitor.Report(asOf);
        }
        catch (ArgumentOutOfRangeException) when (options.Lateness is not null)
        {
            throw new UsageException($"--as-of is earlier than what --lateness {options.Lateness} has already finalised; raise --lateness or move --as-of later.");
        }
        var (warnings, input) = audit.Finish(asOf);
        return new EvaluatedRun(monitor, asOf, report with { Warnings = warnings, Input = input }, options.Events, eventsName, lines);
    }

    /// <summary>Whether <paramref name="path"/> can be read a second time: a file, not a pipe (whose bytes are gone once read).</summary>
    private static bool CanReadAgain(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            return stream.CanSeek;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>What is done with each event read, and its line.</summary>
    internal delegate void EventHandler(in SlaEvent e, int line);

    /// <summary>
    /// Reads the event log once, handing every event to <paramref name="onEvent"/>; malformed lines are printed on
    /// <paramref name="error"/> (and given to <paramref name="onMalformed"/>). Returns the latest event's instant (null for an empty
    /// log); a log none of whose lines reads is bad usage, not a quiet period.
    /// </summary>
    internal static Instant? ReadEvents(string path, TextWriter error, Action<EventReadError>? onMalformed, EventHandler onEvent)
    {
        Instant? latest = null;
        var malformed = 0;
        var eventsName = Path.GetFileName(path);
        try
        {
            foreach (var (e, line) in EventReader.ReadNumberedFileAhead(path, bad =>
                     {
                         malformed++;
                         onMalformed?.Invoke(bad);
                         error.WriteLine($"{eventsName}:{bad.Line}: {bad.Message} (line skipped)");
                     }))
            {
                onEvent(in e, line);
                var instant = e.Instant;
                if (latest is null || instant > latest)
                {
                    latest = instant;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not TemporaryStorageException)
        {
            throw new UsageException($"cannot read events '{path}': {e.Message}");
        }
        if (malformed > 0)
        {
            error.WriteLine($"{eventsName}: {Plural(malformed, "malformed line")} skipped.");
        }
        if (latest is null && malformed > 0)
        {
            // Every line is malformed: a wrong file or format, not a quiet period. (An empty log is a quiet period: it reports.)
            throw new UsageException($"no line of events '{path}' could be read as an event ({Plural(malformed, "malformed line")}); see the messages above.");
        }
        return latest;
    }

    /// <summary>Parses <c>--as-of</c> (<see cref="ParseAsOf"/>) and requires it within the term of <paramref name="monitor"/>'s contract.</summary>
    internal static Instant ParseAsOfInTerm(string text, ContractMonitor monitor)
    {
        var asOf = ParseAsOf(text, monitor.Zone);
        if (asOf < monitor.Term.Start || asOf > monitor.Term.End)
        {
            throw new UsageException($"--as-of '{text}' lies outside the term of {monitor.Name} "
                + $"({monitor.Term.StartDate:uuuu-MM-dd} .. {monitor.Term.EndDate:uuuu-MM-dd}, {monitor.Zone.Id}): give a time within it.");
        }
        return asOf;
    }

    /// <summary>
    /// The as-of used without <c>--as-of</c> (never the machine clock): the local midnight, in the contract's zone,
    /// after the latest event, capped at the end of the term; the term start when there is no event.
    /// </summary>
    internal static Instant DefaultAsOf(ContractMonitor monitor, Instant? latestEvent)
    {
        if (latestEvent is not { } latest)
        {
            return monitor.Term.Start;
        }
        var nextMidnight = monitor.Zone.AtStartOfDay(latest.InZone(monitor.Zone).Date.PlusDays(1)).ToInstant();
        return nextMidnight < monitor.Term.End ? nextMidnight : monitor.Term.End;
    }

    /// <summary>Parses <c>--lateness</c> as a .sla duration literal (<c>7d</c>, <c>36h</c>, <c>1h30min</c>).</summary>
    internal static Duration ParseLateness(string text)
    {
        var parsed = SlaLang.Parsing.Literals.LiteralParsers.ParseDuration(text);
        return parsed.Success && parsed.Value is Duration duration
            ? duration
            : throw new UsageException($"--lateness '{text}' is not a duration: use e.g. 7d, 36h or 1h30min.");
    }

    /// <summary>Parses <c>--as-of</c> (<see cref="AsOf.TryParse"/>): with an offset, or local in <paramref name="zone"/>.</summary>
    internal static Instant ParseAsOf(string text, DateTimeZone zone) =>
        AsOf.TryParse(text, zone, out var instant, out var problem) ? instant : throw new UsageException($"--as-of '{text}' {problem}");

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
