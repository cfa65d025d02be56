using SlaLang.Diff;
using SlaLang.Model;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Diff;

/// <summary>
/// docs/language.md §9: every row of the table with a pair of small contracts (one edit each), and the properties that make a
/// diff trustworthy: layout, order and comments are no change; diff(A, B) mirrors diff(B, A).
/// </summary>
public class ContractDiffTests
{
    internal const string Base = """
        /// Base contract.
        contract C "Managed run" {
          version "1.0.0"
          term 2026-01-01 .. 2026-12-31
          timezone "Europe/Paris"
          currency EUR
          party Client client "Client SA"
          party Prov provider "Provider SAS"
          role Boss of Client "IT director"
          role Lead of Prov
          calendar Office { hours mon-fri 08:00-18:00; holidays 2026-05-01 }
          calendar Core { hours mon-fri 09:00-17:00; holidays 2026-05-01 }
          calendar Wide { hours mon-sat 07:00-20:00 }
          calendar Late { hours mon-fri 12:00-20:00 }
          severity sev1 "Down"
          severity sev2
          service Run "Run" {
            fee 1000 EUR per month
            objective Up { indicator availability; target >= 99.5%; per month }
            objective Fix { indicator mttr where severity == sev1; target <= 4h; per month; during Office }
            objective Quick { indicator resolved_within(4h); target >= 90%; per month }
            objective Count { indicator incident_count; target <= 5; per month }
            objective Down { indicator error_rate; target < 1%; per month }
            penalty UpCredit on Up { base fee; when < 99.5% credit 5%; when < 99% credit 10%; cap 20% }
            penalty FixCredit on Fix { base fee; step 1h credit 2%; cap 10% }
          }
          raci {
            roles Boss Lead
            Patching A R
            Monitoring R A
          }
          escalation Path for incidents where severity == sev1 { during Office; after 30min notify Lead; after 2h notify Boss }
          governance { committee Review "Weekly review" { every week; chair Boss; members Lead } }
          obligation Report "Monthly report" { by Prov; every month; due 5d after period end }
          security {
            encryption at_rest, in_transit
            backups immutable retention 90d
            recovery_test every 6 months rto 4h rpo 15min
            audit every quarter
            access_review every quarter
            residency EU
          }
          reversibility { notice 6 months; assistance 3 months; deliver "Runbooks", "CMDB export" }
          transition { phase Pilot 2025-10-01 .. 2025-12-31 gate "Go" }
        }
        """;

    private static ContractModel Model(string text)
    {
        var tree = SyntaxTree.Parse(text, "c.sla");
        var model = Compilation.Create([tree]).GetSemanticModel(tree);
        model.GetAllDiagnostics().Where(d => d.IsError).Select(d => d.ToString()).ShouldBeEmpty();
        return model.GetContractModel().ShouldNotBeNull();
    }

    private static ContractDiffResult Diff(string old, string @new) => ContractDiff.Compare(Model(old), Model(@new));

    private static string Edit(string from, string to)
    {
        Base.ShouldContain(from);
        return Base.Replace(from, to).Replace("version \"1.0.0\"", "version \"1.1.0\"");
    }

    [Theory]
    // Target raised for >= / lowered for <=; >= → >: client. The reverse: provider.
    [InlineData("target >= 99.5%", "target >= 99.9%", "service Run / objective Up / target", Favours.Client)]
    [InlineData("target >= 99.5%", "target >= 99%", "service Run / objective Up / target", Favours.Provider)]
    [InlineData("target >= 99.5%", "target > 99.5%", "service Run / objective Up / target", Favours.Client)]
    [InlineData("target <= 4h", "target <= 2h", "service Run / objective Fix / target", Favours.Client)]
    [InlineData("target < 1%", "target <= 1%", "service Run / objective Down / target", Favours.Provider)]
    // resolved_within(D): D shorter → client.
    [InlineData("resolved_within(4h)", "resolved_within(2h)", "service Run / objective Quick / indicator", Favours.Client)]
    [InlineData("resolved_within(4h)", "resolved_within(8h)", "service Run / objective Quick / indicator", Favours.Provider)]
    // per longer: provider for a mean or percent; for incident_count, client.
    [InlineData("target >= 99.5%; per month", "target >= 99.5%; per quarter", "service Run / objective Up / per", Favours.Provider)]
    [InlineData("target <= 5; per month", "target <= 5; per quarter", "service Run / objective Count / per", Favours.Client)]
    // exclude maintenance added → provider.
    [InlineData("target >= 99.5%; per month }", "target >= 99.5%; per month; exclude maintenance }", "service Run / objective Up / exclude maintenance", Favours.Provider)]
    // during of a clock to a subset of the open hours → provider; superset → client; neither → unknown.
    [InlineData("per month; during Office }", "per month; during Core }", "service Run / objective Fix / during", Favours.Provider)]
    [InlineData("per month; during Office }", "per month; during always }", "service Run / objective Fix / during", Favours.Client)]
    [InlineData("{ during Office; after 30min", "{ during Core; after 30min", "escalation Path / during", Favours.Provider)]
    [InlineData("per month; during Office }", "per month; during Late }", "service Run / objective Fix / during", Favours.Unknown)]
    [InlineData("/// Base contract.", "/// The base contract, reworded.", "title", Favours.Neutral)]
    [InlineData("calendar Wide { hours mon-sat 07:00-20:00 }", "calendar Wide { hours sat-sun 07:00-20:00 }", "calendar Wide", Favours.Unknown)]
    // indicator or where changed; calendar hours changed; base changed: unknown.
    [InlineData("indicator mttr where severity == sev1", "indicator mttr where severity == sev2", "service Run / objective Fix / indicator", Favours.Unknown)]
    [InlineData("calendar Office { hours mon-fri 08:00-18:00", "calendar Office { hours mon-fri 08:00-19:00", "calendar Office", Favours.Unknown)]
    [InlineData("penalty FixCredit on Fix { base fee;", "penalty FixCredit on Fix { base 500 EUR;", "service Run / penalty FixCredit / base", Favours.Unknown)]
    // Added (client) / removed (provider): objective, penalty, tier, step, escalation level, obligation, committee, control, deliverable.
    [InlineData("    objective Count { indicator incident_count; target <= 5; per month }\n", "", "service Run / objective Count", Favours.Provider)]
    [InlineData("when < 99% credit 10%; ", "", "service Run / penalty UpCredit / tier 2", Favours.Provider)]
    [InlineData("when < 99% credit 10%; ", "when < 99% credit 10%; when < 98% credit 15%; ", "service Run / penalty UpCredit / tier 3", Favours.Client)]
    [InlineData("step 1h credit 2%; cap 10%", "cap 10%", "service Run / penalty FixCredit / step", Favours.Provider)]
    [InlineData("; after 2h notify Boss }", " }", "escalation Path / level 2", Favours.Provider)]
    [InlineData("  obligation Report", "  obligation Extra { by Prov; every quarter }\n  obligation Report", "obligation Extra", Favours.Client)]
    [InlineData("    access_review every quarter\n", "", "security / control access_review", Favours.Provider)]
    [InlineData("deliver \"Runbooks\", \"CMDB export\"", "deliver \"Runbooks\"", "reversibility / deliver \"CMDB export\"", Favours.Provider)]
    // Credit rate or cap raised, cap removed, step smaller, a tier applying to more values: client.
    [InlineData("when < 99.5% credit 5%", "when < 99.5% credit 6%", "service Run / penalty UpCredit / tier 1 / credit", Favours.Client)]
    [InlineData("credit 10%; cap 20%", "credit 10%; cap 25%", "service Run / penalty UpCredit / cap", Favours.Client)]
    [InlineData("credit 10%; cap 20% }", "credit 10% }", "service Run / penalty UpCredit / cap", Favours.Client)]
    [InlineData("step 1h credit 2%", "step 30min credit 2%", "service Run / penalty FixCredit / step", Favours.Client)]
    [InlineData("when < 99.5% credit 5%", "when < 99.6% credit 5%", "service Run / penalty UpCredit / tier 1 / when", Favours.Client)]
    [InlineData("when < 99.5% credit 5%", "when < 99.4% credit 5%", "service Run / penalty UpCredit / tier 1 / when", Favours.Provider)]
    // fee raised → provider.
    [InlineData("fee 1000 EUR per month", "fee 1100 EUR per month", "service Run / fee", Favours.Provider)]
    [InlineData("fee 1000 EUR per month", "fee 2700 EUR per quarter", "service Run / fee", Favours.Client)]
    // after longer, due later, every less frequent, control less frequent, retention shorter, rto/rpo longer, notice longer: provider.
    [InlineData("after 30min notify Lead", "after 1h notify Lead", "escalation Path / level 1 / after", Favours.Provider)]
    [InlineData("due 5d after period end", "due 10d after period end", "obligation Report / due", Favours.Provider)]
    [InlineData("{ by Prov; every month;", "{ by Prov; every quarter;", "obligation Report / every", Favours.Provider)]
    [InlineData("{ every week; chair Boss", "{ every month; chair Boss", "obligation Review / every", Favours.Provider)]
    [InlineData("audit every quarter", "audit every year", "security / control audit / every", Favours.Provider)]
    [InlineData("retention 90d", "retention 30d", "security / backups retention", Favours.Provider)]
    [InlineData("rto 4h rpo 15min", "rto 8h rpo 15min", "security / control recovery_test / rto", Favours.Provider)]
    [InlineData("rto 4h rpo 15min", "rto 4h rpo 5min", "security / control recovery_test / rpo", Favours.Client)]
    [InlineData("notice 6 months", "notice 9 months", "reversibility / notice", Favours.Provider)]
    // assistance longer → client.
    [InlineData("assistance 3 months", "assistance 6 months", "reversibility / assistance", Favours.Client)]
    // RACI: an R or A moving from the provider's side to the client's → provider; the reverse → client; other cells neutral.
    [InlineData("Patching A R", "Patching AR -", "raci / Patching", Favours.Provider)]
    [InlineData("Monitoring R A", "Monitoring - RA", "raci / Monitoring", Favours.Client)]
    [InlineData("Patching A R", "Patching AC R", "raci / Patching", Favours.Neutral)]
    // Titles, docs, descriptions, version, term; a declaration renamed with the same body: neutral.
    [InlineData("contract C \"Managed run\"", "contract C \"Managed run services\"", "title", Favours.Neutral)]
    [InlineData("party Client client \"Client SA\"", "party Client client \"Client Group SA\"", "party Client / description", Favours.Neutral)]
    [InlineData("term 2026-01-01 .. 2026-12-31", "term 2026-01-01 .. 2027-12-31", "term", Favours.Neutral)]
    [InlineData("objective Count { indicator", "objective Incidents { indicator", "service Run / objective Count", Favours.Neutral)]
    public void Each_row_of_the_section_9_table_says_whom_the_change_favours(string from, string to, string path, Favours favours)
    {
        var result = Diff(Base, Edit(from, to));
        var changes = result.Changes.Where(c => c.Path != "version").ToList();
        changes.Select(c => $"{c.Path} [{c.Favours}]").ShouldBe([$"{path} [{favours}]"], string.Join("\n", changes.Select(c => $"{c.Path}: {c.Old} → {c.New} [{c.Favours}] {c.Reason}")));
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void A_change_has_its_old_and_new_values_and_lines()
    {
        var change = Diff(Base, Edit("target >= 99.5%; per month", "target >= 99.9%; per month")).Changes.Single(c => c.Path.EndsWith("target", StringComparison.Ordinal));
        (change.Kind, change.Old, change.New, change.OldLocation?.Line, change.NewLocation?.Line, change.Reason)
            .ShouldBe((ChangeKind.Changed, ">= 99.5%", ">= 99.9%", 19, 19, "a stricter target for the provider"));
    }

    [Theory]
    // A tier's threshold and a step read in the unit of the objective they apply to, as the contract writes them.
    [InlineData("when < 99.5% credit 5%", "when < 99.4% credit 5%", "tier 1 / when", "when < 99.5% credit 5%", "when < 99.4% credit 5%")]
    [InlineData("step 1h credit 2%", "step 30min credit 2%", "step", "step 1h credit 2%", "step 30min credit 2%")]
    [InlineData("step 1h credit 2%", "step 90s credit 2%", "step", "step 1h credit 2%", "step 1min30s credit 2%")]
    public void Tiers_and_steps_are_written_in_their_objective_s_unit(string from, string to, string path, string old, string @new)
    {
        var change = Diff(Base, Edit(from, to)).Changes.Single(c => c.Path.EndsWith(path, StringComparison.Ordinal));
        (change.Old, change.New).ShouldBe((old, @new));
    }

    [Fact]
    public void Reordering_reformatting_and_comments_are_no_change()
    {
        var lines = Base.Split('\n').ToList();
        // Move the severities after the services, comment everything, reflow the objectives' clauses one per line.
        var reordered = string.Join('\n', lines)
            .Replace("  severity sev1 \"Down\"\n  severity sev2\n", "")
            .Replace("  raci {", "  severity sev2 // minor\n  severity sev1 \"Down\" /* blocking */\n  raci {")
            .Replace("{ indicator availability; target >= 99.5%; per month }", "{\n      indicator availability\n      per month   // calendar months\n      target >= 99.5%\n    }")
            .Replace("  party Prov provider \"Provider SAS\"\n", "")
            .Replace("  role Boss", "  party Prov provider \"Provider SAS\"\n  role Boss");
        var result = Diff(Base, reordered);
        result.Changes.ShouldBeEmpty();
        result.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void A_changed_model_with_the_same_version_gets_a_warning()
    {
        var result = Diff(Base, Base.Replace("fee 1000 EUR", "fee 1100 EUR"));
        result.Warnings.ShouldBe(["The contract changed but its version is still \"1.0.0\": raise it."]);
        Diff(Base, Base.Replace("version \"1.0.0\"", "version \"1.0.1\"")).Warnings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("target >= 99.5%", "target >= 99.9%")]
    [InlineData("    objective Count { indicator incident_count; target <= 5; per month }\n", "")]
    [InlineData("Patching A R", "Patching AR -")]
    [InlineData("credit 10%; cap 20% }", "credit 10% }")]
    [InlineData("per month; during Office }", "per month; during Core }")]
    [InlineData("deliver \"Runbooks\", \"CMDB export\"", "deliver \"Runbooks\", \"KB\"")]
    [InlineData("objective Count { indicator", "objective Incidents { indicator")]
    public void The_diff_back_is_the_mirror_image(string from, string to)
    {
        var (a, b) = (Base, Edit(from, to));
        var forth = Diff(a, b).Changes;
        var back = Diff(b, a).Changes;
        // A rename's path names the old declaration, so it differs each way: compare paths with the new name read as the old.
        static string PathOf(ContractChange c) => c.Path.Replace("objective Incidents", "objective Count", StringComparison.Ordinal);
        static string Mirror(ContractChange c) => $"{PathOf(c)}|{(c.Kind == ChangeKind.Added ? ChangeKind.Removed : c.Kind == ChangeKind.Removed ? ChangeKind.Added : ChangeKind.Changed)}|{c.New}|{c.Old}|"
            + (c.Favours == Favours.Client ? Favours.Provider : c.Favours == Favours.Provider ? Favours.Client : c.Favours);
        static string Key(ContractChange c) => $"{PathOf(c)}|{c.Kind}|{c.Old}|{c.New}|{c.Favours}";
        forth.ShouldNotBeEmpty();
        back.Select(Key).Order().ShouldBe(forth.Select(Mirror).Order());
    }
}
