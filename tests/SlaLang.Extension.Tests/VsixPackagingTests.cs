using System.IO.Compression;
using System.Text.Json;

namespace SlaLang.Extension.Tests;

/// <summary>Packages the extension with vsce, as CI does, and checks what the .vsix holds.</summary>
[Collection(ExtensionCollection.Name)]
public sealed class VsixPackagingTests
{
    /// <summary>The .vsix holds the manifest, the grammar, the bundle and the published server, and no sources or node_modules.</summary>
    [Fact]
    public void Vsix_holds_manifest_grammar_bundle_and_published_server()
    {
        ExtensionFolder.EnsureNodeModules();
        var publish = ExternalProcess.Run("node",
            ["scripts/publish-server.mjs", "--configuration", ExtensionFolder.Configuration, "--no-build"],
            ExtensionFolder.Path, TimeSpan.FromMinutes(3));
        publish.ExitCode.ShouldBe(0, $"publishing the server failed:\n{publish.Output}");

        var outDir = Directory.CreateTempSubdirectory("slalang-vsix-");
        try
        {
            var vsix = Path.Combine(outDir.FullName, "slalang.vsix");
            var package = ExternalProcess.Run("npx",
                ["vsce", "package", "--no-dependencies", "--allow-missing-repository", "--out", vsix],
                ExtensionFolder.Path, TimeSpan.FromMinutes(3));
            package.ExitCode.ShouldBe(0, $"vsce package failed:\n{package.Output}");

            using var archive = ZipFile.OpenRead(vsix);
            var entries = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            string[] required =
            [
                "extension.vsixmanifest", "extension/package.json", "extension/language-configuration.json",
                "extension/syntaxes/sla.tmLanguage.json", "extension/dist/extension.js",
                "extension/server/slac.dll", "extension/server/slac.runtimeconfig.json", "extension/server/slac.deps.json",
                "extension/server/SlaLang.Core.dll", "extension/server/SlaLang.LanguageServer.dll",
                "extension/server/StreamJsonRpc.dll", "extension/LICENSE.txt",
            ];
            required.Where(r => !entries.Contains(r)).ShouldBeEmpty($"entries: {string.Join(", ", entries.Order())}");
            entries.Where(e => e.StartsWith("extension/src/", StringComparison.Ordinal)
                               || e.StartsWith("extension/node_modules/", StringComparison.Ordinal)
                               || e.StartsWith("extension/test/", StringComparison.Ordinal)
                               || e.StartsWith("extension/snippets/", StringComparison.Ordinal)
                               || e.EndsWith(".map", StringComparison.Ordinal)).ShouldBeEmpty();

            using var manifest = JsonDocument.Parse(archive.GetEntry("extension/package.json")!.Open());
            manifest.RootElement.GetProperty("main").GetString().ShouldBe("./dist/extension.js");
            var language = manifest.RootElement.GetProperty("contributes").GetProperty("languages")[0];
            language.GetProperty("id").GetString().ShouldBe("sla");
            language.GetProperty("extensions")[0].GetString().ShouldBe(".sla");
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }
}
