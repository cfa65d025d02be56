using System.Text;
using Xunit.Abstractions;
using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Syntax;

/// <summary>Whatever the input, parsing never throws, the tree round-trips and spans nest: every prefix of every example
/// (a contract being typed), seeded random mutations, garbage, deep nesting and a very long line.</summary>
public class RobustnessTests
{
    private readonly ITestOutputHelper _output;

    public RobustnessTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Theory]
    [MemberData(nameof(ExampleFiles.Data), MemberType = typeof(ExampleFiles))]
    public void Every_prefix_of_an_example_round_trips(string path)
    {
        var text = ExampleFiles.Read(path);
        Parallel.For(0, text.Length + 1, length =>
        {
            var prefix = text[..length];
            TreeInvariants.Check(SyntaxTree.Parse(prefix, path), prefix, $"{path} prefix of {length} characters");
        });
    }

    [Fact]
    public void Random_mutations_of_the_examples_round_trip()
    {
        const int Mutations = 10_000;
        var seed = Environment.GetEnvironmentVariable("SLA_MUTATION_SEED") is { } fixedSeed ? int.Parse(fixedSeed, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        _output.WriteLine($"Mutation seed: {seed} (set SLA_MUTATION_SEED={seed} to replay)");
        var examples = ExampleFiles.All.Select(ExampleFiles.Read).ToArray();
        var fragments = new[] { "{", "}", "(", ")", ",", ";", "..", "\n", "\"", "/*", "*/", "//", "///", "==", "!=", "<=", "%", "-", " ", "\t", "\r\n",
            "target", "where", "in", "not", "and", "or", "service", "objective", "penalty", "raci", "roles", "mon-fri", "08:00", "2026-13-01", "25:00",
            "4hh", "1h30min", "99.93%", "18000 EUR", "\\u{ZZ}", "\\q", "5bd", "\u00e9", "\0", "\uD83D\uDE00", "@", "#" };
        Parallel.For(0, Mutations, i =>
        {
            var random = new Random(unchecked((seed * 1_000_003) + i));
            var text = new StringBuilder(examples[random.Next(examples.Length)]);
            var edits = 1 + random.Next(4);
            for (var e = 0; e < edits; e++)
            {
                var at = random.Next(text.Length + 1);
                switch (random.Next(4))
                {
                    case 0:
                        text.Insert(at, (char)random.Next(0, 128));
                        break;
                    case 1:
                        if (at < text.Length)
                        {
                            text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(8)));
                        }
                        break;
                    case 2:
                        if (at < text.Length)
                        {
                            text[at] = (char)random.Next(32, 127);
                        }
                        break;
                    default:
                        text.Insert(at, fragments[random.Next(fragments.Length)]);
                        break;
                }
            }
            var mutated = text.ToString();
            TreeInvariants.Check(SyntaxTree.Parse(mutated), mutated, $"mutation {i} of seed {seed}");
        });
    }

    [Fact]
    public void Binary_garbage_yields_diagnostics()
    {
        var random = new Random(20261126);
        var bytes = new byte[200_000];
        random.NextBytes(bytes);
        var text = Encoding.Latin1.GetString(bytes);
        var tree = SyntaxTree.Parse(text);
        TreeInvariants.Check(tree, text, "binary garbage");
        tree.Diagnostics.ShouldNotBeEmpty();
        tree.Diagnostics.Count.ShouldBeLessThanOrEqualTo(10_001);
    }

    [Fact]
    public void Hundred_thousand_nested_braces_report_nesting_without_overflow()
    {
        var text = "contract C {\n  service S {\n" + new string('{', 100_000) + new string('}', 100_000) + "\n  }\n}\n";
        var tree = SyntaxTree.Parse(text);
        TreeInvariants.Check(tree, text, "nested braces");
        tree.Diagnostics.Select(d => d.Code).ShouldBe(["SLA1014"]);
    }

    [Fact]
    public void Hundred_thousand_nested_blocks_report_nesting_depth()
    {
        var text = "contract C {\n" + string.Concat(Enumerable.Repeat("service S {\n", 100_000)) + new string('}', 100_001);
        var tree = SyntaxTree.Parse(text);
        TreeInvariants.Check(tree, text, "nested services");
        tree.Diagnostics.Select(d => d.Code).ShouldContain("SLA1017");
    }

    [Fact]
    public void Hundred_thousand_nested_parentheses_in_a_condition_report_nesting_depth()
    {
        var text = "contract C {\n escalation E for incidents where " + new string('(', 100_000) + "a" + new string(')', 100_000) + " {\n }\n}\n";
        var tree = SyntaxTree.Parse(text);
        TreeInvariants.Check(tree, text, "nested parentheses");
        tree.Diagnostics.Select(d => d.Code).ShouldBe(["SLA1017"]);
    }

    [Fact]
    public void A_hundred_thousand_term_condition_is_cut_at_the_operator_limit()
    {
        var text = "contract C {\n escalation E for incidents where a" + string.Concat(Enumerable.Repeat(" and a", 100_000)) + " {\n }\n}\n";
        var tree = SyntaxTree.Parse(text);
        TreeInvariants.Check(tree, text, "long condition");
        var diagnostic = tree.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("SLA1017");
        diagnostic.Message.ShouldBe("Nesting is deeper than 256 levels; the rest of this construct is skipped.");
        tree.Root.DescendantNodes().OfType<BinaryExpressionSyntax>().Count().ShouldBe(256);
    }

    [Fact]
    public void A_byte_order_mark_is_whitespace()
    {
        var text = "\uFEFFcontract C {\n}\n";
        var tree = SyntaxTree.Parse(text);
        tree.Diagnostics.ShouldBeEmpty();
        tree.Root.Contract!.GetFirstToken()!.LeadingTrivia.Single().Kind.ShouldBe(SyntaxKind.WhitespaceTrivia);
    }

    [Theory]
    [InlineData("contract C {\n  version \"", 'x', "SLA1003")]
    [InlineData("contract C {\n  version ", '#', "SLA1001")]
    [InlineData("contract C {\n  ", 'a', "SLA1014")]
    public void A_fifty_megabyte_line_yields_one_diagnostic(string prefix, char filler, string code)
    {
        var text = prefix + new string(filler, 50_000_000);
        var tree = SyntaxTree.Parse(text);
        tree.Root.FullSpan.End.ShouldBe(text.Length);
        tree.Root.ToFullString().ShouldBe(text);
        tree.Diagnostics.Select(d => d.Code).ShouldBe([code, "SLA1013"]);
    }

    [Fact]
    public void A_long_line_of_random_tokens_round_trips()
    {
        var builder = new StringBuilder("contract C { version ", 2_000_100);
        var random = new Random(7);
        const string alphabet = "abc 012 ;,.-{}()\"%#";
        while (builder.Length < 2_000_000)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }
        var text = builder.ToString();
        var tree = SyntaxTree.Parse(text);
        TreeInvariants.Check(tree, text, "long random line");
        tree.Diagnostics.Count.ShouldBe(DiagnosticBagLimit + 1);
        tree.Diagnostics[^1].Code.ShouldBe("SLA1022");
    }

    private const int DiagnosticBagLimit = 10_000;
}
