using System.CommandLine;
using System.Text;
using System.Text.Json;
using SlaLang.Cli.Running;
using SlaLang.Diff;
using SlaLang.Model;

namespace SlaLang.Cli.Commands;

/// <summary>
/// <c>slac diff OLD NEW [--format text|json|markdown|github] [--fail-on provider|client|unknown]…</c>: what changed between two
/// versions of a contract, compared as models, and whom each change favours (docs/language.md §9). OLD or NEW may be
/// <c>REV:path</c>, read through git.
/// </summary>
internal sealed class DiffCommand : ISlacCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var oldVersion = new Argument<string>("old") { Description = "The old version: a .sla file, or REV:path read through git (e.g. origin/main:contracts/c.sla)." };
        var newVersion = new Argument<string>("new") { Description = "The new version: a .sla file, or REV:path." };
        var format = new Option<string>("--format") { Description = "text (default), json, markdown (a pull-request comment) or github (annotations).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown", "github");
        var failOn = new Option<string[]>("--fail-on") { Description = "Exit 1 when a change favours this side: provider, client or unknown (repeatable).", AllowMultipleArgumentsPerToken = false };
        failOn.AcceptOnlyFromAmong("provider", "client", "unknown", "neutral");
        var command = new Command("diff", "Compare two versions of a contract: every change, and whom it favours (see docs/cli.md).") { oldVersion, newVersion, format, failOn };
        command.SetAction(parse => Run(parse.GetValue(oldVersion)!, parse.GetValue(newVersion)!, parse.GetValue(format) ?? "text", parse.GetValue(failOn) ?? [],
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Compares; returns 0, 1 when a --fail-on side has a change (or a version does not compile), 2 on bad usage.</summary>
    internal static int Run(string oldSpec, string newSpec, string format, string[] failOn, TextWriter output, TextWriter error)
    {
        var old = ContractVersion.Load(oldSpec, error, out _);
        var @new = ContractVersion.Load(newSpec, error, out _);
        if (old is null || @new is null)
        {
            return Program.ExitErrors;
        }
        var result = ContractDiff.Compare(old, @new);
        output.Write(format switch
        {
            "json" => Json(result, oldSpec, newSpec),
            "markdown" => Markdown(result, oldSpec, newSpec),
            "github" => GitHub(result, newSpec),
            _ => Text(result, oldSpec, newSpec, color: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected),
        });
        var failing = failOn.Select(f => Enum.Parse<Favours>(f, ignoreCase: true)).ToHashSet();
        var hits = result.Changes.Count(c => failing.Contains(c.Favours));
        if (hits > 0)
        {
            error.WriteLine($"slac: {(hits == 1 ? "1 change favours" : $"{hits} changes favour")} {string.Join(" or ", failing.Select(f => f.ToString().ToLowerInvariant()))} (--fail-on).");
            return Program.ExitErrors;
        }
        return Program.ExitOk;
    }

    private static string Sign(ChangeKind kind) => kind switch { ChangeKind.Added => "+", ChangeKind.Removed => "-", _ => "~" };

    private static string Word(Favours f) => f.ToString().ToLowerInvariant();

    private static string Location(SourceLocation? at) => at is { } l ? $"{Path.GetFileName(l.Path)}:{l.Line}" : "";

    private static string Values(ContractChange c) => c.Kind switch
    {
        ChangeKind.Added => c.New ?? "",
        ChangeKind.Removed => c.Old ?? "",
        _ => $"{c.Old ?? "none"} → {c.New ?? "none"}",
    };

    internal static string Text(ContractDiffResult result, string oldSpec, string newSpec, bool color)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Changes from {oldSpec} to {newSpec}");
        sb.AppendLine("Legend: + added, - removed, ~ changed; [client] stricter for the provider or more to the client, [provider] the reverse, [neutral], [unknown] a human must judge.");
        sb.AppendLine();
        if (result.Changes.IsEmpty)
        {
            sb.AppendLine("No change: the two versions mean the same (order, layout and comments aside).");
        }
        foreach (var group in result.Changes.GroupBy(c => c.Path.Split(" / ")[0]))
        {
            sb.AppendLine(group.Key);
            foreach (var c in group)
            {
                var colour = !color ? "" : c.Kind switch { ChangeKind.Added => "\u001b[32m", ChangeKind.Removed => "\u001b[31m", _ => "\u001b[33m" };
                var reset = color ? "\u001b[0m" : "";
                var where = c.OldLocation is null && c.NewLocation is null ? "" : $" ({Location(c.OldLocation)}{(c.OldLocation is not null && c.NewLocation is not null ? " → " : "")}{Location(c.NewLocation)})";
                sb.AppendLine($"  {colour}{Sign(c.Kind)} {c.Path}: {Values(c)}{reset}  [{Word(c.Favours)}] {c.Reason}{where}");
            }
        }
        foreach (var warning in result.Warnings)
        {
            sb.AppendLine().AppendLine($"warning: {warning}");
        }
        var s = result.Summary;
        sb.AppendLine().AppendLine($"{result.Changes.Length} change{(result.Changes.Length == 1 ? "" : "s")}: {s[Favours.Client]} client, {s[Favours.Provider]} provider, {s[Favours.Neutral]} neutral, {s[Favours.Unknown]} unknown.");
        return sb.ToString();
    }

    internal static string Json(ContractDiffResult result, string oldSpec, string newSpec)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", 1);
            w.WriteString("old", oldSpec);
            w.WriteString("new", newSpec);
            w.WriteStartArray("changes");
            foreach (var c in result.Changes)
            {
                w.WriteStartObject();
                w.WriteString("path", c.Path);
                w.WriteString("kind", c.Kind.ToString().ToLowerInvariant());
                w.WriteString("old", c.Old);
                w.WriteString("new", c.New);
                WriteLocation(w, "oldLocation", c.OldLocation);
                WriteLocation(w, "newLocation", c.NewLocation);
                w.WriteString("favours", Word(c.Favours));
                w.WriteString("reason", c.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("summary");
            foreach (var (favours, count) in result.Summary)
            {
                w.WriteNumber(Word(favours), count);
            }
            w.WriteEndObject();
            w.WriteStartArray("warnings");
            foreach (var warning in result.Warnings)
            {
                w.WriteStringValue(warning);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static void WriteLocation(Utf8JsonWriter w, string name, SourceLocation? at)
    {
        if (at is not { } l)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteString("file", l.Path);
        w.WriteNumber("line", l.Line);
        w.WriteEndObject();
    }

    internal static string Markdown(ContractDiffResult result, string oldSpec, string newSpec)
    {
        var sb = new StringBuilder();
        var s = result.Summary;
        sb.AppendLine($"### Contract changes: `{oldSpec}` → `{newSpec}`");
        sb.AppendLine();
        sb.AppendLine($"**{result.Changes.Length}** change{(result.Changes.Length == 1 ? "" : "s")}: {s[Favours.Client]} favour the client, **{s[Favours.Provider]} favour the provider**, {s[Favours.Neutral]} neutral, {s[Favours.Unknown]} to judge.");
        sb.AppendLine();
        if (!result.Changes.IsEmpty)
        {
            sb.AppendLine("| | What | Old | New | Favours | Why | Where |");
            sb.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var c in result.Changes)
            {
                sb.AppendLine($"| {Sign(c.Kind)} | {Cell(c.Path)} | {Cell(c.Old)} | {Cell(c.New)} | {(c.Favours is Favours.Provider or Favours.Unknown ? $"**{Word(c.Favours)}**" : Word(c.Favours))} | {Cell(c.Reason)} | {Cell(Location(c.NewLocation ?? c.OldLocation))} |");
            }
        }
        foreach (var warning in result.Warnings)
        {
            sb.AppendLine().AppendLine($"> ⚠️ {warning}");
        }
        return sb.ToString();
    }

    private static string Cell(string? text) => (text ?? "").Replace("|", "\\|").Replace("\n", " ");

    internal static string GitHub(ContractDiffResult result, string newSpec)
    {
        var sb = new StringBuilder();
        foreach (var c in result.Changes)
        {
            var level = c.Favours is Favours.Provider or Favours.Unknown ? "warning" : "notice";
            var at = c.NewLocation ?? c.OldLocation;
            var file = at is { } l ? Escape(Path.GetRelativePath(Directory.GetCurrentDirectory(), l.Path), property: true) : Escape(newSpec, property: true);
            var line = at is { } l2 && c.NewLocation is not null ? $",line={l2.Line}" : "";
            sb.AppendLine($"::{level} file={file}{line},title={Escape($"SLA change favours {Word(c.Favours)}", property: true)}::{Escape($"{Sign(c.Kind)} {c.Path}: {Values(c)} ({c.Reason})", property: false)}");
        }
        foreach (var warning in result.Warnings)
        {
            sb.AppendLine($"::warning title=SLA version::{Escape(warning, property: false)}");
        }
        return sb.ToString();
    }

    /// <summary>GitHub workflow-command escaping (properties also escape ':' and ',').</summary>
    private static string Escape(string text, bool property)
    {
        var escaped = text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
        return property ? escaped.Replace(":", "%3A").Replace(",", "%2C") : escaped;
    }
}
