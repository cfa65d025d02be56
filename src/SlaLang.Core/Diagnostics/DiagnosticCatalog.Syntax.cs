namespace SlaLang.Diagnostics;

public static partial class DiagnosticCatalog
{
    private const string SyntaxCategory = "Syntax";

    private static DiagnosticDescriptor SyntaxError(string code, string title, string format) =>
        new(code, title, format, DiagnosticSeverity.Error, SyntaxCategory);

    /// <summary>SLA1001: a character that starts no token.</summary>
    public static DiagnosticDescriptor UnrecognizedCharacter { get; } = SyntaxError("SLA1001", "Unrecognized character",
        "Unrecognized character '{0}'; remove it.");

    /// <summary>SLA1002: a <c>/*</c> comment without <c>*/</c>.</summary>
    public static DiagnosticDescriptor UnterminatedComment { get; } = SyntaxError("SLA1002", "Unterminated block comment",
        "Block comment is not closed; add '*/'.");

    /// <summary>SLA1003: a string without its closing quote on the same line.</summary>
    public static DiagnosticDescriptor UnterminatedString { get; } = SyntaxError("SLA1003", "Unterminated string",
        "String is not closed; add '\"' before the end of the line.");

    /// <summary>SLA1004: a backslash escape that is not one of <c>\" \\ \n \t \u{…}</c>.</summary>
    public static DiagnosticDescriptor InvalidEscape { get; } = SyntaxError("SLA1004", "Invalid escape sequence",
        "Invalid escape sequence: {0}; use \\\", \\\\, \\n, \\t or \\u{{hex}}.");

    /// <summary>SLA1005: a malformed number or percent.</summary>
    public static DiagnosticDescriptor InvalidNumber { get; } = SyntaxError("SLA1005", "Invalid number",
        "Invalid number '{0}': {1}.");

    /// <summary>SLA1006: a malformed duration such as <c>4hh</c>.</summary>
    public static DiagnosticDescriptor InvalidDuration { get; } = SyntaxError("SLA1006", "Invalid duration",
        "Invalid duration '{0}': {1}; write e.g. 500ms, 90s, 30min, 4h, 2d, 1w or 1h30min.");

    /// <summary>SLA1007: a malformed working-day count such as <c>1.5bd</c>.</summary>
    public static DiagnosticDescriptor InvalidWorkingDays { get; } = SyntaxError("SLA1007", "Invalid working days",
        "Invalid working days '{0}': {1}; write a whole number of working days such as 5bd.");

    /// <summary>SLA1008: a malformed money amount.</summary>
    public static DiagnosticDescriptor InvalidMoney { get; } = SyntaxError("SLA1008", "Invalid money amount",
        "Invalid money amount '{0}': {1}; write an amount then an ISO 4217 code, such as 1250.50 EUR.");

    /// <summary>SLA1009: a malformed or impossible date such as <c>2026-13-01</c>.</summary>
    public static DiagnosticDescriptor InvalidDate { get; } = SyntaxError("SLA1009", "Invalid date",
        "Invalid date '{0}': {1}; write YYYY-MM-DD.");

    /// <summary>SLA1010: a malformed or impossible time such as <c>25:00</c>.</summary>
    public static DiagnosticDescriptor InvalidTime { get; } = SyntaxError("SLA1010", "Invalid time",
        "Invalid time '{0}': {1}; write HH:MM or HH:MM:SS (00:00 to 24:00).");

    /// <summary>SLA1011: a malformed date-time such as <c>2026-01-01T8:00</c>.</summary>
    public static DiagnosticDescriptor InvalidDateTime { get; } = SyntaxError("SLA1011", "Invalid date-time",
        "Invalid date-time '{0}': {1}; write YYYY-MM-DDTHH:MM.");

    /// <summary>SLA1012: a malformed day set such as <c>mon-fry</c>.</summary>
    public static DiagnosticDescriptor InvalidDaySet { get; } = SyntaxError("SLA1012", "Invalid day set",
        "Invalid day set '{0}': {1}; use mon, tue, wed, thu, fri, sat, sun joined by '-' (range) or ',' (list).");

    /// <summary>SLA1013: a token is missing where the grammar requires one.</summary>
    public static DiagnosticDescriptor Expected { get; } = SyntaxError("SLA1013", "Expected token",
        "Expected {0}.");

    /// <summary>SLA1014: a statement starts with a word that begins no statement.</summary>
    public static DiagnosticDescriptor UnknownStatement { get; } = SyntaxError("SLA1014", "Unknown statement",
        "'{0}' does not begin a statement here; expected {1}.");

    /// <summary>SLA1015: a statement is followed by more tokens on the same line.</summary>
    public static DiagnosticDescriptor UnexpectedTokens { get; } = SyntaxError("SLA1015", "Unexpected tokens after statement",
        "Unexpected '{0}' after the statement; end the statement with a new line or ';'.");

    /// <summary>SLA1016: a statement that is valid elsewhere but not in this block.</summary>
    public static DiagnosticDescriptor MisplacedStatement { get; } = SyntaxError("SLA1016", "Statement not allowed here",
        "'{0}' is not allowed in {1}; move it to {2}.");

    /// <summary>SLA1017: blocks or expressions nested beyond the parser's limit.</summary>
    public static DiagnosticDescriptor NestingTooDeep { get; } = SyntaxError("SLA1017", "Nesting too deep",
        "Nesting is deeper than {0} levels; the rest of this construct is skipped.");

    /// <summary>SLA1018: a RACI cell that is not <c>-</c> or letters of R, A, C, I.</summary>
    public static DiagnosticDescriptor InvalidRaciCell { get; } = SyntaxError("SLA1018", "Invalid RACI cell",
        "RACI cell '{0}' must be '-' or letters of R, A, C, I (each at most once).");

    /// <summary>SLA1019: a <c>}</c> with no open block.</summary>
    public static DiagnosticDescriptor UnmatchedCloseBrace { get; } = SyntaxError("SLA1019", "Unmatched '}'",
        "'}}' closes no block; remove it.");

    /// <summary>SLA1020: a file that declares no contract.</summary>
    public static DiagnosticDescriptor MissingContract { get; } = SyntaxError("SLA1020", "No contract",
        "The file declares no contract or library; write 'contract Name {{ … }}' or 'library Name {{ … }}'.");

    /// <summary>SLA1021: a second contract or library in one file.</summary>
    public static DiagnosticDescriptor SecondContract { get; } = SyntaxError("SLA1021", "More than one contract",
        "A file holds one contract or one library; move '{0}' to a file of its own.");

    /// <summary>SLA1023: a name with letters outside ASCII (lexed as one identifier, so the declaration is kept).</summary>
    public static DiagnosticDescriptor NonAsciiIdentifier { get; } = SyntaxError("SLA1023", "Name with non-ASCII letters",
        "Name '{0}' has letters outside A-Z and a-z; names are ASCII letters, digits and '_' (any text may go in a quoted title).");

    /// <summary>SLA1024: an import after the file's contract or library.</summary>
    public static DiagnosticDescriptor ImportAfterDeclaration { get; } = SyntaxError("SLA1024", "Import after the declaration",
        "Imports come first in a file; move this 'import' above the contract or library.");

    /// <summary>SLA1022: so many errors that the rest are not reported (the file is probably not SlaLang).</summary>
    public static DiagnosticDescriptor TooManyErrors { get; } = SyntaxError("SLA1022", "Too many errors",
        "More than {0} errors; the rest of the file is not reported. Is this an SLA file?");
}
