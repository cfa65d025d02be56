using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Syntax;

/// <summary>Checks what must hold for every tree, whatever the input: full fidelity, contiguous nested spans, parent links,
/// an end-of-file token last, diagnostics inside the text.</summary>
public static class TreeInvariants
{
    /// <summary>Throws (with the input's description) when an invariant fails.</summary>
    public static void Check(SyntaxTree tree, string text, string description)
    {
        var root = tree.Root;
        var full = root.ToFullString();
        if (full != text)
        {
            var i = 0;
            while (i < full.Length && i < text.Length && full[i] == text[i])
            {
                i++;
            }
            throw new Shouldly.ShouldAssertException($"{description}: round trip differs at offset {i} (text length {text.Length}, tree length {full.Length}).");
        }
        root.FullSpan.Start.ShouldBe(0, description);
        root.FullSpan.End.ShouldBe(text.Length, description);
        root.EndOfFile.Kind.ShouldBe(SyntaxKind.EndOfFileToken, description);
        root.GetLastToken().ShouldBeSameAs(root.EndOfFile, description);

        var stack = new Stack<SyntaxNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            var expectedStart = node.FullSpan.Start;
            var span = node.Span;
            if (span.Start < node.FullSpan.Start || span.End > node.FullSpan.End)
            {
                throw new Shouldly.ShouldAssertException($"{description}: {node.Kind} span {span} outside its full span {node.FullSpan}.");
            }
            foreach (var child in node.ChildNodesAndTokens())
            {
                if (child.Parent != node)
                {
                    throw new Shouldly.ShouldAssertException($"{description}: {child.Kind} at {child.FullSpan} has the wrong parent.");
                }
                var childSpan = child.FullSpan;
                if (childSpan.Start != expectedStart || !node.FullSpan.Contains(childSpan))
                {
                    throw new Shouldly.ShouldAssertException(
                        $"{description}: {child.Kind} at {childSpan} in {node.Kind} {node.FullSpan} does not start where its previous sibling ended ({expectedStart}).");
                }
                expectedStart = childSpan.End;
                if (child.AsNode() is { } childNode)
                {
                    stack.Push(childNode);
                }
            }
            if (expectedStart != node.FullSpan.End)
            {
                throw new Shouldly.ShouldAssertException($"{description}: children of {node.Kind} {node.FullSpan} end at {expectedStart}.");
            }
        }
        foreach (var diagnostic in tree.Diagnostics)
        {
            if (diagnostic.Span.Start < 0 || diagnostic.Span.End > text.Length)
            {
                throw new Shouldly.ShouldAssertException($"{description}: diagnostic {diagnostic} outside the text.");
            }
        }
    }
}
