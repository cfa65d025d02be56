namespace SlaLang.Text;

/// <summary>A 0-based line and column (UTF-16 code units) in a source text; <see cref="ToString"/> shows them 1-based.</summary>
public readonly record struct LinePosition(int Line, int Character)
{
    /// <summary>The 1-based line number, as shown to users.</summary>
    public int DisplayLine => Line + 1;

    /// <summary>The 1-based column number, as shown to users.</summary>
    public int DisplayColumn => Character + 1;

    /// <summary>1-based <c>line,column</c>, the form of MSBuild-style messages.</summary>
    public override string ToString() => $"{DisplayLine},{DisplayColumn}";
}
