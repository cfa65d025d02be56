using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using SlaLang.Text;

namespace SlaLang.Analyzers;

/// <summary>The level a contract rule reports at, as written in <c>slaconfig.json</c>.</summary>
public enum RuleLevel
{
    /// <summary>The rule does not run.</summary>
    Off,
    /// <summary>Reported as information.</summary>
    Info,
    /// <summary>Reported as a warning.</summary>
    Warning,
    /// <summary>Reported as an error: the contract does not compile.</summary>
    Error,
}

/// <summary>A problem in a <c>slaconfig.json</c> file, located at a 1-based line and column of that file.</summary>
public sealed record LintConfigurationError(string Path, int Line, int Column, string Message);

/// <summary>
/// Rule levels chosen by a <c>slaconfig.json</c> (<c>{ "rules": { "SLA3015": "off", "tiers-monotonic": "warning" } }</c>),
/// keyed by rule code; rules not named keep their default level.
/// </summary>
public sealed class LintConfiguration
{
    /// <summary>The file name looked for next to and above a contract.</summary>
    public const string FileName = "slaconfig.json";

    /// <summary>No overrides: every rule at its default level.</summary>
    public static LintConfiguration Default { get; } = new(null, ImmutableDictionary<string, RuleLevel>.Empty, []);

    private LintConfiguration(string? path, ImmutableDictionary<string, RuleLevel> levels, ImmutableArray<LintConfigurationError> errors, SourceText? text = null)
    {
        Text = text;
        Path = path;
        Levels = levels;
        Errors = errors;
    }

    /// <summary>The file the configuration was read from, or null for <see cref="Default"/>.</summary>
    public string? Path { get; }

    /// <summary>The text of the file, to locate <see cref="Errors"/>; null when nothing was read.</summary>
    public SourceText? Text { get; }

    /// <summary>Overridden levels by rule code (<c>SLA3004</c>).</summary>
    public ImmutableDictionary<string, RuleLevel> Levels { get; }

    /// <summary>What was wrong in the file (bad JSON, unknown rule, unknown level); the valid entries still apply.</summary>
    public ImmutableArray<LintConfigurationError> Errors { get; }

    /// <summary>The level of <paramref name="rule"/> under this configuration.</summary>
    public RuleLevel GetLevel(ContractRule rule) => Levels.TryGetValue(rule.Code, out var level) ? level : rule.DefaultLevel;

    /// <summary>A configuration with explicit levels (keys are rule codes or names), for tests and hosts.</summary>
    public static LintConfiguration FromLevels(IEnumerable<KeyValuePair<string, RuleLevel>> levels)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, RuleLevel>(StringComparer.Ordinal);
        foreach (var (key, level) in levels)
        {
            var rule = ContractRules.Find(key) ?? throw new ArgumentException($"unknown rule '{key}'", nameof(levels));
            builder[rule.Code] = level;
        }
        return new LintConfiguration(null, builder.ToImmutable(), []);
    }

    /// <summary>Parses the text of a <c>slaconfig.json</c>; <paramref name="path"/> only locates errors.</summary>
    public static LintConfiguration Parse(string json, string path)
    {
        var levels = ImmutableDictionary.CreateBuilder<string, RuleLevel>(StringComparer.Ordinal);
        var errors = ImmutableArray.CreateBuilder<LintConfigurationError>();
        var lines = new LineMap(json);
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json), new JsonReaderOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(path, 1, 1, "slaconfig.json must hold an object such as { \"rules\": { \"SLA3015\": \"off\" } }."));
            }
            else if (root.TryGetProperty("rules", out var rules))
            {
                if (rules.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new(path, 1, 1, "\"rules\" must be an object mapping rule codes or names to \"off\", \"info\", \"warning\" or \"error\"."));
                }
                else
                {
                    foreach (var property in rules.EnumerateObject())
                    {
                        var (line, column) = lines.Find(property.Name);
                        var rule = ContractRules.Find(property.Name);
                        if (rule is null)
                        {
                            var suggestion = Semantics.NameSuggester.DidYouMean(property.Name, ContractRules.All.Select(r => r.Name));
                            errors.Add(new(path, line, column, $"Unknown rule '{property.Name}'{suggestion}{(suggestion.Length == 0 ? "; " : " ")}Rules are named by code (SLA3001) or name (raci-one-accountable), see docs/diagnostics.md."));
                            continue;
                        }
                        if (property.Value.ValueKind != JsonValueKind.String || ParseLevel(property.Value.GetString()!) is not { } level)
                        {
                            errors.Add(new(path, line, column, $"The level of rule '{property.Name}' must be \"off\", \"info\", \"warning\" or \"error\"."));
                            continue;
                        }
                        levels[rule.Code] = level;
                    }
                }
            }
        }
        catch (JsonException e)
        {
            errors.Add(new(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, $"slaconfig.json is not valid JSON: {FirstSentence(e.Message)} Fix the syntax or delete the file."));
        }
        return new LintConfiguration(path, levels.ToImmutable(), errors.ToImmutable(), new SourceText(json));
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim();
    }

    /// <summary>Reads <paramref name="path"/>; an unreadable file is reported as an error of the configuration.</summary>
    public static LintConfiguration Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new LintConfiguration(path, ImmutableDictionary<string, RuleLevel>.Empty,
                [new LintConfigurationError(path, 1, 1, $"Cannot read slaconfig.json: {e.Message} Check the file's permissions.")]);
        }
    }

    /// <summary>The nearest <c>slaconfig.json</c> in the folder of <paramref name="contractPath"/> or above, or null.</summary>
    public static string? FindFile(string contractPath)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(contractPath));
        while (!string.IsNullOrEmpty(directory))
        {
            var candidate = System.IO.Path.Combine(directory, FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
            directory = System.IO.Path.GetDirectoryName(directory);
        }
        return null;
    }

    /// <summary>Parses a level word (case-insensitive); null when it is not one.</summary>
    public static RuleLevel? ParseLevel(string text) => text.ToLowerInvariant() switch
    {
        "off" or "none" => RuleLevel.Off,
        "info" or "information" => RuleLevel.Info,
        "warning" or "warn" => RuleLevel.Warning,
        "error" => RuleLevel.Error,
        _ => null,
    };

    /// <summary>Finds where a property name is written, to locate errors (first occurrence of the quoted name).</summary>
    private sealed class LineMap(string text)
    {
        public (int Line, int Column) Find(string propertyName)
        {
            var index = text.IndexOf('"' + propertyName + '"', StringComparison.Ordinal);
            if (index < 0)
            {
                return (1, 1);
            }
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < index; i++)
            {
                if (text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }
            return (line, index - lineStart + 1);
        }
    }
}

/// <summary>
/// Caches the configuration that applies to each folder, so checking 1,000 contracts reads each file once. A file whose
/// time stamp or length changed is read again (an editor's language server keeps one cache for its whole run).
/// </summary>
public sealed class LintConfigurationCache
{
    private readonly ConcurrentDictionary<string, (DateTime Written, long Length, LintConfiguration Configuration)> _byFile = new(StringComparer.Ordinal);

    /// <summary>The configuration for the contract at <paramref name="contractPath"/> (<see cref="LintConfiguration.Default"/> when none is found).</summary>
    public LintConfiguration For(string contractPath)
    {
        if (LintConfiguration.FindFile(contractPath) is not { } file)
        {
            return LintConfiguration.Default;
        }
        var info = new FileInfo(file);
        var (written, length) = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (default, -1L);
        if (_byFile.TryGetValue(file, out var cached) && cached.Written == written && cached.Length == length)
        {
            return cached.Configuration;
        }
        var configuration = LintConfiguration.Load(file);
        _byFile[file] = (written, length, configuration);
        return configuration;
    }
}
