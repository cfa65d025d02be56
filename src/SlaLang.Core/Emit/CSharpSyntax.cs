using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NodaTime;
using SlaLang.Model;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SlaLang.Emit;

/// <summary>
/// Small builders over Roslyn's <see cref="SyntaxFactory"/> for the emitter: literals (user text only ever goes
/// through <see cref="SyntaxFactory.Literal(string)"/>), constants of NodaTime types, and source-line comments.
/// </summary>
internal static class CSharpSyntax
{
    /// <summary>A string literal, escaped by Roslyn (quotes, backslashes, newlines, any Unicode).</summary>
    public static LiteralExpressionSyntax String(string value) =>
        LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(value));

    /// <summary>A string literal, or <c>null</c>.</summary>
    public static ExpressionSyntax StringOrNull(string? value) => value is null ? Null : String(value);

    /// <summary>The <c>null</c> literal.</summary>
    public static LiteralExpressionSyntax Null => LiteralExpression(SyntaxKind.NullLiteralExpression);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static LiteralExpressionSyntax Bool(bool value) =>
        LiteralExpression(value ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression);

    /// <summary>An <c>int</c> literal (negative values as a unary minus).</summary>
    public static ExpressionSyntax Int(int value) => value switch
    {
        int.MinValue => Member("int", "MinValue"),
        < 0 => PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, Int(-value)),
        _ => LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(value)),
    };

    /// <summary>A <c>long</c> literal (suffix L).</summary>
    public static ExpressionSyntax Long(long value) => value switch
    {
        long.MinValue => Member("long", "MinValue"),
        < 0 => PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, Long(-value)),
        _ => LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(value)),
    };

    /// <summary>An exact <c>decimal</c> literal (suffix m), scale kept: <c>99.93m</c>.</summary>
    public static ExpressionSyntax Decimal(decimal value)
    {
        if (value < 0)
        {
            return PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, Decimal(-value));
        }
        var text = value.ToString(CultureInfo.InvariantCulture) + "m";
        return LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(text, value));
    }

    /// <summary>A decimal literal or <c>null</c>.</summary>
    public static ExpressionSyntax DecimalOrNull(decimal? value) => value is { } v ? Decimal(v) : Null;

    /// <summary>A type or namespace name written by the emitter itself (never user text).</summary>
    public static TypeSyntax Type(string name) => ParseTypeName(name);

    /// <summary><c>Type.Member</c> for a type written by the emitter.</summary>
    public static MemberAccessExpressionSyntax Member(string type, string member) =>
        MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ParseTypeName(type), IdentifierName(member));

    /// <summary><c>expression.Member</c>.</summary>
    public static MemberAccessExpressionSyntax Member(ExpressionSyntax expression, string member) =>
        MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, expression, IdentifierName(member));

    /// <summary>An enum constant <c>EnumType.Name</c>.</summary>
    public static MemberAccessExpressionSyntax Enum<T>(string type, T value) where T : struct, System.Enum =>
        Member(type, value.ToString());

    /// <summary>A call <c>target(args)</c>.</summary>
    public static InvocationExpressionSyntax Call(ExpressionSyntax target, params ExpressionSyntax[] arguments) =>
        InvocationExpression(target, Arguments(arguments));

    /// <summary><c>new Type(args)</c>.</summary>
    public static ObjectCreationExpressionSyntax New(string type, params ExpressionSyntax[] arguments) =>
        ObjectCreationExpression(ParseTypeName(type)).WithArgumentList(Arguments(arguments));

    /// <summary>An argument list.</summary>
    public static ArgumentListSyntax Arguments(IEnumerable<ExpressionSyntax> arguments) =>
        ArgumentList(SeparatedList(arguments.Select(Argument)));

    /// <summary><c>new T[] { … }</c>.</summary>
    public static ExpressionSyntax Array(string elementType, IEnumerable<ExpressionSyntax> elements) =>
        ArrayCreationExpression(
                ArrayType(ParseTypeName(elementType)).WithRankSpecifiers(SingletonList(ArrayRankSpecifier(SingletonSeparatedList<ExpressionSyntax>(OmittedArraySizeExpression())))))
            .WithInitializer(InitializerExpression(SyntaxKind.ArrayInitializerExpression, SeparatedList(elements)));

    /// <summary><c>Duration.FromTicks(n)</c> (exact), or a readable <c>Duration.FromMinutes/Hours/Days</c> when whole.</summary>
    public static ExpressionSyntax Duration(Duration value)
    {
        var ticks = value.BclCompatibleTicks;
        if (ticks >= 0 && value == NodaTime.Duration.FromTicks(ticks))
        {
            foreach (var (unit, method) in new[] { (NodaConstants.TicksPerDay, "FromDays"), (NodaConstants.TicksPerHour, "FromHours"), (NodaConstants.TicksPerMinute, "FromMinutes"), (NodaConstants.TicksPerSecond, "FromSeconds") })
            {
                if (ticks % unit == 0 && ticks / unit is >= int.MinValue and <= int.MaxValue)
                {
                    return Call(Member("Duration", method), Int((int)(ticks / unit)));
                }
            }
            return Call(Member("Duration", "FromTicks"), Long(ticks));
        }
        return Call(Member("Duration", "FromNanoseconds"), Long(value.ToInt64Nanoseconds()));
    }

    /// <summary><c>Duration?</c> constant or <c>null</c>.</summary>
    public static ExpressionSyntax DurationOrNull(Duration? value) => value is { } v ? Duration(v) : Null;

    /// <summary><c>new LocalDate(y, m, d)</c>.</summary>
    public static ExpressionSyntax LocalDate(LocalDate date) =>
        New("LocalDate", Int(date.Year), Int(date.Month), Int(date.Day));

    /// <summary>
    /// A <c>// file:line what</c> comment naming where a member comes from. User text inside a comment is made
    /// single-line (control and line-separator characters become <c>\uXXXX</c>) so it can never end the comment.
    /// </summary>
    public static SyntaxTriviaList SourceComment(SourceLocation location, string what)
    {
        var file = string.IsNullOrEmpty(location.Path) ? "<contract>" : Path.GetFileName(location.Path);
        var where = location.Line > 0 ? $"{file}:{location.Line}" : file;
        return TriviaList(Comment("// " + SingleLine($"{where}: {what}")), ElasticCarriageReturnLineFeed);
    }

    /// <summary>A plain comment line (text made single-line).</summary>
    public static SyntaxTrivia CommentLine(string text) => Comment("// " + SingleLine(text));

    /// <summary>Text safe inside a <c>//</c> comment: no character that C# treats as a line end, no other control character.</summary>
    public static string SingleLine(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>Attaches <paramref name="comment"/> before <paramref name="member"/>.</summary>
    public static T WithComment<T>(this T member, SyntaxTriviaList comment) where T : MemberDeclarationSyntax =>
        member.WithLeadingTrivia(comment);
}
