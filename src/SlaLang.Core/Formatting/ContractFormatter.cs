using System.Text;
using SlaLang.Diagnostics;
using SlaLang.Syntax;

namespace SlaLang.Formatting;

/// <summary>The outcome of formatting one file: the new text, or the reason it was left alone.</summary>
/// <param name="Text">The formatted text (the original text when refused).</param>
/// <param name="Changed">Whether <paramref name="Text"/> differs from the input.</param>
/// <param name="Refused">Whether formatting was refused because the file has syntax errors.</param>
/// <param name="Errors">The syntax errors that made the formatter refuse.</param>
public sealed record FormatResult(string Text, bool Changed, bool Refused, IReadOnlyList<Diagnostic> Errors);

/// <summary>
/// The canonical layout of a contract, computed from its syntax tree (no second parser): two-space
/// indentation by brace depth (one more for continuation lines), single spaces between tokens where there
/// was space, none where there was none, RACI columns aligned, at most one blank line, no trailing spaces.
/// Only trivia change: the token sequence and every comment are kept. Trees with syntax errors are left
/// unchanged. Formatting is idempotent.
/// </summary>
public static class ContractFormatter
{
    private const int IndentSize = 2;
    private const char ByteOrderMark = '\uFEFF';

    /// <summary>Formats <paramref name="text"/> (the file at <paramref name="path"/>).</summary>
    public static FormatResult Format(string text, string path = "") => Format(SyntaxTree.Parse(text, path));

    /// <summary>Formats a parsed file; refuses (returns its text unchanged) when it has syntax errors.</summary>
    public static FormatResult Format(SyntaxTree tree)
    {
        var original = tree.Text.Text;
        var errors = tree.Diagnostics.Where(d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            return new FormatResult(original, false, true, errors);
        }
        var formatted = new Writer(tree).Write();
        if (original.StartsWith(ByteOrderMark) && !formatted.StartsWith(ByteOrderMark))
        {
            // The lexer reads a leading byte order mark as whitespace, but it marks the file's encoding: it is kept.
            formatted = ByteOrderMark + formatted;
        }
        return new FormatResult(formatted, !string.Equals(formatted, original, StringComparison.Ordinal), false, []);
    }

    private enum PieceKind { Token, NewLine, Whitespace, Comment }

    private readonly record struct Piece(PieceKind Kind, string Text, SyntaxToken? Token, bool IsStatementEnd);

    /// <summary>Rebuilds the text from the flat sequence of tokens and trivia.</summary>
    private sealed class Writer
    {
        private readonly List<Piece> pieces = [];
        private readonly Dictionary<SyntaxToken, int> columns = new(ReferenceEqualityComparer.Instance);
        private readonly StringBuilder output = new();

        public Writer(SyntaxTree tree)
        {
            foreach (var token in tree.GetTokens())
            {
                AddTrivia(token.LeadingTrivia);
                if (token.Kind == SyntaxKind.NewLineToken)
                {
                    pieces.Add(new Piece(PieceKind.NewLine, token.Text, token, true));
                }
                else if (token.Width > 0)
                {
                    pieces.Add(new Piece(PieceKind.Token, token.Text, token, false));
                }
                AddTrivia(token.TrailingTrivia);
            }
            foreach (var table in tree.Root.DescendantNodesAndSelf<RaciTableSyntax>())
            {
                AlignRaci(table);
            }
        }

        public string Write()
        {
            var lastContent = pieces.FindLastIndex(p => p.Kind is PieceKind.Token or PieceKind.Comment || (p.Kind == PieceKind.NewLine && p.IsStatementEnd));
            var depth = 0;
            var parens = 0;
            var atLineStart = true;
            var lineIndent = 0;
            var blankLines = 0;
            var continuation = false;
            var lineHasContent = false;
            string? whitespace = null;
            Piece? previous = null;
            Piece? lastToken = null;

            for (var i = 0; i < pieces.Count; i++)
            {
                var piece = pieces[i];
                switch (piece.Kind)
                {
                    case PieceKind.Whitespace:
                        whitespace = piece.Text;
                        continue;
                    case PieceKind.NewLine:
                        var blank = !lineHasContent;
                        if (!piece.IsStatementEnd && blank && (blankLines >= 1 || output.Length == 0 || i > lastContent))
                        {
                            whitespace = null;
                            continue;
                        }
                        output.Append(piece.Text);
                        blankLines = blank ? blankLines + 1 : 0;
                        atLineStart = true;
                        lineHasContent = false;
                        continuation = !piece.IsStatementEnd && lastToken is { } t && (parens > 0 || !EndsStatementLine(t));
                        if (piece.IsStatementEnd)
                        {
                            lastToken = piece;
                        }
                        whitespace = null;
                        previous = piece;
                        continue;
                    case PieceKind.Comment:
                        if (atLineStart)
                        {
                            Indent(depth + (continuation ? 1 : 0));
                        }
                        else
                        {
                            output.Append(whitespace is { Length: > 0 } ? whitespace : " ");
                        }
                        output.Append(piece.Text);
                        atLineStart = false;
                        lineHasContent = true;
                        whitespace = null;
                        previous = piece;
                        continue;
                }

                var kind = piece.Token!.Kind;
                if (kind == SyntaxKind.CloseBraceToken)
                {
                    depth = Math.Max(0, depth - 1);
                }
                if (atLineStart)
                {
                    // A brace that starts its line lines up with its block's statement, not as a continuation of it.
                    lineIndent = (depth + (continuation && kind is not (SyntaxKind.OpenBraceToken or SyntaxKind.CloseBraceToken) ? 1 : 0)) * IndentSize;
                    output.Append(' ', lineIndent);
                }
                else if (columns.TryGetValue(piece.Token, out var column))
                {
                    var current = CurrentColumn();
                    output.Append(' ', Math.Max(1, lineIndent + column - current));
                }
                else
                {
                    output.Append(Separator(previous, piece, whitespace is not null));
                }
                output.Append(piece.Text);
                switch (kind)
                {
                    case SyntaxKind.OpenBraceToken:
                        depth++;
                        break;
                    case SyntaxKind.OpenParenToken:
                        parens++;
                        break;
                    case SyntaxKind.CloseParenToken:
                        parens = Math.Max(0, parens - 1);
                        break;
                }
                atLineStart = false;
                lineHasContent = true;
                whitespace = null;
                previous = piece;
                lastToken = piece;
            }
            return output.ToString();
        }

        private static bool EndsStatementLine(Piece token) =>
            token.Kind == PieceKind.NewLine
            || token.Token?.Kind is SyntaxKind.OpenBraceToken or SyntaxKind.CloseBraceToken or SyntaxKind.SemicolonToken;

        private static string Separator(Piece? previous, Piece next, bool hadWhitespace)
        {
            var nextKind = next.Token!.Kind;
            var previousKind = previous?.Token?.Kind ?? SyntaxKind.None;
            if (nextKind is SyntaxKind.CommaToken or SyntaxKind.SemicolonToken or SyntaxKind.CloseParenToken)
            {
                return string.Empty;
            }
            if (previousKind == SyntaxKind.OpenParenToken)
            {
                return string.Empty;
            }
            if (previousKind is SyntaxKind.CommaToken or SyntaxKind.SemicolonToken || nextKind == SyntaxKind.OpenBraceToken)
            {
                return " ";
            }
            return hadWhitespace ? " " : string.Empty;
        }

        private int CurrentColumn()
        {
            var column = 0;
            for (var i = output.Length - 1; i >= 0 && output[i] is not ('\n' or '\r'); i--)
            {
                column++;
            }
            return column;
        }

        private void Indent(int depth) => output.Append(' ', depth * IndentSize);

        private void AddTrivia(SyntaxTriviaList trivia)
        {
            foreach (var t in trivia)
            {
                var kind = t.Kind switch
                {
                    SyntaxKind.WhitespaceTrivia => PieceKind.Whitespace,
                    SyntaxKind.EndOfLineTrivia => PieceKind.NewLine,
                    _ => PieceKind.Comment,
                };
                // A line comment ends at the line break: its trailing spaces are layout, not content.
                var text = t.Kind is SyntaxKind.SingleLineCommentTrivia or SyntaxKind.DocumentationCommentTrivia ? t.Text.TrimEnd() : t.Text;
                pieces.Add(new Piece(kind, text, null, false));
            }
        }

        /// <summary>Sets the column (relative to the row's indentation) of every cell of a RACI table.</summary>
        private void AlignRaci(RaciTableSyntax table)
        {
            var rows = new List<(string First, List<SyntaxToken> Cells)>();
            foreach (var row in table.Rows)
            {
                switch (row)
                {
                    case RaciHeaderSyntax { Skipped: null } header when !header.RolesKeyword.IsMissing:
                        rows.Add((header.RolesKeyword.Text, header.Roles.Select(r => r.Identifier).ToList()));
                        break;
                    case RaciRowSyntax { Skipped: null } activity when !activity.Activity.IsMissing:
                        var first = activity.Title is { IsMissing: false } title ? activity.Activity.Text + " " + title.Text : activity.Activity.Text;
                        rows.Add((first, activity.Cells.Select(c => c.Value).ToList()));
                        break;
                }
            }
            if (rows.Count == 0)
            {
                return;
            }
            var widths = new List<int>();
            foreach (var (_, cells) in rows)
            {
                for (var k = 0; k < cells.Count; k++)
                {
                    if (k == widths.Count)
                    {
                        widths.Add(0);
                    }
                    widths[k] = Math.Max(widths[k], cells[k].Text.Length);
                }
            }
            var starts = new int[widths.Count];
            var start = rows.Max(r => r.First.Length) + 1;
            for (var k = 0; k < widths.Count; k++)
            {
                starts[k] = start;
                start += widths[k] + 2;
            }
            foreach (var (_, cells) in rows)
            {
                for (var k = 0; k < cells.Count; k++)
                {
                    if (!cells[k].IsMissing)
                    {
                        columns[cells[k]] = starts[k];
                    }
                }
            }
        }
    }
}
