using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace SlaLang.Emit;

/// <summary>
/// Turns contract names (any text) into valid, collision-free C# identifiers, deterministically:
/// ASCII letters, digits and <c>_</c> are kept, <c>.</c> becomes <c>_</c>, every other character becomes <c>_uXXXX_</c>
/// (its code point in hex), a leading digit gets a <c>_</c> prefix and C# keywords get <c>@</c>.
/// </summary>
public sealed class CSharpNames
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _assigned = new(StringComparer.Ordinal);

    /// <summary>Creates a scope in which <paramref name="reserved"/> names are already used (e.g. members of the base class).</summary>
    public CSharpNames(IEnumerable<string>? reserved = null)
    {
        foreach (var name in reserved ?? [])
        {
            _taken.Add(name);
        }
    }

    /// <summary>
    /// The identifier for <paramref name="key"/> in this scope: the same key always gets the same identifier,
    /// different keys never share one (a numeric suffix <c>_2</c>, <c>_3</c>… breaks ties).
    /// </summary>
    public string Get(string key, string? prefix = null, string? suffix = null) => Get([key], prefix, suffix);

    /// <summary>
    /// The identifier for a name made of several <paramref name="parts"/> (e.g. service and objective), joined with
    /// <c>_</c>; the parts stay distinct in the key, so <c>(a_b, c)</c> and <c>(a, b_c)</c> get different identifiers.
    /// </summary>
    public string Get(IReadOnlyList<string> parts, string? prefix = null, string? suffix = null)
    {
        var fullKey = (prefix ?? "") + "\u0000" + string.Join("\u0000", parts) + "\u0000" + (suffix ?? "");
        if (_assigned.TryGetValue(fullKey, out var known))
        {
            return known;
        }
        var stem = Sanitize((prefix ?? "") + string.Join("_", parts) + (suffix ?? ""));
        var candidate = stem;
        for (var n = 2; _taken.Contains(Unescaped(candidate)); n++)
        {
            candidate = Sanitize(stem.TrimStart('@') + "_" + n.ToString(CultureInfo.InvariantCulture));
        }
        _taken.Add(Unescaped(candidate));
        _assigned[fullKey] = candidate;
        return candidate;
    }

    /// <summary>
    /// A valid C# identifier for <paramref name="text"/> (escaped with <c>@</c> when it is a keyword). Texts that
    /// differ only by <c>.</c> versus <c>_</c> or a leading <c>_</c> can meet: <see cref="Get(string, string?, string?)"/> separates them.
    /// </summary>
    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(c);
            }
            else if (c == '_' && !(i + 1 < text.Length && text[i + 1] == 'u'))
            {
                builder.Append(c);
            }
            else if (c == '.' && !(i + 1 < text.Length && text[i + 1] == 'u'))
            {
                builder.Append('_'); // security.audit → security_audit (a scope's numeric suffix separates it from security_audit)
            }
            else
            {
                // A code point (surrogate pairs combined) spelled in hex; "_u" itself is escaped so the map is injective.
                var codePoint = char.IsSurrogatePair(text, i) ? char.ConvertToUtf32(text[i], text[++i]) : c;
                builder.Append("_u").Append(codePoint.ToString("X4", CultureInfo.InvariantCulture)).Append('_');
            }
        }
        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }
        var identifier = builder.ToString();
        return IsKeyword(identifier) ? "@" + identifier : identifier;
    }

    /// <summary>True when <paramref name="identifier"/> is a reserved or contextual C# keyword.</summary>
    public static bool IsKeyword(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None
        || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None;

    private static string Unescaped(string identifier) => identifier.TrimStart('@');
}
