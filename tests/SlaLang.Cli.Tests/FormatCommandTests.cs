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
    public void A_missing_path_is_a_usage_error()
    {
        var (exit, _, stderr) = Slac("fmt", Path.Combine(directory, "nope.sla"));
        exit.ShouldBe(2);
        stderr.ShouldContain("no such file or directory");
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
