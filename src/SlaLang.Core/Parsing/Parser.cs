using SlaLang.Diagnostics;
using SlaLang.Parsing.Literals;
using SlaLang.Syntax;
using SlaLang.Text;

namespace SlaLang.Parsing;

/// <summary>The block a statement stands in; decides which statements are allowed and what a message suggests.</summary>
internal enum BlockContext
{
    File,
    Contract,
    Library,
    Calendar,
    Service,
    Objective,
    Penalty,
    Escalation,
    Governance,
    Committee,
    Obligation,
    Security,
    Reversibility,
    Transition,
}

/// <summary>A recursive-descent parser over the lexer's tokens. It never throws and never loses a token: what it expected and
/// did not find becomes a zero-width missing token, what it could not use is kept in a <see cref="SkippedTokensSyntax"/>, and each
/// statement reports at most one error. Block nesting and expression nesting are bounded (SLA1017), so no input overflows the stack.</summary>
internal sealed partial class Parser
{
    internal const int MaxBlockDepth = 32;
    internal const int MaxExpressionDepth = 64;
    internal const int MaxConditionOperators = 256;

    private readonly SyntaxToken[] _tokens;
    private readonly int _tokenCount;
    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private int _index;
    private int _blockDepth;
    private int _expressionDepth;
    private int _conditionOperators;
    private bool _statementHasError;

    internal Parser(LexedText lexed, DiagnosticBag diagnostics)
    {
        _tokens = lexed.Tokens;
        _tokenCount = lexed.TokenCount;
        _source = lexed.Text;
        _diagnostics = diagnostics;
    }

    private SyntaxToken Current => _tokens[_index];

    private SyntaxToken PeekToken(int offset) => _tokens[Math.Min(_index + offset, _tokenCount - 1)];

    private SyntaxKind CurrentKeyword => Current.Kind == SyntaxKind.IdentifierToken ? Current.ContextualKind : SyntaxKind.None;

    private bool IsAtStatementEnd => Current.Kind is SyntaxKind.NewLineToken or SyntaxKind.SemicolonToken or SyntaxKind.CloseBraceToken or SyntaxKind.EndOfFileToken;

    private SyntaxToken Advance()
    {
        var token = _tokens[_index];
        if (token.Kind != SyntaxKind.EndOfFileToken)
        {
            _index++;
        }
        return token;
    }

    /// <summary>Lists for the statements of the blocks being parsed, one per nesting level, reused from block to block
    /// (a contract's many small blocks would otherwise each grow a list of their own and throw it away).</summary>
    private readonly Stack<List<StatementSyntax>> _statementLists = new();

    private List<StatementSyntax> RentStatementList() => _statementLists.Count > 0 ? _statementLists.Pop() : [];

    /// <summary>The statements gathered in <paramref name="statements"/> as a syntax list; the list goes back to the pool.</summary>
    private SyntaxList<StatementSyntax> ToSyntaxList(List<StatementSyntax> statements)
    {
        var items = statements.Count == 0 ? [] : new object[statements.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = statements[i];
        }
        statements.Clear();
        _statementLists.Push(statements);
        return new SyntaxList<StatementSyntax>(items);
    }

    /// <summary>Parses the whole file.</summary>
    internal CompilationUnitSyntax ParseCompilationUnit()
    {
        var statements = RentStatementList();
        var contracts = 0;
        while (Current.Kind != SyntaxKind.EndOfFileToken)
        {
            var before = _index;
            var statement = ParseStatement(BlockContext.File);
            statements.Add(statement);
            if (statement is ContractDeclarationSyntax or LibraryDeclarationSyntax && ++contracts == 2)
            {
                var name = ((DeclarationSyntax)statement).Identifier;
                _diagnostics.Report(DiagnosticCatalog.SecondContract, IsPresentName(name) ? name.Span : statement.Span, name.Text);
            }
            else if (statement is ImportDirectiveSyntax import && contracts > 0)
            {
                _diagnostics.Report(DiagnosticCatalog.ImportAfterDeclaration, import.ImportKeyword.Span);
            }
            if (_index == before)
            {
                statements.Add(new UnknownStatementSyntax(new SkippedTokensSyntax(new SyntaxList<SyntaxToken>([Advance()])), null));
            }
        }
        if (contracts == 0 && _diagnostics.Count == 0)
        {
            _diagnostics.Report(DiagnosticCatalog.MissingContract, new TextSpan(0, 0));
        }
        return new CompilationUnitSyntax(ToSyntaxList(statements), Advance());
    }

    // ---- Reporting and expectation -------------------------------------------------------------------------------------

    /// <summary>Reports an error of the current statement unless one was already reported for it or the lexer already
    /// reported the offending token.</summary>
    private void ReportOnce(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args)
    {
        if (_statementHasError)
        {
            return;
        }
        _statementHasError = true;
        if (_diagnostics.HasLexicalErrorIn(Current.FullStart, Current.Span.End))
        {
            return;
        }
        _diagnostics.Report(descriptor, span, args);
    }

    /// <summary>Where to report a missing token: on the unexpected token when it is on the same line, else just after the previous token.</summary>
    private TextSpan MissingSpan()
    {
        if (!IsAtStatementEnd || Current.Kind == SyntaxKind.SemicolonToken || Current.Kind == SyntaxKind.CloseBraceToken && !HasLineBreakBefore(Current))
        {
            return Current.Span;
        }
        var end = _index > 0 ? _tokens[_index - 1].Span.End : 0;
        return new TextSpan(end, 0);
    }

    private static bool HasLineBreakBefore(SyntaxToken token)
    {
        foreach (var trivia in token.LeadingTrivia)
        {
            if (trivia.Kind == SyntaxKind.EndOfLineTrivia)
            {
                return true;
            }
        }
        return false;
    }

    private SyntaxToken Missing(SyntaxKind kind, string what)
    {
        ReportOnce(DiagnosticCatalog.Expected, MissingSpan(), what);
        return SyntaxToken.Missing(_source, kind, Current.FullStart);
    }

    private SyntaxToken Expect(SyntaxKind kind) =>
        Current.Kind == kind ? Advance() : Missing(kind, SyntaxFacts.Describe(kind));

    private SyntaxToken ExpectKeyword(SyntaxKind keyword) =>
        CurrentKeyword == keyword ? Advance() : Missing(SyntaxKind.IdentifierToken, SyntaxFacts.Describe(keyword));

    private SyntaxToken? OptionalKeyword(SyntaxKind keyword) => CurrentKeyword == keyword ? Advance() : null;

    private SyntaxToken ExpectIdentifier(string what) =>
        Current.Kind == SyntaxKind.IdentifierToken ? Advance() : Missing(SyntaxKind.IdentifierToken, what);

    private IdentifierNameSyntax ExpectName(string what) => new(ExpectIdentifier(what));

    /// <summary>Any literal; the binder checks that its kind fits the slot.</summary>
    private SyntaxToken ExpectLiteral(string what) =>
        SyntaxFacts.IsLiteral(Current.Kind) ? Advance() : Missing(SyntaxKind.NumberLiteralToken, what);

    private SyntaxToken ExpectComparison(string what) =>
        SyntaxFacts.IsComparison(Current.Kind) ? Advance() : Missing(SyntaxKind.GreaterEqualsToken, what);

    private SyntaxToken? OptionalTitle() => Current.Kind == SyntaxKind.StringLiteralToken ? Advance() : null;

    // ---- Statements -----------------------------------------------------------------------------------------------------

    /// <summary>Ends a statement: skips (and reports once) what is left before the terminator, then takes a line break or ';'.</summary>
    private (SkippedTokensSyntax? Skipped, SyntaxToken? Terminator) EndStatement()
    {
        SkippedTokensSyntax? skipped = null;
        if (!IsAtStatementEnd)
        {
            ReportOnce(DiagnosticCatalog.UnexpectedTokens, Current.Span, Lexer.Display(Current.TextSpanChars));
            skipped = SkipToStatementEnd(consumeCloseBrace: false);
        }
        SyntaxToken? terminator = Current.Kind is SyntaxKind.NewLineToken or SyntaxKind.SemicolonToken ? Advance() : null;
        _statementHasError = false;
        return (skipped, terminator);
    }

    /// <summary>Skips to the end of the statement, keeping braces balanced (iteratively); at file level an unmatched '}' is skipped too.</summary>
    private SkippedTokensSyntax? SkipToStatementEnd(bool consumeCloseBrace)
    {
        var skipped = new List<SyntaxToken>();
        var depth = 0;
        while (Current.Kind != SyntaxKind.EndOfFileToken)
        {
            var kind = Current.Kind;
            if (depth == 0 && kind is SyntaxKind.NewLineToken or SyntaxKind.SemicolonToken)
            {
                break;
            }
            if (kind == SyntaxKind.CloseBraceToken)
            {
                if (depth == 0)
                {
                    if (!consumeCloseBrace)
                    {
                        break;
                    }
                }
                else
                {
                    depth--;
                }
            }
            else if (kind == SyntaxKind.OpenBraceToken)
            {
                depth++;
            }
            skipped.Add(Advance());
        }
        return skipped.Count == 0 ? null : new SkippedTokensSyntax(new SyntaxList<SyntaxToken>(skipped.ToArray()));
    }

    private StatementSyntax ParseStatement(BlockContext context)
    {
        var token = Current;
        if (token.Kind is SyntaxKind.SemicolonToken or SyntaxKind.NewLineToken)
        {
            return new EmptyStatementSyntax(null, Advance());
        }
        if (token.Kind != SyntaxKind.IdentifierToken)
        {
            return ParseUnknownStatement(context);
        }
        var keyword = token.ContextualKind;
        var home = HomeOf(keyword);
        if (home is null)
        {
            return ParseUnknownStatement(context);
        }
        if (Array.IndexOf(home, context) < 0)
        {
            ReportOnce(DiagnosticCatalog.MisplacedStatement, token.Span, token.Text, Describe(context), Describe(home[0]));
        }
        return keyword switch
        {
            SyntaxKind.ContractKeyword => ParseContract(),
            SyntaxKind.LibraryKeyword => ParseLibrary(),
            SyntaxKind.ImportKeyword => Finish(new ImportDirectiveSyntax(Advance(), ExpectLiteral("the imported file's path, a string such as \"common.sla\""), null, null)),
            SyntaxKind.UnderpinsKeyword => Finish(new UnderpinsStatementSyntax(Advance(), ExpectLiteral("the underpinned contract's path, a string such as \"../sla/contract.sla\""), null, null)),
            SyntaxKind.BacksKeyword => ParseBacks(),
            SyntaxKind.VersionKeyword => Finish(new VersionStatementSyntax(Advance(), ExpectLiteral("a version string"), null, null)),
            SyntaxKind.TermKeyword => ParseTerm(),
            SyntaxKind.TimezoneKeyword => Finish(new TimezoneStatementSyntax(Advance(), ExpectLiteral("an IANA time zone string such as \"Europe/Paris\""), null, null)),
            SyntaxKind.CurrencyKeyword => Finish(new CurrencyStatementSyntax(Advance(), ExpectIdentifier("an ISO 4217 currency code such as EUR"), null, null)),
            SyntaxKind.ModelKeyword => Finish(new ModelStatementSyntax(Advance(), ExpectIdentifier("a sourcing model (outtasking, cosourcing, nearshore, offshore, extended_inhouse)"), null, null)),
            SyntaxKind.ProfileKeyword => Finish(new ProfileStatementSyntax(Advance(), ExpectIdentifier("a profile (standard or regulated)"), null, null)),
            SyntaxKind.PartyKeyword => ParseParty(),
            SyntaxKind.RoleKeyword => ParseRole(),
            SyntaxKind.CalendarKeyword => ParseCalendar(),
            SyntaxKind.HoursKeyword => ParseHours(),
            SyntaxKind.HolidaysKeyword => Finish(new HolidaysStatementSyntax(Advance(), ParseSeparatedTokens(() => ExpectLiteral("a date")), null, null)),
            SyntaxKind.SeverityKeyword => Finish(new SeverityDeclarationSyntax(Advance(), ExpectIdentifier("the severity's name"), OptionalTitle(), null, null)),
            SyntaxKind.ServiceKeyword => ParseNamedBlock(keyword),
            SyntaxKind.FeeKeyword => Finish(new FeeStatementSyntax(Advance(), ExpectLiteral("a monthly fee such as 18000 EUR"), ExpectKeyword(SyntaxKind.PerKeyword), ParsePeriod(), null, null)),
            SyntaxKind.ObjectiveKeyword => ParseNamedBlock(keyword),
            SyntaxKind.IndicatorKeyword => ParseIndicator(),
            SyntaxKind.TargetKeyword => Finish(new TargetClauseSyntax(Advance(), ExpectComparison("a comparison (>=, >, <=, <)"), ExpectLiteral("a target value such as 99.9%"), null, null)),
            SyntaxKind.PerKeyword => Finish(new PerClauseSyntax(Advance(), ParsePeriod(), null, null)),
            SyntaxKind.DuringKeyword => Finish(new DuringClauseSyntax(Advance(), ExpectName("a calendar name (or always)"), null, null)),
            SyntaxKind.ExcludeKeyword => Finish(new ExcludeClauseSyntax(Advance(), ExpectKeyword(SyntaxKind.MaintenanceKeyword), null, null)),
            SyntaxKind.PenaltyKeyword => ParsePenalty(),
            SyntaxKind.BaseKeyword => Finish(new BaseClauseSyntax(Advance(), ExpectBase(), null, null)),
            SyntaxKind.WhenKeyword => ParseTier(),
            SyntaxKind.StepKeyword => Finish(new StepClauseSyntax(Advance(), ExpectLiteral("a step such as 1h or 0.1%"), ExpectKeyword(SyntaxKind.CreditKeyword), ExpectLiteral("a credit percent"), null, null)),
            SyntaxKind.CapKeyword => Finish(new CapClauseSyntax(Advance(), ExpectLiteral("a cap percent"), null, null)),
            SyntaxKind.RaciKeyword => ParseRaci(),
            SyntaxKind.EscalationKeyword => ParseEscalation(),
            SyntaxKind.AfterKeyword => ParseEscalationLevel(),
            SyntaxKind.GovernanceKeyword => ParseKeywordBlock(keyword),
            SyntaxKind.CommitteeKeyword => ParseNamedBlock(keyword),
            SyntaxKind.EveryKeyword => Finish(new EveryClauseSyntax(Advance(), ParsePeriod(), null, null)),
            SyntaxKind.ChairKeyword => Finish(new ChairClauseSyntax(Advance(), ExpectName("the chair's role"), null, null)),
            SyntaxKind.MembersKeyword => Finish(new MembersClauseSyntax(Advance(), ParseSeparatedNames("a role"), null, null)),
            SyntaxKind.ObligationKeyword => ParseNamedBlock(keyword),
            SyntaxKind.ByKeyword => Finish(new ByClauseSyntax(Advance(), ExpectName("a party"), null, null)),
            SyntaxKind.DueKeyword => Finish(new DueClauseSyntax(Advance(), ExpectLiteral("a delay such as 5bd or 2d"), ExpectKeyword(SyntaxKind.AfterKeyword), ExpectKeyword(SyntaxKind.PeriodKeyword), ExpectKeyword(SyntaxKind.EndKeyword), null, null)),
            SyntaxKind.SecurityKeyword => ParseKeywordBlock(keyword),
            SyntaxKind.EncryptionKeyword => Finish(new EncryptionControlSyntax(Advance(), ParseSeparatedTokens(() => ExpectIdentifier("an encryption scope (at_rest, in_transit)")), null, null)),
            SyntaxKind.BackupsKeyword => ParseBackups(),
            SyntaxKind.RecoveryTestKeyword => ParseRecoveryTest(),
            SyntaxKind.AuditKeyword => Finish(new AuditControlSyntax(Advance(), ExpectKeyword(SyntaxKind.EveryKeyword), ParsePeriod(), null, null)),
            SyntaxKind.AccessReviewKeyword => Finish(new AccessReviewControlSyntax(Advance(), ExpectKeyword(SyntaxKind.EveryKeyword), ParsePeriod(), null, null)),
            SyntaxKind.ResidencyKeyword => Finish(new ResidencyControlSyntax(Advance(), ExpectIdentifier("a region such as EU"), null, null)),
            SyntaxKind.EdrKeyword => Finish(new EdrControlSyntax(Advance(), ExpectKeyword(SyntaxKind.RequiredKeyword), null, null)),
            SyntaxKind.ReversibilityKeyword => ParseKeywordBlock(keyword),
            SyntaxKind.NoticeKeyword => Finish(new NoticeClauseSyntax(Advance(), ParsePeriod(), null, null)),
            SyntaxKind.AssistanceKeyword => Finish(new AssistanceClauseSyntax(Advance(), ParsePeriod(), null, null)),
            SyntaxKind.DeliverKeyword => Finish(new DeliverClauseSyntax(Advance(), ParseSeparatedTokens(() => ExpectLiteral("a deliverable string")), null, null)),
            SyntaxKind.TransitionKeyword => ParseKeywordBlock(keyword),
            SyntaxKind.PhaseKeyword => ParsePhase(),
            SyntaxKind.OverlapKeyword => Finish(new OverlapClauseSyntax(Advance(), ParsePeriod(), null, null)),
            _ => ParseUnknownStatement(context),
        };
    }

    private StatementSyntax ParseUnknownStatement(BlockContext context)
    {
        var token = Current;
        if (token.Kind == SyntaxKind.CloseBraceToken)
        {
            ReportOnce(DiagnosticCatalog.UnmatchedCloseBrace, token.Span);
        }
        else if (token.Kind != SyntaxKind.BadToken)
        {
            ReportOnce(DiagnosticCatalog.UnknownStatement, token.Span, Lexer.Display(token.TextSpanChars), ExpectedStatements(context));
        }
        var skipped = SkipToStatementEnd(consumeCloseBrace: true);
        var (_, terminator) = EndStatement();
        return new UnknownStatementSyntax(skipped, terminator);
    }

    /// <summary>Ends a statement whose node was built from its parts: attaches the skipped tokens and the terminator.</summary>
    private T Finish<T>(T statement)
        where T : StatementSyntax
    {
        var (skipped, terminator) = EndStatement();
        statement.AttachEnd(skipped, terminator);
        return statement;
    }

    private BlockSyntax ParseBlock(BlockContext context)
    {
        var hadError = _statementHasError;
        // A string left open swallowed the '{' (its error is reported): the missing brace is the same mistake.
        if (Current.Kind != SyntaxKind.OpenBraceToken && _index > 0 && _tokens[_index - 1] is { Kind: SyntaxKind.StringLiteralToken } previous
            && _diagnostics.HasLexicalErrorIn(previous.Span.Start, previous.Span.End))
        {
            _statementHasError = true;
        }
        var open = Expect(SyntaxKind.OpenBraceToken);
        if (open.IsMissing && !StartsBodyOf(context))
        {
            // No block: the statement's error was reported; the closing brace is missing too.
            return new BlockSyntax(open, SyntaxList<StatementSyntax>.Empty, SyntaxToken.Missing(_source, SyntaxKind.CloseBraceToken, Current.FullStart));
        }
        // Without its '{', a block whose statements follow (the next statement belongs in it) is read as if it were there,
        // up to its '}': one mistake, one error, instead of every clause reported as misplaced and the braces mismatched.
        var statements = RentStatementList();
        if (_blockDepth >= MaxBlockDepth)
        {
            _diagnostics.Report(DiagnosticCatalog.NestingTooDeep, open.Span, MaxBlockDepth);
            var skipped = SkipBalanced();
            if (skipped is not null)
            {
                statements.Add(new UnknownStatementSyntax(skipped, null));
            }
        }
        else
        {
            _blockDepth++;
            _statementHasError = false;
            while (Current.Kind is not (SyntaxKind.CloseBraceToken or SyntaxKind.EndOfFileToken))
            {
                var before = _index;
                statements.Add(ParseStatement(context));
                if (_index == before)
                {
                    statements.Add(new UnknownStatementSyntax(new SkippedTokensSyntax(new SyntaxList<SyntaxToken>([Advance()])), null));
                }
            }
            _blockDepth--;
        }
        _statementHasError = false;
        var close = Expect(SyntaxKind.CloseBraceToken);
        _statementHasError = hadError || close.IsMissing;
        return new BlockSyntax(open, ToSyntaxList(statements), close);
    }

    /// <summary>Whether the next statement (past line breaks) is one that belongs in a <paramref name="context"/> block.</summary>
    private bool StartsBodyOf(BlockContext context)
    {
        var i = 0;
        while (PeekToken(i).Kind == SyntaxKind.NewLineToken)
        {
            i++;
        }
        var token = PeekToken(i);
        return token.Kind == SyntaxKind.IdentifierToken && HomeOf(token.ContextualKind) is { } home && Array.IndexOf(home, context) >= 0;
    }

    /// <summary>Skips everything up to the '}' that closes the current block (not consumed), iteratively.</summary>
    private SkippedTokensSyntax? SkipBalanced()
    {
        var skipped = new List<SyntaxToken>();
        var depth = 0;
        while (Current.Kind != SyntaxKind.EndOfFileToken)
        {
            if (Current.Kind == SyntaxKind.CloseBraceToken)
            {
                if (depth == 0)
                {
                    break;
                }
                depth--;
            }
            else if (Current.Kind == SyntaxKind.OpenBraceToken)
            {
                depth++;
            }
            skipped.Add(Advance());
        }
        return skipped.Count == 0 ? null : new SkippedTokensSyntax(new SyntaxList<SyntaxToken>(skipped.ToArray()));
    }

    private SeparatedSyntaxList<SyntaxToken> ParseSeparatedTokens(Func<SyntaxToken> element)
    {
        var items = new List<object> { element() };
        while (Current.Kind == SyntaxKind.CommaToken)
        {
            items.Add(Advance());
            items.Add(element());
        }
        return new SeparatedSyntaxList<SyntaxToken>(items.ToArray());
    }

    private SeparatedSyntaxList<IdentifierNameSyntax> ParseSeparatedNames(string what)
    {
        var items = new List<object> { ExpectName(what) };
        while (Current.Kind == SyntaxKind.CommaToken)
        {
            items.Add(Advance());
            items.Add(ExpectName(what));
        }
        return new SeparatedSyntaxList<IdentifierNameSyntax>(items.ToArray());
    }

    private PeriodSyntax ParsePeriod()
    {
        switch (Current.Kind)
        {
            case SyntaxKind.IdentifierToken when Current.ContextualKind == SyntaxKind.RollingKeyword:
                return new RollingPeriodSyntax(Advance(), ExpectLiteral("a window length such as 30d"));
            case SyntaxKind.IdentifierToken:
                return new NamedPeriodSyntax(Advance());
            case SyntaxKind.NumberLiteralToken:
                return new CountedPeriodSyntax(Advance(), ExpectIdentifier("a unit such as months"));
            case SyntaxKind.DurationLiteralToken:
                return new DurationPeriodSyntax(Advance());
            default:
                return new NamedPeriodSyntax(Missing(SyntaxKind.IdentifierToken, "a period (day, week, month, quarter, year, N months or rolling Nd)"));
        }
    }

    private SyntaxToken ExpectBase() =>
        CurrentKeyword == SyntaxKind.FeeKeyword || Current.Kind == SyntaxKind.MoneyLiteralToken
            ? Advance()
            : Missing(SyntaxKind.IdentifierToken, "'fee' or a money amount");

    private static bool IsPresentName(SyntaxToken token) => !token.IsMissing && token.Span.Length > 0;

    private StatementSyntax ParseLibrary()
    {
        var keyword = Advance();
        var name = ExpectIdentifier("the library's name");
        var body = ParseBlock(BlockContext.Library);
        var (skipped, terminator) = EndStatement();
        return new LibraryDeclarationSyntax(keyword, name, body, skipped, terminator);
    }

    private StatementSyntax ParseBacks()
    {
        var keyword = Advance();
        var service = ExpectName("the backed service's name");
        var dot = Expect(SyntaxKind.DotToken);
        var objective = ExpectName("the backed objective's name (Service.Objective)");
        var (skipped, terminator) = EndStatement();
        return new BacksClauseSyntax(keyword, service, dot, objective, skipped, terminator);
    }

    private StatementSyntax ParseContract()
    {
        var keyword = Advance();
        var name = ExpectIdentifier("the contract's name");
        var title = OptionalTitle();
        var body = ParseBlock(BlockContext.Contract);
        var (skipped, terminator) = EndStatement();
        return new ContractDeclarationSyntax(keyword, name, title, body, skipped, terminator);
    }

    private StatementSyntax ParseTerm()
    {
        var keyword = Advance();
        var start = ExpectLiteral("the term's first day (a date)");
        var dots = Expect(SyntaxKind.DotDotToken);
        var end = ExpectLiteral("the term's last day (a date)");
        var (skipped, terminator) = EndStatement();
        return new TermStatementSyntax(keyword, start, dots, end, skipped, terminator);
    }

    private StatementSyntax ParseParty()
    {
        var keyword = Advance();
        var name = ExpectIdentifier("the party's name");
        var kind = Current.Kind == SyntaxKind.IdentifierToken && Current.ContextualKind is SyntaxKind.ClientKeyword or SyntaxKind.ProviderKeyword or SyntaxKind.SubcontractorKeyword
            ? Advance()
            : Missing(SyntaxKind.IdentifierToken, "the party's kind (client, provider or subcontractor)");
        var of = CurrentKeyword == SyntaxKind.OfKeyword ? new OfClauseSyntax(Advance(), ExpectName("a party")) : null;
        var title = OptionalTitle();
        var (skipped, terminator) = EndStatement();
        return new PartyDeclarationSyntax(keyword, name, kind, of, title, skipped, terminator);
    }

    private StatementSyntax ParseRole()
    {
        var keyword = Advance();
        var name = ExpectIdentifier("the role's name");
        var of = new OfClauseSyntax(ExpectKeyword(SyntaxKind.OfKeyword), ExpectName("the party the role belongs to"));
        var title = OptionalTitle();
        var (skipped, terminator) = EndStatement();
        return new RoleDeclarationSyntax(keyword, name, of, title, skipped, terminator);
    }

    private StatementSyntax ParseCalendar()
    {
        var keyword = Advance();
        var name = ExpectIdentifier("the calendar's name");
        var body = ParseBlock(BlockContext.Calendar);
        var (skipped, terminator) = EndStatement();
        return new CalendarDeclarationSyntax(keyword, name, body, skipped, terminator);
    }

    private StatementSyntax ParseHours()
    {
        var keyword = Advance();
        SyntaxToken days;
        if (Current.Kind == SyntaxKind.DaySetLiteralToken)
        {
            days = Advance();
        }
        else if (Current.Kind == SyntaxKind.IdentifierToken && Lexer.IsDayName(Current.TextSpanChars))
        {
            // A lone day name is lexed as a word (it may name something elsewhere); here it is a day set.
            var word = Advance();
            days = word.WithValue(SyntaxKind.DaySetLiteralToken, LiteralParsers.ParseDaySet(word.TextSpanChars).Value!);
            _tokens[_index - 1] = days;
        }
        else
        {
            days = Missing(SyntaxKind.DaySetLiteralToken, "days such as mon-fri");
        }
        var start = Current.Kind == SyntaxKind.TimeLiteralToken ? Advance() : Missing(SyntaxKind.TimeLiteralToken, "an opening time such as 08:00");
        var minus = Expect(SyntaxKind.MinusToken);
        var end = Current.Kind == SyntaxKind.TimeLiteralToken ? Advance() : Missing(SyntaxKind.TimeLiteralToken, "a closing time such as 18:00");
        var (skipped, terminator) = EndStatement();
        return new HoursStatementSyntax(keyword, days, start, minus, end, skipped, terminator);
    }

    private StatementSyntax ParseNamedBlock(SyntaxKind keywordKind)
    {
        var keyword = Advance();
        switch (keywordKind)
        {
            case SyntaxKind.ServiceKeyword:
            {
                var name = ExpectIdentifier("the service's name");
                var title = OptionalTitle();
                var body = ParseBlock(BlockContext.Service);
                var (skipped, terminator) = EndStatement();
                return new ServiceDeclarationSyntax(keyword, name, title, body, skipped, terminator);
            }
            case SyntaxKind.ObjectiveKeyword:
            {
                var name = ExpectIdentifier("the objective's name");
                var title = OptionalTitle();
                var body = ParseBlock(BlockContext.Objective);
                var (skipped, terminator) = EndStatement();
                return new ObjectiveDeclarationSyntax(keyword, name, title, body, skipped, terminator);
            }
            case SyntaxKind.CommitteeKeyword:
            {
                var name = ExpectIdentifier("the committee's name");
                var title = OptionalTitle();
                var body = ParseBlock(BlockContext.Committee);
                var (skipped, terminator) = EndStatement();
                return new CommitteeDeclarationSyntax(keyword, name, title, body, skipped, terminator);
            }
            default:
            {
                var name = ExpectIdentifier("the obligation's name");
                var title = OptionalTitle();
                var body = ParseBlock(BlockContext.Obligation);
                var (skipped, terminator) = EndStatement();
                return new ObligationDeclarationSyntax(keyword, name, title, body, skipped, terminator);
            }
        }
    }

    private StatementSyntax ParseKeywordBlock(SyntaxKind keywordKind)
    {
        var keyword = Advance();
        switch (keywordKind)
        {
            case SyntaxKind.GovernanceKeyword:
            {
                var body = ParseBlock(BlockContext.Governance);
                var (skipped, terminator) = EndStatement();
                return new GovernanceDeclarationSyntax(keyword, body, skipped, terminator);
            }
            case SyntaxKind.SecurityKeyword:
            {
                var body = ParseBlock(BlockContext.Security);
                var (skipped, terminator) = EndStatement();
                return new SecurityDeclarationSyntax(keyword, body, skipped, terminator);
            }
            case SyntaxKind.ReversibilityKeyword:
            {
                var body = ParseBlock(BlockContext.Reversibility);
                var (skipped, terminator) = EndStatement();
                return new ReversibilityDeclarationSyntax(keyword, body, skipped, terminator);
            }
            default:
            {
                var body = ParseBlock(BlockContext.Transition);
                var (skipped, terminator) = EndStatement();
                return new TransitionDeclarationSyntax(keyword, body, skipped, terminator);
            }
        }
    }

    private StatementSyntax ParseIndicator()
    {
        var keyword = Advance();
        var name = ExpectIdentifier("an indicator (availability, mttr, resolved_within(D), …)");
        IndicatorArgumentSyntax? argument = null;
        if (Current.Kind == SyntaxKind.OpenParenToken)
        {
            argument = new IndicatorArgumentSyntax(Advance(), ExpectLiteral("an argument such as 4h"), Expect(SyntaxKind.CloseParenToken));
        }
        var where = CurrentKeyword == SyntaxKind.WhereKeyword ? ParseWhere() : null;
        var (skipped, terminator) = EndStatement();
        return new IndicatorClauseSyntax(keyword, name, argument, where, skipped, terminator);
    }

    private StatementSyntax ParsePenalty()
    {
        var keyword = Advance();
        var name = ExpectIdentifier("the penalty's name");
        var on = ExpectKeyword(SyntaxKind.OnKeyword);
        var objective = ExpectName("the objective the penalty applies to");
        var body = ParseBlock(BlockContext.Penalty);
        var (skipped, terminator) = EndStatement();
        return new PenaltyDeclarationSyntax(keyword, name, on, objective, body, skipped, terminator);
    }

    private StatementSyntax ParseTier()
    {
        var keyword = Advance();
        var op = ExpectComparison("a comparison (<, <=, >, >=)");
        var threshold = ExpectLiteral("a threshold such as 99.5%");
        var credit = ExpectKeyword(SyntaxKind.CreditKeyword);
        var rate = ExpectLiteral("a credit percent");
        var (skipped, terminator) = EndStatement();
        return new TierClauseSyntax(keyword, op, threshold, credit, rate, skipped, terminator);
    }

    private StatementSyntax ParseRaci()
    {
        var keyword = Advance();
        var hadError = _statementHasError;
        var open = Expect(SyntaxKind.OpenBraceToken);
        var rows = new List<StatementSyntax>();
        SyntaxToken close;
        if (open.IsMissing)
        {
            close = SyntaxToken.Missing(_source, SyntaxKind.CloseBraceToken, Current.FullStart);
        }
        else
        {
            _statementHasError = false;
            var sawHeader = false;
            while (Current.Kind is not (SyntaxKind.CloseBraceToken or SyntaxKind.EndOfFileToken))
            {
                var before = _index;
                if (Current.Kind is SyntaxKind.NewLineToken or SyntaxKind.SemicolonToken)
                {
                    rows.Add(new EmptyStatementSyntax(null, Advance()));
                }
                else if (!sawHeader && CurrentKeyword == SyntaxKind.RolesKeyword)
                {
                    sawHeader = true;
                    var roles = Advance();
                    var names = new List<object>();
                    while (Current.Kind == SyntaxKind.IdentifierToken)
                    {
                        names.Add(new IdentifierNameSyntax(Advance()));
                    }
                    var (skipped, terminator) = EndStatement();
                    rows.Add(new RaciHeaderSyntax(roles, new SyntaxList<IdentifierNameSyntax>(names.ToArray()), skipped, terminator));
                }
                else if (Current.Kind == SyntaxKind.IdentifierToken)
                {
                    rows.Add(ParseRaciRow());
                }
                else
                {
                    rows.Add(ParseUnknownStatement(BlockContext.Contract));
                }
                if (_index == before)
                {
                    rows.Add(new UnknownStatementSyntax(new SkippedTokensSyntax(new SyntaxList<SyntaxToken>([Advance()])), null));
                }
            }
            _statementHasError = false;
            close = Expect(SyntaxKind.CloseBraceToken);
        }
        _statementHasError = hadError || close.IsMissing;
        var (tableSkipped, tableTerminator) = EndStatement();
        return new RaciTableSyntax(keyword, open, new SyntaxList<StatementSyntax>(rows.ToArray()), close, tableSkipped, tableTerminator);
    }

    private StatementSyntax ParseRaciRow()
    {
        var activity = Advance();
        var title = OptionalTitle();
        var cells = new List<object>();
        while (Current.Kind is SyntaxKind.IdentifierToken or SyntaxKind.MinusToken)
        {
            var cell = Advance();
            if (cell.Kind == SyntaxKind.IdentifierToken && !IsRaciLetters(cell.TextSpanChars))
            {
                ReportOnce(DiagnosticCatalog.InvalidRaciCell, cell.Span, Lexer.Display(cell.TextSpanChars));
            }
            cells.Add(new RaciCellSyntax(cell));
        }
        var (skipped, terminator) = EndStatement();
        return new RaciRowSyntax(activity, title, new SyntaxList<RaciCellSyntax>(cells.ToArray()), skipped, terminator);
    }

    private static bool IsRaciLetters(ReadOnlySpan<char> text)
    {
        var seen = 0;
        foreach (var c in text)
        {
            var bit = c switch { 'R' => 1, 'A' => 2, 'C' => 4, 'I' => 8, _ => 0 };
            if (bit == 0 || (seen & bit) != 0)
            {
                return false;
            }
            seen |= bit;
        }
        return true;
    }

    private StatementSyntax ParseEscalation()
    {
        var keyword = Advance();
        var name = ExpectIdentifier("the escalation's name");
        EscalationFilterSyntax? filter = null;
        if (CurrentKeyword == SyntaxKind.ForKeyword)
        {
            var forKeyword = Advance();
            var incidents = ExpectKeyword(SyntaxKind.IncidentsKeyword);
            var where = CurrentKeyword == SyntaxKind.WhereKeyword ? ParseWhere() : null;
            filter = new EscalationFilterSyntax(forKeyword, incidents, where);
        }
        var body = ParseBlock(BlockContext.Escalation);
        var (skipped, terminator) = EndStatement();
        return new EscalationDeclarationSyntax(keyword, name, filter, body, skipped, terminator);
    }

    private StatementSyntax ParseEscalationLevel()
    {
        var keyword = Advance();
        var delay = ExpectLiteral("a delay such as 30min");
        var notify = ExpectKeyword(SyntaxKind.NotifyKeyword);
        var recipients = ParseSeparatedNames("a role to notify");
        var (skipped, terminator) = EndStatement();
        return new EscalationLevelSyntax(keyword, delay, notify, recipients, skipped, terminator);
    }

    private StatementSyntax ParseBackups()
    {
        var keyword = Advance();
        var immutable = OptionalKeyword(SyntaxKind.ImmutableKeyword);
        var retentionKeyword = OptionalKeyword(SyntaxKind.RetentionKeyword);
        var retention = retentionKeyword is null ? null : ExpectLiteral("a retention such as 90d");
        var (skipped, terminator) = EndStatement();
        return new BackupsControlSyntax(keyword, immutable, retentionKeyword, retention, skipped, terminator);
    }

    private StatementSyntax ParseRecoveryTest()
    {
        var keyword = Advance();
        var every = ExpectKeyword(SyntaxKind.EveryKeyword);
        var period = ParsePeriod();
        var rtoKeyword = OptionalKeyword(SyntaxKind.RtoKeyword);
        var rto = rtoKeyword is null ? null : ExpectLiteral("a recovery time objective such as 4h");
        var rpoKeyword = OptionalKeyword(SyntaxKind.RpoKeyword);
        var rpo = rpoKeyword is null ? null : ExpectLiteral("a recovery point objective such as 15min");
        var (skipped, terminator) = EndStatement();
        return new RecoveryTestControlSyntax(keyword, every, period, rtoKeyword, rto, rpoKeyword, rpo, skipped, terminator);
    }

    private StatementSyntax ParsePhase()
    {
        var keyword = Advance();
        var name = ExpectIdentifier("the phase's name");
        var start = ExpectLiteral("the phase's first day (a date)");
        var dots = Expect(SyntaxKind.DotDotToken);
        var end = ExpectLiteral("the phase's last day (a date)");
        var gateKeyword = OptionalKeyword(SyntaxKind.GateKeyword);
        var gate = gateKeyword is null ? null : ExpectLiteral("the gate's title (a string)");
        var (skipped, terminator) = EndStatement();
        return new PhaseDeclarationSyntax(keyword, name, start, dots, end, gateKeyword, gate, skipped, terminator);
    }

    // ---- Expressions ----------------------------------------------------------------------------------------------------

    private WhereClauseSyntax ParseWhere()
    {
        var keyword = Advance();
        _expressionDepth = 0;
        _conditionOperators = 0;
        return new WhereClauseSyntax(keyword, ParseOr());
    }

    private ExpressionSyntax ParseOr()
    {
        var left = ParseAnd();
        while (CurrentKeyword == SyntaxKind.OrKeyword && CountOperator())
        {
            var op = Advance();
            left = new BinaryExpressionSyntax(left, op, ParseAnd());
        }
        return left;
    }

    private ExpressionSyntax ParseAnd()
    {
        var left = ParseNot();
        while (CurrentKeyword == SyntaxKind.AndKeyword && CountOperator())
        {
            var op = Advance();
            left = new BinaryExpressionSyntax(left, op, ParseNot());
        }
        return left;
    }

    private ExpressionSyntax ParseNot()
    {
        if (CurrentKeyword == SyntaxKind.NotKeyword && PeekToken(1).ContextualKind != SyntaxKind.InKeyword)
        {
            if (!EnterExpression())
            {
                return new NameExpressionSyntax(SyntaxToken.Missing(_source, SyntaxKind.IdentifierToken, Current.FullStart));
            }
            var not = Advance();
            var operand = ParseNot();
            _expressionDepth--;
            return new NotExpressionSyntax(not, operand);
        }
        return ParseComparison();
    }

    private ExpressionSyntax ParseComparison()
    {
        var left = ParsePrimary();
        if (SyntaxFacts.IsComparison(Current.Kind))
        {
            var op = Advance();
            return new BinaryExpressionSyntax(left, op, ParsePrimary());
        }
        var not = CurrentKeyword == SyntaxKind.NotKeyword && PeekToken(1).IsKeyword(SyntaxKind.InKeyword) ? Advance() : null;
        if (not is not null || CurrentKeyword == SyntaxKind.InKeyword)
        {
            var inKeyword = ExpectKeyword(SyntaxKind.InKeyword);
            var open = Expect(SyntaxKind.OpenParenToken);
            var items = new List<object> { ParsePrimary() };
            while (Current.Kind == SyntaxKind.CommaToken)
            {
                items.Add(Advance());
                items.Add(ParsePrimary());
            }
            var close = Expect(SyntaxKind.CloseParenToken);
            return new InExpressionSyntax(left, not, inKeyword, open, new SeparatedSyntaxList<ExpressionSyntax>(items.ToArray()), close);
        }
        return left;
    }

    private ExpressionSyntax ParsePrimary()
    {
        var token = Current;
        if (token.Kind == SyntaxKind.IdentifierToken)
        {
            return new NameExpressionSyntax(Advance());
        }
        if (SyntaxFacts.IsLiteral(token.Kind))
        {
            return new LiteralExpressionSyntax(Advance());
        }
        if (token.Kind == SyntaxKind.OpenParenToken)
        {
            if (!EnterExpression())
            {
                return new NameExpressionSyntax(SyntaxToken.Missing(_source, SyntaxKind.IdentifierToken, Current.FullStart));
            }
            var open = Advance();
            var inner = ParseOr();
            var close = Expect(SyntaxKind.CloseParenToken);
            _expressionDepth--;
            return new ParenthesizedExpressionSyntax(open, inner, close);
        }
        return new NameExpressionSyntax(Missing(SyntaxKind.IdentifierToken, "a condition such as severity == sev1"));
    }

    /// <summary>A chain of and/or makes a tree as deep as it is long: bound it too, for the sake of every tool walking conditions.</summary>
    private bool CountOperator()
    {
        if (++_conditionOperators > MaxConditionOperators)
        {
            ReportOnce(DiagnosticCatalog.NestingTooDeep, Current.Span, MaxConditionOperators);
            return false;
        }
        return true;
    }

    private bool EnterExpression()
    {
        if (_expressionDepth >= MaxExpressionDepth)
        {
            ReportOnce(DiagnosticCatalog.NestingTooDeep, Current.Span, MaxExpressionDepth);
            return false;
        }
        _expressionDepth++;
        return true;
    }
}
