namespace SlaLang.Core.Tests.Baselines;

/// <summary>Compares a produced text with a baseline file under tests/SlaLang.Core.Tests/Baselines; with the environment
/// variable <c>SLA_UPDATE_BASELINES=1</c> it rewrites the baseline instead (review the diff, then commit).</summary>
public static class BaselineAssert
{
    /// <summary>The folder holding the baselines in the source tree.</summary>
    public static string Folder { get; } = Path.Combine(Syntax.ExampleFiles.RepositoryRoot, "tests", "SlaLang.Core.Tests", "Baselines");

    /// <summary>Whether baselines are being regenerated.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable("SLA_UPDATE_BASELINES") == "1";

    /// <summary>Asserts that <paramref name="actual"/> equals the baseline <paramref name="relativePath"/> (e.g. <c>novaterra/novaterra.tokens</c>),
    /// line endings normalised to '\n'.</summary>
    public static void Matches(string relativePath, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        var path = Path.Combine(Folder, relativePath);
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        File.Exists(path).ShouldBeTrue($"Baseline {relativePath} is missing; run the tests with SLA_UPDATE_BASELINES=1 to create it.");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected == actual)
        {
            return;
        }
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }
        var want = line < expectedLines.Length ? expectedLines[line] : "<end of file>";
        var got = line < actualLines.Length ? actualLines[line] : "<end of file>";
        throw new Shouldly.ShouldAssertException(
            $"Baseline {relativePath} differs at line {line + 1}:\n  expected: {want}\n  actual:   {got}\n(SLA_UPDATE_BASELINES=1 regenerates baselines.)");
    }

    /// <summary>The baseline folder name of an example: its file name without extension (examples/novaterra/novaterra.sla → novaterra).</summary>
    public static string ExampleName(string examplePath) => Path.GetFileNameWithoutExtension(examplePath);
}
