using NodaTime;
using static SlaLang.Runtime.Tests.TestTime;

namespace SlaLang.Runtime.Tests;

public class ReportWriterTests
{
    private static SlaReport SmallReport()
    {
        var m = new ContractMonitor("C", "Europe/Paris", new LocalDate(2026, 3, 1), new LocalDate(2026, 12, 31), "EUR");
        var a = m.Add(new Objective("S", "Avail", IndicatorKind.Availability, new Target(Comparison.GreaterOrEqual, 99.5m, ">= 99.5%"), PeriodRule.Month, m.Always));
        m.Add(new Objective("S", "Count", IndicatorKind.IncidentCount, new Target(Comparison.LessOrEqual, 3m, "<= 3"), PeriodRule.Month, m.Always));
        m.Add(new Objective("A", "Mttr", IndicatorKind.Mttr, new Target(Comparison.LessOrEqual, 3600m, "<= 1h"), PeriodRule.Month, m.Always));
        m.Add(new Penalty("Credit", a, PenaltyBase.Fee(1000m), [new PenaltyTier(Comparison.Less, 99.5m, 5m)]));
        m.Add(new Escalation("Path", null, m.Always, [new EscalationLevel(1, Duration.FromMinutes(30), ["Duty"])]));
        m.Add(new Obligation("Report", PeriodRule.Month, DueOffset.AtPeriodEnd, m.Always));
        // March (31 d = 2678400 s, 23 h on 03-29 → 2674800 s): outage of 26748 s → 100 × (1 − 0.01) = 99.
        m.Observe(SlaEvent.OutageStart(T("2026-03-10T00:00:00+01:00"), "S", "O"));
        m.Observe(SlaEvent.OutageEnd(T("2026-03-10T07:25:48+01:00"), "S", "O"));
        m.Observe(SlaEvent.IncidentOpened(T("2026-03-10T10:00:00+01:00"), "S", "I1", "sev1"));
        m.Observe(SlaEvent.FulfilledObligation(T("2026-03-31T09:00:00Z"), "Report"));
        return m.Report(I("2026-04-01T00:00:00+02:00"));
    }

    [Fact]
    public void Times_keep_an_offset_with_seconds_so_they_read_back_as_the_same_instant()
    {
        var paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        var lmt = Instant.FromUtc(1900, 1, 1, 0, 0).InZone(paris).ToOffsetDateTime(); // Paris mean time, +00:09:21
        ReportNames.FormatTime(lmt).ShouldBe("1900-01-01T00:09:21+00:09:21");
        T(ReportNames.FormatTime(lmt)).ToInstant().ShouldBe(Instant.FromUtc(1900, 1, 1, 0, 0));
        ReportNames.FormatTime(T("2026-03-29T03:00:00.5+02:00")).ShouldBe("2026-03-29T03:00:00.5+02:00");
        ReportNames.FormatTime(T("2026-03-29T03:00:00Z")).ShouldBe("2026-03-29T03:00:00+00:00");
        ReportNames.FormatTime(T("2026-03-29T03:00:00+05:45")).ShouldBe("2026-03-29T03:00:00+05:45");
    }

    [Fact]
    public void Json_report_matches_the_section_7_shape_exactly()
    {
        // Avail: sched 2674800 s; allowed = 2674800 × 0.5 / 100 = 13374 s; consumed = 26748 / 13374 = 2.
        // Credit: base = 1000 (one whole month) × 5 % = 50.00. Escalation: 10:00 + 30 min.
        var json = ReportJsonWriter.ToJson(SmallReport(), indented: false);
        json.ShouldBe((
            "{'contract':'C','asOf':'2026-04-01T00:00:00+02:00','objectives':[" +
            "{'service':'A','objective':'Mttr','period':{'start':'2026-03-01T00:00:00+01:00','end':'2026-04-01T00:00:00+02:00'},'value':null,'unit':'seconds','target':'<= 1h','calendar':'always','status':'no_data','atRisk':false}," +
            "{'service':'S','objective':'Avail','period':{'start':'2026-03-01T00:00:00+01:00','end':'2026-04-01T00:00:00+02:00'},'value':99,'unit':'percent','target':'>= 99.5%','calendar':'always','status':'breached','atRisk':false,'budget':{'allowedSeconds':13374,'consumed':2}}," +
            "{'service':'S','objective':'Count','period':{'start':'2026-03-01T00:00:00+01:00','end':'2026-04-01T00:00:00+02:00'},'value':1,'unit':'count','target':'<= 3','calendar':'always','status':'met','atRisk':false}]," +
            "'credits':[{'service':'S','penalty':'Credit','objective':'Avail','period':{'start':'2026-03-01T00:00:00+01:00','end':'2026-04-01T00:00:00+02:00'},'rate':5,'amount':50.00,'currency':'EUR'}]," +
            "'escalations':[{'escalation':'Path','incident':'I1','level':1,'notify':'Duty','at':'2026-03-10T10:30:00+01:00'}]," +
            "'obligations':[{'obligation':'Report','period':{'start':'2026-03-01T00:00:00+01:00','end':'2026-04-01T00:00:00+02:00'},'due':'2026-04-01T00:00:00+02:00','status':'met','fulfilledAt':'2026-03-31T09:00:00+00:00'}],'warnings':[]}").Replace('\'', '"'));
    }

    [Fact]
    public void Values_are_written_as_exact_unrounded_decimals()
    {
        // 100 × 1 / 3 keeps all 28 significant digits of decimal; fractions of a second are kept.
        using var ms = new MemoryStream();
        var report = new SlaReport("C", T("2026-04-01T00:00:00.25+02:00"),
            [new ObjectiveResult("S", "O", new PeriodBounds(T("2026-03-01T00:00:00+01:00"), T("2026-04-01T00:00:00+02:00")), 100m / 3m, IndicatorUnit.Percent, ">= 50%", ObjectiveStatus.Breached, false, null)],
            [], [], []);
        var json = ReportJsonWriter.ToJson(report, indented: false);
        json.ShouldContain("\"asOf\":\"2026-04-01T00:00:00.25+02:00\"");
        json.ShouldContain("\"value\":33.333333333333333333333333333");
    }
}

/// <summary>The allocation-free time formatter of reports against NodaTime's pattern it replaces on the hot path.</summary>
public sealed class ReportTimeFormatTests
{
    [Fact]
    public void The_fast_time_text_equals_the_pattern_text_for_every_kind_of_instant_and_offset()
    {
        var random = new Random(7);
        var checkedCount = 0;
        for (var k = 0; k < 200_000; k++)
        {
            var year = k % 50 == 0 ? random.Next(1, 10_000) : random.Next(1900, 3001);
            var date = new NodaTime.LocalDate(year, random.Next(1, 13), 1).PlusDays(random.Next(0, 28));
            var nanos = (k % 4) switch
            {
                0 => 0,
                1 => random.Next(0, 1_000) * 1_000_000,
                2 => random.Next(0, 1_000_000_000),
                _ => random.Next(1, 10) * 100,
            };
            var time = new NodaTime.LocalTime(random.Next(0, 24), random.Next(0, 60), random.Next(0, 60)).PlusNanoseconds(nanos);
            var offsetMinutes = k % 7 == 0 ? 0 : random.Next(-18 * 60 + 1, 18 * 60);
            var value = new NodaTime.OffsetDateTime(date.At(time), NodaTime.Offset.FromSeconds(offsetMinutes * 60));
            ReportNames.FormatTime(value).ShouldBe(ReportNames.SlowFormatTime(value), value.ToString());
            checkedCount++;
        }
        checkedCount.ShouldBe(200_000);
        // Offsets with seconds (local mean time) keep the general pattern.
        var paris1900 = new NodaTime.OffsetDateTime(new NodaTime.LocalDateTime(1900, 1, 1, 0, 0), NodaTime.Offset.FromSeconds(561));
        ReportNames.TryFormatTime(paris1900, new char[ReportNames.MaxTimeLength], out _).ShouldBeFalse();
        ReportNames.FormatTime(paris1900).ShouldBe("1900-01-01T00:00:00+00:09:21");
        ReportNames.FormatTime(new NodaTime.OffsetDateTime(new NodaTime.LocalDateTime(2026, 3, 29, 2, 30, 0, 500), NodaTime.Offset.Zero)).ShouldBe("2026-03-29T02:30:00.5+00:00");
    }
}
