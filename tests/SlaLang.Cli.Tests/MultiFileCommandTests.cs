using SlaLang.Cli.Commands;
using SlaLang.Cli.Running;

namespace SlaLang.Cli.Tests;

/// <summary>Commands on contracts spread over files (LANGUAGE.md §8): the same report as one file, one check of the graph, the cache.</summary>
public sealed class MultiFileCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("slac-multi-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The contract with every import replaced by the body of the library it names (each file once), as one file.</summary>
    private static string Inline(string path, HashSet<string>? seen = null)
    {
        seen ??= [];
        var lines = File.ReadAllLines(path);
        var libraries = new List<string>();
        var body = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith("import \"", StringComparison.Ordinal))
            {
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, line["import \"".Length..^1]));
                if (seen.Add(target))
                {
                    libraries.Add(Inline(target, seen));
                }
                continue;
            }
            body.Add(line);
        }
        var text = string.Join("\n", body);
        if (text.Contains("library ", StringComparison.Ordinal))
        {
            // A library's body, without its 'library Name {' line and closing brace.
            var open = text.IndexOf('{', text.IndexOf("library ", StringComparison.Ordinal));
            var close = text.LastIndexOf('}');
            return string.Concat(libraries) + text[(open + 1)..close] + "\n";
        }
        var contractOpen = text.IndexOf('{', text.IndexOf("contract ", StringComparison.Ordinal));
        return text[..(contractOpen + 1)] + "\n" + string.Concat(libraries) + text[(contractOpen + 1)..];
    }

    [Fact]
    public void The_split_example_gives_the_same_report_byte_for_byte_as_its_declarations_in_one_file()
    {
        var split = Slac.Example("belleplace", "belleplace.sla");
        var single = Write("belleplace-single.sla", Inline(split));
        single.ShouldNotContain("import");
        File.ReadAllText(single).ShouldNotContain("library");
        var events = Slac.Example("belleplace", "events.jsonl");
        string[] options = ["--events", events, "--format", "json", "--as-of", "2026-05-01T00:00:00+02:00"];
        var (splitExit, splitReport, splitError) = Slac.Run(["run", split, .. options]);
        var (singleExit, singleReport, singleError) = Slac.Run(["run", single, .. options]);
        (splitExit, splitError).ShouldBe((0, ""));
        (singleExit, singleError).ShouldBe((0, ""));
        splitReport.ShouldBe(singleReport);
        splitReport.Length.ShouldBeGreaterThan(10_000);
        splitReport.ShouldBe(File.ReadAllText(Slac.Example("belleplace", "expected-report.json")));
    }

    [Fact]
    public void Checking_a_folder_checks_the_graph_once_and_reports_a_library_error_once()
    {
        Write("lib.sla", "library Shared {\n  role Boss of Nobody\n}\n");
        const string contract = "import \"lib.sla\"\ncontract {0} {{\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n  reversibility {{ notice 3 months }}\n}}\n";
        Write("a.sla", string.Format(contract, "A"));
        Write("b.sla", string.Format(contract, "B"));
        var stdout = new StringWriter();
        var exit = CheckCommand.Invoke([_folder], stdout, new StringWriter());
        exit.ShouldBe(1);
        stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            $"{Path.Combine(_folder, "lib.sla")}(2,16): error SLA2001: Unknown party 'Nobody'; declare it first.",
            "Checked 3 files: 1 error, 0 warnings, 0 infos.",
        ]);
    }

    [Fact]
    public void Checking_the_split_example_folder_is_clean()
    {
        var stdout = new StringWriter();
        CheckCommand.Invoke([Path.Combine(Slac.Root, "examples", "belleplace")], stdout, new StringWriter()).ShouldBe(0);
        stdout.ToString().Trim().ShouldBe("Checked 4 files: 0 errors, 0 warnings, 0 infos.");
    }

    [Fact]
    public void An_error_in_an_imported_library_stops_run_with_the_error_located_in_the_library()
    {
        Write("lib.sla", "library Shared {\n  calendar Office { hours mon-fri 09:00-17:00 }\n}\n");
        var root = Write("contract.sla", "import \"lib.sla\"\ncontract C {\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n  service S {\n    objective Up { indicator availability; target >= 99%; per month; during Ofice }\n  }\n  reversibility { notice 3 months }\n}\n");
        var events = Write("events.jsonl", "{\"time\":\"2026-01-05T10:00:00Z\",\"kind\":\"outage_start\",\"service\":\"S\",\"id\":\"o1\"}\n");
        var (exit, output, error) = Slac.Run("run", root, "--events", events);
        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldBe($"{root}(7,77): error SLA2001: Unknown calendar 'Ofice'; did you mean 'Office'?\nChecked 2 files: 1 error, 0 warnings, 0 infos.\n");
    }

    [Fact]
    public void The_monitor_cache_key_covers_every_file_of_the_graph()
    {
        var lib = Write("lib.sla", "library Shared {\n  calendar Office { hours mon-fri 09:00-17:00 }\n}\n");
        var root = Write("contract.sla", "import \"lib.sla\"\ncontract C {\n  term 2026-01-01 .. 2026-12-31\n  timezone \"UTC\"\n  currency EUR\n  service S {\n    objective Up { indicator availability; target >= 99%; per month; during Office }\n  }\n  reversibility { notice 3 months }\n}\n");
        var events = Write("events.jsonl",
            "{\"time\":\"2026-01-05T10:00:00Z\",\"kind\":\"outage_start\",\"service\":\"S\",\"id\":\"o1\"}\n{\"time\":\"2026-01-05T12:00:00Z\",\"kind\":\"outage_end\",\"service\":\"S\",\"id\":\"o1\"}\n");
        string Value()
        {
            var (exit, output, error) = Slac.Run("run", root, "--events", events, "--format", "json", "--as-of", "2026-02-01T00:00:00Z");
            (exit, error).ShouldBe((0, ""));
            using var json = System.Text.Json.JsonDocument.Parse(output);
            return json.RootElement.GetProperty("objectives")[0].GetProperty("value").GetRawText();
        }
        // January 2026 has 22 weekdays of 8 office hours (633,600 s); 2 h down: 100 × (1 − 7,200 / 633,600).
        Value().ShouldBe("98.86363636363636363636363636");
        File.WriteAllText(lib, "library Shared {\n  calendar Office { hours mon-fri 08:00-18:00 }\n}\n");
        // Only the library changed: 22 days of 10 hours (792,000 s).
        Value().ShouldBe("99.09090909090909090909090909");
        var (compilation, tree) = ContractFrontEnd.Open(root, File.ReadAllText(root));
        MonitorCache.Key(compilation, tree).ShouldNotBe(MonitorCache.Key(File.ReadAllText(root)));
    }
}
