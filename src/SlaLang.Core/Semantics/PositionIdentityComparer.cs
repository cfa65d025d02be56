using SlaLang.Syntax;

namespace SlaLang.Semantics;

/// <summary>
/// Reference identity for the binder's maps of syntax nodes and symbols, hashed by position in the text. The default
/// identity hash (<see cref="System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(object)"/>) has to install a hash in the
/// header of every freshly built node and symbol, which was an eighth of the binder's time on a 10 MB contract.
/// </summary>
internal sealed class PositionIdentityComparer : IEqualityComparer<SyntaxNode>, IEqualityComparer<Symbol>
{
    internal static readonly PositionIdentityComparer Instance = new();

    public bool Equals(SyntaxNode? x, SyntaxNode? y) => ReferenceEquals(x, y);

    public int GetHashCode(SyntaxNode node) => node.FullSpan.Start;

    public bool Equals(Symbol? x, Symbol? y) => ReferenceEquals(x, y);

    public int GetHashCode(Symbol symbol) => symbol.NameSpan.Start;
}
