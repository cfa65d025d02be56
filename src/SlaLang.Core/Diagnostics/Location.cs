using SlaLang.Text;

namespace SlaLang.Diagnostics;

/// <summary>Where a diagnostic or symbol is: a file path, its text and a span in it.</summary>
public sealed class Location
{
    /// <summary>A location in <paramref name="text"/> (the file at <paramref name="path"/>, which may be empty).</summary>
    public Location(string path, SourceText text, TextSpan span)
    {
        Path = path;
        Text = text;
        Span = span;
    }

    /// <summary>The file path as given to the parser (may be empty).</summary>
    public string Path { get; }

    /// <summary>The source text the span refers to.</summary>
    public SourceText Text { get; }

    /// <summary>The characters covered.</summary>
    public TextSpan Span { get; }

    /// <summary>The 0-based (line, column) of the span's start.</summary>
    public LinePosition Start => Text.GetLinePosition(Span.Start);

    /// <summary>The 0-based (line, column) of the span's end.</summary>
    public LinePosition End => Text.GetLinePosition(Span.End);

    /// <summary><c>path(line,col)</c>, 1-based.</summary>
    public override string ToString() => $"{Path}({Start})";
}
