using SlaLang.Formatting;
using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Formatting;

public sealed class ContractFormatterTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot(), "examples"), "*.sla", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryRoot(), file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_is_already_in_canonical_form(string example)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), example));
        var result = ContractFormatter.Format(text, example);
        result.Refused.ShouldBeFalse();
        result.Text.ShouldBe(text);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Formatting_a_scrambled_example_keeps_tokens_and_comments_and_is_idempotent(string example)
    {
        var text = Scramble(File.ReadAllText(Path.Combine(RepositoryRoot(), example)));
        var once = ContractFormatter.Format(text, example);
        once.Refused.ShouldBeFalse();
        var twice = ContractFormatter.Format(once.Text, example);
        twice.Text.ShouldBe(once.Text);
        twice.Changed.ShouldBeFalse();
        Tokens(once.Text).ShouldBe(Tokens(text));
        Comments(once.Text).ShouldBe(Comments(text));
        once.Text.ShouldBe(File.ReadAllText(Path.Combine(RepositoryRoot(), example)));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void An_example_missing_any_one_line_is_refused_or_formatted_idempotently_with_the_same_tokens(string example)
    {
        var lines = File.ReadAllText(Path.Combine(RepositoryRoot(), example)).Split('\n');
        var formatted = 0;
        // Every third line, to keep the test fast: each variant misses one line.
        for (var removed = 0; removed < lines.Length; removed += 3)
        {
            var prefix = string.Join('\n', lines.Where((_, i) => i != removed));
            var once = ContractFormatter.Format(prefix);
            if (once.Refused)
            {
                once.Text.ShouldBe(prefix);
                continue;
            }
            formatted++;
            Tokens(once.Text).ShouldBe(Tokens(prefix));
            Comments(once.Text).ShouldBe(Comments(prefix));
            ContractFormatter.Format(once.Text).Text.ShouldBe(once.Text);
        }
        formatted.ShouldBeGreaterThan(lines.Length / 6);
    }

    [Fact]
    public void Indents_by_brace_depth_with_two_spaces_and_normalises_spacing()
    {
        const string input = "contract   C {\n      version  \"1\"\n\tservice S{\n fee 10 EUR   per month   \n   objective O { indicator availability ;target >= 99%; per month }\n}\n    }\n";
        const string expected = "contract C {\n  version \"1\"\n  service S {\n    fee 10 EUR per month\n    objective O { indicator availability; target >= 99%; per month }\n  }\n}\n";
        var result = ContractFormatter.Format(input);
        result.Refused.ShouldBeFalse();
        result.Text.ShouldBe(expected);
        result.Changed.ShouldBeTrue();
    }

    [Fact]
    public void A_brace_on_its_own_line_lines_up_with_its_statement()
    {
        const string input = "contract C\n{\n  service S\n      {\n    fee 10 EUR per month\n  objective O\n{ indicator availability; target >= 99%; per month }\n  }\n}\n";
        const string expected = "contract C\n{\n  service S\n  {\n    fee 10 EUR per month\n    objective O\n    { indicator availability; target >= 99%; per month }\n  }\n}\n";
        var result = ContractFormatter.Format(input);
        result.Text.ShouldBe(expected);
        ContractFormatter.Format(expected).Changed.ShouldBeFalse();
    }

    [Fact]
    public void Aligns_raci_columns_one_space_after_the_activity_and_two_between_roles()
    {
        const string input = """
            contract C {
            raci {
            roles A1 LongRoleName B
            Patch "Patching" A R -
            Mon RA - CI
            }
            }

            """;
        const string expected = """
            contract C {
              raci {
                roles            A1  LongRoleName  B
                Patch "Patching" A   R             -
                Mon              RA  -             CI
              }
            }

            """;
        ContractFormatter.Format(input).Text.ShouldBe(expected);
    }

    [Fact]
    public void Keeps_comments_and_their_spacing_collapses_blank_lines_and_indents_continuations()
    {
        const string input = "/// Doc.\ncontract C {   // trailing\n\n\n\n  // own line\n      /* block\n   kept */\n  governance {\n    committee K {\n      members A,\n  B\n    }\n  }\n}\n\n\n";
        const string expected = "/// Doc.\ncontract C {   // trailing\n\n  // own line\n  /* block\n   kept */\n  governance {\n    committee K {\n      members A,\n        B\n    }\n  }\n}\n";
        ContractFormatter.Format(input).Text.ShouldBe(expected);
    }

    [Fact]
    public void Keeps_crlf_line_breaks_and_turns_tabs_into_spaces()
    {
        const string input = "contract C {\r\n\tversion \"1\"\r\n\r\n\r\n\tcurrency EUR\r\n}\r\n";
        ContractFormatter.Format(input).Text.ShouldBe("contract C {\r\n  version \"1\"\r\n\r\n  currency EUR\r\n}\r\n");
    }

    [Fact]
    public void Refuses_a_file_with_syntax_errors_and_returns_it_unchanged()
    {
        const string input = "contract C {\n   target >= \n";
        var result = ContractFormatter.Format(input);
        result.Refused.ShouldBeTrue();
        result.Changed.ShouldBeFalse();
        result.Text.ShouldBe(input);
        result.Errors.ShouldNotBeEmpty();
    }

    private static string Scramble(string text)
    {
        // Token by token: widen every run of spaces (not the one before a trailing comment), indent
        // lines oddly, add trailing spaces before line breaks and double the blank lines. Tokens stay as they were.
        var builder = new System.Text.StringBuilder();
        var line = 0;
        foreach (var token in SyntaxTree.Parse(text).GetTokens())
        {
            Append([.. token.LeadingTrivia]);
            builder.Append(token.Text);
            if (token.Kind == SyntaxKind.NewLineToken)
            {
                line++;
                builder.Append(new string(' ', line % 5));
            }
            Append([.. token.TrailingTrivia]);
        }
        return builder.ToString().Replace("\n\n", "\n\n\n\n");

        void Append(List<SyntaxTrivia> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var t = list[i];
                var beforeComment = i + 1 < list.Count && list[i + 1].IsComment;
                if (t.Kind == SyntaxKind.WhitespaceTrivia && !beforeComment)
                {
                    builder.Append(t.Text).Append("  ");
                }
                else if (t.Kind == SyntaxKind.EndOfLineTrivia)
                {
                    builder.Append("  ").Append(t.Text);
                    line++;
                    builder.Append(new string(' ', line % 5));
                }
                else
                {
                    builder.Append(t.Text);
                }
            }
        }
    }

    private static List<string> Tokens(string text) =>
        [.. SyntaxTree.Parse(text).GetTokens().Select(t => $"{t.Kind}:{t.Text}")];

    private static List<string> Comments(string text) =>
        [.. SyntaxTree.Parse(text).GetTokens().SelectMany(t => t.LeadingTrivia.Concat(t.TrailingTrivia)).Where(t => t.IsComment).Select(t => t.Text.Trim())];

    private static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "SlaLang.sln")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new InvalidOperationException("SlaLang.sln not found above the test binaries.");
        }
        return directory;
    }
}
