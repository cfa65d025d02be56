using SlaLang.Emit;

namespace SlaLang.Core.Tests.Emit;

public class CSharpNamesTests
{
    [Theory]
    [InlineData("Availability", "Availability")]
    [InlineData("sev_1", "sev_1")]
    [InlineData("class", "@class")]
    [InlineData("var", "@var")]
    [InlineData("9lives", "_9lives")]
    [InlineData("", "@_")]
    [InlineData("a b", "a_u0020_b")]
    [InlineData("security.audit", "security_audit")]
    [InlineData("été", "_u00E9_t_u00E9_")]
    [InlineData("x\"y", "x_u0022_y")]
    [InlineData("line\nbreak", "line_u000A_break")]
    [InlineData("smile\U0001F600", "smile_u1F600_")]
    [InlineData("a_u0020_b", "a_u005F_u0020_b")]
    public void Sanitize_maps_any_text_to_a_valid_identifier(string text, string expected)
    {
        var identifier = CSharpNames.Sanitize(text);
        identifier.ShouldBe(expected);
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(identifier.TrimStart('@')).ShouldBeTrue();
    }

    [Fact]
    public void Texts_that_sanitize_alike_get_distinct_identifiers_in_a_scope()
    {
        var names = new CSharpNames(["Report"]);
        names.Get("1a").ShouldBe("_1a");
        names.Get("_1a").ShouldBe("_1a_2");
        names.Get("Report").ShouldBe("Report_2");
        names.Get("1a").ShouldBe("_1a");
        names.Get("security.audit").ShouldBe("security_audit");
        names.Get("security_audit").ShouldBe("security_audit_2");
    }

    [Fact]
    public void Prefix_and_suffix_are_part_of_the_key()
    {
        var names = new CSharpNames();
        names.Get("Availability", prefix: "_objective_").ShouldBe("_objective_Availability");
        names.Get("Availability", prefix: "Where_").ShouldBe("Where_Availability");
        names.Get("Availability", prefix: "_objective_").ShouldBe("_objective_Availability");
    }
}
