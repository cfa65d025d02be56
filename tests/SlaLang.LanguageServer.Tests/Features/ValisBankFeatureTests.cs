using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Tests.Harness;

namespace SlaLang.LanguageServer.Tests.Features;

/// <summary>Targets and credits on examples/valisbank/valisbank.sla: a yearly and a quarterly fee, a rolling window, counted periods.</summary>
public sealed class ValisBankFeatureTests() : ExampleSession("valisbank")
{
    private new async Task<string> HoverAsync(int line, int character) => (await base.HoverAsync(line, character))!.Contents.Value;

    [Fact]
    public async Task Availability_target_of_99_95_percent_allows_20_to_22_minutes_a_month()
    {
        (await HoverAsync(52, 17)).ShouldBe(
            "**target >= 99.95%** per month (availability)\n\n" +
            "Allowed downtime (0.05% of the time, 24/7, maintenance excluded):\n\n" +
            "- 28-day month: 20 min 9.6 s (1209.6 s)\n" +
            "- 30-day month: 21 min 36 s (1296 s)\n" +
            "- 31-day month: 22 min 19.2 s (1339.2 s)");
    }

    [Fact]
    public async Task Credits_are_priced_at_the_monthly_share_of_a_yearly_or_quarterly_fee()
    {
        (await HoverAsync(74, 26)).ShouldBe("**when < 99.8% credit 7%**\n\nAt the service fee: 7% of 45000.00 EUR per month = **3150.00 EUR**.");
        (await HoverAsync(68, 22)).ShouldBe("**step 1% credit 1.5%**\n\nAt the service fee: 1.5% of 45000.00 EUR per month = **675.00 EUR** for each started step of shortfall.");
        (await HoverAsync(98, 23)).ShouldBe("**step 15min credit 1%**\n\nAt the service fee: 1% of 12000.00 EUR per month = **120.00 EUR** for each started step of shortfall.");
    }

    [Fact]
    public async Task Targets_over_rolling_and_counted_periods_name_their_period()
    {
        (await HoverAsync(94, 60)).ShouldBe("**target <= 3%** per rolling 90 days (reopen_rate)\n\nReopens must be at most 3% of resolutions each rolling 90 days.");
        (await HoverAsync(57, 97)).ShouldBe("**target <= 3** per 3 months (incident_count)\n\nAt most 3 incidents opened each 3 months.");
    }

    [Fact]
    public async Task The_only_inlay_hint_is_beside_the_availability_target()
    {
        var hints = await Client.RequestAsync<InlayHint[]>("textDocument/inlayHint", new { textDocument = new { uri = Uri }, range = new { start = new { line = 0, character = 0 }, end = new { line = 400, character = 0 } } });
        hints.Select(h => (h.Position, h.Label)).ShouldBe([(new Position(52, 22), "allows 20 min 9.6 s–22 min 19.2 s down per month")]);
    }
}
