using SlaLang.Syntax;

namespace SlaLang.Core.Tests.Syntax;

/// <summary>The shape of the tree for each construct, contextual keywords, documentation comments and recovery.</summary>
public class ParserTests
{
    private static ContractDeclarationSyntax Contract(string body)
    {
        var text = "contract C {\n" + body + "\n}\n";
        var tree = SyntaxTree.Parse(text);
        tree.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        TreeInvariants.Check(tree, text, body);
        return tree.Root.Contract!;
    }

    private static T Member<T>(string body)
        where T : SyntaxNode => Contract(body).DescendantNodesAndSelf<T>().First();

    [Fact]
    public void Novaterra_contract_has_typed_members()
    {
        var tree = SyntaxTree.Parse(ExampleFiles.Read("examples/novaterra/novaterra.sla"));
        var contract = tree.Root.Contract!;
        contract.Identifier.Text.ShouldBe("NovaTerraRun");
        contract.Title!.Value.ShouldBe("NovaTerra managed run");
        contract.GetDocumentation().ShouldBe("NovaTerra: managed run of three plants.");
        var service = contract.Body.Statements.OfType<ServiceDeclarationSyntax>().Single();
        service.Body.Statements.OfType<ObjectiveDeclarationSyntax>().Select(o => o.Identifier.Text).ShouldBe(["Availability", "Sev1Restore", "Sev1Within4h", "Reopens"]);
        var raci = contract.Body.Statements.OfType<RaciTableSyntax>().Single();
        raci.Header!.Roles.Select(r => r.Identifier.Text).ShouldBe(["ITDirector", "ServiceManager", "SecurityOfficer", "PlantManager"]);
        raci.ActivityRows.Select(r => r.Activity.Text).ShouldBe(["PatchManagement", "Monitoring", "SapTma"]);
        raci.ActivityRows.Last().Title!.Value.ShouldBe("SAP run (TMA)");
        raci.ActivityRows.Last().Cells.Select(c => c.Value.Text).ShouldBe(["A", "R", "-", "CI"]);
    }

    [Fact]
    public void Party_and_role_take_of_clauses_and_titles()
    {
        var party = Member<PartyDeclarationSyntax>("party SecurOps subcontractor of Infogen \"SecurOps SARL\"");
        party.KindKeyword.ContextualKind.ShouldBe(SyntaxKind.SubcontractorKeyword);
        party.Of!.Name.Identifier.Text.ShouldBe("Infogen");
        party.Title!.Text.ShouldBe("\"SecurOps SARL\"");
        var role = Member<RoleDeclarationSyntax>("role ServiceManager of Infogen");
        role.Of.Name.Identifier.Text.ShouldBe("Infogen");
        role.Title.ShouldBeNull();
    }

    [Fact]
    public void Keywords_are_contextual_so_a_role_may_be_called_target()
    {
        var role = Member<RoleDeclarationSyntax>("role target of Infogen");
        role.Identifier.Text.ShouldBe("target");
        var chair = Member<ChairClauseSyntax>("governance {\n committee K { chair target }\n}");
        chair.Role.Identifier.Text.ShouldBe("target");
    }

    [Fact]
    public void Single_line_blocks_separate_statements_with_semicolons()
    {
        var objective = Member<ObjectiveDeclarationSyntax>("service S {\n objective Reopens { indicator reopen_rate; target <= 5%; per quarter }\n}");
        objective.Body.Statements.Select(s => s.Kind).ShouldBe([SyntaxKind.IndicatorClause, SyntaxKind.TargetClause, SyntaxKind.PerClause]);
        objective.Body.Statements.Select(s => s.Terminator?.Kind).ShouldBe([SyntaxKind.SemicolonToken, SyntaxKind.SemicolonToken, null]);
    }

    [Fact]
    public void Indicator_takes_an_argument_and_a_where_condition()
    {
        var indicator = Member<IndicatorClauseSyntax>("service S {\n objective O {\n  indicator resolved_within(4h) where severity in (sev1, sev2) and not (site != plant1 or site not in (p2))\n }\n}");
        indicator.Name.Text.ShouldBe("resolved_within");
        indicator.Argument!.Value.Text.ShouldBe("4h");
        var and = indicator.Where!.Condition.ShouldBeOfType<BinaryExpressionSyntax>();
        and.Operator.Text.ShouldBe("and");
        var @in = and.Left.ShouldBeOfType<InExpressionSyntax>();
        @in.Values.Select(v => v.ToString()).ShouldBe(["sev1", "sev2"]);
        var not = and.Right.ShouldBeOfType<NotExpressionSyntax>();
        var or = not.Operand.ShouldBeOfType<ParenthesizedExpressionSyntax>().Expression.ShouldBeOfType<BinaryExpressionSyntax>();
        or.Left.ShouldBeOfType<BinaryExpressionSyntax>().Operator.Kind.ShouldBe(SyntaxKind.BangEqualsToken);
        or.Right.ShouldBeOfType<InExpressionSyntax>().NotKeyword!.Text.ShouldBe("not");
    }

    [Fact]
    public void Periods_are_named_counted_rolling_or_durations()
    {
        var objective = Member<ObjectiveDeclarationSyntax>("service S {\n objective O {\n  per month\n  per 6 months\n  per rolling 30d\n }\n}");
        var periods = objective.Body.Statements.OfType<PerClauseSyntax>().Select(p => p.Period).ToArray();
        periods[0].ShouldBeOfType<NamedPeriodSyntax>().Unit.Text.ShouldBe("month");
        periods[1].ShouldBeOfType<CountedPeriodSyntax>().Count.Value.ShouldBe(6m);
        periods[2].ShouldBeOfType<RollingPeriodSyntax>().Length.Text.ShouldBe("30d");
        Member<BackupsControlSyntax>("security {\n backups immutable retention 90d\n}").Retention!.Text.ShouldBe("90d");
    }

    [Fact]
    public void Penalty_has_base_tiers_steps_and_cap()
    {
        var penalty = Member<PenaltyDeclarationSyntax>("service S {\n penalty P on O {\n  base 1000 EUR\n  when < 99.5% credit 10%\n  step 1h credit 2%\n  cap 25%\n }\n}");
        penalty.Objective.Identifier.Text.ShouldBe("O");
        var statements = penalty.Body.Statements;
        statements[0].ShouldBeOfType<BaseClauseSyntax>().Value.Kind.ShouldBe(SyntaxKind.MoneyLiteralToken);
        var tier = statements[1].ShouldBeOfType<TierClauseSyntax>();
        (tier.Operator.Kind, tier.Threshold.Text, tier.Rate.Text).ShouldBe((SyntaxKind.LessToken, "99.5%", "10%"));
        statements[2].ShouldBeOfType<StepClauseSyntax>().Size.Text.ShouldBe("1h");
        statements[3].ShouldBeOfType<CapClauseSyntax>().Rate.Text.ShouldBe("25%");
    }

    [Fact]
    public void Escalation_obligation_security_reversibility_and_transition_parse()
    {
        var escalation = Member<EscalationDeclarationSyntax>("escalation E for incidents where severity == sev1 {\n during always\n after 30min notify A, B\n}");
        escalation.Filter!.Where!.Condition.ToString().ShouldBe("severity == sev1");
        escalation.Body.Statements.OfType<EscalationLevelSyntax>().Single().Recipients.Select(r => r.Identifier.Text).ShouldBe(["A", "B"]);
        var due = Member<DueClauseSyntax>("obligation M \"Report\" {\n by Infogen\n every month\n due 5bd after period end\n}");
        due.Delay.Kind.ShouldBe(SyntaxKind.WorkingDaysLiteralToken);
        var recovery = Member<RecoveryTestControlSyntax>("security {\n recovery_test every 6 months rto 4h rpo 15min\n}");
        (recovery.Rto!.Text, recovery.Rpo!.Text).ShouldBe(("4h", "15min"));
        Member<DeliverClauseSyntax>("reversibility {\n deliver \"Runbooks\", \"CMDB export\"\n}").Deliverables.Select(d => d.Value).ShouldBe(["Runbooks", "CMDB export"]);
        var phase = Member<PhaseDeclarationSyntax>("transition {\n phase Pilot 2025-10-16 .. 2025-12-31 gate \"Go/No-go 2\"\n overlap 2 months\n}");
        (phase.Identifier.Text, phase.Start.Text, phase.End.Text, phase.Gate!.Value).ShouldBe(("Pilot", "2025-10-16", "2025-12-31", (object)"Go/No-go 2"));
    }

    [Fact]
    public void Documentation_comments_attach_to_the_next_declaration()
    {
        var service = Member<ServiceDeclarationSyntax>("/// First line.\n/// Second line.\n// not documentation\nservice S {\n}");
        service.GetDocumentation().ShouldBe("First line.\nSecond line.");
        Member<SeverityDeclarationSyntax>("severity sev1").GetDocumentation().ShouldBeNull();
    }

    [Fact]
    public void A_missing_value_becomes_a_zero_width_token_and_one_error()
    {
        var text = "contract C {\n service S {\n  objective O {\n   target >=\n   per month\n  }\n }\n}\n";
        var tree = SyntaxTree.Parse(text);
        var target = tree.Root.DescendantNodesAndSelf<TargetClauseSyntax>().Single();
        target.Value.IsMissing.ShouldBeTrue();
        target.Value.Span.Length.ShouldBe(0);
        tree.Diagnostics.Select(d => d.Message).ShouldBe(["Expected a target value such as 99.9%."]);
        tree.Root.DescendantNodesAndSelf<PerClauseSyntax>().Single().Period.ToString().ShouldBe("month");
    }

    [Fact]
    public void Skipped_tokens_are_kept_and_parsing_resumes_at_the_next_line()
    {
        var text = "contract C {\n currency EUR USD GBP\n model nearshore\n}\n";
        var tree = SyntaxTree.Parse(text);
        var currency = tree.Root.DescendantNodesAndSelf<CurrencyStatementSyntax>().Single();
        currency.Skipped!.Tokens.Select(t => t.Text).ShouldBe(["USD", "GBP"]);
        tree.Root.DescendantNodesAndSelf<ModelStatementSyntax>().Single().Value.Text.ShouldBe("nearshore");
        tree.Diagnostics.Count.ShouldBe(1);
    }

    [Fact]
    public void Find_token_returns_the_token_at_a_position()
    {
        var text = "contract C {\n  version \"1\"\n}\n";
        var tree = SyntaxTree.Parse(text);
        tree.Root.FindToken(text.IndexOf("version", StringComparison.Ordinal) + 2).Text.ShouldBe("version");
        tree.Root.FindToken(0).Text.ShouldBe("contract");
        tree.Root.FindToken(text.Length).Kind.ShouldBe(SyntaxKind.EndOfFileToken);
        tree.Root.FindToken(text.IndexOf("version", StringComparison.Ordinal) - 1).Text.ShouldBe("version");
    }
}
