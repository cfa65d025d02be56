using System.Globalization;
using System.Text;
using SlaLang.Model;
using SlaLang.Runtime;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace SlaLang.Cli.Integrations;

/// <summary>
/// OpenSLO v1 (docs/integrations.md): <c>slac export openslo</c> writes a Service per service and an SLI and SLO per objective
/// (calendar or rolling time windows; Occurrences budgeting for ratio indicators, Timeslices for the others), the SlaLang meaning
/// kept in annotations so that <c>slac import openslo</c> writes the same contract skeleton back; everything OpenSLO cannot express
/// (credits, RACI, escalations, obligations, business calendars, …) is listed as a warning.
/// </summary>
internal static class OpenSlo
{
    private const string Prefix = "slalang.dev/";

    /// <summary>The OpenSLO documents of <paramref name="contract"/>, and what they leave out.</summary>
    public static (string Yaml, List<string> Warnings) Export(ContractModel contract, ExportMapping mapping)
    {
        var warnings = new List<string>();
        var documents = new List<object>();
        foreach (var service in contract.Services)
        {
            documents.Add(Document("Service", Name(service.Name), service.Name, new Dictionary<string, string>
            {
                [Prefix + "contract"] = contract.Name,
                [Prefix + "term"] = $"{Date(contract.TermStart)} .. {Date(contract.TermEnd)}",
                [Prefix + "timezone"] = contract.TimeZoneId,
                [Prefix + "currency"] = contract.Currency,
            }, new Dictionary<string, object> { ["description"] = service.Title ?? "" }));
            foreach (var objective in service.Objectives)
            {
                var name = Name($"{service.Name}-{objective.Name}");
                var ratio = objective.Indicator.Kind is IndicatorKind.Availability or IndicatorKind.ErrorRate or IndicatorKind.SuccessRate;
                mapping.Objectives.TryGetValue($"{service.Name}.{objective.Name}", out var source);
                documents.Add(Document("SLI", name + "-sli", $"{SlaText.Indicator(objective.Indicator)} of {service.Name}", null, Sli(objective, source, ratio)));
                documents.Add(Document("SLO", name, objective.Name, new Dictionary<string, string>
                {
                    [Prefix + "indicator"] = SlaText.Indicator(objective.Indicator),
                    [Prefix + "target"] = objective.Target.Text,
                    [Prefix + "per"] = objective.Per.ToString(),
                }, new Dictionary<string, object>
                {
                    ["service"] = Name(service.Name),
                    ["indicatorRef"] = name + "-sli",
                    ["timeWindow"] = new List<object> { TimeWindow(contract, objective.Per) },
                    ["budgetingMethod"] = ratio ? "Occurrences" : "Timeslices",
                    ["objectives"] = new List<object> { Objective(objective, ratio) },
                }));
                if (objective.Indicator.Where is not null)
                {
                    warnings.Add($"{service.Name}.{objective.Name}: its 'where' clause is not expressed in OpenSLO (filter the SLI's queries).");
                }
                if (objective.Calendar != ContractModel.AlwaysCalendar)
                {
                    warnings.Add($"{service.Name}.{objective.Name}: measured during business calendar '{objective.Calendar}', which OpenSLO cannot express.");
                }
                if (objective.ExcludeMaintenance)
                {
                    warnings.Add($"{service.Name}.{objective.Name}: 'exclude maintenance' is not expressed in OpenSLO.");
                }
            }
            foreach (var penalty in service.Penalties)
            {
                warnings.Add($"{service.Name}.{penalty.Name}: service credits (penalties) are not expressed in OpenSLO.");
            }
        }
        foreach (var (present, what) in new[]
                 {
                     (contract.Raci is not null, "the RACI matrix"), (!contract.Escalations.IsEmpty, "escalations"),
                     (!contract.Obligations.IsEmpty, "obligations, committees and periodic controls"), (contract.Security is not null, "security clauses"),
                     (contract.Reversibility is not null, "reversibility"), (contract.Transition is not null, "the transition plan"),
                     (contract.Calendars.Any(), "business calendars"),
                 })
        {
            if (present)
            {
                warnings.Add($"{contract.Name}: {what} cannot be expressed in OpenSLO: not exported.");
            }
        }
        var serializer = new SerializerBuilder().DisableAliases().Build();
        var yaml = string.Join("---\n", documents.Select(d => serializer.Serialize(d)));
        return (yaml, warnings);
    }

    private static Dictionary<string, object> Document(string kind, string name, string displayName, Dictionary<string, string>? annotations, Dictionary<string, object> spec)
    {
        var metadata = new Dictionary<string, object> { ["name"] = name, ["displayName"] = displayName };
        if (annotations is not null)
        {
            metadata["annotations"] = annotations;
        }
        return new Dictionary<string, object> { ["apiVersion"] = "openslo/v1", ["kind"] = kind, ["metadata"] = metadata, ["spec"] = spec };
    }

    private static Dictionary<string, object> Sli(ObjectiveModel objective, SliSource? source, bool ratio)
    {
        Dictionary<string, object> Metric(string query) => new() { ["metricSource"] = new Dictionary<string, object> { ["type"] = "Prometheus", ["spec"] = new Dictionary<string, object> { ["query"] = query } } };
        Dictionary<string, object> Events(string what) => new() { ["metricSource"] = new Dictionary<string, object> { ["type"] = "SlaLang", ["spec"] = new Dictionary<string, object> { ["events"] = what } } };
        if (!ratio)
        {
            return new Dictionary<string, object> { ["thresholdMetric"] = Events(IndicatorCatalog.Of(objective.Indicator.Kind).Name) };
        }
        var (good, total) = source switch
        {
            { Good: { } g, Total: { } t } => (Metric($"sum(rate({g}[{{{{window}}}}]))"), Metric($"sum(rate({t}[{{{{window}}}}]))")),
            { Probe: { } p } => (Metric($"sum(sum_over_time({p}[{{{{window}}}}]))"), Metric($"sum(count_over_time({p}[{{{{window}}}}]))")),
            _ => objective.Indicator.Kind == IndicatorKind.Availability ? (Events("up time"), Events("scheduled time")) : (Events("good requests"), Events("requests")),
        };
        return new Dictionary<string, object> { ["ratioMetric"] = new Dictionary<string, object> { ["counter"] = true, ["good"] = good, ["total"] = total } };
    }

    private static Dictionary<string, object> TimeWindow(ContractModel contract, PeriodSpec per) => per.Unit switch
    {
        PeriodUnit.Rolling => new Dictionary<string, object> { ["duration"] = $"{per.ApproximateDays.ToString("0.###", CultureInfo.InvariantCulture)}d", ["isRolling"] = true },
        _ => new Dictionary<string, object>
        {
            ["duration"] = per.Unit switch
            {
                PeriodUnit.Day => "1d",
                PeriodUnit.Week => "1w",
                PeriodUnit.Month => "1M",
                PeriodUnit.Quarter => "1Q",
                PeriodUnit.Year => "1y",
                _ => $"{per.Count}M",
            },
            ["isRolling"] = false,
            ["calendar"] = new Dictionary<string, object> { ["startTime"] = $"{Date(contract.TermStart)} 00:00:00", ["timeZone"] = contract.TimeZoneId },
        },
    };

    private static Dictionary<string, object> Objective(ObjectiveModel objective, bool ratio)
    {
        var target = objective.Target.Value;
        var result = new Dictionary<string, object> { ["displayName"] = objective.Name };
        if (ratio)
        {
            // OpenSLO's target is the good ratio: error_rate <= 1 % is a target of 0.99.
            var good = objective.Indicator.Kind == IndicatorKind.ErrorRate ? 100m - target : target;
            result["target"] = Decimal(good / 100m);
        }
        else
        {
            result["op"] = objective.Target.Comparison switch { Comparison.GreaterOrEqual => "gte", Comparison.Greater => "gt", Comparison.LessOrEqual => "lte", _ => "lt" };
            result["value"] = Decimal(target);
            result["target"] = "1";
        }
        return result;
    }

    private static string Decimal(decimal value) => ReportNames.Normalize(value).ToString(CultureInfo.InvariantCulture);

    private static string Date(NodaTime.LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An OpenSLO name (RFC 1123 label): lower case, letters, digits and '-'.</summary>
    private static string Name(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>
    /// A contract skeleton (.sla) from OpenSLO documents: a service per Service, an objective per SLO (from the SlaLang annotations
    /// when present, else the SLO's own target and window), placeholder parties to fill in; warnings for what it had to guess.
    /// </summary>
    public static (string Sla, List<string> Warnings) Import(string yaml)
    {
        var warnings = new List<string>();
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var services = new List<(string Name, string Display, string Description, Dictionary<string, string> Annotations)>();
        var slos = new List<(string Service, string Name, Dictionary<string, string> Annotations, YamlMappingNode Spec)>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is not YamlMappingNode root)
            {
                continue;
            }
            var kind = Scalar(root, "kind");
            var metadata = root.Children.TryGetValue(new YamlScalarNode("metadata"), out var m) ? m as YamlMappingNode : null;
            var spec = root.Children.TryGetValue(new YamlScalarNode("spec"), out var s) ? s as YamlMappingNode : null;
            var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
            if (metadata is not null && metadata.Children.TryGetValue(new YamlScalarNode("annotations"), out var a) && a is YamlMappingNode am)
            {
                foreach (var (k, v) in am.Children)
                {
                    annotations[((YamlScalarNode)k).Value ?? ""] = (v as YamlScalarNode)?.Value ?? "";
                }
            }
            var name = metadata is null ? "" : Scalar(metadata, "name") ?? "";
            var display = metadata is null ? name : Scalar(metadata, "displayName") ?? name;
            if (kind == "Service")
            {
                services.Add((name, Identifier(display), spec is null ? "" : Scalar(spec, "description") ?? "", annotations));
            }
            else if (kind == "SLO" && spec is not null)
            {
                slos.Add((Scalar(spec, "service") ?? "", Identifier(display), annotations, spec));
            }
        }
        var header = services.Select(s => s.Annotations).FirstOrDefault() ?? [];
        var contract = header.GetValueOrDefault(Prefix + "contract") ?? "ImportedContract";
        var sb = new StringBuilder();
        sb.AppendLine("/// Imported from OpenSLO: fill in the parties, roles, fees and credits, which OpenSLO does not carry.");
        sb.AppendLine($"contract {Identifier(contract)} {{");
        sb.AppendLine("  version \"0.1.0\"");
        sb.AppendLine($"  term {header.GetValueOrDefault(Prefix + "term") ?? "2026-01-01 .. 2026-12-31"}");
        sb.AppendLine($"  timezone \"{header.GetValueOrDefault(Prefix + "timezone") ?? "UTC"}\"");
        sb.AppendLine($"  currency {header.GetValueOrDefault(Prefix + "currency") ?? "EUR"}");
        sb.AppendLine();
        sb.AppendLine("  party Client client");
        sb.AppendLine("  party Provider provider");
        foreach (var service in services)
        {
            sb.AppendLine();
            sb.AppendLine(service.Description.Length == 0 ? $"  service {service.Display} {{" : $"  service {service.Display} \"{service.Description.Replace("\\", "\\\\").Replace("\"", "\\\"")}\" {{");
            foreach (var slo in slos.Where(x => x.Service == service.Name))
            {
                if (slo.Annotations.TryGetValue(Prefix + "indicator", out var indicator) && slo.Annotations.TryGetValue(Prefix + "target", out var target)
                    && slo.Annotations.TryGetValue(Prefix + "per", out var per))
                {
                    sb.AppendLine($"    objective {slo.Name} {{ indicator {indicator}; target {target}; per {per} }}");
                    continue;
                }
                // A plain OpenSLO SLO: a ratio target on a calendar window reads as availability.
                var objectives = slo.Spec.Children.TryGetValue(new YamlScalarNode("objectives"), out var o) && o is YamlSequenceNode seq && seq.Children.Count > 0 ? seq.Children[0] as YamlMappingNode : null;
                var good = objectives is null ? null : Scalar(objectives, "target");
                var percent = decimal.TryParse(good, NumberStyles.Float, CultureInfo.InvariantCulture, out var ratio) ? Decimal(ratio * 100m) : "99.9";
                var window = Period(slo.Spec);
                warnings.Add($"SLO {slo.Name}: no SlaLang annotations; read as availability >= {percent}% per {window} (check the indicator).");
                sb.AppendLine($"    objective {slo.Name} {{ indicator availability; target >= {percent}%; per {window} }}");
            }
            sb.AppendLine("  }");
        }
        sb.AppendLine();
        sb.AppendLine("  reversibility { notice 3 months }");
        sb.AppendLine("}");
        return (sb.ToString(), warnings);
    }

    /// <summary>An SLO's first time window as a .sla period: <c>1M</c> month, <c>1Q</c> quarter, <c>1w</c>, <c>1d</c>, <c>1y</c>, <c>3M</c>; rolling <c>28d</c>.</summary>
    private static string Period(YamlMappingNode spec)
    {
        if (!spec.Children.TryGetValue(new YamlScalarNode("timeWindow"), out var w) || w is not YamlSequenceNode { Children.Count: > 0 } windows
            || windows.Children[0] is not YamlMappingNode window || Scalar(window, "duration") is not { Length: > 1 } duration)
        {
            return "month";
        }
        var (count, unit) = (duration[..^1], duration[^1]);
        if (Scalar(window, "isRolling") == "true")
        {
            return unit is 'd' or 'w' or 'h' && int.TryParse(count, out var n) ? $"rolling {n}{unit}" : "month";
        }
        return (count, unit) switch
        {
            ("1", 'M') => "month",
            ("1", 'Q') => "quarter",
            ("1", 'w') => "week",
            ("1", 'd') => "day",
            ("1", 'y') => "year",
            (var c, 'M') when int.TryParse(c, out var months) && months > 1 => $"{months} months",
            _ => "month",
        };
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>A name as a .sla identifier (letters, digits, '_').</summary>
    private static string Identifier(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }
        var id = sb.ToString();
        return id.Length == 0 || char.IsAsciiDigit(id[0]) ? "_" + id : id;
    }
}
