namespace SlaLang.Runtime.Tests;

public class IdMapTests
{
    [Fact]
    public void Behaves_as_an_ordinal_dictionary_under_random_adds_removes_and_lookups()
    {
        var rnd = new Random(17);
        var map = new IdMap<int>();
        var model = new Dictionary<string, int>(StringComparer.Ordinal);
        // Ids of every length 0–40 (the hash reads 2-byte units below 4 characters, 8-byte chunks from 4 on).
        var ids = Enumerable.Range(0, 600).Select(i => new string('x', i % 41) + (i % 3 == 0 ? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Distinct().ToArray();
        for (var step = 0; step < 40_000; step++)
        {
            var id = new string(ids[rnd.Next(ids.Length)].AsSpan()); // a fresh copy: equality is by content
            switch (rnd.Next(4))
            {
                case 0:
                case 1:
                    ref var slot = ref map.GetOrAdd(id, out var exists);
                    exists.ShouldBe(model.ContainsKey(id));
                    slot += 1;
                    model[id] = model.GetValueOrDefault(id) + 1;
                    break;
                case 2:
                    map.Remove(id).ShouldBe(model.Remove(id));
                    break;
                default:
                    map.TryGetValue(id, out var v).ShouldBe(model.TryGetValue(id, out var w));
                    v.ShouldBe(w);
                    break;
            }
            map.Count.ShouldBe(model.Count);
        }
        map.ToDictionary(p => p.Key, p => p.Value).ShouldBe(model, ignoreOrder: true);
        map["x"] = 42;
        map["x"].ShouldBe(42);
        Should.Throw<KeyNotFoundException>(() => map["absent id"]);
        map.Clear();
        map.Count.ShouldBe(0);
        map.Any().ShouldBeFalse();
        map.TryGetValue("x", out _).ShouldBeFalse();
    }

    [Fact]
    public void Keys_sharing_their_first_and_last_four_characters_stay_distinct()
    {
        // Up to 8 characters the slot's inline bytes are the whole key; longer keys must also compare their middle.
        string[] keys = ["ABCDxxxxWXYZ", "ABCDyyyyWXYZ", "ABCDxxxWXYZ", "ABCDWXYZ", "ABCDxWXYZ", "ABCDE", "ABCD", "ABC", "AB", "A", "", "\0", "\0\0"];
        var map = new IdMap<string>();
        foreach (var k in keys)
        {
            map.GetOrAdd(k) = k;
        }
        map.Count.ShouldBe(keys.Length);
        foreach (var k in keys)
        {
            map[new string(k.AsSpan())].ShouldBe(k);
        }
        map.Remove("ABCDyyyyWXYZ").ShouldBeTrue();
        map.TryGetValue("ABCDyyyyWXYZ", out _).ShouldBeFalse();
        map["ABCDxxxxWXYZ"].ShouldBe("ABCDxxxxWXYZ");
    }
}
