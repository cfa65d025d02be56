using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.Syntax;

namespace SlaLang.LanguageServer.Handlers.Symbols;

/// <summary><c>textDocument/documentSymbol</c>: the outline, nested as the contract is (services hold objectives and penalties, the RACI table its activities).</summary>
public static class DocumentSymbolHandler
{
    /// <summary>The outline of the document.</summary>
    public static IReadOnlyList<DocumentSymbol> Handle(DocumentAnalysis analysis) =>
        [.. analysis.Tree.Root.Statements.SelectMany(s => Build(analysis, s))];

    private static IEnumerable<DocumentSymbol> Build(DocumentAnalysis analysis, StatementSyntax statement)
    {
        switch (statement)
        {
            case DeclarationSyntax declaration when !declaration.Identifier.IsMissing:
                yield return new DocumentSymbol(
                    declaration.Identifier.Text,
                    Detail(declaration),
                    Kind(declaration),
                    analysis.Range(SyntaxQueries.SpanWithoutTerminator(declaration)),
                    analysis.Range(declaration.Identifier.Span),
                    Children(analysis, declaration));
                break;
            case GovernanceDeclarationSyntax or SecurityDeclarationSyntax or ReversibilityDeclarationSyntax or TransitionDeclarationSyntax or RaciTableSyntax:
                var keyword = statement.GetFirstToken()!;
                yield return new DocumentSymbol(keyword.Text, null, statement is RaciTableSyntax ? SymbolKind.Struct : SymbolKind.Namespace,
                    analysis.Range(SyntaxQueries.SpanWithoutTerminator(statement)), analysis.Range(keyword.Span), Children(analysis, statement));
                break;
            case RaciRowSyntax row when !row.Activity.IsMissing:
                yield return new DocumentSymbol(row.Activity.Text, SyntaxQueries.StringValue(row.Title), SymbolKind.Field,
                    analysis.Range(SyntaxQueries.SpanWithoutTerminator(row)), analysis.Range(row.Activity.Span), null);
                break;
        }
    }

    private static IReadOnlyList<DocumentSymbol>? Children(DocumentAnalysis analysis, SyntaxNode owner)
    {
        var children = SyntaxQueries.BodyStatements(owner).SelectMany(s => Build(analysis, s)).ToList();
        return children.Count == 0 ? null : children;
    }

    private static string? Detail(DeclarationSyntax declaration)
    {
        var kind = SyntaxQueries.KindWord(declaration);
        var title = SyntaxQueries.Title(declaration);
        return title is null ? kind : $"{kind} \"{title}\"";
    }

    private static SymbolKind Kind(DeclarationSyntax declaration) => declaration switch
    {
        ContractDeclarationSyntax => SymbolKind.Module,
        PartyDeclarationSyntax => SymbolKind.Class,
        RoleDeclarationSyntax => SymbolKind.Property,
        CalendarDeclarationSyntax => SymbolKind.Struct,
        SeverityDeclarationSyntax => SymbolKind.EnumMember,
        ServiceDeclarationSyntax => SymbolKind.Class,
        ObjectiveDeclarationSyntax => SymbolKind.Constant,
        PenaltyDeclarationSyntax => SymbolKind.Function,
        EscalationDeclarationSyntax => SymbolKind.Event,
        CommitteeDeclarationSyntax => SymbolKind.Object,
        ObligationDeclarationSyntax => SymbolKind.Interface,
        PhaseDeclarationSyntax => SymbolKind.Event,
        _ => SymbolKind.Variable,
    };
}
