using System.Text;

namespace SlaLang.Syntax;

/// <summary>A statement of a block: ends with a terminator (line break or <c>;</c>; none before <c>}</c> or the end of file)
/// and keeps, in <see cref="Skipped"/>, any tokens the parser skipped before it.</summary>
public abstract class StatementSyntax : SyntaxNode
{
    private protected StatementSyntax(SyntaxKind kind, ReadOnlySpan<object?> slots)
        : base(kind, slots)
    {
    }

    /// <summary>Tokens skipped between the statement's last part and its terminator (reported once), or null.</summary>
    public abstract SkippedTokensSyntax? Skipped { get; }

    /// <summary>The <see cref="SyntaxKind.NewLineToken"/> or <see cref="SyntaxKind.SemicolonToken"/> ending the statement, or null.</summary>
    public abstract SyntaxToken? Terminator { get; }
}

/// <summary>A statement that declares a name (contract, party, role, calendar, severity, service, objective, penalty, escalation,
/// committee, obligation, phase); <c>///</c> comments before it are its documentation.</summary>
public abstract class DeclarationSyntax : StatementSyntax
{
    private protected DeclarationSyntax(SyntaxKind kind, ReadOnlySpan<object?> slots)
        : base(kind, slots)
    {
    }

    /// <summary>The declared name (missing if the author has not typed it yet).</summary>
    public abstract SyntaxToken Identifier { get; }

    /// <summary>The text of the <c>///</c> comments just before the declaration (one line each, the <c>///</c> and one following space removed), or null.</summary>
    public string? GetDocumentation()
    {
        var first = GetFirstToken();
        if (first is null)
        {
            return null;
        }
        StringBuilder? builder = null;
        foreach (var trivia in first.LeadingTrivia)
        {
            if (trivia.Kind != SyntaxKind.DocumentationCommentTrivia)
            {
                continue;
            }
            var line = trivia.Text.AsSpan(3);
            if (line.Length > 0 && line[0] == ' ')
            {
                line = line[1..];
            }
            builder ??= new StringBuilder();
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }
            builder.Append(line.TrimEnd());
        }
        return builder?.ToString();
    }
}

/// <summary>A condition of a <c>where</c> clause.</summary>
public abstract class ExpressionSyntax : SyntaxNode
{
    private protected ExpressionSyntax(SyntaxKind kind, ReadOnlySpan<object?> slots)
        : base(kind, slots)
    {
    }
}

/// <summary>A period or length: <c>month</c>, <c>6 months</c>, <c>rolling 30d</c>, <c>90d</c>.</summary>
public abstract class PeriodSyntax : SyntaxNode
{
    private protected PeriodSyntax(SyntaxKind kind, ReadOnlySpan<object?> slots)
        : base(kind, slots)
    {
    }
}

/// <summary>Hand-written members of the root node.</summary>
public sealed partial class CompilationUnitSyntax
{
    /// <summary>The tree this root belongs to.</summary>
    internal SyntaxTree? Tree { get; set; }

    /// <summary>The file's (first) contract, or null if it declares none.</summary>
    public ContractDeclarationSyntax? Contract => Statements.OfType<ContractDeclarationSyntax>().FirstOrDefault();

    /// <summary>The file's library, or null if it declares none (or declares a contract first).</summary>
    public LibraryDeclarationSyntax? Library
    {
        get
        {
            foreach (var statement in Statements)
            {
                switch (statement)
                {
                    case ContractDeclarationSyntax:
                        return null;
                    case LibraryDeclarationSyntax library:
                        return library;
                }
            }
            return null;
        }
    }

    /// <summary>The file's <c>import</c> lines, in order.</summary>
    public IEnumerable<ImportDirectiveSyntax> Imports => Statements.OfType<ImportDirectiveSyntax>();
}

/// <summary>Hand-written members of the RACI table.</summary>
public sealed partial class RaciTableSyntax
{
    /// <summary>The <c>roles</c> row, or null if missing.</summary>
    public RaciHeaderSyntax? Header => Rows.OfType<RaciHeaderSyntax>().FirstOrDefault();

    /// <summary>The activity rows.</summary>
    public IEnumerable<RaciRowSyntax> ActivityRows => Rows.OfType<RaciRowSyntax>();
}
