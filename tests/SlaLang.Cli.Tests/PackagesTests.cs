using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace SlaLang.Cli.Tests;

/// <summary>
/// Packs the shipped projects as a user would (<c>dotnet pack</c>, Release, a version of this run's own so that no package
/// of another run is taken from the NuGet cache), then builds samples/SlaLang.Sample from those packages: the source generator
/// turns its contracts into monitors at build, and the sample runs them on the examples' events.
/// </summary>
public sealed class PackagesTests(PackagesTests.Packed packed) : IClassFixture<PackagesTests.Packed>
{
    private static readonly string[] Shipped = ["SlaLang.Runtime", "SlaLang.Core", "SlaLang.Generator", "SlaLang.LanguageServer", "SlaLang.Cli"];

    [Fact]
    public void Every_shipped_project_packs_with_its_metadata_readme_and_symbols()
    {
        foreach (var id in Shipped)
        {
            var nupkg = Path.Combine(packed.Feed, $"{id}.{packed.Version}.nupkg");
            File.Exists(nupkg).ShouldBeTrue(nupkg);
            using var zip = ZipFile.OpenRead(nupkg);
            var nuspec = XDocument.Load(zip.GetEntry($"{id}.nuspec")!.Open());
            var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
            Value("version").ShouldBe(packed.Version);
            Value("license").ShouldBe("MIT");
            Value("readme").ShouldBe("README.md");
            Value("description").Length.ShouldBeGreaterThan(40, id);
            Value("authors").ShouldBe("SlaLang");
            zip.GetEntry("README.md").ShouldNotBeNull(id);
            var hasSymbols = File.Exists(Path.Combine(packed.Feed, $"{id}.{packed.Version}.snupkg"));
            hasSymbols.ShouldBe(id != "SlaLang.Generator", id);
        }
    }

    [Fact]
    public void The_generator_package_holds_the_generator_and_its_dependencies_under_analyzers_and_nothing_of_the_compiler()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(packed.Feed, $"SlaLang.Generator.{packed.Version}.nupkg"));
        var files = zip.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".dll", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        files.ShouldBe(
        [
            "analyzers/dotnet/cs/NodaTime.dll",
            "analyzers/dotnet/cs/Pidgin.dll",
            "analyzers/dotnet/cs/SlaLang.Core.dll",
            "analyzers/dotnet/cs/SlaLang.Generator.dll",
            "analyzers/dotnet/cs/SlaLang.Runtime.dll",
        ]);
        using var tool = ZipFile.OpenRead(Path.Combine(packed.Feed, $"SlaLang.Cli.{packed.Version}.nupkg"));
        tool.GetEntry("tools/net10.0/any/slac.dll").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("novaterra")]
    [InlineData("belleplace")]
    public void The_sample_built_from_the_packages_reports_what_slac_run_reports(string example)
    {
        var sample = packed.BuildSample();
        sample.Exit.ShouldBe(0, sample.Output);
        var expected = JsonNode.Parse(File.ReadAllText(Slac.Example(example, "expected-report.json")))!.AsObject();
        var asOf = expected["asOf"]!.GetValue<string>();

        var (exit, output, error) = Packed.Dotnet(Slac.Root, packed.SampleAssembly, example, Slac.Example(example, "events.jsonl"), asOf);

        error.ShouldBeEmpty();
        exit.ShouldBe(0);
        // slac run adds what it read (input) to the monitor's report; the rest is the same, figure for figure.
        expected.Remove("input");
        JsonNode.DeepEquals(JsonNode.Parse(output), expected).ShouldBeTrue(output);
    }

    [Fact]
    public void A_contract_error_fails_the_build_at_the_sla_file_and_line_with_its_code()
    {
        var broken = Path.Combine(packed.Work, "broken", "Broken.sla");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        var text = File.ReadAllText(Slac.Example("novaterra", "novaterra.sla"))
            .Replace("contract NovaTerraRun ", "contract BrokenRun ", StringComparison.Ordinal);
        var at = text.IndexOf("during Business", StringComparison.Ordinal) + "during ".Length;
        text = text[..at] + "Nowhere" + text[(at + "Business".Length)..];
        File.WriteAllText(broken, text);
        var line = text[..at].Count(c => c == '\n') + 1;
        var column = at - text.LastIndexOf('\n', at - 1);

        var build = packed.BuildSample(extraContracts: broken, artifacts: "broken-build");

        build.Exit.ShouldNotBe(0);
        build.Output.ShouldContain($"{broken}({line},{column}): error SLA2001: ");
        build.Output.ShouldContain("'Nowhere'");
    }

    /// <summary>The packages of this run, in a local feed, and the sample built from them (once).</summary>
    public sealed class Packed : IDisposable
    {
        private readonly Lazy<(int Exit, string Output)> _sample;

        public Packed()
        {
            Work = Path.Combine(Path.GetTempPath(), "slalang-packages-" + Guid.NewGuid().ToString("N"));
            Feed = Path.Combine(Work, "feed");
            Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var id in Shipped)
            {
                var (exit, output, error) = Dotnet(Slac.Root, "pack", Path.Combine(Slac.Root, "src", id), "-c", "Release", "-o", Feed,
                    "--artifacts-path", Path.Combine(Work, "pack"), $"-p:Version={Version}", "-nologo", "-v", "q");
                exit.ShouldBe(0, output + error);
            }
            _sample = new Lazy<(int, string)>(() => BuildSample(null, "sample-build"));
        }

        public string Work { get; }

        public string Feed { get; }

        public string Version { get; }

        public string SampleAssembly => Path.Combine(Work, "sample-build", "bin", "SlaLang.Sample", "release", "SlaLang.Sample.dll");

        /// <summary>The build of the sample with this run's packages (built once).</summary>
        public (int Exit, string Output) BuildSample() => _sample.Value;

        /// <summary>Builds the sample with this run's packages into <paramref name="artifacts"/> under the work folder.</summary>
        public (int Exit, string Output) BuildSample(string? extraContracts, string artifacts)
        {
            var args = new List<string>
            {
                "build", Path.Combine(Slac.Root, "samples", "SlaLang.Sample"), "-c", "Release", "--artifacts-path", Path.Combine(Work, artifacts),
                $"-p:SlaLangVersion={Version}", $"-p:RestoreAdditionalProjectSources={Feed}", "-nologo",
            };
            if (extraContracts is not null)
            {
                args.Add($"-p:ExtraContracts={extraContracts}");
            }
            var (exit, output, error) = Dotnet(Slac.Root, [.. args]);
            return (exit, output + error);
        }

        /// <summary>Runs the dotnet host with <paramref name="args"/> in <paramref name="directory"/>.</summary>
        public static (int Exit, string Out, string Err) Dotnet(string directory, params string[] args)
        {
            var start = Slac.Dotnet(args);
            start.WorkingDirectory = directory;
            // The builds here are builds of their own: no build server outlives them, no test-run MSBuild setting leaks in.
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment.Remove("MSBuildExtensionsPath");
            start.Environment.Remove("MSBuildSDKsPath");
            start.Environment.Remove("MSBUILD_EXE_PATH");
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout, stderr.Result);
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Work, recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the temporary folder is the system's to clean.
            }
        }
    }
}
