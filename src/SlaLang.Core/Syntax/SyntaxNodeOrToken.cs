using SlaLang.Text;

namespace SlaLang.Syntax;

/// <summary>A child of a node: either a node or a token.</summary>
public readonly struct SyntaxNodeOrToken
{
    private readonly object _value;

    internal SyntaxNodeOrToken(object value)
    {
        _value = value;
    }

    /// <summary>Wraps a node.</summary>
    public static implicit operator SyntaxNodeOrToken(SyntaxNode node) => new(node);

    /// <summary>Wraps a token.</summary>
    public static implicit operator SyntaxNodeOrToken(SyntaxToken token) => new(token);

    /// <summary>Whether this is a node.</summary>
    public bool IsNode => _value is SyntaxNode;

    /// <summary>Whether this is a token.</summary>
    public bool IsToken => _value is SyntaxToken;

    /// <summary>The node, or null for a token.</summary>
    public SyntaxNode? AsNode() => _value as SyntaxNode;

    /// <summary>The token, or null for a node.</summary>
    public SyntaxToken? AsToken() => _value as SyntaxToken;

    /// <summary>The kind of the node or token.</summary>
    public SyntaxKind Kind => _value is SyntaxNode n ? n.Kind : ((SyntaxToken)_value).Kind;

    /// <summary>The span without leading and trailing trivia.</summary>
    public TextSpan Span => _value is SyntaxNode n ? n.Span : ((SyntaxToken)_value).Span;

    /// <summary>The span with trivia.</summary>
    public TextSpan FullSpan => _value is SyntaxNode n ? n.FullSpan : ((SyntaxToken)_value).FullSpan;

    /// <summary>The parent node.</summary>
    public SyntaxNode? Parent => _value is SyntaxNode n ? n.Parent : ((SyntaxToken)_value).Parent;

    /// <inheritdoc/>
    public override string ToString() => _value.ToString() ?? string.Empty;
}
