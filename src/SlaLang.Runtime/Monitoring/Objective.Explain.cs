using System.Globalization;
using NodaTime;

namespace SlaLang.Runtime;

// LANGUAGE.md §10: the figure of one period taken apart into the facts that made it. Each part reuses the evaluation's own
// arithmetic (the calendar's measure, Tally per incident, the catalog's sample), so the parts add up exactly to the figure.
public sealed partial class Objective
{
    /// <summary>
    /// The explanation of the period starting at <paramref name="periodStart"/> as of <paramref name="asOf"/>, or null when no
    /// reported period starts there. <paramref name="lines"/>, when given, says which event-log lines each fact came from.
    /// </summary>
    public ObjectiveExplanation? Explain(FactStore facts, ContractTerm term, Instant asOf, Instant periodStart, EventLineIndex? lines = null)
    {
        var periods = Per.PeriodsAsOf(term, asOf);
        var index = -1;
        for (var k = 0; k < periods.Count; k++)
        {
            if (periods[k].Start == periodStart)
            {
                index = k;
            }
        }
        if (index < 0)
        {
            return null;
        }
        var result = Evaluate(facts, term, asOf)[index];
        var period = periods[index];
        var definition = IndicatorCatalog.Of(Indicator);
        var name = definition.Name + (Within is { } d ? $"({SlaDuration.Format(d)})" : "");
        return definition.Source switch
        {
            IndicatorSource.Outages => ExplainOutages(facts, period, asOf, result, name, lines),
            IndicatorSource.Incidents => ExplainIncidents(facts, period, asOf, result, name, lines),
            _ => ExplainSamples(facts, period, asOf, result, name, definition, lines),
        };
    }

    private ObjectiveExplanation ExplainOutages(FactStore facts, ReportPeriod p, Instant asOf, ObjectiveResult result, string name, EventLineIndex? lines)
    {
        var svc = facts.FindService(Service);
        var end = p.EffectiveEnd(asOf);
        var full = IntervalSet.Of(p.Start, end);
        var maintenance = ExcludeMaintenance && svc is not null ? svc.MaintenanceSet(asOf) : IntervalSet.Empty;
        var window = full.Subtract(maintenance);
        var sched = Seconds(Calendar.Measure(window));
        var maintenanceSeconds = Seconds(Calendar.Measure(full.Intersect(maintenance)));
        var closed = Seconds(end - p.Start) - Seconds(Calendar.Measure(full));
        var contributions = new List<Contribution>();
        decimal down = 0, starts = 0;
        if (svc is not null)
        {
            // Outages in the order they started: time two outages share is counted once, for the earlier one.
            var covered = IntervalSet.Empty;
            foreach (var (id, facts_) in svc.Outages.OrderBy(o => o.Value.Starts.Min ?? Instant.MaxValue).ThenBy(o => o.Key, StringComparer.Ordinal))
            {
                if (Where is not null && !KeepOutage(id))
                {
                    continue;
                }
                // This outage's own intervals (not a pass over every outage for each: that made a million-event log's
                // explanations quadratic, minutes per period).
                var all = svc.OutageSetOf(id, asOf);
                var own = all.Intersect(window);
                var startsHere = 0;
                foreach (var s in facts_.Starts)
                {
                    startsHere += s >= p.Start && s < end ? 1 : 0;
                }
                if (own.Intervals.Length == 0 && startsHere == 0)
                {
                    continue; // nothing in this period
                }
                var counted = own.Subtract(covered);
                covered = covered.Union(own);
                var seconds = Seconds(Calendar.Measure(counted));
                if (seconds == 0 && startsHere == 0)
                {
                    continue;
                }
                down += seconds;
                starts += startsHere;
                var shared = Seconds(Calendar.Measure(own)) - seconds;
                var excluded = Seconds(TotalLength(all.Intersect(full))) - seconds - shared;
                var note = string.Join("; ", new[]
                {
                    $"down {Text(seconds)} s counted",
                    shared > 0 ? $"{Text(shared)} s shared with an earlier outage, counted there" : null,
                    excluded > 0 ? $"{Text(excluded)} s outside the calendar's hours or in maintenance, not counted" : null,
                }.OfType<string>());
                // Availability: the down seconds over the scheduled time; mtbf: the down seconds, and the outages started.
                contributions.Add(new Contribution(id, "outage", [.. counted.Intervals.ToArray()], seconds,
                    seconds, Indicator == IndicatorKind.Availability ? 0 : startsHere,
                    lines?.Lines(EventLineIndex.Outage(Service, id)) ?? [], note));
            }
        }
        var formula = Indicator == IndicatorKind.Availability
            ? $"{name} = 100 × (1 − {Text(down)} s / {Text(sched)} s) = {Value(result.Value)}"
            : $"{name} = ({Text(sched)} s − {Text(down)} s) / {Text(starts)} outages started = {Value(result.Value)} s";
        return new ObjectiveExplanation(result, name, formula, down, Indicator == IndicatorKind.Availability ? sched : starts,
            sched, maintenanceSeconds, closed, contributions, []);
    }

    private static Duration TotalLength(IntervalSet set)
    {
        var total = Duration.Zero;
        foreach (var i in set.Intervals)
        {
            total += i.End - i.Start;
        }
        return total;
    }

    private ObjectiveExplanation ExplainIncidents(FactStore facts, ReportPeriod p, Instant asOf, ObjectiveResult result, string name, EventLineIndex? lines)
    {
        ReportPeriod[] one = [p];
        var contributions = new List<Contribution>();
        decimal count = 0, good = 0, sum = 0;
        // The incidents that count in this period, then those in id order (sorting every incident for each period made a
        // million-event log's explanations take minutes).
        var counted = new List<(string Id, IncidentFacts Inc, long[] C, long[] G, decimal[] S)>();
        foreach (var (id, inc) in facts.Incidents)
        {
            long[] c = [0], g = [0];
            decimal[] s = [0m];
            Tally(id, inc, one, asOf, c, g, s);
            if (c[0] != 0 || g[0] != 0)
            {
                counted.Add((id, inc, c, g, s));
            }
        }
        counted.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        foreach (var (id, inc, c, g, s) in counted)
        {
            count += c[0];
            good += g[0];
            sum += s[0];
            var opened = inc.Opened!.Value;
            var stop = (Indicator == IndicatorKind.RespondedWithin ? inc.FirstAck : inc.Resolves.Min) is { } st && st < asOf ? st : p.EffectiveEnd(asOf);
            var elapsed = stop > opened ? Seconds(stop - opened) : 0m;
            var age = Seconds(inc.MeasuredAge(Calendar, stop));
            var (numerator, denominator, note) = Indicator switch
            {
                IndicatorKind.IncidentCount => ((decimal)c[0], 0m, $"opened {Local(opened)} ({inc.Severity})"),
                IndicatorKind.Mttr => (s[0], c[0], $"measured age {Text(s[0])} s; {Text(elapsed - s[0])} s of closed hours or pauses excluded"),
                IndicatorKind.ReopenRate => (g[0], c[0], $"{c[0]} resolution(s) and {g[0]} reopen(s) in the period"),
                _ => (g[0], c[0], g[0] == 1
                    ? $"stopped within {SlaDuration.Format(Within!.Value)}: measured age {Text(age)} s"
                    : $"not within {SlaDuration.Format(Within!.Value)}: measured age {Text(age)} s"),
            };
            contributions.Add(new Contribution(id, "incident", [new InstantInterval(opened, stop > opened ? stop : opened)],
                Indicator == IndicatorKind.Mttr ? s[0] : age, numerator, denominator, lines?.Lines(EventLineIndex.Incident(id)) ?? [], note));
        }
        var formula = Indicator switch
        {
            IndicatorKind.IncidentCount => $"{name} = {Text(count)} incidents opened in the period",
            IndicatorKind.Mttr => $"{name} = {Text(sum)} s / {Text(count)} incidents resolved = {Value(result.Value)} s",
            IndicatorKind.ReopenRate => $"{name} = 100 × {Text(good)} reopens / {Text(count)} resolutions = {Value(result.Value)}",
            _ => $"{name} = 100 × {Text(good)} within / {Text(count)} incidents = {Value(result.Value)}",
        };
        return Indicator switch
        {
            IndicatorKind.IncidentCount => new ObjectiveExplanation(result, name, formula, count, 0, null, null, null, contributions, []),
            IndicatorKind.Mttr => new ObjectiveExplanation(result, name, formula, sum, count, null, null, null, contributions, []),
            _ => new ObjectiveExplanation(result, name, formula, good, count, null, null, null, contributions, []),
        };
    }

    private ObjectiveExplanation ExplainSamples(FactStore facts, ReportPeriod p, Instant asOf, ObjectiveResult result, string name, IndicatorDefinition definition, EventLineIndex? lines)
    {
        var svc = facts.FindService(Service);
        var end = p.EffectiveEnd(asOf);
        var contributions = new List<Contribution>();
        decimal a = 0, b = 0;
        var eventKind = definition.Source switch { IndicatorSource.Requests => EventKind.Requests, IndicatorSource.Surveys => EventKind.Survey, _ => EventKind.Change };
        void Add(string id, Instant t, IndicatorSample sample, string? changeId, string note)
        {
            var (numerator, denominator) = definition.Sample!(sample);
            a += numerator;
            b += denominator;
            contributions.Add(new Contribution(id, eventKind.ToWireName(), [new InstantInterval(t, t)], 0m, numerator, denominator,
                lines?.Lines(EventLineIndex.Sample(eventKind, Service, t, changeId)) ?? [], note));
        }
        if (svc is not null)
        {
            var samples = new List<(Instant Time, IndicatorSample Sample, string? Id, Instant? Requested)>();
            ForEachSample(svc, definition.Source, (t, sample, id, requested) =>
            {
                if (t >= p.Start && t < end)
                {
                    samples.Add((t, sample, id, requested));
                }
            });
            foreach (var (t, sample, id, requested) in samples.OrderBy(x => x.Time).ThenBy(x => x.Id, StringComparer.Ordinal)
                         .ThenBy(x => x.Sample.Good).ThenBy(x => x.Sample.Total).ThenBy(x => x.Sample.Score))
            {
                var note = definition.Source switch
                {
                    IndicatorSource.Requests => $"{sample.Good} good of {sample.Total}",
                    IndicatorSource.Surveys => $"score {Text(sample.Score)}",
                    _ => $"requested {Local(requested!.Value)}, deployed {Local(t)}: {Text(sample.LeadTimeSeconds)} s{(sample.Failed ? ", failed" : "")}",
                };
                Add(id ?? Local(t), t, sample, id, note);
            }
        }
        var scale = definition.Scale == 1m ? "" : $"{Text(definition.Scale)} × ";
        var formula = $"{name} = {scale}{Text(a)} / {Text(b)} = {Value(result.Value)}";
        return new ObjectiveExplanation(result, name, formula, a, b, null, null, null, contributions, []);
    }

    private string Local(Instant t) => t.InZone(Calendar.Zone).LocalDateTime.ToString("uuuu-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Value(decimal? value) => value is { } v ? Text(v) : "no data";

    private static string Text(decimal value) => ReportNames.Normalize(value).ToString(CultureInfo.InvariantCulture);
}
