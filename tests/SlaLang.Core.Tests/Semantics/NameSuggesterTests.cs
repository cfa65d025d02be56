using SlaLang.Semantics;

namespace SlaLang.Core.Tests.Semantics;

/// <summary>Did-you-mean: edit distance and the closeness threshold.</summary>
public class NameSuggesterTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("ServiceManger", "ServiceManager", 1)]
    [InlineData("ab", "ba", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Distance_counts_edits_with_adjacent_transpositions(string a, string b, int expected) =>
        NameSuggester.Distance(a, b).ShouldBe(expected);

    [Fact]
    public void Closest_candidate_within_a_third_of_the_length_is_suggested()
    {
        NameSuggester.Suggest("ServiceManger", ["ITDirector", "ServiceManager", "SecurityOfficer"]).ShouldBe("ServiceManager");
        NameSuggester.Suggest("itdirector", ["ITDirector"]).ShouldBe("ITDirector");
        NameSuggester.Suggest("Zebra", ["ITDirector", "ServiceManager"]).ShouldBeNull();
        NameSuggester.Suggest("A", ["B"]).ShouldBeNull();
    }
}
