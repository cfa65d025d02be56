namespace SlaLang.Cli.Tests;

/// <summary><c>slac export openslo</c> and <c>slac import openslo</c>: OpenSLO v1 out and back, and what it cannot say.</summary>
public class OpenSloTests
{
    private static string Sample(params string[] parts) => Path.Combine([Path.GetDirectoryName(Slac.Example("integrations", "quillo.sla"))!, .. parts]);

    private static string Folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "slac-openslo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void Export_then_import_then_export_gives_the_same_documents()
    {
        var dir = Folder();
        var map = Sample("prometheus", "sli.yaml");
        var first = Slac.Run("export", "openslo", Sample("quillo.sla"), "--map", map, "-o", Path.Combine(dir, "one.yaml"));
        first.Exit.ShouldBe(0, first.Err);
        var skeleton = Slac.Run("import", "openslo", Path.Combine(dir, "one.yaml"), "-o", Path.Combine(dir, "skeleton.sla"));
        (skeleton.Exit, skeleton.Err).ShouldBe((0, ""));
        Slac.Run("check", Path.Combine(dir, "skeleton.sla")).Exit.ShouldBe(0);
        var second = Slac.Run("export", "openslo", Path.Combine(dir, "skeleton.sla"), "--map", map, "-o", Path.Combine(dir, "two.yaml"));
        second.Exit.ShouldBe(0, second.Err);
        File.ReadAllText(Path.Combine(dir, "two.yaml")).ShouldBe(File.ReadAllText(Path.Combine(dir, "one.yaml")));
        var yaml = File.ReadAllText(Path.Combine(dir, "one.yaml"));
        // A ratio objective: Occurrences, the good ratio as target (error_rate <= 1 % is 0.99); others: Timeslices, a threshold.
        yaml.ShouldContain("  budgetingMethod: Occurrences\n  objectives:\n  - displayName: Errors\n    target: 0.99\n");
        yaml.ShouldContain("  budgetingMethod: Timeslices\n  objectives:\n  - displayName: Restore\n    op: lte\n    value: 7200\n    target: 1\n");
        yaml.ShouldContain("  - duration: 1M\n    isRolling: false\n    calendar:\n      startTime: 2026-01-01 00:00:00\n      timeZone: UTC\n");
        // What OpenSLO cannot express is listed, not dropped silently.
        first.Err.ShouldBe("warning: QuilloRun: the RACI matrix cannot be expressed in OpenSLO: not exported.\n"
            + "warning: QuilloRun: reversibility cannot be expressed in OpenSLO: not exported.\n");
    }

    [Fact]
    public void Credits_calendars_and_governance_are_listed_as_not_exported()
    {
        var (exit, _, error) = Slac.Run("export", "openslo", Slac.Example("novaterra", "novaterra.sla"));
        exit.ShouldBe(0);
        error.ShouldContain("warning: Monitoring.Sev1Restore: measured during business calendar 'Business', which OpenSLO cannot express.\n");
        error.ShouldContain("warning: Monitoring.AvailabilityCredit: service credits (penalties) are not expressed in OpenSLO.\n");
        error.ShouldContain("warning: NovaTerraRun: escalations cannot be expressed in OpenSLO: not exported.\n");
        error.ShouldContain("warning: NovaTerraRun: obligations, committees and periodic controls cannot be expressed in OpenSLO: not exported.\n");
    }

    [Fact]
    public void A_plain_openslo_slo_becomes_an_availability_objective_on_its_window_with_a_warning()
    {
        var dir = Folder();
        File.WriteAllText(Path.Combine(dir, "slo.yaml"), """
            apiVersion: openslo/v1
            kind: Service
            metadata: { name: web, displayName: Web }
            spec: { description: The web site }
            ---
            apiVersion: openslo/v1
            kind: SLO
            metadata: { name: web-avail, displayName: WebAvailability }
            spec:
              service: web
              budgetingMethod: Occurrences
              timeWindow: [ { duration: 28d, isRolling: true } ]
              objectives: [ { target: 0.995 } ]
            """);
        var (exit, output, error) = Slac.Run("import", "openslo", Path.Combine(dir, "slo.yaml"));
        exit.ShouldBe(0);
        output.ShouldContain("  service Web \"The web site\" {\n    objective WebAvailability { indicator availability; target >= 99.5%; per rolling 28d }\n  }\n");
        error.ShouldBe("warning: SLO WebAvailability: no SlaLang annotations; read as availability >= 99.5% per rolling 28d (check the indicator).\n");
    }
}
