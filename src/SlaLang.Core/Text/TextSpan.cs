namespace SlaLang.Text;

/// <summary>A range of characters in a source text: <see cref="Start"/> inclusive, <see cref="End"/> exclusive.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    /// <summary>The position just after the span.</summary>
    public int End => Start + Length;

    /// <summary>Whether the span is empty (a zero-width missing token, an error at a point).</summary>
    public bool IsEmpty => Length == 0;

    /// <summary>A span from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    /// <summary>Whether <paramref name="position"/> lies in [Start, End).</summary>
    public bool Contains(int position) => position >= Start && position < End;

    /// <summary>Whether <paramref name="other"/> lies entirely inside this span.</summary>
    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;

    /// <summary>Whether the spans share at least one position, or touch when one of them is empty.</summary>
    public bool IntersectsWith(TextSpan other) => other.Start <= End && other.End >= Start;

    /// <inheritdoc/>
    public override string ToString() => $"[{Start}..{End})";
}
