using System.Text;
using SlaLang.Text;

namespace SlaLang.Syntax;

/// <summary>The base of every syntax node: kind, spans, parent, children in text order, tokens, full text.</summary>
public abstract class SyntaxNode
{
    private readonly int _fullStart;
    private int _fullEnd;

    /// <summary>Sets the parent of every child in <paramref name="slots"/> and the node's full span. The generated node
    /// classes keep their slots in fields (one object a node, not a node and an array).</summary>
    private protected SyntaxNode(SyntaxKind kind, ReadOnlySpan<object?> slots)
    {
        Kind = kind;
        var start = -1;
        var end = -1;
        foreach (var slot in slots)
        {
            if (slot is SyntaxListBase list)
            {
                foreach (var item in list.Items)
                {
                    Adopt(item, ref start, ref end);
                }
            }
            else if (slot is not null)
            {
                Adopt(slot, ref start, ref end);
            }
        }
        _fullStart = Math.Max(start, 0);
        _fullEnd = Math.Max(end, _fullStart);
    }

    /// <summary>Makes this node the parent of <paramref name="child"/> (a token or node) and widens the full span to it.</summary>
    private void Adopt(object child, ref int start, ref int end)
    {
        if (child is SyntaxToken token)
        {
            token.Parent = this;
        }
        else
        {
            ((SyntaxNode)child).Parent = this;
        }
        var (childStart, childEnd) = Bounds(child);
        if (start < 0)
        {
            start = childStart;
        }
        end = childEnd;
    }

    /// <summary>The node kind.</summary>
    public SyntaxKind Kind { get; }

    /// <summary>The node holding this one; null for the root.</summary>
    public SyntaxNode? Parent { get; internal set; }

    /// <summary>The node's characters including the first token's leading and the last token's trailing trivia.</summary>
    public TextSpan FullSpan => TextSpan.FromBounds(_fullStart, _fullEnd);

    /// <summary>The node's characters without the first token's leading and the last token's trailing trivia.</summary>
    public TextSpan Span
    {
        get
        {
            var first = GetFirstToken();
            var last = GetLastToken();
            if (first is null || last is null)
            {
                return new TextSpan(_fullStart, 0);
            }
            return TextSpan.FromBounds(first.Span.Start, Math.Max(first.Span.Start, last.Span.End));
        }
    }

    /// <summary>The tree this node belongs to (found through the root), or null for a detached node.</summary>
    public SyntaxTree? SyntaxTree
    {
        get
        {
            var node = this;
            while (node.Parent is not null)
            {
                node = node.Parent;
            }
            return (node as CompilationUnitSyntax)?.Tree;
        }
    }

    /// <summary>The number of slots (children, lists and optional parts) of this node's class.</summary>
    internal abstract int SlotCount { get; }

    /// <summary>The child, list or null in slot <paramref name="index"/>.</summary>
    internal abstract object? GetSlot(int index);

    /// <summary>Fills a statement's last two slots (skipped tokens, terminator) while the parser builds it, before it has a parent.</summary>
    internal void AttachEnd(SkippedTokensSyntax? skipped, SyntaxToken? terminator)
    {
        SetEndSlots(skipped, terminator);
        if (skipped is not null)
        {
            skipped.Parent = this;
            _fullEnd = skipped._fullEnd;
        }
        if (terminator is not null)
        {
            terminator.Parent = this;
            _fullEnd = terminator.FullEnd;
        }
    }

    /// <summary>Stores a statement's skipped tokens and terminator (the last two slots of every statement class).</summary>
    private protected virtual void SetEndSlots(SkippedTokensSyntax? skipped, SyntaxToken? terminator) =>
        throw new InvalidOperationException($"{Kind} is not a statement.");

    /// <summary>Calls the visitor's method for this node's class.</summary>
    public abstract void Accept(SyntaxVisitor visitor);

    /// <summary>The child nodes and tokens in text order (list slots are flattened, separators included).</summary>
    public IEnumerable<SyntaxNodeOrToken> ChildNodesAndTokens()
    {
        for (var i = 0; i < SlotCount; i++)
        {
            var slot = GetSlot(i);
            switch (slot)
            {
                case null:
                    break;
                case SyntaxListBase list:
                    foreach (var item in list.Items)
                    {
                        yield return new SyntaxNodeOrToken(item);
                    }
                    break;
                default:
                    yield return new SyntaxNodeOrToken(slot);
                    break;
            }
        }
    }

    /// <summary>The child nodes in text order.</summary>
    public IEnumerable<SyntaxNode> ChildNodes()
    {
        foreach (var child in ChildNodesAndTokens())
        {
            if (child.AsNode() is { } node)
            {
                yield return node;
            }
        }
    }

    /// <summary>All descendant nodes in text order (pre-order), this node excluded; iterative, so deep trees cannot overflow the stack.</summary>
    public IEnumerable<SyntaxNode> DescendantNodes()
    {
        var stack = new Stack<IEnumerator<SyntaxNode>>();
        stack.Push(ChildNodes().GetEnumerator());
        while (stack.Count > 0)
        {
            var top = stack.Peek();
            if (!top.MoveNext())
            {
                stack.Pop();
                continue;
            }
            yield return top.Current;
            stack.Push(top.Current.ChildNodes().GetEnumerator());
        }
    }

    /// <summary>This node and its descendants of type <typeparamref name="T"/>, in text order.</summary>
    public IEnumerable<T> DescendantNodesAndSelf<T>()
        where T : SyntaxNode
    {
        if (this is T self)
        {
            yield return self;
        }
        foreach (var node in DescendantNodes())
        {
            if (node is T t)
            {
                yield return t;
            }
        }
    }

    /// <summary>The ancestors of this node, nearest first.</summary>
    public IEnumerable<SyntaxNode> Ancestors()
    {
        for (var node = Parent; node is not null; node = node.Parent)
        {
            yield return node;
        }
    }

    /// <summary>All tokens under this node in text order, missing (zero-width) tokens included.</summary>
    public IEnumerable<SyntaxToken> DescendantTokens()
    {
        var stack = new Stack<(SyntaxNode Node, int Slot, int Item)>();
        stack.Push((this, 0, 0));
        while (stack.Count > 0)
        {
            var (node, slot, item) = stack.Pop();
            if (slot >= node.SlotCount)
            {
                continue;
            }
            switch (node.GetSlot(slot))
            {
                case null:
                    stack.Push((node, slot + 1, 0));
                    break;
                case SyntaxToken token:
                    stack.Push((node, slot + 1, 0));
                    yield return token;
                    break;
                case SyntaxNode child:
                    stack.Push((node, slot + 1, 0));
                    stack.Push((child, 0, 0));
                    break;
                case SyntaxListBase list:
                    if (item >= list.Items.Length)
                    {
                        stack.Push((node, slot + 1, 0));
                        break;
                    }
                    stack.Push((node, slot, item + 1));
                    if (list.Items[item] is SyntaxToken listToken)
                    {
                        yield return listToken;
                    }
                    else
                    {
                        stack.Push(((SyntaxNode)list.Items[item], 0, 0));
                    }
                    break;
            }
        }
    }

    /// <summary>The first token under this node (possibly missing), or null if the node holds none.</summary>
    public SyntaxToken? GetFirstToken() => EdgeToken(last: false);

    /// <summary>The last token under this node (possibly missing), or null if the node holds none.</summary>
    public SyntaxToken? GetLastToken() => EdgeToken(last: true);

    /// <summary>Descends along the first (or last) non-empty slot to a token, without allocating.</summary>
    private SyntaxToken? EdgeToken(bool last) => EdgeToken(last, skip: null);

    /// <summary>The last token under this node other than its own slot <paramref name="token"/> (a statement's terminator):
    /// the token before it, found along the right edge without searching by position.</summary>
    internal SyntaxToken? GetLastTokenExcept(SyntaxToken token) => EdgeToken(last: true, skip: token);

    private SyntaxToken? EdgeToken(bool last, SyntaxToken? skip)
    {
        var node = this;
        while (true)
        {
            object? edge = null;
            var count = node.SlotCount;
            for (var k = 0; k < count && edge is null; k++)
            {
                edge = node.GetSlot(last ? count - 1 - k : k) switch
                {
                    SyntaxListBase { Items.Length: > 0 } list => last ? list.Items[^1] : list.Items[0],
                    SyntaxListBase => null,
                    var other when ReferenceEquals(other, skip) => null,
                    var other => other,
                };
            }
            skip = null;
            switch (edge)
            {
                case SyntaxToken token:
                    return token;
                case SyntaxNode child:
                    node = child;
                    break;
                default:
                    return null;
            }
        }
    }

    /// <summary>The token whose full span (trivia included) holds <paramref name="position"/>; at the end of the text, the end-of-file token.</summary>
    public SyntaxToken FindToken(int position)
    {
        if (position < _fullStart || position > _fullEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, $"Position must lie in {FullSpan}.");
        }
        if (position == _fullEnd)
        {
            return GetLastToken() ?? throw new InvalidOperationException("A node without tokens has no position.");
        }
        var node = this;
        while (true)
        {
            object? found = null;
            object? lastNonEmpty = null;
            for (var i = 0; i < node.SlotCount; i++)
            {
                var slot = node.GetSlot(i);
                if (slot is SyntaxListBase list)
                {
                    var index = FindInList(list.Items, position);
                    if (index >= 0)
                    {
                        found = list.Items[index];
                        break;
                    }
                    if (list.Items.Length > 0)
                    {
                        lastNonEmpty = list.Items[^1];
                    }
                }
                else if (slot is not null)
                {
                    var (start, end) = Bounds(slot);
                    if (position >= start && position < end)
                    {
                        found = slot;
                        break;
                    }
                    if (end > start)
                    {
                        lastNonEmpty = slot;
                    }
                }
            }
            found ??= lastNonEmpty;
            switch (found)
            {
                case SyntaxToken token:
                    return token;
                case SyntaxNode child:
                    node = child;
                    break;
                default:
                    return GetLastToken() ?? throw new InvalidOperationException("A node without tokens has no position.");
            }
        }
    }

    private static int FindInList(object[] items, int position)
    {
        int lo = 0, hi = items.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var (start, end) = Bounds(items[mid]);
            if (position < start)
            {
                hi = mid - 1;
            }
            else if (position >= end)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }
        return -1;
    }

    private static (int Start, int End) Bounds(object item) => item is SyntaxToken t ? (t.FullStart, t.FullEnd) : (((SyntaxNode)item)._fullStart, ((SyntaxNode)item)._fullEnd);

    /// <summary>The node's text with all trivia, rebuilt token by token (for the root: exactly the parsed text).</summary>
    public string ToFullString()
    {
        var builder = new StringBuilder(_fullEnd - _fullStart);
        WriteTo(builder);
        return builder.ToString();
    }

    /// <summary>Appends the node's full text, token by token.</summary>
    public void WriteTo(StringBuilder builder)
    {
        foreach (var token in DescendantTokens())
        {
            token.WriteTo(builder);
        }
    }

    /// <summary>The node's text without the outer trivia.</summary>
    public override string ToString()
    {
        var span = Span;
        var first = GetFirstToken();
        return first is null ? string.Empty : first.SourceText.ToString(span);
    }
}
