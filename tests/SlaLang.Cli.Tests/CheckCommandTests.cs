using System.Text.Json;
using SlaLang.Cli.Commands;
using SlaLang.Diagnostics;

namespace SlaLang.Cli.Tests;

/// <summary><c>slac check</c> run in-process: exact output lines, formats and exit codes.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private const string Clean = """
        contract Clean {
          term 2026-01-01 .. 2026-12-31
          timezone "Europe/Paris"
          currency EUR
          party Client client
          party Provider provider
          role Manager of Provider
          reversibility { notice 3 months }
          escalation Path { after 1h notify Manager }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("slac-check-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string[] Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CheckCommand.Invoke(args, stdout, stderr);
        return (exit, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray(), stderr.ToString());
    }

    private static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SlaLang.sln")))
            {
                dir = dir.Parent;
            }
            return dir!.FullName;
        }
    }

    [Fact]
    public void Checking_the_examples_prints_only_the_summary_and_exits_0()
    {
        var examples = Path.Combine(RepositoryRoot, "examples");
        var count = Directory.EnumerateFiles(examples, "*.sla", SearchOption.AllDirectories).Count();
        var (exit, lines, err) = Run(examples);
        lines.ShouldBe([$"Checked {count} files: 0 errors, 0 warnings, 0 infos."]);
        err.ShouldBeEmpty();
        exit.ShouldBe(0);
    }

    [Fact]
    public void Errors_are_printed_msbuild_style_and_exit_1()
    {
        var path = Write("bad.sla", Clean.Replace("notify Manager", "notify Manger"));
        var (exit, lines, _) = Run(path);
        lines.ShouldBe([
            $"{path}(9,37): error SLA2001: Unknown role 'Manger'; did you mean 'Manager'?",
            "Checked 1 file: 1 error, 0 warnings, 0 infos.",
        ]);
        exit.ShouldBe(1);
    }

    [Fact]
    public void Warnings_alone_exit_0_and_fail_with_warnaserror()
    {
        var path = Write("loose.sla", Clean.Replace("  reversibility { notice 3 months }\n", ""));
        var (exit, lines, _) = Run(path);
        lines.ShouldBe([
            $"{path}(1,10): warning SLA3015: Contract 'Clean' has no reversibility clause; add 'reversibility {{ notice …; assistance …; deliver … }}' so that the exit terms are agreed.".Replace("{{", "{").Replace("}}", "}"),
            "Checked 1 file: 0 errors, 1 warning, 0 infos.",
        ]);
        exit.ShouldBe(0);

        var (strictExit, strictLines, _) = Run(path, "--warnaserror");
        strictLines[0].ShouldStartWith($"{path}(1,10): error SLA3015: ");
        strictLines[1].ShouldBe("Checked 1 file: 1 error, 0 warnings, 0 infos.");
        strictExit.ShouldBe(1);
    }

    [Fact]
    public void Slaconfig_next_to_the_contract_changes_rule_levels()
    {
        var path = Write("team/loose.sla", Clean.Replace("  reversibility { notice 3 months }\n", ""));
        Write("slaconfig.json", """{ "rules": { "missing-reversibility": "off" } }""");
        var (exit, lines, _) = Run(path);
        lines.ShouldBe(["Checked 1 file: 0 errors, 0 warnings, 0 infos."]);
        exit.ShouldBe(0);
    }

    [Fact]
    public void Folders_are_searched_recursively_for_sla_files_only()
    {
        Write("a/one.sla", Clean);
        Write("a/b/two.sla", Clean.Replace("contract Clean", "contract Two"));
        Write("a/b/notes.txt", "not a contract");
        var (exit, lines, _) = Run(Path.Combine(_folder, "a"));
        lines.ShouldBe(["Checked 2 files: 0 errors, 0 warnings, 0 infos."]);
        exit.ShouldBe(0);
    }

    [Fact]
    public void Json_format_lists_every_diagnostic_with_its_range()
    {
        var path = Write("bad.sla", Clean.Replace("notify Manager", "notify Manger"));
        var (exit, lines, _) = Run(path, "--format", "json");
        exit.ShouldBe(1);
        using var json = JsonDocument.Parse(string.Join("\n", lines));
        var root = json.RootElement;
        root.GetProperty("files").GetInt32().ShouldBe(1);
        root.GetProperty("errors").GetInt32().ShouldBe(1);
        var d = root.GetProperty("diagnostics").EnumerateArray().Single();
        d.GetProperty("path").GetString().ShouldBe(path);
        (d.GetProperty("line").GetInt32(), d.GetProperty("column").GetInt32(), d.GetProperty("endLine").GetInt32(), d.GetProperty("endColumn").GetInt32())
            .ShouldBe((9, 37, 9, 43));
        d.GetProperty("severity").GetString().ShouldBe("error");
        d.GetProperty("code").GetString().ShouldBe("SLA2001");
        d.GetProperty("message").GetString().ShouldBe("Unknown role 'Manger'; did you mean 'Manager'?");
        d.GetProperty("helpUri").GetString().ShouldBe("docs/diagnostics.md#sla2001");
    }

    [Fact]
    public void Sarif_format_is_a_sarif_2_1_0_log_with_rules_and_regions()
    {
        var path = Write("bad.sla", Clean.Replace("notify Manager", "notify Manger"));
        var (exit, lines, _) = Run(path, "--format", "sarif");
        exit.ShouldBe(1);
        using var json = JsonDocument.Parse(string.Join("\n", lines));
        json.RootElement.GetProperty("version").GetString().ShouldBe("2.1.0");
        var run = json.RootElement.GetProperty("runs").EnumerateArray().Single();
        var driver = run.GetProperty("tool").GetProperty("driver");
        driver.GetProperty("name").GetString().ShouldBe("slac");
        var rule = driver.GetProperty("rules").EnumerateArray().Single();
        rule.GetProperty("id").GetString().ShouldBe("SLA2001");
        rule.TryGetProperty("helpUri", out _).ShouldBeFalse(); // SARIF wants it absolute; there is no public site
        rule.GetProperty("help").GetProperty("text").GetString().ShouldBe("Unknown name: see docs/diagnostics.md#sla2001 in the SlaLang repository.");
        var result = run.GetProperty("results").EnumerateArray().Single();
        result.GetProperty("ruleId").GetString().ShouldBe("SLA2001");
        result.GetProperty("ruleIndex").GetInt32().ShouldBe(0);
        result.GetProperty("level").GetString().ShouldBe("error");
        result.GetProperty("message").GetProperty("text").GetString().ShouldBe("Unknown role 'Manger'; did you mean 'Manager'?");
        var location = result.GetProperty("locations").EnumerateArray().Single().GetProperty("physicalLocation");
        location.GetProperty("artifactLocation").GetProperty("uri").GetString().ShouldBe(new Uri(path).AbsoluteUri);
        var region = location.GetProperty("region");
        (region.GetProperty("startLine").GetInt32(), region.GetProperty("startColumn").GetInt32(),
            region.GetProperty("endLine").GetInt32(), region.GetProperty("endColumn").GetInt32()).ShouldBe((9, 37, 9, 43));
    }

    [Fact]
    public void Github_format_prints_workflow_annotations()
    {
        var path = Write("bad.sla", Clean.Replace("notify Manager", "notify Manger"));
        var (exit, lines, _) = Run(path, "--format", "github");
        lines.ShouldBe([
            $"::error file={path},line=9,col=37,endLine=9,endColumn=43,title=SLA2001::Unknown role 'Manger'; did you mean 'Manager'?",
            "Checked 1 file: 1 error, 0 warnings, 0 infos.",
        ]);
        exit.ShouldBe(1);
    }

    [Fact]
    public void Missing_path_is_bad_usage_with_exit_2()
    {
        var missing = Path.Combine(_folder, "nowhere.sla");
        var (exit, lines, err) = Run(missing);
        exit.ShouldBe(2);
        lines.ShouldBeEmpty();
        err.ShouldBe($"slac check: '{missing}' is neither a file nor a folder.{Environment.NewLine}");
    }

    [Fact]
    public void A_folder_without_contracts_is_bad_usage_with_exit_2_not_zero_files_checked()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "no-contracts")).FullName;
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "not a contract");
        var (exit, lines, err) = Run(empty);
        exit.ShouldBe(2);
        lines.ShouldBeEmpty();
        err.ShouldBe($"slac check: '{empty}' holds no .sla file.{Environment.NewLine}");
    }

    [Fact]
    public void No_path_at_all_is_bad_usage_with_exit_2()
    {
        var (exit, lines, err) = Run();
        exit.ShouldBe(2);
        lines.ShouldBeEmpty();
        err.ShouldStartWith("slac check: ");
    }

    [Fact]
    public void Unknown_format_is_bad_usage_with_exit_2()
    {
        var path = Write("ok.sla", Clean);
        var (exit, lines, err) = Run(path, "--format", "xml");
        exit.ShouldBe(2);
        lines.ShouldBeEmpty();
        err.ShouldContain("xml");
    }

    [Fact]
    public void Unreadable_file_is_a_coded_error_not_a_stack_trace()
    {
        var results = CheckCommand.CheckFiles(["locked.sla"], _ => throw new UnauthorizedAccessException("Access to the path 'locked.sla' is denied."));
        results.Single().Single().ToString()
            .ShouldBe("locked.sla(1,1): error SLA2000: Cannot read 'locked.sla': Access to the path 'locked.sla' is denied. Check that the file exists and is readable.");
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_SLA2000_at_its_first_bad_byte()
    {
        // Was: checked clean, the Latin-1 'é' silently read as U+FFFD (and compiled into the monitor's strings).
        var path = Path.Combine(_folder, "latin1.sla");
        var utf8 = System.Text.Encoding.UTF8.GetBytes(Clean.Replace("party Client client", "party Client client // \U0001F600 caf"));
        var at = Array.IndexOf(utf8, (byte)'f', Array.IndexOf(utf8, (byte)0xF0)) + 1;
        File.WriteAllBytes(path, [.. utf8.Take(at), 0xE9, .. utf8.Skip(at)]);
        var (exit, lines, err) = Run(path, "--format", "json");
        exit.ShouldBe(1);
        err.ShouldBeEmpty();
        using var json = JsonDocument.Parse(string.Join("\n", lines));
        var d = json.RootElement.GetProperty("diagnostics").EnumerateArray().Single();
        d.GetProperty("code").GetString().ShouldBe("SLA2000");
        // Columns count UTF-16 code units: the emoji is two.
        (d.GetProperty("line").GetInt32(), d.GetProperty("column").GetInt32()).ShouldBe((5, 32));
        d.GetProperty("message").GetString().ShouldBe(
            $"Cannot read '{path}': it is not UTF-8 text (byte 0xE9 at line 5, column 32); save it as UTF-8. Check that the file exists and is readable.");
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted()
    {
        var path = Path.Combine(_folder, "bom.sla");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Clean)]);
        var (exit, lines, err) = Run(path);
        lines.ShouldBe(["Checked 1 file: 0 errors, 0 warnings, 0 infos."]);
        err.ShouldBeEmpty();
        exit.ShouldBe(0);
    }

    [Fact]
    public void A_file_named_twice_is_checked_and_counted_once()
    {
        // Was: "Checked 2 files" (the diagnostics themselves were de-duplicated).
        var path = Write("bad.sla", Clean.Replace("notify Manager", "notify Manger"));
        var (exit, lines, _) = Run(path, _folder, Path.Combine(_folder, ".", "bad.sla"));
        lines.ShouldBe([
            $"{path}(9,37): error SLA2001: Unknown role 'Manger'; did you mean 'Manager'?",
            "Checked 1 file: 1 error, 0 warnings, 0 infos.",
        ]);
        exit.ShouldBe(1);
    }

    [Fact]
    public void Program_run_writes_check_output_to_the_writers_it_is_given()
    {
        // Was: check wrote to Console.Out/Console.Error whatever writers Program.Run was given.
        var path = Write("bad.sla", Clean.Replace("notify Manager", "notify Manger"));
        var (exit, output, error) = Slac.Run("check", path);
        exit.ShouldBe(1);
        output.ShouldBe($"{path}(9,37): error SLA2001: Unknown role 'Manger'; did you mean 'Manager'?\nChecked 1 file: 1 error, 0 warnings, 0 infos.\n");
        error.ShouldBeEmpty();
    }

    [Fact]
    public void A_thousand_contracts_are_checked_in_one_run()
    {
        for (var i = 0; i < 1000; i++)
        {
            Write($"many/c{i:D4}.sla", Clean.Replace("contract Clean", $"contract C{i}"));
        }
        Write("many/c0500.sla", Clean.Replace("notify Manager", "notify Nobody"));
        var (exit, lines, _) = Run(Path.Combine(_folder, "many"));
        lines.Length.ShouldBe(2);
        lines[0].ShouldBe($"{Path.Combine(_folder, "many", "c0500.sla")}(9,37): error SLA2001: Unknown role 'Nobody'; declared roles: Manager.");
        lines[1].ShouldBe("Checked 1000 files: 1 error, 0 warnings, 0 infos.");
        exit.ShouldBe(1);
    }

    [Fact]
    public void Program_main_dispatches_check()
    {
        var path = Write("ok.sla", Clean);
        Program.Main(["check", path]).ShouldBe(0);
    }
}
