using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SlaLang.Model;
using SlaLang.Runtime;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;
using static SlaLang.Emit.CSharpSyntax;

namespace SlaLang.Emit;

/// <summary>
/// Turns a <see cref="ContractModel"/> into the C# of its monitor: one sealed class deriving from
/// <c>SlaLang.Runtime.Monitoring.ContractMonitor</c>, with its calendars, objectives, penalties, escalations and
/// obligations as typed fields built from constants, every <c>where</c> clause compiled to a static predicate of
/// direct comparisons, and an <c>Observe</c> that keeps only the events this contract measures (by kind, service
/// and obligation name) before recording them. Built with <see cref="SyntaxFactory"/> only: names become
/// sanitised identifiers (<see cref="CSharpNames"/>), user text only ever appears in escaped literals or in
/// single-line comments.
/// </summary>
internal static class MonitorEmitter
{
    /// <summary>Namespace of generated monitors.</summary>
    public const string GeneratedNamespace = "SlaLang.Generated";

    private const string MonitorBase = "ContractMonitor";
    private const string IncidentParameter = "incident";
    private const string EventParameter = "e";

    // Simple names of runtime types the generated code uses through its usings: no generated identifier may equal one.
    private static readonly string[] RuntimeTypeNames =
    [
        "ContractMonitor", "BusinessCalendar", "WeeklyHours", "Objective", "Target", "PeriodRule", "Penalty", "PenaltyBase",
        "PenaltyTier", "PenaltyStep", "Escalation", "EscalationLevel", "Obligation", "DueOffset", "IncidentInfo",
        "IncidentFilter", "SlaEvent", "EventKind", "IndicatorKind", "Comparison", "Duration", "LocalDate", "IsoDayOfWeek",
        "NodaTime", "SlaLang", "System", "Name", "Zone", "Term", "Currency", "Always", "Facts", "Objectives", "Calendar",
        "Add", "Observe", "ObserveAll", "Report", "Snapshot", "Restore", "Equals", "GetHashCode", "ToString", "GetType",
        "MemberwiseClone", "Finalize", "ContractName", "Source", "Declare", "DeclaredServices", "DeclaredSeverities", "ObligationNames",
        "Escalations", "ObligationResults",
    ];

    /// <summary>The name of the generated monitor class of <paramref name="contract"/> (<c>&lt;Contract&gt;Monitor</c>, sanitised).</summary>
    public static string MonitorClassName(ContractModel contract) =>
        new CSharpNames(RuntimeTypeNames).Get(contract.Name, suffix: "Monitor");

    /// <summary>The file name <c>slac compile</c> writes: <c>&lt;Contract&gt;Monitor.cs</c>.</summary>
    public static string FileName(ContractModel contract) => MonitorClassName(contract).TrimStart('@') + ".cs";

    /// <summary>The full name (namespace and class) of the generated monitor, for reflection.</summary>
    public static string MonitorTypeName(ContractModel contract) => GeneratedNamespace + "." + MonitorClassName(contract).TrimStart('@');

    /// <summary>The monitor of a bound model (the one generator; from source, go through <see cref="CompilationEmitExtensions.EmitMonitor"/>).</summary>
    internal static MonitorEmission Emit(ContractModel contract) =>
        new(contract, new Builder(contract).Build().NormalizeWhitespace(eol: "\n"), []);

    /// <summary>The assembly name of a compiled monitor (sanitised contract name).</summary>
    public static string AssemblyNameOf(ContractModel contract) => "SlaLang.Generated." + MonitorClassName(contract).TrimStart('@');

    /// <summary>One emission: the identifier scope and the members collected so far.</summary>
    private sealed class Builder(ContractModel contract)
    {
        private readonly CSharpNames _names = new(RuntimeTypeNames);
        private readonly List<MemberDeclarationSyntax> _fields = [];
        private readonly List<StatementSyntax> _constructor = [];
        private readonly List<MemberDeclarationSyntax> _predicates = [];
        private readonly Dictionary<string, string> _calendarFields = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Service, string Objective), string> _objectiveFields = [];

        public CompilationUnitSyntax Build()
        {
            var className = _names.Get(contract.Name, suffix: "Monitor");
            foreach (var calendar in contract.Calendars)
            {
                AddCalendar(calendar);
            }
            foreach (var service in contract.Services.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                foreach (var objective in service.Objectives)
                {
                    AddObjective(service, objective);
                }
                foreach (var penalty in service.Penalties)
                {
                    AddPenalty(service, penalty);
                }
            }
            foreach (var escalation in contract.Escalations)
            {
                AddEscalation(escalation);
            }
            foreach (var obligation in contract.Obligations)
            {
                AddObligation(obligation);
            }

            // The contract's vocabulary first: an incident of a service or severity it does not declare cannot count (§6).
            _constructor.Insert(0, ExpressionStatement(Call(IdentifierName("Declare"),
                Array("string", contract.Services.Select(s => String(s.Name))),
                Array("string", contract.Severities.Select(s => String(s.Name))))));

            var constructor = ConstructorDeclaration(Identifier(className))
                .AddModifiers(Token(SyntaxKind.PublicKeyword))
                .WithInitializer(ConstructorInitializer(SyntaxKind.BaseConstructorInitializer, Arguments(
                [
                    String(contract.Name), String(contract.TimeZoneId), LocalDate(contract.TermStart), LocalDate(contract.TermEnd), String(contract.Currency),
                ])))
                .WithBody(Block(_constructor))
                .WithComment(SourceComment(contract.Location,
                    $"contract {contract.Name}: term {contract.TermStart:yyyy-MM-dd} .. {contract.TermEnd:yyyy-MM-dd}, timezone {contract.TimeZoneId}, currency {contract.Currency}"));

            var sourceField = FieldDeclaration(VariableDeclaration(PredefinedType(Token(SyntaxKind.StringKeyword)))
                    .AddVariables(VariableDeclarator("Source").WithInitializer(EqualsValueClause(String(Path.GetFileName(contract.Location.Path ?? ""))))))
                .AddModifiers(Token(SyntaxKind.PublicKeyword), Token(SyntaxKind.ConstKeyword))
                .WithComment(TriviaList(CommentLine("The .sla file this monitor was generated from."), ElasticCarriageReturnLineFeed));

            var members = new List<MemberDeclarationSyntax> { sourceField };
            members.AddRange(_fields);
            members.Add(constructor);
            members.Add(ObserveMethod());
            members.AddRange(_predicates);

            var title = contract.Title is null ? "" : $" \"{contract.Title}\"";
            var monitor = ClassDeclaration(className)
                .AddModifiers(Token(SyntaxKind.PublicKeyword), Token(SyntaxKind.SealedKeyword))
                .AddBaseListTypes(SimpleBaseType(Type(MonitorBase)))
                .WithMembers(List(members))
                .WithComment(TriviaList(
                    CommentLine($"The monitor of contract {contract.Name}{title}{(contract.Version is null ? "" : " version " + contract.Version)}."),
                    ElasticCarriageReturnLineFeed,
                    CommentLine($"{Path.GetFileName(contract.Location.Path ?? "")}:{contract.Location.Line}: contract {contract.Name}"),
                    ElasticCarriageReturnLineFeed));

            var usings = new[] { "NodaTime", "SlaLang.Runtime" }
                .Select(n => UsingDirective(ParseName(n)));
            var header = TriviaList(
                Comment("// <auto-generated/>"), ElasticCarriageReturnLineFeed,
                CommentLine($"Generated by slac from {Path.GetFileName(contract.Location.Path ?? "")}: edit the contract, not this file."), ElasticCarriageReturnLineFeed,
                Trivia(NullableDirectiveTrivia(Token(SyntaxKind.EnableKeyword), true)), ElasticCarriageReturnLineFeed);
            return CompilationUnit()
                .WithUsings(List(usings))
                .AddMembers(FileScopedNamespaceDeclaration(ParseName(GeneratedNamespace)).AddMembers(monitor))
                .WithLeadingTrivia(header);
        }

        private void AddField(string type, string name, SyntaxTriviaList comment, bool isStatic = false)
        {
            var modifiers = isStatic
                ? new[] { Token(SyntaxKind.PrivateKeyword), Token(SyntaxKind.StaticKeyword), Token(SyntaxKind.ReadOnlyKeyword) }
                : [Token(SyntaxKind.PrivateKeyword), Token(SyntaxKind.ReadOnlyKeyword)];
            _fields.Add(FieldDeclaration(VariableDeclaration(Type(type)).AddVariables(VariableDeclarator(name)))
                .AddModifiers(modifiers)
                .WithComment(comment));
        }

        private void Assign(string field, ExpressionSyntax value, SyntaxTriviaList comment) =>
            _constructor.Add(ExpressionStatement(AssignmentExpression(SyntaxKind.SimpleAssignmentExpression,
                    IdentifierName(field), value))
                .WithLeadingTrivia(comment));

        private static ExpressionSyntax AddCall(ExpressionSyntax created) => Call(IdentifierName("Add"), created);

        private void AddCalendar(CalendarModel calendar)
        {
            var field = _names.Get(calendar.Name, prefix: "_calendar_");
            _calendarFields[calendar.Name] = field;
            var hours = calendar.Hours.Select(h => (ExpressionSyntax)New("WeeklyHours", Enum("IsoDayOfWeek", h.Day), Duration(h.Start), Duration(h.End)));
            var holidays = calendar.Holidays.Select(LocalDate);
            var comment = SourceComment(calendar.Location, $"calendar {calendar.Name}");
            AddField("BusinessCalendar", field, comment);
            Assign(field, Call(IdentifierName("Calendar"), String(calendar.Name), Array("WeeklyHours", hours), Array("LocalDate", holidays)), comment);
        }

        private ExpressionSyntax CalendarExpression(string name) =>
            name == ContractModel.AlwaysCalendar || !_calendarFields.TryGetValue(name, out var field)
                ? IdentifierName("Always")
                : IdentifierName(field);

        private static ExpressionSyntax PeriodExpression(PeriodSpec period) => period.Unit switch
        {
            PeriodUnit.Day => Member("PeriodRule", "Day"),
            PeriodUnit.Week => Member("PeriodRule", "Week"),
            PeriodUnit.Month => Member("PeriodRule", "Month"),
            PeriodUnit.Quarter => Member("PeriodRule", "Quarter"),
            PeriodUnit.Year => Member("PeriodRule", "Year"),
            PeriodUnit.Months => Call(Member("PeriodRule", "Months"), Int(period.Count)),
            _ => Call(Member("PeriodRule", "Rolling"), Duration(period.RollingLength)),
        };

        private void AddObjective(ServiceModel service, ObjectiveModel objective)
        {
            var field = _names.Get([service.Name, objective.Name], prefix: "_objective_");
            _objectiveFields[(service.Name, objective.Name)] = field;
            var comment = SourceComment(objective.Location, $"objective {service.Name}.{objective.Name}: {SlaText.Indicator(objective.Indicator)} target {objective.Target.Text} per {SlaText.Period(objective.Per)}");
            ExpressionSyntax where = Null;
            if (objective.Indicator.Where is { } filter)
            {
                where = IdentifierName(AddPredicate([service.Name, objective.Name], filter, objective.Location, $"objective {service.Name}.{objective.Name}"));
            }
            var arguments = new List<ArgumentSyntax>
            {
                Argument(String(service.Name)),
                Argument(String(objective.Name)),
                Argument(Enum("IndicatorKind", objective.Indicator.Kind)),
                Argument(New("Target", Enum("Comparison", objective.Target.Comparison), Decimal(objective.Target.Value), String(objective.Target.Text))),
                Argument(PeriodExpression(objective.Per)),
                Argument(CalendarExpression(objective.Calendar)),
            };
            if (objective.Indicator.Within is { } within)
            {
                arguments.Add(Named("within", Duration(within)));
            }
            if (objective.ExcludeMaintenance)
            {
                arguments.Add(Named("excludeMaintenance", Bool(true)));
            }
            if (objective.Indicator.Where is not null)
            {
                arguments.Add(Named("where", where));
            }
            var created = ObjectCreationExpression(Type("Objective")).WithArgumentList(ArgumentList(SeparatedList(arguments)));
            AddField("Objective", field, comment);
            Assign(field, AddCall(created), comment);
        }

        /// <summary><c>PenaltyBase.Fee(amount)</c> for a monthly fee, <c>PenaltyBase.Fee(amount, months)</c> otherwise (never divided here).</summary>
        private static ExpressionSyntax FeeBase(FeeModel? fee) => fee is { Months: not 1 }
            ? Call(Member("PenaltyBase", "Fee"), Decimal(fee.Amount), Int(fee.Months))
            : Call(Member("PenaltyBase", "Fee"), Decimal(fee?.Amount ?? 0m));

        private void AddPenalty(ServiceModel service, PenaltyModel penalty)
        {
            var field = _names.Get([service.Name, penalty.Name], prefix: "_penalty_");
            var comment = SourceComment(penalty.Location, $"penalty {service.Name}.{penalty.Name} on {penalty.Objective}");
            var objectiveField = _objectiveFields[(service.Name, penalty.Objective)];
            var baseExpression = penalty.BaseKind == PenaltyBaseKind.Fee
                ? FeeBase(service.Fee)
                : Call(Member("PenaltyBase", "Fixed"), Decimal(penalty.FixedBase ?? 0m));
            var tiers = penalty.Tiers.Select(t => (ExpressionSyntax)New("PenaltyTier", Enum("Comparison", t.Comparison), Decimal(t.Threshold), Decimal(t.CreditPercent)));
            var step = penalty.Step is { } s ? (ExpressionSyntax)New("PenaltyStep", Decimal(s.Step), Decimal(s.CreditPercent)) : Null;
            var created = ObjectCreationExpression(Type("Penalty")).WithArgumentList(ArgumentList(SeparatedList(new[]
            {
                Argument(String(penalty.Name)), Argument(IdentifierName(objectiveField)), Argument(baseExpression), Argument(Array("PenaltyTier", tiers)),
                Named("step", step), Named("capPercent", DecimalOrNull(penalty.CapPercent)),
            })));
            AddField("Penalty", field, comment);
            Assign(field, AddCall(created), comment);
        }

        private void AddEscalation(EscalationModel escalation)
        {
            var field = _names.Get(escalation.Name, prefix: "_escalation_");
            var comment = SourceComment(escalation.Location, $"escalation {escalation.Name}");
            ExpressionSyntax where = Null;
            if (escalation.Where is { } filter)
            {
                where = IdentifierName(AddPredicate(["escalation", escalation.Name], filter, escalation.Location, $"escalation {escalation.Name}"));
            }
            var levels = escalation.Levels.Select(l => (ExpressionSyntax)New("EscalationLevel", Int(l.Level), Duration(l.After), Array("string", l.Notify.Select(n => (ExpressionSyntax)String(n)))));
            var created = New("Escalation", String(escalation.Name), where, CalendarExpression(escalation.Calendar), Array("EscalationLevel", levels));
            AddField("Escalation", field, comment);
            Assign(field, AddCall(created), comment);
        }

        private void AddObligation(ObligationModel obligation)
        {
            var field = _names.Get(obligation.Name, prefix: "_obligation_");
            var comment = SourceComment(obligation.Location, $"{(obligation.Kind == ObligationKind.SecurityControl ? "security control" : obligation.Kind.ToString().ToLowerInvariant())} {obligation.Name} every {SlaText.Period(obligation.Every)}");
            ExpressionSyntax due = obligation.Due switch
            {
                { WorkingDays: { } n } => Call(Member("DueOffset", "BusinessDays"), Int(n)),
                { After: { } d } => Call(Member("DueOffset", "Exact"), Duration(d)),
                _ => Member("DueOffset", "AtPeriodEnd"),
            };
            var created = New("Obligation", String(obligation.Name), PeriodExpression(obligation.Every), due, CalendarExpression(obligation.Calendar));
            AddField("Obligation", field, comment);
            Assign(field, AddCall(created), comment);
        }

        /// <summary>Adds <c>private static bool Where_X(in IncidentInfo incident) =&gt; …;</c> and returns its name.</summary>
        private string AddPredicate(string[] key, FilterModel filter, SourceLocation location, string owner)
        {
            var name = _names.Get(key, prefix: "Where_");
            var method = MethodDeclaration(PredefinedType(Token(SyntaxKind.BoolKeyword)), Identifier(name))
                .AddModifiers(Token(SyntaxKind.PrivateKeyword), Token(SyntaxKind.StaticKeyword))
                .AddParameterListParameters(Parameter(Identifier(IncidentParameter))
                    .AddModifiers(Token(SyntaxKind.InKeyword))
                    .WithType(Type("IncidentInfo")))
                .WithExpressionBody(ArrowExpressionClause(Filter(filter)))
                .WithSemicolonToken(Token(SyntaxKind.SemicolonToken))
                .WithComment(SourceComment(location, $"where clause of {owner}"));
            _predicates.Add(method);
            return name;
        }

        /// <summary>A <c>where</c> clause as direct ordinal comparisons on the incident's fields.</summary>
        private static ExpressionSyntax Filter(FilterModel filter) => filter switch
        {
            FieldInFilter f => FieldIn(f),
            AndFilter a => ParenthesizedExpression(BinaryExpression(SyntaxKind.LogicalAndExpression, Filter(a.Left), Filter(a.Right))),
            OrFilter o => ParenthesizedExpression(BinaryExpression(SyntaxKind.LogicalOrExpression, Filter(o.Left), Filter(o.Right))),
            NotFilter n => PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, ParenthesizedExpression(Filter(n.Operand))),
            _ => throw new InvalidOperationException($"Unknown filter {filter.GetType().Name}."),
        };

        private static ExpressionSyntax FieldIn(FieldInFilter filter)
        {
            var property = filter.Field switch
            {
                "severity" => "Severity",
                "service" => "Service",
                "id" => "Id",
                _ => throw new InvalidOperationException($"The binder let through a filter on unknown field '{filter.Field}'."),
            };
            var field = Member(IdentifierName(IncidentParameter), property);
            var kind = filter.Negated ? SyntaxKind.NotEqualsExpression : SyntaxKind.EqualsExpression;
            var join = filter.Negated ? SyntaxKind.LogicalAndExpression : SyntaxKind.LogicalOrExpression;
            if (filter.Values.IsEmpty)
            {
                return Bool(filter.Negated);
            }
            ExpressionSyntax? result = null;
            foreach (var value in filter.Values)
            {
                var test = BinaryExpression(kind, field, String(value));
                result = result is null ? test : BinaryExpression(join, result, test);
            }
            return filter.Values.Length == 1 ? result! : ParenthesizedExpression(result!);
        }

        /// <summary>
        /// <c>Observe</c>: a switch on the event kind that hands to the fact store only what some rule of this contract
        /// measures: outages/maintenance of services with availability or MTBF objectives, incidents when some
        /// incident indicator or escalation exists, requests/surveys/changes of the services measuring them, and
        /// <c>fulfilled</c> events naming one of its obligations.
        /// </summary>
        private MemberDeclarationSyntax ObserveMethod()
        {
            var objectives = contract.Services.SelectMany(s => s.Objectives.Select(o => (Service: s.Name, Indicator: IndicatorCatalog.Of(o.Indicator.Kind)))).ToList();
            ImmutableArray<string> ServicesMeasuring(IndicatorSource source) =>
                objectives.Where(o => o.Indicator.Source == source).Select(o => o.Service).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
            // "error_rate or success_rate": the catalog's indicators over a source, for the comments of the generated code.
            static string Measured(IndicatorSource source) => string.Join(" or ", IndicatorCatalog.All.Where(d => d.Source == source).Select(d => d.Name));
            var incidents = contract.Escalations.Length > 0 || objectives.Any(o => o.Indicator.Source == IndicatorSource.Incidents);

            var sections = new List<SwitchSectionSyntax>();
            void Section(EventKind[] kinds, IEnumerable<StatementSyntax> body, string why) =>
                sections.Add(SwitchSection(
                    List(kinds.Select(k => (SwitchLabelSyntax)CaseSwitchLabel(Enum("EventKind", k)))),
                    List(body)).WithLeadingTrivia(TriviaList(CommentLine(why), ElasticCarriageReturnLineFeed)));
            StatementSyntax Record() => ExpressionStatement(InvocationExpression(Member(BaseExpression(), "Observe"))
                .WithArgumentList(ArgumentList(SingletonSeparatedList(RefIn(IdentifierName(EventParameter))))));
            IEnumerable<StatementSyntax> ByValue(string property, IEnumerable<string> values)
            {
                var labels = values.Select(v => (SwitchLabelSyntax)CaseSwitchLabel(String(v))).ToList();
                if (labels.Count == 0)
                {
                    return [ReturnStatement()];
                }
                return
                [
                    SwitchStatement(Member(IdentifierName(EventParameter), property)).AddSections(
                        SwitchSection(List(labels), List<StatementSyntax>([Record(), BreakStatement()]))),
                    ReturnStatement(),
                ];
            }

            foreach (var source in System.Enum.GetValues<IndicatorSource>())
            {
                var kinds = IndicatorCatalog.All.First(d => d.Source == source).EventKinds.ToArray();
                if (source == IndicatorSource.Incidents)
                {
                    Section(kinds, incidents ? [Record(), ReturnStatement()] : [ReturnStatement()],
                        "Incidents (their service and severity arrive with incident_opened, possibly last).");
                }
                else
                {
                    Section(kinds, ByValue("Service", ServicesMeasuring(source)), $"Events of the services whose {Measured(source)} is measured.");
                }
            }
            Section([EventKind.Fulfilled], ByValue("Name", contract.Obligations.Select(o => o.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), "Fulfilments of this contract's obligations, committees and security controls.");
            sections.Add(SwitchSection(SingletonList<SwitchLabelSyntax>(DefaultSwitchLabel()), SingletonList<StatementSyntax>(ReturnStatement())));

            return MethodDeclaration(PredefinedType(Token(SyntaxKind.VoidKeyword)), Identifier("Observe"))
                .AddModifiers(Token(SyntaxKind.PublicKeyword), Token(SyntaxKind.OverrideKeyword))
                .AddParameterListParameters(Parameter(Identifier(EventParameter)).AddModifiers(Token(SyntaxKind.InKeyword)).WithType(Type("SlaEvent")))
                .WithBody(Block(SwitchStatement(Member(IdentifierName(EventParameter), "Kind")).WithSections(List(sections))))
                .WithComment(TriviaList(CommentLine("Records an event if some rule of this contract measures it; other events are dropped here."), ElasticCarriageReturnLineFeed));
        }

        private static ArgumentSyntax Named(string name, ExpressionSyntax value) => Argument(value).WithNameColon(NameColon(IdentifierName(name)));

        private static ArgumentSyntax RefIn(ExpressionSyntax expression) => Argument(expression).WithRefKindKeyword(Token(SyntaxKind.InKeyword));
    }
}
