using NodaTime;

namespace SlaLang.Runtime.Tests;

public class TimeSetTests
{
    private static Instant H(int h) => Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromHours(h);

    [Fact]
    public void Instants_added_in_any_order_and_twice_are_kept_once_and_sorted()
    {
        var set = new TimeSet();
        var added = new[] { 5, 2, 9, 2, 7, 5, 1, 9 }.Select(h => set.Add(H(h))).ToArray();
        added.ShouldBe([true, true, true, false, true, false, true, false]);
        set.Count.ShouldBe(5);
        set.Min.ShouldBe(H(1));
        set.Max.ShouldBe(H(9));
        var items = new List<Instant>();
        foreach (var t in set)
        {
            items.Add(t);
        }
        items.ShouldBe([H(1), H(2), H(5), H(7), H(9)]);
        set.FirstAtOrAfter(H(3)).ShouldBe(H(5));
        set.FirstAtOrAfter(H(1)).ShouldBe(H(1));
        set.FirstAtOrAfter(H(10)).ShouldBeNull();
    }

    [Fact]
    public void Empty_set_has_no_bounds()
    {
        var set = new TimeSet();
        set.Min.ShouldBeNull();
        set.Max.ShouldBeNull();
        set.FirstAtOrAfter(H(0)).ShouldBeNull();
    }
}
