using System.Text.RegularExpressions;
using SlaLang.Diagnostics;
using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Syntax;

/// <summary>One test per lexical and syntax diagnostic (SLA1xxx): the code, the exact span and the exact message; plus
/// catalog and documentation coverage of every SLA1xxx code.</summary>
public class SyntaxDiagnosticTests
{
    /// <summary>(code, source, 1-based line, 1-based column, text under the span, message).</summary>
    public static TheoryData<string, string, int, int, string, string> Cases => new()
    {
        { "SLA1001", "contract C {\n  version @\n}\n", 2, 11, "@", "Unrecognized character '@'; remove it." },
        { "SLA1002", "contract C {\n}\n/* open\n", 3, 1, "/*", "Block comment is not closed; add '*/'." },
        { "SLA1003", "contract C {\n  version \"2.1\n}\n", 2, 11, "\"2.1", "String is not closed; add '\"' before the end of the line." },
        { "SLA1004", "contract C {\n  version \"a\\qb\"\n}\n", 2, 13, "\\q",
            "Invalid escape sequence: expected '\"' or '\\' or 'n' or 't' or 'u', found 'q'; use \\\", \\\\, \\n, \\t or \\u{hex}." },
        { "SLA1004", "contract C {\n  version \"a\\u{ZZ}b\"\n}\n", 2, 16, "ZZ",
            "Invalid escape sequence: expected hexadecimal digits, found 'Z'; use \\\", \\\\, \\n, \\t or \\u{hex}." },
        { "SLA1005", "contract C {\n  service S {\n    objective O {\n      target >= 99999999999999999999999999999999%\n    }\n  }\n}\n", 4, 17,
            "99999999999999999999999999999999", "Invalid number '99999999999999999999999999999999…': the number has more than 28 digits." },
        { "SLA1006", "contract C {\n  service S {\n    objective O {\n      target <= 4hh\n    }\n  }\n}\n", 4, 18, "hh",
            "Invalid duration '4hh': unexpected 'h'; write e.g. 500ms, 90s, 30min, 4h, 2d, 1w or 1h30min." },
        { "SLA1007", "contract C {\n  obligation R {\n    due 1.5bd after period end\n  }\n}\n", 3, 10, ".",
            "Invalid working days '1.5bd': expected 'bd', found '.'; write a whole number of working days such as 5bd." },
        { "SLA1008", "contract C {\n  service S {\n    fee 99999999999999999999999999999999 EUR per month\n  }\n}\n", 3, 9,
            "99999999999999999999999999999999", "Invalid money amount '99999999999999999999999999999999…': the number has more than 28 digits; write an amount then an ISO 4217 code, such as 1250.50 EUR." },
        { "SLA1009", "contract C {\n  term 2026-13-01 .. 2026-12-31\n}\n", 2, 13, "13", "Invalid date '2026-13-01': the month must be 01 to 12; write YYYY-MM-DD." },
        { "SLA1009", "contract C {\n  term 2026-02-30 .. 2026-12-31\n}\n", 2, 8, "2026-02-30", "Invalid date '2026-02-30': 2026-02 has no day 30; write YYYY-MM-DD." },
        { "SLA1010", "contract C {\n  calendar B {\n    hours mon-fri 25:00-18:00\n  }\n}\n", 3, 19, "25",
            "Invalid time '25:00': the hour must be 00 to 24; write HH:MM or HH:MM:SS (00:00 to 24:00)." },
        { "SLA1011", "contract C {\n  service S {\n    objective O {\n      target >= 2026-01-01T24:00\n    }\n  }\n}\n", 4, 28, "24:00",
            "Invalid date-time '2026-01-01T24:00': a date-time has hours 00 to 23; write YYYY-MM-DDTHH:MM." },
        { "SLA1012", "contract C {\n  calendar B {\n    hours mon-fry 08:00-18:00\n  }\n}\n", 3, 15, "fry",
            "Invalid day set 'mon-fry': expected a day (mon, tue, wed, thu, fri, sat, sun), found 'y'; use mon, tue, wed, thu, fri, sat, sun joined by '-' (range) or ',' (list)." },
        { "SLA1013", "contract C {\n  role Manager Infogen\n}\n", 2, 16, "Infogen", "Expected 'of'." },
        { "SLA1013", "contract C {\n  service S {\n", 2, 14, "", "Expected '}'." },
        { "SLA1014", "contract C {\n  owner Infogen\n}\n", 2, 3, "owner",
            "'owner' does not begin a statement here; expected version, term, timezone, currency, model, profile, underpins, party, role, calendar, severity, service, raci, escalation, governance, obligation, security, reversibility or transition." },
        { "SLA1015", "contract C {\n  currency EUR USD\n}\n", 2, 16, "USD", "Unexpected 'USD' after the statement; end the statement with a new line or ';'." },
        { "SLA1016", "contract C {\n  service S {\n    hours mon-fri 08:00-18:00\n  }\n}\n", 3, 5, "hours", "'hours' is not allowed in a service; move it to a calendar." },
        { "SLA1017", "contract C {\n  escalation E for incidents where " + new string('(', 70) + "a" + new string(')', 70) + " {\n  }\n}\n", 2, 100, "(",
            "Nesting is deeper than 64 levels; the rest of this construct is skipped." },
        { "SLA1018", "contract C {\n  raci {\n    roles Director Manager\n    Patching AX R\n  }\n}\n", 4, 14, "AX",
            "RACI cell 'AX' must be '-' or letters of R, A, C, I (each at most once)." },
        { "SLA1019", "contract C {\n}\n}\n", 3, 1, "}", "'}' closes no block; remove it." },
        { "SLA1020", "// a file without a contract\n", 1, 1, "", "The file declares no contract or library; write 'contract Name { … }' or 'library Name { … }'." },
        { "SLA1021", "contract C {\n}\ncontract D {\n}\n", 3, 10, "D", "A file holds one contract or one library; move 'D' to a file of its own." },
        { "SLA1021", "library L {\n}\ncontract D {\n}\n", 3, 10, "D", "A file holds one contract or one library; move 'D' to a file of its own." },
        { "SLA1024", "library L {\n}\nimport \"common.sla\"\n", 3, 1, "import", "Imports come first in a file; move this 'import' above the contract or library." },
        { "SLA1016", "library L {\n  currency EUR\n}\n", 2, 3, "currency", "'currency' is not allowed in a library; move it to a contract." },
        { "SLA1023", "contract ÖkoRun {\n}\n", 1, 10, "ÖkoRun",
            "Name 'ÖkoRun' has letters outside A-Z and a-z; names are ASCII letters, digits and '_' (any text may go in a quoted title)." },
        { "SLA1023", "contract C {\n  party Réunion𝒜_2 client\n}\n", 2, 9, "Réunion𝒜_2",
            "Name 'Réunion𝒜_2' has letters outside A-Z and a-z; names are ASCII letters, digits and '_' (any text may go in a quoted title)." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mistake_is_reported_once_with_code_span_and_message(string code, string source, int line, int column, string spanText, string message)
    {
        var tree = SyntaxTree.Parse(source, "case.sla");
        var diagnostic = tree.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe(code);
        diagnostic.Location.Start.DisplayLine.ShouldBe(line);
        diagnostic.Location.Start.DisplayColumn.ShouldBe(column);
        tree.Text.ToString(diagnostic.Span).ShouldBe(spanText);
        diagnostic.Message.ShouldBe(message);
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostic.Descriptor.HelpLink.ShouldBe("docs/diagnostics.md#" + code.ToLowerInvariant());
        diagnostic.ToString().ShouldBe($"case.sla({line},{column}): error {code}: {message}");
        TreeInvariants.Check(tree, source, code);
    }

    [Fact]
    public void More_than_ten_thousand_errors_end_with_SLA1022()
    {
        var text = "contract C {\n" + string.Concat(Enumerable.Repeat("  version @\n", 10_050)) + "}\n";
        var tree = SyntaxTree.Parse(text);
        tree.Diagnostics.Count.ShouldBe(10_001);
        var last = tree.Diagnostics[^1];
        last.Code.ShouldBe("SLA1022");
        last.Message.ShouldBe("More than 10000 errors; the rest of the file is not reported. Is this an SLA file?");
        tree.Text.ToString(last.Span).ShouldBe("@");
        last.Location.Start.DisplayLine.ShouldBe(10_002);
    }

    [Fact]
    public void Every_syntax_code_has_a_test_case()
    {
        var tested = Cases.Select(row => (string)row[0]).Append("SLA1022").ToHashSet();
        var codes = DiagnosticCatalog.All.Where(d => d.Code.StartsWith("SLA1", StringComparison.Ordinal)).Select(d => d.Code).ToArray();
        codes.Length.ShouldBe(24);
        codes.Where(c => !tested.Contains(c)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_syntax_code_has_a_documentation_entry_with_failing_and_fixed_examples()
    {
        var doc = File.ReadAllText(Path.Combine(ExampleFiles.RepositoryRoot, "docs", "diagnostics.md"));
        foreach (var descriptor in DiagnosticCatalog.All.Where(d => d.Code.StartsWith("SLA1", StringComparison.Ordinal)))
        {
            var heading = $"### {descriptor.Code}: {descriptor.Title}";
            var at = doc.IndexOf(heading, StringComparison.Ordinal);
            at.ShouldBeGreaterThanOrEqualTo(0, $"docs/diagnostics.md lacks '{heading}'");
            doc.ShouldContain($"<a id=\"{descriptor.Code.ToLowerInvariant()}\"></a>");
            var next = doc.IndexOf("\n### ", at + heading.Length, StringComparison.Ordinal);
            var entry = next < 0 ? doc[at..] : doc[at..next];
            Regex.Matches(entry, "```sla").Count.ShouldBeGreaterThanOrEqualTo(2, $"{descriptor.Code} needs a failing and a fixed example");
        }
    }

    [Fact]
    public void Catalog_codes_are_unique_and_syntax_codes_are_errors_with_help_links()
    {
        var all = DiagnosticCatalog.All;
        all.Select(d => d.Code).Distinct().Count().ShouldBe(all.Count);
        foreach (var descriptor in all.Where(d => d.Code.StartsWith("SLA1", StringComparison.Ordinal)))
        {
            descriptor.Category.ShouldBe("Syntax");
            descriptor.DefaultSeverity.ShouldBe(DiagnosticSeverity.Error);
            DiagnosticCatalog.Find(descriptor.Code).ShouldBeSameAs(descriptor);
        }
    }
}
