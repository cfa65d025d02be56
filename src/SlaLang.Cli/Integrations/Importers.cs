using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace SlaLang.Cli.Integrations;

/// <summary>Turns one tool's export into canonical events (docs/integrations.md has each format's field mapping).</summary>
internal interface IEventImporter
{
    /// <summary>The format's name on the command line.</summary>
    string Format { get; }

    /// <summary>Reads the export in <paramref name="documents"/> (one per file given) into <paramref name="sink"/>.</summary>
    void Import(IReadOnlyList<(string File, JsonElement Root)> documents, ImportMapping map, EventSink sink);
}

/// <summary>The importers by format name.</summary>
internal static class Importers
{
    public static IReadOnlyList<IEventImporter> All { get; } =
        [new ServiceNowImporter(), new JiraServiceManagementImporter(), new PagerDutyImporter(), new StatuspageImporter(), new PrometheusImporter()];

    public static IEventImporter? Find(string format) => All.FirstOrDefault(i => i.Format == format);

    /// <summary>The records of an export: the array itself, or the array under one of <paramref name="keys"/>.</summary>
    public static IEnumerable<JsonElement> Records(JsonElement root, params string[] keys)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return root.EnumerateArray();
        }
        foreach (var key in keys)
        {
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var array) && array.ValueKind == JsonValueKind.Array)
            {
                return array.EnumerateArray();
            }
        }
        return [];
    }

    /// <summary>Maps an incident's service and severity, warning (with the record) about what the mapping does not know.</summary>
    public static bool TryMapIncident(ImportMapping map, EventSink sink, string source, string record, string? service, string? severity, out string mappedService, out string mappedSeverity)
    {
        mappedService = map.Service(service) ?? "";
        mappedSeverity = map.Severity(severity) ?? "";
        if (service is null)
        {
            sink.Warn(source, record, "no service (configuration item, component or service) on the record; skipped");
            return false;
        }
        if (mappedService.Length == 0)
        {
            sink.Warn(source, record, $"service '{service}' is not in the mapping's services; skipped");
            return false;
        }
        if (severity is null || mappedSeverity.Length == 0)
        {
            sink.Warn(source, record, severity is null ? "no priority or urgency on the record; skipped" : $"priority '{severity}' is not in the mapping's severities; skipped");
            return false;
        }
        return true;
    }
}

/// <summary>
/// ServiceNow: Table API JSON of <c>incident</c> records (<c>{"result": [...]}</c>), plus optional <c>sys_audit</c> /
/// <c>sys_history</c> rows of their state changes (records with <c>fieldname</c>). States: 1 New, 2 In Progress, 3 On Hold,
/// 6 Resolved, 7 Closed, 8 Canceled. Times are the Table API's UTC <c>2026-01-05 10:00:00</c> (or ISO 8601).
/// </summary>
internal sealed class ServiceNowImporter : IEventImporter
{
    public string Format => "servicenow";

    private static string State(string? value) => value switch
    {
        null => "",
        var v when v.Length > 0 && char.IsDigit(v[0]) => v[..1],
        "New" => "1",
        "In Progress" => "2",
        "On Hold" => "3",
        "Resolved" => "6",
        "Closed" => "7",
        "Canceled" or "Cancelled" => "8",
        var v => v,
    };

    public void Import(IReadOnlyList<(string File, JsonElement Root)> documents, ImportMapping map, EventSink sink)
    {
        var records = documents.SelectMany(d => Importers.Records(d.Root, "result", "records")).ToList();
        var audits = records.Where(r => r.TryGetProperty("fieldname", out _)).ToList();
        var bySysId = audits.Where(a => EventSink.Text(a, "fieldname") == "state")
            .GroupBy(a => EventSink.Text(a, "documentkey") ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var incident in records.Where(r => !r.TryGetProperty("fieldname", out _)))
        {
            var number = EventSink.Text(incident, "number") ?? EventSink.Text(incident, "sys_id") ?? "?";
            var sysId = EventSink.Text(incident, "sys_id") ?? number;
            if (EventSink.Time(EventSink.Text(incident, "opened_at")) is not { } opened)
            {
                sink.Warn("servicenow incident", number, "no readable opened_at; skipped");
                continue;
            }
            var service = EventSink.Text(incident, "business_service") is { Length: > 0 } bs ? bs : EventSink.Text(incident, "cmdb_ci");
            if (!Importers.TryMapIncident(map, sink, "servicenow incident", number, string.IsNullOrEmpty(service) ? null : service,
                    EventSink.Text(incident, "priority"), out var svc, out var severity))
            {
                continue;
            }
            sink.Add(opened, "incident_opened", ("service", svc), ("id", number), ("severity", severity));
            if (bySysId.TryGetValue(sysId, out var changes) || bySysId.TryGetValue(number, out changes))
            {
                var acknowledged = false;
                foreach (var change in changes.Select(c => (Row: c, At: EventSink.Time(EventSink.Text(c, "sys_created_on"))))
                             .Where(c => c.At is not null).OrderBy(c => c.At!.Value.ToInstant()))
                {
                    var (from, to, at) = (State(EventSink.Text(change.Row, "oldvalue")), State(EventSink.Text(change.Row, "newvalue")), change.At!.Value);
                    var wasDone = from is "6" or "7" or "8";
                    if (to == "3")
                    {
                        sink.Add(at, "incident_paused", ("id", number));
                    }
                    else if (from == "3" && to is "1" or "2")
                    {
                        sink.Add(at, "incident_resumed", ("id", number));
                    }
                    if (to is "6" or "8" && !wasDone)
                    {
                        if (from == "3")
                        {
                            sink.Add(at, "incident_resumed", ("id", number));
                        }
                        sink.Add(at, "incident_resolved", ("id", number));
                    }
                    else if (wasDone && to is "1" or "2" or "3")
                    {
                        sink.Add(at, "incident_reopened", ("id", number));
                    }
                    if (to == "2" && !acknowledged)
                    {
                        acknowledged = true;
                        sink.Add(at, "incident_acknowledged", ("id", number));
                    }
                }
            }
            else if (EventSink.Time(EventSink.Text(incident, "resolved_at")) is { } resolved)
            {
                sink.Add(resolved, "incident_resolved", ("id", number));
            }
            else if (State(EventSink.Text(incident, "state")) == "8" && EventSink.Time(EventSink.Text(incident, "closed_at")) is { } canceled)
            {
                sink.Add(canceled, "incident_resolved", ("id", number));
            }
        }
    }
}

/// <summary>
/// Jira Service Management: the issue search JSON with <c>expand=changelog</c> (<c>{"issues": [...]}</c>): <c>fields.created</c>,
/// <c>fields.priority.name</c>, the first of <c>fields.components</c> as the service, and the status transitions of the changelog.
/// </summary>
internal sealed class JiraServiceManagementImporter : IEventImporter
{
    public string Format => "jsm";

    public void Import(IReadOnlyList<(string File, JsonElement Root)> documents, ImportMapping map, EventSink sink)
    {
        foreach (var issue in documents.SelectMany(d => Importers.Records(d.Root, "issues")))
        {
            var key = EventSink.Text(issue, "key") ?? "?";
            if (!issue.TryGetProperty("fields", out var fields) || EventSink.Time(EventSink.Text(fields, "created")) is not { } created)
            {
                sink.Warn("jsm issue", key, "no readable fields.created; skipped");
                continue;
            }
            string? component = null;
            if (fields.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array && components.GetArrayLength() > 0)
            {
                component = EventSink.Text(components[0], "name");
            }
            if (!Importers.TryMapIncident(map, sink, "jsm issue", key, component, EventSink.Text(fields, "priority"), out var svc, out var severity))
            {
                continue;
            }
            sink.Add(created, "incident_opened", ("service", svc), ("id", key), ("severity", severity));
            var transitions = new List<(OffsetDateTime At, string From, string To)>();
            if (issue.TryGetProperty("changelog", out var changelog) && changelog.TryGetProperty("histories", out var histories))
            {
                foreach (var history in histories.EnumerateArray())
                {
                    if (EventSink.Time(EventSink.Text(history, "created")) is not { } at || !history.TryGetProperty("items", out var items))
                    {
                        continue;
                    }
                    foreach (var item in items.EnumerateArray().Where(i => EventSink.Text(i, "field") == "status"))
                    {
                        transitions.Add((at, EventSink.Text(item, "fromString") ?? "", EventSink.Text(item, "toString") ?? ""));
                    }
                }
            }
            if (transitions.Count == 0 && EventSink.Time(EventSink.Text(fields, "resolutiondate")) is { } resolvedAt)
            {
                sink.Add(resolvedAt, "incident_resolved", ("id", key));
                continue;
            }
            var acknowledged = false;
            foreach (var (at, from, to) in transitions.OrderBy(t => t.At.ToInstant()))
            {
                bool In(List<string> statuses, string status) => statuses.Contains(status, StringComparer.OrdinalIgnoreCase);
                if (In(map.PausedStatuses, to) && !In(map.PausedStatuses, from))
                {
                    sink.Add(at, "incident_paused", ("id", key));
                }
                else if (In(map.PausedStatuses, from) && !In(map.PausedStatuses, to))
                {
                    sink.Add(at, "incident_resumed", ("id", key));
                }
                if (In(map.ResolvedStatuses, to) && !In(map.ResolvedStatuses, from))
                {
                    sink.Add(at, "incident_resolved", ("id", key));
                }
                else if (In(map.ResolvedStatuses, from) && !In(map.ResolvedStatuses, to))
                {
                    sink.Add(at, "incident_reopened", ("id", key));
                }
                if (!acknowledged && In(map.AcknowledgedStatuses, to))
                {
                    acknowledged = true;
                    sink.Add(at, "incident_acknowledged", ("id", key));
                }
            }
        }
    }
}

/// <summary>
/// PagerDuty: incident log entries (<c>{"log_entries": [...]}</c>): <c>trigger_log_entry</c> opens (service from
/// <c>service.summary</c>, severity from <c>incident.priority.summary</c> or the urgency), <c>acknowledge_log_entry</c> and
/// <c>resolve_log_entry</c> acknowledge and resolve, <c>created_at</c> is the time.
/// </summary>
internal sealed class PagerDutyImporter : IEventImporter
{
    public string Format => "pagerduty";

    public void Import(IReadOnlyList<(string File, JsonElement Root)> documents, ImportMapping map, EventSink sink)
    {
        var opened = new HashSet<string>(StringComparer.Ordinal);
        var entries = documents.SelectMany(d => Importers.Records(d.Root, "log_entries")).ToList();
        foreach (var entry in entries.OrderBy(e => EventSink.Time(EventSink.Text(e, "created_at"))?.ToInstant() ?? Instant.MaxValue))
        {
            var type = EventSink.Text(entry, "type") ?? "";
            var record = EventSink.Text(entry, "id") ?? "?";
            var incident = entry.TryGetProperty("incident", out var i) ? i : default;
            var id = EventSink.Text(incident, "id");
            if (id is null || EventSink.Time(EventSink.Text(entry, "created_at")) is not { } at)
            {
                sink.Warn("pagerduty log entry", record, "no incident id or created_at; skipped");
                continue;
            }
            switch (type)
            {
                case "trigger_log_entry":
                    var severity = incident.ValueKind == JsonValueKind.Object && incident.TryGetProperty("priority", out var priority) && priority.ValueKind == JsonValueKind.Object
                        ? EventSink.Text(priority, "summary") ?? EventSink.Text(priority, "name")
                        : EventSink.Text(incident, "urgency") ?? EventSink.Text(entry, "urgency");
                    var service = entry.TryGetProperty("service", out var s) ? EventSink.Text(s, "summary") ?? EventSink.Text(s, "name") : null;
                    if (Importers.TryMapIncident(map, sink, "pagerduty incident", id, service, severity, out var svc, out var sev))
                    {
                        opened.Add(id);
                        sink.Add(at, "incident_opened", ("service", svc), ("id", id), ("severity", sev));
                    }
                    break;
                case "acknowledge_log_entry" when opened.Contains(id):
                    sink.Add(at, "incident_acknowledged", ("id", id));
                    break;
                case "resolve_log_entry" when opened.Contains(id):
                    sink.Add(at, "incident_resolved", ("id", id));
                    break;
            }
        }
    }
}

/// <summary>
/// Statuspage: incidents with their updates (<c>{"incidents": [...]}</c>); each update's <c>affected_components</c> give a
/// component's <c>old_status</c> and <c>new_status</c>. Moving into an outage status starts an outage of the component's service,
/// moving out ends it; an outage still open when the incident is resolved ends at <c>resolved_at</c>.
/// </summary>
internal sealed class StatuspageImporter : IEventImporter
{
    public string Format => "statuspage";

    public void Import(IReadOnlyList<(string File, JsonElement Root)> documents, ImportMapping map, EventSink sink)
    {
        foreach (var incident in documents.SelectMany(d => Importers.Records(d.Root, "incidents")))
        {
            var incidentId = EventSink.Text(incident, "id") ?? "?";
            if (!incident.TryGetProperty("incident_updates", out var updates) || updates.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            var down = new Dictionary<string, string>(StringComparer.Ordinal); // component → service, while down
            foreach (var (update, at) in updates.EnumerateArray().Select(u => (u, At: EventSink.Time(EventSink.Text(u, "created_at"))))
                         .Where(u => u.At is not null).Select(u => (u.u, u.At!.Value)).OrderBy(u => u.Value.ToInstant()))
            {
                if (!update.TryGetProperty("affected_components", out var components) || components.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }
                foreach (var component in components.EnumerateArray())
                {
                    var name = EventSink.Text(component, "name") ?? EventSink.Text(component, "code") ?? "?";
                    var key = EventSink.Text(component, "code") ?? name;
                    var outage = map.OutageStatuses.Contains(EventSink.Text(component, "new_status") ?? "", StringComparer.Ordinal);
                    var service = map.Service(name);
                    if (service is null)
                    {
                        sink.Warn("statuspage incident", incidentId, $"component '{name}' is not in the mapping's services; skipped");
                        continue;
                    }
                    var id = $"{incidentId}:{key}";
                    if (outage && !down.ContainsKey(key))
                    {
                        down[key] = service;
                        sink.Add(at, "outage_start", ("service", service), ("id", id));
                    }
                    else if (!outage && down.Remove(key))
                    {
                        sink.Add(at, "outage_end", ("service", service), ("id", id));
                    }
                }
            }
            if (down.Count > 0 && EventSink.Time(EventSink.Text(incident, "resolved_at")) is { } resolved)
            {
                foreach (var (key, service) in down)
                {
                    sink.Add(resolved, "outage_end", ("service", service), ("id", $"{incidentId}:{key}"));
                }
            }
        }
    }
}

/// <summary>
/// Prometheus: range-query JSON (<c>{"data": {"resultType": "matrix", "result": [...]}}</c>). A <c>probe_success</c> or <c>up</c>
/// series is down while its samples are 0: an outage starts at the first 0 sample and ends at the next sample that is not 0. The
/// counters named in the mapping (<c>good_requests</c>, <c>total_requests</c>) give <c>requests</c> events: the increase between two
/// samples (a reset counts from zero). The series' service is its <c>job</c> label (or the mapping's <c>service_label</c>).
/// </summary>
internal sealed class PrometheusImporter : IEventImporter
{
    public string Format => "prometheus";

    public void Import(IReadOnlyList<(string File, JsonElement Root)> documents, ImportMapping map, EventSink sink)
    {
        var counters = new Dictionary<(string Service, string Kind), List<(decimal At, decimal Value)>>();
        foreach (var series in documents.SelectMany(d => d.Root.TryGetProperty("data", out var data) ? Importers.Records(data, "result") : []))
        {
            var metric = series.TryGetProperty("metric", out var m) ? m : default;
            var name = EventSink.Text(metric, "__name__") ?? "probe_success";
            var label = EventSink.Text(metric, map.ServiceLabel);
            var describe = string.Join(",", metric.ValueKind == JsonValueKind.Object ? metric.EnumerateObject().Select(p => $"{p.Name}={p.Value}") : []);
            var service = map.Service(label);
            if (service is null)
            {
                sink.Warn("prometheus series", "{" + describe + "}", label is null ? $"no '{map.ServiceLabel}' label; skipped" : $"'{map.ServiceLabel}' '{label}' is not in the mapping's services; skipped");
                continue;
            }
            var samples = new List<(decimal At, decimal Value)>();
            foreach (var pair in series.TryGetProperty("values", out var values) ? values.EnumerateArray() : [])
            {
                if (pair.GetArrayLength() == 2 && pair[0].TryGetDecimal(out var at)
                    && decimal.TryParse(pair[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    samples.Add((at, value));
                }
            }
            samples.Sort((a, b) => a.At.CompareTo(b.At));
            if (name == map.GoodRequests || name == map.TotalRequests)
            {
                counters[(service, name == map.GoodRequests ? "good" : "total")] = samples;
                continue;
            }
            decimal? downSince = null;
            var instance = EventSink.Text(metric, "instance") ?? service;
            foreach (var (at, value) in samples)
            {
                if (value == 0 && downSince is null)
                {
                    downSince = at;
                    sink.Add(EventSink.FromUnix(at), "outage_start", ("service", service), ("id", $"{instance}@{EventSink.Number(at)}"));
                }
                else if (value != 0 && downSince is { } since)
                {
                    sink.Add(EventSink.FromUnix(at), "outage_end", ("service", service), ("id", $"{instance}@{EventSink.Number(since)}"));
                    downSince = null;
                }
            }
        }
        foreach (var ((service, kind), good) in counters.Where(c => c.Key.Kind == "good"))
        {
            if (!counters.TryGetValue((service, "total"), out var total))
            {
                sink.Warn("prometheus series", map.GoodRequests ?? "", $"no '{map.TotalRequests}' series for service '{service}'; skipped");
                continue;
            }
            var goodAt = good.ToDictionary(s => s.At, s => s.Value);
            for (var k = 1; k < total.Count; k++)
            {
                var (at, value) = total[k];
                if (!goodAt.TryGetValue(at, out var g) || !goodAt.TryGetValue(total[k - 1].At, out var previousGood))
                {
                    continue;
                }
                var totalIncrease = value >= total[k - 1].Value ? value - total[k - 1].Value : value; // a reset counts from zero
                var goodIncrease = g >= previousGood ? g - previousGood : g;
                if (totalIncrease > 0)
                {
                    sink.Add(EventSink.FromUnix(at), "requests", ("service", service), ("good", (long)decimal.Round(goodIncrease)), ("total", (long)decimal.Round(totalIncrease)));
                }
            }
        }
    }
}
