using SlaLang.Diagnostics;
using SlaLang.Parsing;
using SlaLang.Text;

namespace SlaLang.Syntax;

/// <summary>One parsed file: its text, path, full-fidelity root and syntax diagnostics. Parsing never throws and the root
/// always covers the whole text (<c>Root.ToFullString() == text</c>).</summary>
public sealed class SyntaxTree
{
    private SyntaxTree(SourceText text, string path, CompilationUnitSyntax root, IReadOnlyList<Diagnostic> diagnostics)
    {
        Text = text;
        Path = path;
        Root = root;
        Diagnostics = diagnostics;
        root.Tree = this;
    }

    /// <summary>Parses <paramref name="text"/> (the contents of the file at <paramref name="path"/>, which may be empty).</summary>
    public static SyntaxTree Parse(string text, string path = "") => Parse(new SourceText(text), path);

    /// <summary>Parses <paramref name="text"/> (the contents of the file at <paramref name="path"/>, which may be empty).</summary>
    public static SyntaxTree Parse(SourceText text, string path = "")
    {
        var diagnostics = new DiagnosticBag(text, path);
        var lexed = Lexer.Lex(text, diagnostics);
        CompilationUnitSyntax root;
        try
        {
            root = new Parser(lexed, diagnostics).ParseCompilationUnit();
        }
        finally
        {
            lexed.Release();
        }
        return new SyntaxTree(text, path, root, diagnostics.ToSortedList());
    }

    /// <summary>The source text.</summary>
    public SourceText Text { get; }

    /// <summary>The file path given to <see cref="Parse(string, string)"/>.</summary>
    public string Path { get; }

    /// <summary>The root node.</summary>
    public CompilationUnitSyntax Root { get; }

    /// <summary>The lexical and syntax diagnostics (SLA1xxx), in text order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>A location in this file.</summary>
    public Location GetLocation(TextSpan span) => new(Path, Text, span);

    /// <summary>All tokens of the file in text order, end-of-file included.</summary>
    public IEnumerable<SyntaxToken> GetTokens() => Root.DescendantTokens();
}
