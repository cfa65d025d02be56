using NodaTime;
using SlaLang.Model;
using SlaLang.Runtime;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>The typed model built from the example contracts: every figure in its indicator unit, fees a month, obligations merged.</summary>
public class ContractModelBuilderTests
{
    private static ContractModel Build(string example)
    {
        var path = $"examples/{example}/{example}.sla";
        var (compilation, tree) = Syntax.ExampleFiles.Compile(path);
        var model = compilation.GetSemanticModel(tree);
        model.GetAllDiagnostics().ShouldBeEmpty();
        return model.GetContractModel().ShouldNotBeNull();
    }

    [Fact]
    public void NovaTerra_header_parties_roles_and_calendars()
    {
        var m = Build("novaterra");
        (m.Name, m.Title, m.Doc, m.Version).ShouldBe(("NovaTerraRun", "NovaTerra managed run", "NovaTerra: managed run of three plants.", "2.1.0"));
        (m.TermStart, m.TermEnd).ShouldBe((new LocalDate(2026, 1, 1), new LocalDate(2028, 12, 31)));
        (m.TimeZoneId, m.Currency, m.Model, m.Profile).ShouldBe(("Europe/Paris", "EUR", OutsourcingModel.Nearshore, ContractProfile.Standard));
        m.Parties.Select(p => $"{p.Name} {p.Kind} {p.OfParty} {p.Title}").ShouldBe([
            "NovaTerra Client  NovaTerra SAS", "Infogen Provider  Infogen Services", "SecurOps Subcontractor Infogen SecurOps SARL"]);
        m.Roles.Select(r => $"{r.Name}/{r.Party}").ShouldBe(["ITDirector/NovaTerra", "ServiceManager/Infogen", "SecurityOfficer/NovaTerra", "PlantManager/NovaTerra"]);
        var business = m.Calendars.ShouldHaveSingleItem();
        business.Hours.Select(h => $"{h.Day} {h.Start.TotalHours}-{h.End.TotalHours}").ShouldBe([
            "Monday 8-18", "Tuesday 8-18", "Wednesday 8-18", "Thursday 8-18", "Friday 8-18", "Saturday 9-12"]);
        business.Holidays.ShouldBe([new LocalDate(2026, 5, 1), new LocalDate(2026, 12, 25)]);
        m.Severities.Select(s => $"{s.Name}:{s.Rank}").ShouldBe(["sev1:0", "sev2:1", "sev3:2"]);
        m.Location.ToString().ShouldBe("examples/novaterra/novaterra.sla(2,1)");
    }

    [Fact]
    public void NovaTerra_objectives_are_in_indicator_units()
    {
        var service = Build("novaterra").Services.ShouldHaveSingleItem();
        service.Fee!.MonthlyAmount.ShouldBe(18000m);
        var objectives = service.Objectives.ToDictionary(o => o.Name);
        var availability = objectives["Availability"];
        (availability.Indicator.Kind, availability.Target.Comparison, availability.Target.Value, availability.Target.Text)
            .ShouldBe((IndicatorKind.Availability, Comparison.GreaterOrEqual, 99.93m, ">= 99.93%"));
        (availability.Per, availability.Calendar, availability.ExcludeMaintenance).ShouldBe((new PeriodSpec(PeriodUnit.Month), "always", true));
        var restore = objectives["Sev1Restore"];
        (restore.Indicator.Kind, restore.Target.Value, restore.Calendar).ShouldBe((IndicatorKind.Mttr, 14400m, "Business"));
        var filter = restore.Indicator.Where.ShouldBeOfType<FieldInFilter>();
        (filter.Field, string.Join(",", filter.Values), filter.Negated).ShouldBe(("severity", "sev1", false));
        var within = objectives["Sev1Within4h"];
        within.Indicator.Within.ShouldBe(Duration.FromHours(4));
        string.Join(",", within.Indicator.Where.ShouldBeOfType<FieldInFilter>().Values).ShouldBe("sev1,sev2");
        objectives["Reopens"].Per.ShouldBe(new PeriodSpec(PeriodUnit.Quarter));
    }

    [Fact]
    public void NovaTerra_penalties_have_tiers_steps_and_caps()
    {
        var penalties = Build("novaterra").Services.Single().Penalties.ToDictionary(p => p.Name);
        var availability = penalties["AvailabilityCredit"];
        (availability.Objective, availability.BaseKind, availability.CapPercent).ShouldBe(("Availability", PenaltyBaseKind.Fee, 25m));
        availability.Tiers.Select(t => (t.Comparison, t.Threshold, t.CreditPercent)).ShouldBe([
            (Comparison.Less, 99.93m, 5m), (Comparison.Less, 99.5m, 10m), (Comparison.Less, 99m, 25m)]);
        var restore = penalties["RestoreCredit"];
        (restore.Step!.Step, restore.Step.CreditPercent, restore.CapPercent, restore.Tiers.Length).ShouldBe((3600m, 2m, 10m, 0));
    }

    [Fact]
    public void NovaTerra_raci_escalation_and_obligations()
    {
        var m = Build("novaterra");
        m.Raci!.Roles.ShouldBe(["ITDirector", "ServiceManager", "SecurityOfficer", "PlantManager"]);
        var sap = m.Raci.Rows.Single(r => r.Activity == "SapTma");
        sap.Title.ShouldBe("SAP run (TMA)");
        sap.Cells.ShouldBe([RaciFlags.Accountable, RaciFlags.Responsible, RaciFlags.None, RaciFlags.Consulted | RaciFlags.Informed]);
        var escalation = m.Escalations.ShouldHaveSingleItem();
        escalation.Levels.Select(l => $"{l.Level} {l.After.TotalMinutes} {string.Join("+", l.Notify)}").ShouldBe(["1 30 ServiceManager", "2 120 ITDirector"]);
        escalation.Calendar.ShouldBe("always");
        m.Committees.Select(c => $"{c.Name} {c.Every} {c.Chair} {string.Join("+", c.Members)}").ShouldBe([
            "IncidentReview week ServiceManager ITDirector+PlantManager", "ValueReview month ITDirector ", "Strategic quarter ITDirector "]);
        m.Obligations.Select(o => $"{o.Name} {o.Kind} {o.Every} {o.ResponsibleParty} {o.Due?.WorkingDays} {o.Calendar}").ShouldBe([
            "IncidentReview Committee week   always",
            "ValueReview Committee month   always",
            "Strategic Committee quarter   always",
            "MonthlyReport Obligation month Infogen 5 Business",
            "security.recovery_test SecurityControl 6 months   always",
            "security.audit SecurityControl quarter   always",
            "security.access_review SecurityControl quarter   always",
        ]);
    }

    [Fact]
    public void NovaTerra_security_reversibility_and_transition()
    {
        var m = Build("novaterra");
        var security = m.Security!;
        (security.EncryptionAtRest, security.EncryptionInTransit, security.ImmutableBackups, security.BackupRetention, security.Residency, security.EdrRequired)
            .ShouldBe((true, true, true, (Duration?)Duration.FromDays(90), "EU", true));
        var recovery = security.Controls.Single(c => c.Control == "recovery_test");
        (recovery.Every, recovery.Rto, recovery.Rpo).ShouldBe((new PeriodSpec(PeriodUnit.Months, 6), (Duration?)Duration.FromHours(4), (Duration?)Duration.FromMinutes(15)));
        (m.Reversibility!.Notice, m.Reversibility.Assistance).ShouldBe((Period.FromMonths(6), Period.FromMonths(3)));
        m.Reversibility.Deliverables.ShouldBe(["Runbooks", "CMDB export", "Knowledge base"]);
        m.Transition!.Phases.Select(p => $"{p.Name} {p.Start:yyyy-MM-dd} {p.End:yyyy-MM-dd} {p.Gate}").ShouldBe([
            "Assessment 2025-09-01 2025-10-15 Go/No-go 1", "Pilot 2025-10-16 2025-12-31 Go/No-go 2"]);
        m.Transition.Overlap.ShouldBe(Period.FromMonths(2));
    }

    [Fact]
    public void Fees_are_normalised_to_a_monthly_amount()
    {
        Build("belleplace").Services.Single(s => s.Name == "Delivery").Fee!.MonthlyAmount.ShouldBe(9000m);
        var valis = Build("valisbank").Services.ToDictionary(s => s.Name);
        valis["Soc"].Fee!.MonthlyAmount.ShouldBe(45000m);
        valis["Identity"].Fee!.MonthlyAmount.ShouldBe(12000m);
    }

    [Fact]
    public void Percent_and_duration_steps_rolling_windows_and_due_durations()
    {
        var belle = Build("belleplace");
        var search = belle.Services.Single(s => s.Name == "Search");
        search.Penalties.Single().Step!.Step.ShouldBe(0.1m);
        search.Objectives.Single(o => o.Name == "Blockers").Target.Value.ShouldBe(2m);
        belle.Services.Single(s => s.Name == "Checkout").Objectives.Single(o => o.Name == "CheckoutErrors").Per
            .ShouldBe(new PeriodSpec(PeriodUnit.Rolling, 1, Duration.FromDays(7)));
        belle.Obligations.Single(o => o.Name == "ReleaseNotes").Due.ShouldBe(new DueOffsetModel(Duration.FromDays(1), null));
        var valis = Build("valisbank");
        valis.Profile.ShouldBe(ContractProfile.Regulated);
        valis.Services.Single(s => s.Name == "Soc").Objectives.Single(o => o.Name == "PlatformStability").Target.Value.ShouldBe(2592000m);
        valis.Parties.Single(p => p.Name == "VeilleNord").OfParty.ShouldBe("Vigie");
    }
}
