using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SlaLang.Cli.Integrations;

/// <summary>
/// How a tool's names map to the contract's (a YAML file given with <c>--map</c>, docs/integrations.md): services (ServiceNow
/// configuration items and business services, Jira components, PagerDuty services, Statuspage components, Prometheus label
/// values), severities (priorities, urgencies), and the statuses that pause or resolve an incident. A name the mapping does not
/// know is a warning with the source record's id; the record's events are not written.
/// </summary>
internal sealed class ImportMapping
{
    /// <summary>Source service names (any of the tools) to contract services.</summary>
    public Dictionary<string, string> Services { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Source priorities or urgencies to contract severities.</summary>
    public Dictionary<string, string> Severities { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Statuses (Jira) in which an incident's clock stops (waiting on the client).</summary>
    public List<string> PausedStatuses { get; set; } = ["Waiting for customer", "Pending", "On Hold"];

    /// <summary>Statuses (Jira) that resolve an incident.</summary>
    public List<string> ResolvedStatuses { get; set; } = ["Resolved", "Done", "Closed", "Canceled"];

    /// <summary>Statuses (Jira) that acknowledge an incident (the first move into one).</summary>
    public List<string> AcknowledgedStatuses { get; set; } = ["In Progress", "Work in progress"];

    /// <summary>Statuspage component statuses that are an outage (default: major_outage and partial_outage).</summary>
    public List<string> OutageStatuses { get; set; } = ["major_outage", "partial_outage"];

    /// <summary>The Prometheus label naming the service of a series (default <c>job</c>).</summary>
    public string ServiceLabel { get; set; } = "job";

    /// <summary>Prometheus: the metric names of the good and total request counters (for <c>requests</c> events).</summary>
    public string? GoodRequests { get; set; }

    /// <summary>See <see cref="GoodRequests"/>.</summary>
    public string? TotalRequests { get; set; }

    /// <summary>Reads a mapping file; a file that is not the mapping's YAML is a usage error naming the line.</summary>
    public static ImportMapping Load(string? path)
    {
        if (path is null)
        {
            return new ImportMapping();
        }
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read mapping '{path}': {e.Message}");
        }
        try
        {
            var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
            return deserializer.Deserialize<ImportMapping?>(text) ?? new ImportMapping();
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new UsageException($"{path}:{e.Start.Line}:{e.Start.Column}: {e.InnerException?.Message ?? e.Message} (see docs/integrations.md for the mapping's keys).");
        }
    }

    /// <summary>The contract service of a source name: mapped, or the name itself when it is a contract service already.</summary>
    public string? Service(string? source) => source is null ? null : Services.GetValueOrDefault(source) ?? (Services.Count == 0 ? source : null);

    /// <summary>The contract severity of a source priority: mapped, or the name itself when no severity is mapped at all.</summary>
    public string? Severity(string? source) => source is null ? null : Severities.GetValueOrDefault(source) ?? (Severities.Count == 0 ? source : null);
}
