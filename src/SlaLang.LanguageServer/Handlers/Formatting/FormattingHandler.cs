using SlaLang.Formatting;
using SlaLang.LanguageServer.Protocol;
using SlaLang.LanguageServer.Workspace;
using SlaLang.Text;

namespace SlaLang.LanguageServer.Handlers.Formatting;

/// <summary><c>textDocument/formatting</c>: the formatter's result as one edit over the changed region; no edit when already formatted or when the file has syntax errors.</summary>
public static class FormattingHandler
{
    /// <summary>The edits that format the document.</summary>
    public static IReadOnlyList<TextEdit> Handle(DocumentAnalysis analysis)
    {
        var result = ContractFormatter.Format(analysis.Tree);
        if (!result.Changed)
        {
            return [];
        }
        var before = analysis.Text.Text;
        var after = result.Text;
        var prefix = 0;
        var max = Math.Min(before.Length, after.Length);
        while (prefix < max && before[prefix] == after[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (suffix < max - prefix && before[before.Length - 1 - suffix] == after[after.Length - 1 - suffix])
        {
            suffix++;
        }
        var span = TextSpan.FromBounds(prefix, before.Length - suffix);
        return [new TextEdit(analysis.Range(span), after.Substring(prefix, after.Length - suffix - prefix))];
    }
}
