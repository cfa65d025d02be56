using System.Collections.Immutable;
using NodaTime;
using SlaLang.Model;
using SlaLang.Runtime;

namespace SlaLang.Core.Tests.Emit;

/// <summary>Contract models written by hand (as the binder would produce them), to test the emitter on its own.</summary>
internal static class HandBuiltModels
{
    private static SourceLocation At(int line, int column = 3) => new("novaterra.sla", line, column);

    /// <summary>examples/novaterra/novaterra.sla as a model (the parts that drive monitoring).</summary>
    public static ContractModel NovaTerra()
    {
        var business = new CalendarModel(
            "Business", false,
            [
                .. new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }
                    .Select(d => new WeeklyHoursModel(d, Duration.FromHours(8), Duration.FromHours(18))),
                new WeeklyHoursModel(IsoDayOfWeek.Saturday, Duration.FromHours(9), Duration.FromHours(12)),
            ],
            [new LocalDate(2026, 5, 1), new LocalDate(2026, 12, 25)], null, At(19));
        var sev1 = new FieldInFilter("severity", ["sev1"], false);
        var objectives = ImmutableArray.Create(
            new ObjectiveModel("Monitoring", "Availability", null, new IndicatorModel(IndicatorKind.Availability, null, null),
                new TargetModel(Comparison.GreaterOrEqual, 99.93m, ">= 99.93%"), new PeriodSpec(PeriodUnit.Month), "always", true, At(32, 5)),
            new ObjectiveModel("Monitoring", "Sev1Restore", null, new IndicatorModel(IndicatorKind.Mttr, null, sev1),
                new TargetModel(Comparison.LessOrEqual, 4 * 3600m, "<= 4h"), new PeriodSpec(PeriodUnit.Month), "Business", false, At(39, 5)),
            new ObjectiveModel("Monitoring", "Sev1Within4h", null,
                new IndicatorModel(IndicatorKind.ResolvedWithin, Duration.FromHours(4), new FieldInFilter("severity", ["sev1", "sev2"], false)),
                new TargetModel(Comparison.GreaterOrEqual, 95m, ">= 95%"), new PeriodSpec(PeriodUnit.Month), "always", false, At(45, 5)),
            new ObjectiveModel("Monitoring", "Reopens", null, new IndicatorModel(IndicatorKind.ReopenRate, null, null),
                new TargetModel(Comparison.LessOrEqual, 5m, "<= 5%"), new PeriodSpec(PeriodUnit.Quarter), "always", false, At(50, 5)));
        var penalties = ImmutableArray.Create(
            new PenaltyModel("Monitoring", "AvailabilityCredit", "Availability", null, PenaltyBaseKind.Fee, null,
                [
                    new PenaltyTierModel(Comparison.Less, 99.93m, 5m, At(54, 7)),
                    new PenaltyTierModel(Comparison.Less, 99.5m, 10m, At(55, 7)),
                    new PenaltyTierModel(Comparison.Less, 99m, 25m, At(56, 7)),
                ], null, 25m, At(52, 5)),
            new PenaltyModel("Monitoring", "RestoreCredit", "Sev1Restore", null, PenaltyBaseKind.Fee, null,
                [], new PenaltyStepModel(3600m, 2m, At(61, 7)), 10m, At(59, 5)));
        var monitoring = new ServiceModel("Monitoring", "24/7 supervision of plant systems", null,
            new FeeModel(18000m, 1, "EUR", At(30, 5)), objectives, penalties, At(29));
        var escalation = new EscalationModel("Sev1Path", null, sev1, "always",
            [
                new EscalationLevelModel(1, Duration.FromMinutes(30), ["ServiceManager"], At(75, 5)),
                new EscalationLevelModel(2, Duration.FromHours(2), ["ITDirector"], At(76, 5)),
            ], At(73));
        var obligations = ImmutableArray.Create(
            new ObligationModel("IncidentReview", "Weekly incident review", null, ObligationKind.Committee, null, new PeriodSpec(PeriodUnit.Week), null, "always", At(80, 5)),
            new ObligationModel("ValueReview", "Monthly value review", null, ObligationKind.Committee, null, new PeriodSpec(PeriodUnit.Month), null, "always", At(85, 5)),
            new ObligationModel("Strategic", "Quarterly strategic committee", null, ObligationKind.Committee, null, new PeriodSpec(PeriodUnit.Quarter), null, "always", At(86, 5)),
            new ObligationModel("MonthlyReport", "SLA performance report", null, ObligationKind.Obligation, "Infogen", new PeriodSpec(PeriodUnit.Month),
                new DueOffsetModel(null, 5), "Business", At(89)),
            new ObligationModel("security.recovery_test", null, null, ObligationKind.SecurityControl, null, new PeriodSpec(PeriodUnit.Months, 6), null, "always", At(99, 5)),
            new ObligationModel("security.audit", null, null, ObligationKind.SecurityControl, null, new PeriodSpec(PeriodUnit.Quarter), null, "always", At(100, 5)),
            new ObligationModel("security.access_review", null, null, ObligationKind.SecurityControl, null, new PeriodSpec(PeriodUnit.Quarter), null, "always", At(101, 5)));
        return new ContractModel(
            "NovaTerraRun", "NovaTerra managed run", "NovaTerra: managed run of three plants.", "2.1.0",
            new LocalDate(2026, 1, 1), new LocalDate(2028, 12, 31), "Europe/Paris", "EUR", OutsourcingModel.Nearshore, ContractProfile.Standard,
            [
                new PartyModel("NovaTerra", PartyKind.Client, null, "NovaTerra SAS", null, At(10)),
                new PartyModel("Infogen", PartyKind.Provider, null, "Infogen Services", null, At(11)),
            ],
            [new RoleModel("ServiceManager", "Infogen", null, null, At(15)), new RoleModel("ITDirector", "NovaTerra", "IT director", null, At(14))],
            [business],
            [new SeverityModel("sev1", "Production stopped on a plant", 0, null, At(25)), new SeverityModel("sev2", "Degraded production", 1, null, At(26)), new SeverityModel("sev3", "Minor", 2, null, At(27))],
            [monitoring], null, [escalation], [], obligations, null, null, null, At(2, 1));
    }
}
