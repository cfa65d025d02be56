namespace SlaLang.Cli.Tests;

public sealed class FormatCommandTests : IDisposable
{
    private const string Canonical = "contract C {\n  version \"1\"\n}\n";
    private const string Messy = "contract C {\n      version    \"1\"\n}\n";
    private readonly string directory = Directory.CreateTempSubdirectory("slac-fmt-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static (int Exit, string Out, string Err) Slac(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exit = Program.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Check_lists_the_files_that_would_change_exits_1_and_writes_nothing()
    {
        var clean = Write("a/clean.sla", Canonical);
        var messy = Write("b/messy.sla", Messy);
        var (exit, stdout, stderr) = Slac("fmt", "--check", directory);
        exit.ShouldBe(1);
        stdout.ShouldBe(messy + "\n");
        stderr.ShouldBeEmpty();
        File.ReadAllText(messy).ShouldBe(Messy);
        File.ReadAllText(clean).ShouldBe(Canonical);
    }

    [Fact]
    public void Fmt_rewrites_unformatted_files_and_a_second_run_changes_nothing()
    {
        var messy = Write("messy.sla", Messy);
        Slac("fmt", messy).ShouldBe((0, $"formatted {messy}\n", string.Empty));
        File.ReadAllText(messy).ShouldBe(Canonical);
        Slac("fmt", messy).ShouldBe((0, string.Empty, string.Empty));
        Slac("fmt", "--check", messy).ShouldBe((0, string.Empty, string.Empty));
    }

    [Fact]
    public void A_file_with_syntax_errors_is_left_alone_with_its_errors_reported_and_exit_1()
    {
        var broken = Write("broken.sla", "contract C {\n   version\n");
        var (exit, stdout, stderr) = Slac("fmt", broken);
        exit.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain($"{broken}(2,");
        stderr.ShouldContain("error SLA1");
        stderr.ShouldEndWith($"slac fmt: {broken}: not formatted, fix the syntax errors first.\n");
        File.ReadAllText(broken).ShouldBe("contract C {\n   version\n");
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_left_byte_for_byte_alone_and_exit_2()
    {
        // Was: decoded with U+FFFD for the Latin-1 'é' and written back, destroying the byte.
        var latin1 = Path.Combine(directory, "latin1.sla");
        byte[] bytes = [.. System.Text.Encoding.ASCII.GetBytes("contract C {\n      version    \"caf"), 0xE9, .. System.Text.Encoding.ASCII.GetBytes("\"\n}\n")];
        File.WriteAllBytes(latin1, bytes);
        var messy = Write("messy.sla", Messy);
        var message = $"slac fmt: cannot read '{latin1}': it is not UTF-8 text (byte 0xE9 at line 2, column 22); save it as UTF-8. Not formatted.\n";

        Slac("fmt", "--check", directory).ShouldBe((2, messy + "\n", message));
        Slac("fmt", directory).ShouldBe((2, $"formatted {messy}\n", message));
        File.ReadAllBytes(latin1).ShouldBe(bytes);
        File.ReadAllText(messy).ShouldBe(Canonical);
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_reported_and_the_others_are_formatted()
    {
        var locked = Write("locked.sla", Messy);
        var messy = Write("messy.sla", Messy);
        using (new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var (exit, stdout, stderr) = Slac("fmt", directory);
            exit.ShouldBe(2);
            stdout.ShouldBe($"formatted {messy}\n");
            stderr.ShouldStartWith($"slac fmt: cannot read '{locked}': ");
            stderr.ShouldEndWith(" Not formatted.\n");
            stderr.ShouldNotContain("internal error");
        }
        File.ReadAllText(locked).ShouldBe(Messy);
    }

    [Fact]
    public void A_file_that_cannot_be_written_is_reported_without_an_internal_error_and_exit_2()
    {
        // Was: "slac: internal error: IOException: Read-only file system" on a read-only mount.
        var messy = Write("messy.sla", Messy);
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = SlaLang.Cli.Commands.FormatCommand.Run([messy], check: false, stdout, stderr,
            (path, _, _) => throw new IOException($"Read-only file system : '{path}'"));
        exit.ShouldBe(2);
        stdout.ToString().ShouldBeEmpty();
        stderr.ToString().ShouldBe($"slac fmt: cannot write '{messy}': Read-only file system : '{messy}'\n");
        File.ReadAllText(messy).ShouldBe(Messy);
    }

    [Fact]
    public void A_file_named_twice_is_formatted_once()
    {
        var messy = Write("messy.sla", Messy);
        Slac("fmt", messy, directory, Path.Combine(directory, ".", "messy.sla")).ShouldBe((0, $"formatted {messy}\n", string.Empty));
    }

    [Fact]
    public void A_missing_path_or_a_folder_without_contracts_is_a_usage_error()
    {
        var missing = Path.Combine(directory, "nope.sla");
        var (exit, _, stderr) = Slac("fmt", missing);
        exit.ShouldBe(2);
        stderr.ShouldContain($"fmt: '{missing}' is neither a file nor a folder.");
        var empty = Directory.CreateDirectory(Path.Combine(directory, "empty")).FullName;
        (exit, _, stderr) = Slac("fmt", "--check", empty);
        exit.ShouldBe(2);
        stderr.ShouldContain($"fmt: '{empty}' holds no .sla file.");
    }

    [Fact]
    public void The_examples_are_formatted()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SlaLang.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }
        Slac("fmt", "--check", Path.Combine(root, "examples")).ShouldBe((0, string.Empty, string.Empty));
    }
}
