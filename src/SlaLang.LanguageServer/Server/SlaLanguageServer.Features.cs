using SlaLang.LanguageServer.Handlers.CodeActions;
using SlaLang.LanguageServer.Handlers.Compile;
using SlaLang.LanguageServer.Handlers.Completion;
using SlaLang.LanguageServer.Handlers.Folding;
using SlaLang.LanguageServer.Handlers.Formatting;
using SlaLang.LanguageServer.Handlers.Hover;
using SlaLang.LanguageServer.Handlers.InlayHints;
using SlaLang.LanguageServer.Handlers.Navigation;
using SlaLang.LanguageServer.Handlers.Raci;
using SlaLang.LanguageServer.Handlers.SemanticTokens;
using SlaLang.LanguageServer.Handlers.Symbols;
using SlaLang.LanguageServer.Protocol;
using StreamJsonRpc;

namespace SlaLang.LanguageServer.Server;

/// <summary>The language features: thin JSON-RPC entry points, each running its handler on the document's snapshot.</summary>
public sealed partial class SlaLanguageServer
{
    private const int RequestFailed = -32803;

    /// <summary>What this server implements, announced by <c>initialize</c>: every capability here has a handler below.</summary>
    public static ServerCapabilities Capabilities { get; } = new()
    {
        HoverProvider = true,
        CompletionProvider = new CompletionOptions([" ", ",", "("], false),
        DefinitionProvider = true,
        ReferencesProvider = true,
        RenameProvider = new RenameOptions(true),
        DocumentSymbolProvider = true,
        DocumentFormattingProvider = true,
        SemanticTokensProvider = new SemanticTokensOptions(SemanticTokensHandler.Legend, true, false),
        FoldingRangeProvider = true,
        InlayHintProvider = true,
        CodeActionProvider = new CodeActionOptions(["quickfix"]),
    };

    /// <summary><c>textDocument/hover</c>.</summary>
    [JsonRpcMethod("textDocument/hover", UseSingleObjectParameterDeserialization = true)]
    public Task<Hover?> HoverAsync(TextDocumentPositionParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => HoverHandler.Handle(analysis, parameters!.Position), cancellationToken);

    /// <summary><c>textDocument/completion</c>.</summary>
    [JsonRpcMethod("textDocument/completion", UseSingleObjectParameterDeserialization = true)]
    public Task<CompletionList> CompletionAsync(TextDocumentPositionParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => CompletionHandler.Handle(analysis, parameters!.Position), cancellationToken);

    /// <summary><c>textDocument/definition</c>.</summary>
    [JsonRpcMethod("textDocument/definition", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<Location>> DefinitionAsync(TextDocumentPositionParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => NavigationHandlers.Definition(analysis, parameters!.Position), cancellationToken);

    /// <summary><c>textDocument/references</c>.</summary>
    [JsonRpcMethod("textDocument/references", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<Location>> ReferencesAsync(ReferenceParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => NavigationHandlers.References(analysis, parameters!.Position, parameters.Context?.IncludeDeclaration ?? true), cancellationToken);

    /// <summary><c>textDocument/prepareRename</c>: the name's range, or an error saying why it cannot be renamed.</summary>
    [JsonRpcMethod("textDocument/prepareRename", UseSingleObjectParameterDeserialization = true)]
    public Task<PrepareRenameResult> PrepareRenameAsync(TextDocumentPositionParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => Renaming(() => NavigationHandlers.PrepareRename(analysis, parameters!.Position)), cancellationToken);

    /// <summary><c>textDocument/rename</c>.</summary>
    [JsonRpcMethod("textDocument/rename", UseSingleObjectParameterDeserialization = true)]
    public Task<WorkspaceEdit> RenameAsync(RenameParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => Renaming(() => NavigationHandlers.Rename(analysis, parameters!.Position, parameters.NewName)), cancellationToken);

    /// <summary><c>textDocument/documentSymbol</c>.</summary>
    [JsonRpcMethod("textDocument/documentSymbol", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<DocumentSymbol>> DocumentSymbolAsync(DocumentParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => DocumentSymbolHandler.Handle(analysis), cancellationToken);

    /// <summary><c>textDocument/formatting</c>.</summary>
    [JsonRpcMethod("textDocument/formatting", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<TextEdit>> FormattingAsync(DocumentFormattingParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => FormattingHandler.Handle(analysis), cancellationToken);

    /// <summary><c>textDocument/semanticTokens/full</c>.</summary>
    [JsonRpcMethod("textDocument/semanticTokens/full", UseSingleObjectParameterDeserialization = true)]
    public Task<SemanticTokens> SemanticTokensAsync(DocumentParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => SemanticTokensHandler.Handle(analysis), cancellationToken);

    /// <summary><c>textDocument/foldingRange</c>.</summary>
    [JsonRpcMethod("textDocument/foldingRange", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<FoldingRange>> FoldingRangeAsync(DocumentParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => FoldingRangeHandler.Handle(analysis), cancellationToken);

    /// <summary><c>textDocument/inlayHint</c>.</summary>
    [JsonRpcMethod("textDocument/inlayHint", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<InlayHint>> InlayHintAsync(InlayHintParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => InlayHintHandler.Handle(analysis, parameters!.Range), cancellationToken);

    /// <summary><c>sla/raciMatrix</c>: the RACI table for the editor's matrix view.</summary>
    [JsonRpcMethod("sla/raciMatrix", UseSingleObjectParameterDeserialization = true)]
    public Task<RaciMatrix> RaciMatrixAsync(SlaDocumentParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => RaciMatrixHandler.Handle(analysis), cancellationToken);

    /// <summary><c>textDocument/codeAction</c>: quick fixes for the diagnostics in the range.</summary>
    [JsonRpcMethod("textDocument/codeAction", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<CodeAction>> CodeActionAsync(CodeActionParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => CodeActionHandler.Handle(analysis, parameters!.Range), cancellationToken);

    /// <summary><c>sla/compileToCSharp</c>: the generated monitor's C#, or null with the errors.</summary>
    [JsonRpcMethod("sla/compileToCSharp", UseSingleObjectParameterDeserialization = true)]
    public Task<CompileToCSharpResult> CompileToCSharpAsync(SlaDocumentParams parameters, CancellationToken cancellationToken) =>
        ReadAsync(parameters?.TextDocument, (analysis, _) => CompileToCSharpHandler.Handle(analysis), cancellationToken);

    private static T Renaming<T>(Func<T> rename)
    {
        try
        {
            return rename();
        }
        catch (RenameException ex)
        {
            throw new LocalRpcException(ex.Message) { ErrorCode = RequestFailed };
        }
    }
}
