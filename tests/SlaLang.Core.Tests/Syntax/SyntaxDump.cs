using System.Globalization;
using System.Text;
using NodaTime;
using SlaLang.Parsing.Literals;
using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Syntax;

/// <summary>Text dumps of a tree for baseline files: one line per token, or an indented outline of nodes and tokens.</summary>
public static class SyntaxDump
{
    /// <summary>One line per token: line:col, kind, contextual keyword, text and literal value (trivia summarised).</summary>
    public static string Tokens(SyntaxTree tree)
    {
        var builder = new StringBuilder();
        foreach (var token in tree.GetTokens())
        {
            var position = tree.Text.GetLinePosition(token.Span.Start);
            builder.Append(position.DisplayLine).Append(':').Append(position.DisplayColumn).Append(' ').Append(token.Kind);
            if (token.ContextualKind != SyntaxKind.None)
            {
                builder.Append('(').Append(token.ContextualKind).Append(')');
            }
            if (token.IsMissing)
            {
                builder.Append(" <missing>");
            }
            builder.Append(' ').Append(Quote(token.Text));
            if (token.Value is { } value && token.Kind != SyntaxKind.StringLiteralToken)
            {
                builder.Append(" = ").Append(FormatValue(value));
            }
            else if (token.Value is string s && s != token.Text.Trim('"'))
            {
                builder.Append(" = ").Append(Quote(s));
            }
            AppendTrivia(builder, " leading", token.LeadingTrivia);
            AppendTrivia(builder, " trailing", token.TrailingTrivia);
            builder.Append('\n');
        }
        return builder.ToString();
    }

    /// <summary>An indented outline: node kinds, then tokens as kind and text.</summary>
    public static string Tree(SyntaxTree tree)
    {
        var builder = new StringBuilder();
        var stack = new Stack<(SyntaxNodeOrToken Item, int Depth)>();
        stack.Push((tree.Root, 0));
        while (stack.Count > 0)
        {
            var (item, depth) = stack.Pop();
            builder.Append(' ', depth * 2);
            if (item.AsNode() is { } node)
            {
                builder.Append(node.Kind).Append(' ').Append(Range(tree, node.Span)).Append('\n');
                var children = node.ChildNodesAndTokens().ToArray();
                for (var i = children.Length - 1; i >= 0; i--)
                {
                    stack.Push((children[i], depth + 1));
                }
            }
            else
            {
                var token = item.AsToken()!;
                builder.Append(token.Kind);
                if (token.IsMissing)
                {
                    builder.Append(" <missing>");
                }
                builder.Append(' ').Append(Quote(token.Text)).Append('\n');
            }
        }
        return builder.ToString();
    }

    private static string Range(SyntaxTree tree, SlaLang.Text.TextSpan span)
    {
        var (start, end) = tree.Text.GetLinePositionSpan(span);
        return $"({start})-({end})";
    }

    private static void AppendTrivia(StringBuilder builder, string label, SyntaxTriviaList trivia)
    {
        if (trivia.Count == 0)
        {
            return;
        }
        builder.Append(label).Append('[');
        for (var i = 0; i < trivia.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }
            var t = trivia[i];
            builder.Append(t.Kind switch
            {
                SyntaxKind.WhitespaceTrivia => "ws" + t.Span.Length,
                SyntaxKind.EndOfLineTrivia => "eol",
                SyntaxKind.SingleLineCommentTrivia => "//",
                SyntaxKind.MultiLineCommentTrivia => "/**/",
                SyntaxKind.DocumentationCommentTrivia => "///",
                _ => t.Kind.ToString(),
            });
        }
        builder.Append(']');
    }

    private static string FormatValue(object value) => value switch
    {
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        Duration d => d.ToString("-D:hh:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        LocalDate d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        LocalDateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        MoneyValue m => m.ToString(),
        DaySet s => "{" + s + "}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }
}
