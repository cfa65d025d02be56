using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using SlaLang.Cli.Running;
using SlaLang.Runtime;

namespace SlaLang.Cli.Commands;

/// <summary>
/// <c>slac backtest OLD NEW --events E [--as-of T] [--format text|json|markdown]</c>: runs both versions of a contract on the same
/// events (read once) and reports every objective-period whose status or value differs, and the credits per currency of each
/// version with the difference (docs/language.md §9).
/// </summary>
internal sealed class BacktestCommand : ISlacCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var oldVersion = new Argument<string>("old") { Description = "The old version: a .sla file, or REV:path read through git." };
        var newVersion = new Argument<string>("new") { Description = "The new version: a .sla file, or REV:path." };
        var events = new Option<string>("--events") { Description = "Events: JSON Lines, or CSV when the file ends in .csv.", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "Report as of this instant (as 'slac run --as-of'); default: the midnight after the latest event." };
        var format = new Option<string>("--format") { Description = "text (default), json or markdown.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown");
        var command = new Command("backtest", "Run two versions of a contract on the same events and show what differs (see docs/cli.md).") { oldVersion, newVersion, events, asOf, format };
        command.SetAction(parse => Run(parse.GetValue(oldVersion)!, parse.GetValue(newVersion)!, parse.GetValue(events)!, parse.GetValue(asOf),
            parse.GetValue(format) ?? "text", MonitorCache.FromEnvironment(), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>One objective-period that differs: its values and statuses in each version (null where the version has no such period).</summary>
    internal sealed record PeriodDifference(string Service, string Objective, PeriodBounds Period, ObjectiveResult? Old, ObjectiveResult? New);

    /// <summary>Runs both; returns 0, 1 when a version has errors, 2 on bad usage.</summary>
    internal static int Run(string oldSpec, string newSpec, string eventsPath, string? asOfText, string format, MonitorCache cache, TextWriter output, TextWriter error)
    {
        if (!File.Exists(eventsPath))
        {
            throw new UsageException($"events file '{eventsPath}' does not exist.");
        }
        var (oldCompilation, oldTree) = ContractVersion.Open(oldSpec);
        var (newCompilation, newTree) = ContractVersion.Open(newSpec);
        var old = MonitorLoader.Load(oldCompilation, oldTree, cache, error, out _);
        var @new = MonitorLoader.Load(newCompilation, newTree, cache, error, out _);
        if (old is null || @new is null)
        {
            return Program.ExitErrors;
        }
        // One read of the events feeds both monitors.
        var latest = RunCommand.ReadEvents(eventsPath, error, null, (in SlaEvent e, int _) =>
        {
            old.Observe(in e);
            @new.Observe(in e);
        });
        var asOf = asOfText is null ? RunCommand.DefaultAsOf(@new, latest) : RunCommand.ParseAsOfInTerm(asOfText, @new);
        var (a, b) = (old.Report(asOf), @new.Report(asOf));
        var differences = Differences(a, b);
        var currencies = a.Credits.Concat(b.Credits).Select(c => c.Currency).Distinct().Order(StringComparer.Ordinal).ToList();
        var credits = currencies.Select(c => (Currency: c, Old: a.Credits.Where(x => x.Currency == c).Sum(x => x.Amount), New: b.Credits.Where(x => x.Currency == c).Sum(x => x.Amount))).ToList();
        output.Write(format switch
        {
            "json" => Json(oldSpec, newSpec, b.AsOf, differences, credits),
            "markdown" => Markdown(oldSpec, newSpec, b.AsOf, differences, credits),
            _ => Text(oldSpec, newSpec, b.AsOf, differences, credits),
        });
        return Program.ExitOk;
    }

    internal static List<PeriodDifference> Differences(SlaReport a, SlaReport b)
    {
        // A period is the same period when it starts and ends at the same instants: with `per` changed (quarter → month), the old
        // quarter and the new April are two periods, each present in one version only, not one period whose value changed.
        static (string, string, Instant, Instant) Key(ObjectiveResult r) => (r.Service, r.Objective, r.Period.Start.ToInstant(), r.Period.End.ToInstant());
        var olds = a.Objectives.ToDictionary(Key);
        var news = b.Objectives.ToDictionary(Key);
        var differences = new List<PeriodDifference>();
        foreach (var key in olds.Keys.Union(news.Keys).OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal)
                     .ThenBy(k => k.Item3).ThenBy(k => k.Item4))
        {
            olds.TryGetValue(key, out var x);
            news.TryGetValue(key, out var y);
            if (x is null || y is null || x.Status != y.Status || x.Value != y.Value || x.AtRisk != y.AtRisk)
            {
                differences.Add(new PeriodDifference(key.Item1, key.Item2, (x ?? y)!.Period, x, y));
            }
        }
        return differences;
    }

    private static string State(ObjectiveResult? r) => r is null ? "(none)"
        : r.Status == ObjectiveStatus.NoData ? ReportText.Status(r.Status) // not "no data no data"
        : $"{ReportText.Value(r.Value, r.Unit)} {ReportText.Status(r.Status)}{(r.AtRisk ? " (at risk)" : "")}";

    private static string Money(decimal amount, string currency) => ReportText.Money(amount, currency);

    private static string Signed(decimal delta, string currency) => (delta > 0 ? "+" : "") + Money(delta, currency);

    private static string Text(string oldSpec, string newSpec, OffsetDateTime asOf, List<PeriodDifference> differences, List<(string Currency, decimal Old, decimal New)> credits)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Backtest of {newSpec} against {oldSpec}, as of {ReportText.Time(asOf)} ({ReportText.Offset(asOf)})");
        sb.AppendLine();
        sb.AppendLine(differences.Count == 0 ? "Every objective-period has the same value and status." : $"{ReportText.Count(differences.Count, "objective-period")} {(differences.Count == 1 ? "differs" : "differ")}:");
        foreach (var d in differences)
        {
            sb.AppendLine($"  {d.Service}.{d.Objective}, {ReportText.Period(d.Period)}: {State(d.Old)} → {State(d.New)}");
        }
        sb.AppendLine();
        sb.AppendLine(credits.Count == 0 ? "Credits: none in either version." : "Credits:");
        foreach (var (currency, o, n) in credits)
        {
            sb.AppendLine($"  {currency}: {Money(o, currency)} → {Money(n, currency)} ({Signed(n - o, currency)})");
        }
        return sb.ToString();
    }

    private static string Markdown(string oldSpec, string newSpec, OffsetDateTime asOf, List<PeriodDifference> differences, List<(string Currency, decimal Old, decimal New)> credits)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"### Backtest: `{oldSpec}` → `{newSpec}` as of {ReportText.Time(asOf)}");
        sb.AppendLine();
        if (credits.Count > 0)
        {
            sb.AppendLine("| Currency | Old credits | New credits | Difference |").AppendLine("|---|---|---|---|");
            foreach (var (currency, o, n) in credits)
            {
                sb.AppendLine($"| {currency} | {Money(o, currency)} | {Money(n, currency)} | **{Signed(n - o, currency)}** |");
            }
            sb.AppendLine();
        }
        sb.AppendLine(differences.Count == 0 ? "Every objective-period has the same value and status." : "| Objective | Period | Old | New |\n|---|---|---|---|");
        foreach (var d in differences)
        {
            sb.AppendLine($"| {d.Service}.{d.Objective} | {ReportText.Period(d.Period)} | {State(d.Old)} | {State(d.New)} |");
        }
        return sb.ToString();
    }

    private static string Json(string oldSpec, string newSpec, OffsetDateTime asOf, List<PeriodDifference> differences, List<(string Currency, decimal Old, decimal New)> credits)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", 1);
            w.WriteString("old", oldSpec);
            w.WriteString("new", newSpec);
            w.WriteString("asOf", ReportNames.FormatTime(asOf));
            w.WriteStartArray("objectives");
            foreach (var d in differences)
            {
                w.WriteStartObject();
                w.WriteString("service", d.Service);
                w.WriteString("objective", d.Objective);
                w.WriteStartObject("period");
                w.WriteString("start", ReportNames.FormatTime(d.Period.Start));
                w.WriteString("end", ReportNames.FormatTime(d.Period.End));
                w.WriteEndObject();
                foreach (var (name, r) in new[] { ("old", d.Old), ("new", d.New) })
                {
                    if (r is null)
                    {
                        w.WriteNull(name);
                        continue;
                    }
                    w.WriteStartObject(name);
                    if (r.Value is { } v)
                    {
                        w.WriteNumber("value", ReportNames.Normalize(v));
                    }
                    else
                    {
                        w.WriteNull("value");
                    }
                    w.WriteString("status", r.Status.ToWireName());
                    w.WriteBoolean("atRisk", r.AtRisk);
                    w.WriteString("target", r.Target);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("credits");
            foreach (var (currency, o, n) in credits)
            {
                w.WriteStartObject();
                w.WriteString("currency", currency);
                w.WriteNumber("old", o);
                w.WriteNumber("new", n);
                w.WriteNumber("delta", n - o);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }
}
