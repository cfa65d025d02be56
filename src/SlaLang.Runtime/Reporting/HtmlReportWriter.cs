using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;

namespace SlaLang.Runtime;

/// <summary>
/// Writes a report as one self-contained HTML file (no script, no network: a Content-Security-Policy forbids both): per
/// service a table and an SVG chart per objective (the value per period against the target line, breaches marked), the error
/// budget burnt per period for availability, then credits, escalations, obligations, the explanation of each breach and the
/// data-quality warnings. Every text from the contract or the events is HTML-escaped.
/// </summary>
public static class HtmlReportWriter
{
    private const int Width = 640, Height = 220, Left = 64, Right = 16, Top = 16, Bottom = 44;

    /// <summary>The report as an HTML document.</summary>
    public static string ToHtml(SlaReport report, IReadOnlyList<ObjectiveExplanation> explanations, DateTimeZone zone, string eventsName)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(report, explanations, zone, eventsName, text);
        return text.ToString();
    }

    /// <summary>Writes the report as an HTML document to <paramref name="output"/>, a table's rows as they are made (a large log's
    /// escalations are hundreds of thousands of rows: the page is not held whole).</summary>
    public static void Write(SlaReport report, IReadOnlyList<ObjectiveExplanation> explanations, DateTimeZone zone, string eventsName, TextWriter output)
    {
        var h = new StringBuilder();
        var title = $"{report.Contract}: service levels as of {ReportText.Time(report.AsOf)}";
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        h.Append("<header><h1>").Append(E(report.Contract)).Append("</h1><p class=\"as-of\">As of ").Append(E(ReportText.Time(report.AsOf)))
            .Append(" (").Append(E(ReportText.Offset(report.AsOf))).Append(")</p>");
        var breached = report.Objectives.Count(o => o.Status == ObjectiveStatus.Breached);
        var atRisk = report.Objectives.Count(o => o.AtRisk);
        var credits = report.Credits.GroupBy(c => c.Currency, StringComparer.Ordinal).Select(g => ReportText.Money(g.Sum(c => c.Amount), g.Key)).ToList();
        h.Append("<p class=\"summary\">").Append(E($"{ReportText.Count(report.Objectives.Count, "objective period")}: {breached} breached, {atRisk} at risk; "
            + $"credits owed: {(credits.Count == 0 ? "none" : string.Join(", ", credits))}; {ReportText.Count(report.Escalations.Count, "escalation")}; "
            + $"{ReportText.Count(report.Obligations.Count(o => o.Status == ObligationStatus.Missed), "obligation")} missed; "
            + $"{ReportText.Count(report.Warnings.Count, "data-quality warning")}.")).Append("</p></header>\n");

        foreach (var service in report.Objectives.GroupBy(o => o.Service, StringComparer.Ordinal))
        {
            h.Append("<section class=\"service\"><h2>Service ").Append(E(service.Key)).Append("</h2>\n");
            Table(h, output, "objectives", ["Objective", "Period", "Calendar", "Value", "Target", "Status"], service.Select(o => (Row: new[]
            {
                o.Objective, ReportText.Period(o.Period), ReportText.Calendar(o.Calendar), ReportText.Value(o.Value, o.Unit), o.Target,
                ReportText.Status(o.Status) + (o.AtRisk ? " (at risk)" : ""),
            }, Class: StatusClass(o), Data: (string?)(o.Value is { } v ? ReportNames.Normalize(v).ToString(CultureInfo.InvariantCulture) : ""))));
            foreach (var objective in service.GroupBy(o => o.Objective, StringComparer.Ordinal))
            {
                var periods = objective.ToList();
                h.Append("<figure><figcaption>").Append(E($"{service.Key}.{objective.Key}: value per period against the target ({periods[0].Target})"))
                    .Append("</figcaption>\n");
                Chart(h, $"{service.Key}.{objective.Key}", periods);
                if (periods.Any(p => p.Budget is not null))
                {
                    h.Append("<figcaption>").Append(E($"{service.Key}.{objective.Key}: error budget consumed per period")).Append("</figcaption>\n");
                    BudgetChart(h, $"{service.Key}.{objective.Key}", periods);
                }
                h.Append("</figure>\n");
            }
            var serviceCredits = report.Credits.Where(c => c.Service == service.Key).ToList();
            h.Append("<h3>Credits</h3>\n");
            Table(h, output, "credits", ["Penalty", "Objective", "Period", "Rate", "Amount"], serviceCredits.Select(c => (new[]
            {
                c.Penalty, c.Objective, ReportText.Period(c.Period), ReportNames.Normalize(c.Rate).ToString(CultureInfo.InvariantCulture) + "%",
                ReportText.Money(c.Amount, c.Currency),
            }, "", (string?)c.Amount.ToString(CultureInfo.InvariantCulture))));
            h.Append("</section>\n");
        }

        h.Append("<section><h2>Escalations</h2>\n");
        Table(h, output, "escalations", ["Escalation", "Incident", "Level", "Notify", "Reached at"], report.Escalations.Select(e => (new[]
        {
            e.Escalation, e.Incident, e.Level.ToString(CultureInfo.InvariantCulture), e.Notify, ReportText.Time(e.At),
        }, "", (string?)null)));
        h.Append("</section>\n<section><h2>Obligations</h2>\n");
        Table(h, output, "obligations", ["Obligation", "Period", "Due by", "Status", "Fulfilled at"], report.Obligations.Select(o => (new[]
        {
            o.Obligation, ReportText.Period(o.Period), o.Due is { } due ? ReportText.DueBy(due) : "never due", o.Status.ToWireName(),
            o.FulfilledAt is { } f ? ReportText.Time(f) : "-",
        }, o.Status == ObligationStatus.Missed ? "breached" : "", (string?)null)));
        h.Append("</section>\n");

        if (explanations.Count > 0)
        {
            h.Append("<section class=\"explanations\"><h2>Why each breached or at-risk period has its figure</h2>\n");
            foreach (var e in explanations)
            {
                h.Append("<details open><summary>").Append(E($"{e.Result.Service}.{e.Result.Objective}, {ReportText.Period(e.Result.Period)}: {ReportText.Status(e.Result.Status)}"))
                    .Append("</summary><pre>").Append(E(ExplanationWriter.ToText([e], zone, eventsName, markdown: false))).Append("</pre></details>\n");
            }
            h.Append("</section>\n");
        }
        if (report.Input is { } input)
        {
            h.Append("<section><h2>Input and data quality</h2><p>").Append(E($"{eventsName}: {ReportText.Count(input.LinesRead, "line")} read, "
                + $"{ReportText.Count(input.EventsRead, "event")}, {input.EventsUsed} used, {ReportText.Count(input.Duplicates, "duplicate")}, "
                + $"{ReportText.Count(input.MalformedLines, "malformed line")}.")).Append("</p>\n");
            Table(h, output, "warnings", ["Line", "Code", "Warning"], report.Warnings.Select(w => (new[] { w.Line.ToString(CultureInfo.InvariantCulture), w.Code, w.Message }, "", (string?)null)));
            h.Append("</section>\n");
        }
        h.Append("</body>\n</html>\n");
        output.Write(h);
    }

    private static string StatusClass(ObjectiveResult o) => o.Status switch
    {
        ObjectiveStatus.Breached => "breached",
        ObjectiveStatus.Met => "met",
        ObjectiveStatus.NoData => "no-data",
        _ => o.AtRisk ? "at-risk" : "pending",
    };

    /// <summary>A table of <paramref name="rows"/>; what <paramref name="h"/> holds goes to <paramref name="output"/> every 64 K characters.</summary>
    private static void Table(StringBuilder h, TextWriter output, string kind, string[] header, IEnumerable<(string[] Row, string Class, string? Data)> rows)
    {
        using var each = rows.GetEnumerator();
        if (!each.MoveNext())
        {
            h.Append("<p class=\"none ").Append(kind).Append("\">None.</p>\n");
            return;
        }
        h.Append("<table class=\"").Append(kind).Append("\"><thead><tr>");
        foreach (var column in header)
        {
            h.Append("<th>").Append(E(column)).Append("</th>");
        }
        h.Append("</tr></thead><tbody>\n");
        do
        {
            var (row, cls, data) = each.Current;
            h.Append("<tr");
            if (cls.Length > 0)
            {
                h.Append(" class=\"").Append(cls).Append('"');
            }
            if (data is not null)
            {
                h.Append(" data-value=\"").Append(E(data)).Append('"');
            }
            h.Append('>');
            foreach (var cell in row)
            {
                h.Append("<td>").Append(E(cell)).Append("</td>");
            }
            h.Append("</tr>\n");
            if (h.Length >= 1 << 16)
            {
                output.Write(h);
                h.Clear();
            }
        }
        while (each.MoveNext());
        h.Append("</tbody></table>\n");
    }

    /// <summary>The value per period (points joined by a line; breaches red, at risk amber) and the target as a dashed line.</summary>
    private static void Chart(StringBuilder h, string name, List<ObjectiveResult> periods)
    {
        var values = periods.Where(p => p.Value is not null).Select(p => p.Value!.Value).ToList();
        var target = periods[0].TargetValue;
        var all = target is { } t ? values.Append(t).ToList() : values;
        decimal lo, hi;
        if (periods[0].Unit == IndicatorUnit.Percent)
        {
            lo = all.Count == 0 ? 0 : all.Min();
            hi = all.Count == 0 ? 100 : all.Max();
            var pad = hi == lo ? 1m : (hi - lo) / 10m;
            (lo, hi) = (Math.Max(0, lo - pad), Math.Min(100, hi + pad));
            if (hi <= lo)
            {
                (lo, hi) = (Math.Max(0, lo - 1), lo + 1);
            }
        }
        else
        {
            lo = 0;
            hi = all.Count == 0 ? 1 : Math.Max(1, all.Max() * 1.1m);
        }
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        decimal X(int i) => Left + plotW * (2 * i + 1) / (2m * periods.Count);
        decimal Y(decimal v) => Top + plotH * (hi - v) / (hi - lo);
        h.Append("<svg class=\"chart\" data-objective=\"").Append(E(name)).Append("\" role=\"img\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height)
            .Append("\" width=\"").Append(Width).Append("\" height=\"").Append(Height).Append("\"><title>").Append(E(name)).Append("</title>\n");
        Axis(h, lo, hi, Y, periods[0].Unit);
        if (target is { } tv)
        {
            h.Append("<line class=\"target\" x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"").Append(N(Y(tv)))
                .Append("\" y2=\"").Append(N(Y(tv))).Append("\"/>\n<text class=\"target-label\" x=\"").Append(Width - Right - 4).Append("\" y=\"")
                .Append(N(Y(tv) - 4)).Append("\" text-anchor=\"end\">target ").Append(E(periods[0].Target)).Append("</text>\n");
        }
        var points = new List<string>();
        for (var i = 0; i < periods.Count; i++)
        {
            if (periods[i].Value is { } v)
            {
                points.Add($"{N(X(i))},{N(Y(v))}");
            }
        }
        if (points.Count > 1)
        {
            h.Append("<polyline class=\"value\" points=\"").Append(string.Join(' ', points)).Append("\"/>\n");
        }
        var step = Math.Max(1, (periods.Count + 11) / 12);
        for (var i = 0; i < periods.Count; i++)
        {
            var p = periods[i];
            if (p.Value is { } v)
            {
                h.Append("<circle class=\"point ").Append(StatusClass(p)).Append("\" cx=\"").Append(N(X(i))).Append("\" cy=\"").Append(N(Y(v)))
                    .Append("\" r=\"").Append(p.Status == ObjectiveStatus.Breached ? 6 : 4).Append("\"><title>")
                    .Append(E($"{ReportText.Period(p.Period)}: {ReportText.Value(v, p.Unit)} ({ReportText.Status(p.Status)}{(p.AtRisk ? ", at risk" : "")})"))
                    .Append("</title></circle>\n");
            }
            if (i % step == 0)
            {
                h.Append("<text class=\"x-label\" x=\"").Append(N(X(i))).Append("\" y=\"").Append(Height - Bottom + 16).Append("\" text-anchor=\"middle\">")
                    .Append(E(ReportText.Date(p.Period.Start.Date))).Append("</text>\n");
            }
        }
        h.Append("</svg>\n");
    }

    /// <summary>Error budget consumed per period, as bars against the 100 % line.</summary>
    private static void BudgetChart(StringBuilder h, string name, List<ObjectiveResult> periods)
    {
        var consumed = periods.Select(p => p.Budget?.Consumed is { } c ? c * 100m : (decimal?)null).ToList();
        var hi = Math.Max(100m, consumed.Where(c => c is not null).Select(c => c!.Value).DefaultIfEmpty(0).Max() * 1.1m);
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        decimal Y(decimal v) => Top + plotH * (hi - v) / hi;
        var slot = plotW / (decimal)periods.Count;
        h.Append("<svg class=\"budget\" data-objective=\"").Append(E(name)).Append("\" role=\"img\" viewBox=\"0 0 ").Append(Width).Append(' ').Append(Height)
            .Append("\" width=\"").Append(Width).Append("\" height=\"").Append(Height).Append("\"><title>").Append(E(name + " error budget")).Append("</title>\n");
        Axis(h, 0, hi, Y, IndicatorUnit.Percent);
        h.Append("<line class=\"target\" x1=\"").Append(Left).Append("\" x2=\"").Append(Width - Right).Append("\" y1=\"").Append(N(Y(100)))
            .Append("\" y2=\"").Append(N(Y(100))).Append("\"/>\n");
        for (var i = 0; i < periods.Count; i++)
        {
            if (consumed[i] is not { } c)
            {
                continue;
            }
            var x = Left + slot * i + slot / 6;
            h.Append("<rect class=\"burn").Append(c > 100 ? " over" : "").Append("\" x=\"").Append(N(x)).Append("\" y=\"").Append(N(Y(c)))
                .Append("\" width=\"").Append(N(slot * 2 / 3)).Append("\" height=\"").Append(N(Y(0) - Y(c))).Append("\"><title>")
                .Append(E($"{ReportText.Period(periods[i].Period)}: {Math.Round(c, 1, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}% of the budget"))
                .Append("</title></rect>\n");
        }
        h.Append("</svg>\n");
    }

    private static void Axis(StringBuilder h, decimal lo, decimal hi, Func<decimal, decimal> y, IndicatorUnit unit)
    {
        h.Append("<line class=\"axis\" x1=\"").Append(Left).Append("\" x2=\"").Append(Left).Append("\" y1=\"").Append(Top).Append("\" y2=\"").Append(Height - Bottom).Append("\"/>\n");
        foreach (var v in new[] { lo, (lo + hi) / 2, hi })
        {
            h.Append("<text class=\"y-label\" x=\"").Append(Left - 6).Append("\" y=\"").Append(N(y(v) + 4)).Append("\" text-anchor=\"end\">")
                .Append(E(unit switch
                {
                    IndicatorUnit.Percent => Math.Round(v, 3, MidpointRounding.AwayFromZero).ToString("0.###", CultureInfo.InvariantCulture) + "%",
                    IndicatorUnit.Seconds => ReportText.Duration(v),
                    _ => Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture),
                })).Append("</text>\n");
        }
    }

    private static string N(decimal v) => Math.Round(v, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Css = """
        body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1d2330; }
        h1 { margin-bottom: 0; } .as-of { color: #5a6272; margin-top: .2rem; }
        section { margin-top: 2rem; } figure { margin: 1rem 0; } figcaption { font-weight: 600; margin: .5rem 0; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0; } th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #dde1e8; }
        tr.breached td { background: #fde8e8; } tr.at-risk td { background: #fff4dc; }
        svg { background: #fafbfc; border: 1px solid #e3e6ec; max-width: 100%; height: auto; }
        .axis { stroke: #9aa1ad; } .target { stroke: #3056d3; stroke-dasharray: 6 4; } .target-label { fill: #3056d3; font-size: 11px; }
        .value { fill: none; stroke: #5a6272; stroke-width: 1.5; } .point.met, .point.pending { fill: #2f9e5b; }
        .point.breached { fill: #d93025; } .point.at-risk { fill: #e0a100; } .point.no-data { fill: #9aa1ad; }
        .burn { fill: #6c8ef0; } .burn.over { fill: #d93025; } .x-label, .y-label { font-size: 11px; fill: #5a6272; }
        pre { white-space: pre-wrap; background: #f4f6f9; padding: .75rem; } .none { color: #5a6272; }

        """;
}
