using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using SlaLang.Model;
using SlaLang.Runtime;

namespace SlaLang.Cli.Generation;

/// <summary>One generated event, with the fields of LANGUAGE.md §6 that its kind uses.</summary>
internal sealed record GeneratedEvent(
    Instant Time,
    string Kind,
    string? Service = null,
    string? Id = null,
    string? Severity = null,
    long? Good = null,
    long? Total = null,
    decimal? Score = null,
    Instant? Requested = null,
    string? Name = null);

/// <summary>
/// Produces a deterministic, realistic stream of events for a contract over a time range from a seed:
/// outages and maintenance windows, incidents of every declared severity with acknowledgements, pauses,
/// reopenings and a few left open, hourly request counts, surveys, changes, and <c>fulfilled</c> events
/// for the obligations, committees and periodic security controls (a few deliberately missed).
/// What is generated for a service follows the indicators its objectives use.
/// </summary>
internal sealed class EventGenerator(ContractModel contract, int seed)
{
    private readonly Random _random = new(seed);
    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb[contract.TimeZoneId];
    private int _incidentNumber;
    private int _outageNumber;
    private int _maintenanceNumber;
    private int _changeNumber;

    /// <summary>Events in [<paramref name="from"/>, <paramref name="to"/>) local dates, sorted by time then kind.</summary>
    public IReadOnlyList<GeneratedEvent> Generate(LocalDate from, LocalDate to)
    {
        var start = At(from, new LocalTime(0, 0));
        var end = At(to, new LocalTime(0, 0));
        var events = new List<GeneratedEvent>();
        foreach (var service in contract.Services)
        {
            var sources = service.Objectives.Select(o => IndicatorCatalog.Of(o.Indicator.Kind).Source).ToHashSet();
            if (sources.Contains(IndicatorSource.Outages) || sources.Count == 0)
            {
                Outages(service.Name, from, to, events);
            }
            Incidents(service.Name, start, end, events);
            if (sources.Contains(IndicatorSource.Requests))
            {
                Requests(service.Name, start, end, events);
            }
            if (sources.Contains(IndicatorSource.Surveys))
            {
                Surveys(service.Name, start, end, events);
            }
            if (sources.Contains(IndicatorSource.Changes))
            {
                Changes(service.Name, start, end, events);
            }
        }
        Fulfilments(start, end, events);
        return events.Where(e => e.Time < end)
            .OrderBy(e => e.Time).ThenBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
    }

    private void Outages(string service, LocalDate from, LocalDate to, List<GeneratedEvent> events)
    {
        // A two-hour maintenance window on the first Sunday night of each month, sometimes with an outage inside it.
        for (var month = new LocalDate(from.Year, from.Month, 1); month < to; month = month.PlusMonths(1))
        {
            var sunday = month;
            while (sunday.DayOfWeek != IsoDayOfWeek.Sunday)
            {
                sunday = sunday.PlusDays(1);
            }
            if (sunday < from || sunday >= to)
            {
                continue;
            }
            var windowStart = At(sunday, new LocalTime(2, 0));
            var id = $"MW-{++_maintenanceNumber:000}";
            events.Add(new(windowStart, "maintenance_start", service, id));
            events.Add(new(windowStart + Duration.FromHours(2), "maintenance_end", service, id));
            if (_random.Next(2) == 0)
            {
                var outageId = $"OUT-{++_outageNumber:000}";
                var outageStart = windowStart + Duration.FromMinutes(20);
                events.Add(new(outageStart, "outage_start", service, outageId));
                events.Add(new(outageStart + Duration.FromMinutes(45), "outage_end", service, outageId));
            }
        }

        // The range closes with a patch window on its last night (01:00–03:00 local), as quarter-end patching does.
        var last = to.PlusDays(-1);
        var patch = At(last, new LocalTime(1, 0));
        var patchId = $"MW-{++_maintenanceNumber:000}";
        events.Add(new(patch, "maintenance_start", service, patchId));
        events.Add(new(patch + Duration.FromHours(2), "maintenance_end", service, patchId));

        // Unplanned outages: about one a month, 3 to 30 minutes each (some months breach 99.93%).
        var start = At(from, new LocalTime(0, 0));
        var end = At(to, new LocalTime(0, 0));
        var total = (int)Math.Round((end - start).TotalDays / 30 * 1.2);
        for (var i = 0; i < total; i++)
        {
            var outageStart = RandomInstant(start, end - Duration.FromHours(2));
            var id = $"OUT-{++_outageNumber:000}";
            events.Add(new(outageStart, "outage_start", service, id));
            events.Add(new(outageStart + Duration.FromMinutes(_random.Next(3, 31)), "outage_end", service, id));
        }
    }

    private void Incidents(string service, Instant start, Instant end, List<GeneratedEvent> events)
    {
        var months = (end - start).TotalDays / 30;
        foreach (var severity in contract.Severities.OrderBy(s => s.Rank))
        {
            // Fewer incidents of the more severe kinds: 2, 5, 9, 14 … a month by rank.
            var perMonth = 2 + severity.Rank * (severity.Rank + 5) / 2;
            var count = (int)Math.Round(perMonth * months);
            // Resolution: mostly quick, with a tail up to 5 h, 8 h, 16 h, 24 h by rank.
            var tailMinutes = severity.Rank switch { 0 => 5 * 60, 1 => 8 * 60, 2 => 16 * 60, _ => 24 * 60 };
            for (var i = 0; i < count; i++)
            {
                var id = $"INC-{++_incidentNumber:0000}";
                var opened = RandomInstant(start, end);
                events.Add(new(opened, "incident_opened", service, id, severity.Name));
                var acknowledged = opened + Duration.FromMinutes(severity.Rank == 0 ? Skewed(1, 20) : Skewed(3, 60));
                events.Add(new(acknowledged, "incident_acknowledged", Id: id));
                var resolved = acknowledged + Duration.FromMinutes(Skewed(15, tailMinutes, 4));
                if (_random.Next(8) == 0)
                {
                    // Waiting on the client: the clock stops for one to eight hours.
                    var paused = acknowledged + Duration.FromMinutes(_random.Next(5, 30));
                    var resumed = paused + Duration.FromMinutes(_random.Next(60, 480));
                    events.Add(new(paused, "incident_paused", Id: id));
                    events.Add(new(resumed, "incident_resumed", Id: id));
                    resolved = resumed + Duration.FromMinutes(Skewed(10, tailMinutes / 2));
                }
                if (resolved >= end - Duration.FromHours(6) && _random.Next(2) == 0)
                {
                    continue; // still open at the end of the range
                }
                events.Add(new(resolved, "incident_resolved", Id: id));
                if (_random.Next(25) == 0)
                {
                    var reopened = resolved + Duration.FromMinutes(_random.Next(60, 24 * 60));
                    events.Add(new(reopened, "incident_reopened", Id: id));
                    events.Add(new(reopened + Duration.FromMinutes(_random.Next(30, 240)), "incident_resolved", Id: id));
                }
            }
        }
    }

    private void Requests(string service, Instant start, Instant end, List<GeneratedEvent> events)
    {
        // Hourly counts with a daily traffic curve; a bad day now and then.
        var badDay = -1;
        for (var hour = start; hour < end; hour += Duration.FromHours(1))
        {
            var local = hour.InZone(_zone).LocalDateTime;
            if (local.Hour == 0)
            {
                badDay = _random.Next(20) == 0 ? local.Day : -1;
            }
            var traffic = local.Hour is >= 8 and < 22 ? 4000 : 600;
            var total = traffic + _random.Next(traffic / 2);
            var errorPerMille = local.Day == badDay ? _random.Next(15, 40) : _random.Next(0, 5);
            var failed = total * errorPerMille / 1000;
            events.Add(new(hour + Duration.FromMinutes(59), "requests", service, Good: total - failed, Total: total));
        }
    }

    private void Surveys(string service, Instant start, Instant end, List<GeneratedEvent> events)
    {
        var count = (int)((end - start).TotalDays * 2);
        for (var i = 0; i < count; i++)
        {
            // Scores 1–5 by halves, most of them high.
            events.Add(new(RandomInstant(start, end), "survey", service, Score: 5m - Math.Round(8 * (decimal)Math.Pow(_random.NextDouble(), 2.5)) / 2m));
        }
    }

    private void Changes(string service, Instant start, Instant end, List<GeneratedEvent> events)
    {
        var count = (int)((end - start).TotalDays / 7 * 4);
        for (var i = 0; i < count; i++)
        {
            var deployed = RandomInstant(start, end);
            var requested = deployed - Duration.FromMinutes(Skewed(4 * 60, 10 * 24 * 60));
            events.Add(new(deployed, "change", service, $"CHG-{++_changeNumber:000}", Requested: requested));
        }
    }

    private void Fulfilments(Instant start, Instant end, List<GeneratedEvent> events)
    {
        var term = new ContractTerm(_zone, contract.TermStart, contract.TermEnd);
        foreach (var obligation in contract.Obligations)
        {
            var rule = new PeriodRule(obligation.Every.Unit, obligation.Every.Count, obligation.Every.RollingLength);
            foreach (var (periodStart, periodEnd, _) in rule.PeriodsAsOf(term, end))
            {
                if (periodEnd > end || periodStart < start || _random.Next(8) == 0)
                {
                    continue; // not finished inside the range, or missed on purpose
                }
                // Fulfilled in the last fifth of the period, at a working hour.
                var span = periodEnd - periodStart;
                var at = periodStart + span * 0.8 + Duration.FromMinutes(_random.Next(0, (int)Math.Max(1, span.TotalMinutes * 0.15)));
                var local = at.InZone(_zone).Date;
                events.Add(new(At(local, new LocalTime(10, 0)) < periodEnd ? At(local, new LocalTime(10, 0)) : at, "fulfilled", Name: obligation.Name));
            }
        }
    }

    /// <summary>A whole number in [<paramref name="low"/>, <paramref name="high"/>) skewed towards low (most values small, a long tail).</summary>
    private int Skewed(int low, int high, int power = 2) =>
        low + (int)((high - low) * Math.Pow(_random.NextDouble(), power));

    private Instant RandomInstant(Instant from, Instant to) =>
        from + Duration.FromMinutes(_random.NextInt64((long)(to - from).TotalMinutes));

    private Instant At(LocalDate date, LocalTime time) => (date + time).InZoneLeniently(_zone).ToInstant();

    /// <summary>Writes <paramref name="events"/> as JSON Lines (LANGUAGE.md §6), timestamps with the contract zone's offset.</summary>
    public void WriteJsonLines(IEnumerable<GeneratedEvent> events, TextWriter writer)
    {
        var buffer = new MemoryStream();
        foreach (var e in events)
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("time", Format(e.Time));
                json.WriteString("kind", e.Kind);
                if (e.Service is not null) json.WriteString("service", e.Service);
                if (e.Id is not null) json.WriteString("id", e.Id);
                if (e.Severity is not null) json.WriteString("severity", e.Severity);
                if (e.Good is not null) json.WriteNumber("good", e.Good.Value);
                if (e.Total is not null) json.WriteNumber("total", e.Total.Value);
                if (e.Score is not null) json.WriteNumber("score", e.Score.Value);
                if (e.Requested is not null) json.WriteString("requested", Format(e.Requested.Value));
                if (e.Name is not null) json.WriteString("name", e.Name);
                json.WriteEndObject();
            }
            writer.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
    }

    /// <summary>Writes <paramref name="events"/> as CSV with a header naming the same fields as the JSON form.</summary>
    public void WriteCsv(IEnumerable<GeneratedEvent> events, TextWriter writer)
    {
        writer.WriteLine("time,kind,service,id,severity,good,total,score,requested,name");
        foreach (var e in events)
        {
            writer.WriteLine(string.Join(',',
                Format(e.Time), e.Kind, Csv(e.Service), Csv(e.Id), Csv(e.Severity),
                e.Good?.ToString(CultureInfo.InvariantCulture) ?? "",
                e.Total?.ToString(CultureInfo.InvariantCulture) ?? "",
                e.Score?.ToString(CultureInfo.InvariantCulture) ?? "",
                e.Requested is { } requested ? Format(requested) : "",
                Csv(e.Name)));
        }
    }

    private static string Csv(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static readonly OffsetDateTimePattern TimePattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    private string Format(Instant instant) => TimePattern.Format(instant.InZone(_zone).ToOffsetDateTime());
}
