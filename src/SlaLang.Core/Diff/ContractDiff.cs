using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using SlaLang.Model;
using SlaLang.Runtime;
using SlaLang.Semantics;

namespace SlaLang.Diff;

/// <summary>Whom a change favours (LANGUAGE.md §9).</summary>
public enum Favours
{
    /// <summary>Stricter for the provider, or more to the client.</summary>
    Client,
    /// <summary>Looser for the provider, or less to the client.</summary>
    Provider,
    /// <summary>Changes nothing either side relies on (titles, docs, version, term, a rename).</summary>
    Neutral,
    /// <summary>No general direction: a human must judge.</summary>
    Unknown,
}

/// <summary>Added, removed or changed.</summary>
public enum ChangeKind
{
    /// <summary>In the new version only.</summary>
    Added,
    /// <summary>In the old version only.</summary>
    Removed,
    /// <summary>In both, different.</summary>
    Changed,
}

/// <summary>
/// One change between two versions of a contract, compared as models: its path (<c>service Storefront / objective Uptime /
/// target</c>), old and new values and locations, whom it favours and why, in one line.
/// </summary>
public sealed record ContractChange(
    string Path, ChangeKind Kind, string? Old, string? New, SourceLocation? OldLocation, SourceLocation? NewLocation, Favours Favours, string Reason);

/// <summary>What <see cref="ContractDiff.Compare"/> found: the changes in model order, and warnings about the change as a whole.</summary>
public sealed record ContractDiffResult(ImmutableArray<ContractChange> Changes, ImmutableArray<string> Warnings)
{
    /// <summary>How many changes favour each side.</summary>
    public IReadOnlyDictionary<Favours, int> Summary =>
        Enum.GetValues<Favours>().ToDictionary(f => f, f => Changes.Count(c => c.Favours == f));
}

/// <summary>
/// Compares two versions of a contract as models (LANGUAGE.md §9): reordering, reformatting and comments are no change; every
/// change says whom it favours by the §9 table. Declarations are matched by name; one removed and one added with the same body
/// are a rename (neutral).
/// </summary>
public static class ContractDiff
{
    /// <summary>The changes from <paramref name="old"/> to <paramref name="new"/>.</summary>
    public static ContractDiffResult Compare(ContractModel old, ContractModel @new)
    {
        var d = new Differ(old, @new);
        d.Run();
        var warnings = ImmutableArray.CreateBuilder<string>();
        if (d.Changes.Any(c => c.Path != "version") && old.Version == @new.Version)
        {
            warnings.Add(old.Version is null
                ? "The contract changed but has no version: add 'version \"…\"' and raise it with each change."
                : $"The contract changed but its version is still \"{old.Version}\": raise it.");
        }
        return new ContractDiffResult([.. d.Changes], warnings.ToImmutable());
    }

    private sealed class Differ(ContractModel o, ContractModel n)
    {
        public List<ContractChange> Changes { get; } = [];

        private void Add(string path, ChangeKind kind, string? old, string? @new, SourceLocation? oldAt, SourceLocation? newAt, Favours favours, string reason) =>
            Changes.Add(new ContractChange(path, kind, old, @new, oldAt, newAt, favours, reason));

        private void Changed(string path, string? old, string? @new, SourceLocation oldAt, SourceLocation newAt, Favours favours, string reason) =>
            Add(path, ChangeKind.Changed, old, @new, oldAt, newAt, favours, reason);

        /// <summary>Client when <paramref name="clientWard"/>, provider when the reverse, for a changed value.</summary>
        private static Favours Toward(bool clientWard) => clientWard ? Favours.Client : Favours.Provider;

        public void Run()
        {
            Header();
            Named("party", o.Parties, n.Parties, p => p.Name, p => p.Location, (path, a, b) =>
            {
                if (a.Kind != b.Kind || a.OfParty != b.OfParty)
                {
                    Changed(path, PartyText(a), PartyText(b), a.Location, b.Location, Favours.Unknown, "the party's kind changed: who is client or provider decides the direction of everything else");
                }
                else if (a.Title != b.Title || a.Doc != b.Doc)
                {
                    Changed(path + " / description", a.Title, b.Title, a.Location, b.Location, Favours.Neutral, "a description");
                }
            }, p => PartyText(p), Favours.Neutral, Favours.Neutral, "a party");
            Named("role", o.Roles, n.Roles, r => r.Name, r => r.Location, (path, a, b) =>
            {
                if (a.Party != b.Party)
                {
                    Changed(path + " / party", a.Party, b.Party, a.Location, b.Location, Favours.Unknown, "the role moved to another party");
                }
                else if (a.Title != b.Title || a.Doc != b.Doc)
                {
                    Changed(path + " / description", a.Title, b.Title, a.Location, b.Location, Favours.Neutral, "a description");
                }
            }, r => $"of {r.Party}", Favours.Neutral, Favours.Neutral, "a role");
            Named("calendar", o.Calendars, n.Calendars, c => c.Name, c => c.Location, (path, a, b) =>
            {
                if (CalendarText(a) != CalendarText(b))
                {
                    Changed(path, CalendarText(a), CalendarText(b), a.Location, b.Location, Favours.Unknown,
                        $"open hours or holidays changed; used by {UsersOf(a.Name)}");
                }
            }, CalendarText, Favours.Neutral, Favours.Neutral, "a calendar");
            Named("severity", o.Severities, n.Severities, s => s.Name, s => s.Location, (path, a, b) =>
            {
                if (a.Title != b.Title || a.Doc != b.Doc)
                {
                    Changed(path + " / description", a.Title, b.Title, a.Location, b.Location, Favours.Neutral, "a description");
                }
            }, s => s.Title ?? s.Name, Favours.Neutral, Favours.Neutral, "a severity");
            Named("service", o.Services, n.Services, s => s.Name, s => s.Location, Service, s => s.Title ?? s.Name, Favours.Client, Favours.Provider,
                "a service (with its objectives and credits)");
            Raci();
            Named("escalation", o.Escalations, n.Escalations, e => e.Name, e => e.Location, Escalation, EscalationText, Favours.Client, Favours.Provider,
                "an escalation ladder", EscalationBody);
            Named("obligation", o.Obligations.Where(x => x.Kind != ObligationKind.SecurityControl).ToImmutableArray(),
                n.Obligations.Where(x => x.Kind != ObligationKind.SecurityControl).ToImmutableArray(), x => x.Name, x => x.Location, Obligation,
                x => $"every {x.Every}{DueText(x.Due)}", Favours.Client, Favours.Provider, "an obligation or committee", ObligationBody);
            Named("committee", o.Committees, n.Committees, c => c.Name, c => c.Location, (path, a, b) =>
            {
                if (a.Chair != b.Chair || !a.Members.SequenceEqual(b.Members) || a.Title != b.Title || a.Doc != b.Doc)
                {
                    Changed(path + " / members", CommitteeText(a), CommitteeText(b), a.Location, b.Location, Favours.Neutral, "chair, members or description");
                }
            }, CommitteeText, Favours.Neutral, Favours.Neutral, "a committee's membership");
            Security();
            Reversibility();
            Transition();
        }

        private void Header()
        {
            var (at, bt) = (o.Location, n.Location);
            if (o.Version != n.Version)
            {
                Changed("version", o.Version, n.Version, at, bt, Favours.Neutral, "the version");
            }
            if (o.TermStart != n.TermStart || o.TermEnd != n.TermEnd)
            {
                Changed("term", $"{D(o.TermStart)} .. {D(o.TermEnd)}", $"{D(n.TermStart)} .. {D(n.TermEnd)}", at, bt, Favours.Neutral, "the term");
            }
            if (o.Title != n.Title || o.Doc != n.Doc)
            {
                Changed("title", o.Title, n.Title, at, bt, Favours.Neutral, "the title or description");
            }
            if (o.Name != n.Name)
            {
                Changed("contract", o.Name, n.Name, at, bt, Favours.Neutral, "the contract's name");
            }
            foreach (var (path, a, b) in new[] { ("timezone", o.TimeZoneId, n.TimeZoneId), ("currency", o.Currency, n.Currency),
                         ("model", o.Model?.ToString(), n.Model?.ToString()), ("profile", o.Profile.ToString(), n.Profile.ToString()) })
            {
                if (a != b)
                {
                    Changed(path, a, b, at, bt, Favours.Unknown, $"the {path} changes how every figure is cut or paid");
                }
            }
        }

        /// <summary>
        /// Matches two lists by name: compares each pair, reports the rest as added or removed, and a removed and an added one with the
        /// same body (<paramref name="body"/>) as a rename.
        /// </summary>
        private void Named<T>(string kind, ImmutableArray<T> olds, ImmutableArray<T> news, Func<T, string> name, Func<T, SourceLocation> at,
            Action<string, T, T> compare, Func<T, string> text, Favours added, Favours removed, string what, Func<T, string>? body = null, string prefix = "")
        {
            var oldByName = olds.GroupBy(name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var newByName = news.GroupBy(name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var gone = olds.Where(x => !newByName.ContainsKey(name(x))).ToList();
            var come = news.Where(x => !oldByName.ContainsKey(name(x))).ToList();
            foreach (var x in olds)
            {
                if (newByName.TryGetValue(name(x), out var y))
                {
                    compare($"{prefix}{kind} {name(x)}", x, y);
                }
            }
            if (body is not null)
            {
                foreach (var x in gone.ToList())
                {
                    var twin = come.FirstOrDefault(y => body(y) == body(x));
                    if (twin is not null)
                    {
                        gone.Remove(x);
                        come.Remove(twin);
                        Add($"{prefix}{kind} {name(x)}", ChangeKind.Changed, name(x), name(twin), at(x), at(twin), Favours.Neutral, "renamed, with the same body");
                    }
                }
            }
            foreach (var x in gone)
            {
                Add($"{prefix}{kind} {name(x)}", ChangeKind.Removed, text(x), null, at(x), null, removed, $"{what} removed");
            }
            foreach (var y in come)
            {
                Add($"{prefix}{kind} {name(y)}", ChangeKind.Added, null, text(y), null, at(y), added, $"{what} added");
            }
        }

        private void Service(string path, ServiceModel a, ServiceModel b)
        {
            if (a.Title != b.Title || a.Doc != b.Doc)
            {
                Changed(path + " / description", a.Title, b.Title, a.Location, b.Location, Favours.Neutral, "a description");
            }
            if (a.Fee is { } fa && b.Fee is { } fb)
            {
                if (fa.Currency != fb.Currency)
                {
                    Changed(path + " / fee", FeeText(fa), FeeText(fb), fa.Location, fb.Location, Favours.Unknown, "the fee's currency changed");
                }
                else if (fa.MonthlyAmount != fb.MonthlyAmount)
                {
                    Changed(path + " / fee", FeeText(fa), FeeText(fb), fa.Location, fb.Location, Toward(fb.MonthlyAmount < fa.MonthlyAmount),
                        fb.MonthlyAmount > fa.MonthlyAmount ? "the fee is raised: the provider is paid more" : "the fee is lowered: the client pays less");
                }
            }
            else if (a.Fee is not null || b.Fee is not null)
            {
                Add(path + " / fee", a.Fee is null ? ChangeKind.Added : ChangeKind.Removed, a.Fee is null ? null : FeeText(a.Fee), b.Fee is null ? null : FeeText(b.Fee),
                    a.Fee?.Location, b.Fee?.Location, Favours.Unknown, "a fee is the base of credits: added or removed, it changes what credits are worth");
            }
            Named("objective", a.Objectives, b.Objectives, x => x.Name, x => x.Location, Objective, ObjectiveText, Favours.Client, Favours.Provider,
                "an objective", ObjectiveBody, path + " / ");
            // A tier's threshold and a step are in the unit of the objective the penalty is on (as of the version it is in).
            string Text(PenaltyModel x) => PenaltyText(x, UnitOf(b, x) ?? UnitOf(a, x));
            Named("penalty", a.Penalties, b.Penalties, x => x.Name, x => x.Location, (p, x, y) => Penalty(p, x, y, UnitOf(a, x), UnitOf(b, y)),
                Text, Favours.Client, Favours.Provider, "a penalty", Text, path + " / ");
        }

        private void Objective(string path, ObjectiveModel a, ObjectiveModel b)
        {
            if (a.Indicator.Kind != b.Indicator.Kind || !SameFilter(a.Indicator.Where, b.Indicator.Where))
            {
                Changed(path + " / indicator", IndicatorText(a.Indicator), IndicatorText(b.Indicator), a.Location, b.Location, Favours.Unknown,
                    $"what is measured changed; used by {PenaltiesOn(a.Service, a.Name)}");
                return; // target, period and calendar mean other things now
            }
            if (a.Indicator.Within is { } wa && b.Indicator.Within is { } wb && wa != wb)
            {
                Changed(path + " / indicator", IndicatorText(a.Indicator), IndicatorText(b.Indicator), a.Location, b.Location, Toward(wb < wa),
                    wb < wa ? "a shorter delay: stricter for the provider" : "a longer delay: looser for the provider");
            }
            Target(path + " / target", a.Target, b.Target, a.Location, b.Location);
            var (da, db) = (a.Per.ApproximateDays, b.Per.ApproximateDays);
            if (a.Per != b.Per)
            {
                var count = a.Indicator.Kind == IndicatorKind.IncidentCount;
                Changed(path + " / per", a.Per.ToString(), b.Per.ToString(), a.Location, b.Location,
                    da == db ? Favours.Unknown : Toward(count ? db > da : db < da),
                    da == db ? "another kind of period of about the same length"
                    : count ? (db > da ? "a longer period counts more incidents against the same target" : "a shorter period counts fewer incidents against the same target")
                    : (db > da ? "a longer period averages bad days away" : "a shorter period leaves less room to average bad days away"));
            }
            if (a.Calendar != b.Calendar)
            {
                Calendar(path + " / during", a.Calendar, b.Calendar, a.Location, b.Location, IsClock(a.Indicator.Kind));
            }
            if (a.ExcludeMaintenance != b.ExcludeMaintenance)
            {
                Changed(path + " / exclude maintenance", a.ExcludeMaintenance ? "yes" : "no", b.ExcludeMaintenance ? "yes" : "no", a.Location, b.Location,
                    Toward(!b.ExcludeMaintenance), b.ExcludeMaintenance ? "maintenance no longer counts as down time" : "maintenance counts as down time again");
            }
            if (a.Backs?.Service != b.Backs?.Service || a.Backs?.Objective != b.Backs?.Objective)
            {
                Changed(path + " / backs", a.Backs is null ? null : $"{a.Backs.Service}.{a.Backs.Objective}", b.Backs is null ? null : $"{b.Backs.Service}.{b.Backs.Objective}",
                    a.Location, b.Location, Favours.Unknown, "what the objective backs (flow-down) changed");
            }
            if (a.Doc != b.Doc)
            {
                Changed(path + " / description", a.Doc, b.Doc, a.Location, b.Location, Favours.Neutral, "a description");
            }
        }

        private void Target(string path, TargetModel a, TargetModel b, SourceLocation at, SourceLocation bt)
        {
            if (a.Comparison == b.Comparison && a.Value == b.Value)
            {
                return;
            }
            var higherA = a.Comparison is Comparison.GreaterOrEqual or Comparison.Greater;
            var higherB = b.Comparison is Comparison.GreaterOrEqual or Comparison.Greater;
            if (higherA != higherB)
            {
                Changed(path, a.Text, b.Text, at, bt, Favours.Unknown, "the target's direction changed");
                return;
            }
            bool stricter;
            if (a.Value != b.Value)
            {
                stricter = higherA ? b.Value > a.Value : b.Value < a.Value;
            }
            else
            {
                // Same value: > is stricter than >=, < stricter than <=.
                stricter = b.Comparison is Comparison.Greater or Comparison.Less;
            }
            Changed(path, a.Text, b.Text, at, bt, Toward(stricter), stricter ? "a stricter target for the provider" : "a looser target for the provider");
        }

        private void Calendar(string path, string a, string b, SourceLocation at, SourceLocation bt, bool clock)
        {
            var (ca, cb) = (o.GetCalendarOrNull(a), n.GetCalendarOrNull(b));
            if (!clock || ca is null || cb is null)
            {
                Changed(path, a, b, at, bt, Favours.Unknown, "measured in another calendar");
                return;
            }
            var (subset, superset) = (OpenHours.IsSubset(cb, ca), OpenHours.IsSubset(ca, cb));
            var favours = subset == superset ? Favours.Unknown : subset ? Favours.Provider : Favours.Client;
            Changed(path, a, b, at, bt, favours, favours switch
            {
                Favours.Provider => "the clock runs in fewer open hours: looser for the provider",
                Favours.Client => "the clock runs in more open hours: stricter for the provider",
                _ => subset ? "a calendar with the same open hours" : "a calendar neither inside nor around the old one",
            });
        }

        private void Penalty(string path, PenaltyModel a, PenaltyModel b, IndicatorUnit? unitA, IndicatorUnit? unitB)
        {
            if (a.Objective != b.Objective)
            {
                Changed(path + " / on", a.Objective, b.Objective, a.Location, b.Location, Favours.Unknown, "the penalty applies to another objective");
            }
            if (a.BaseKind != b.BaseKind || a.FixedBase != b.FixedBase)
            {
                Changed(path + " / base", BaseText(a), BaseText(b), a.Location, b.Location, Favours.Unknown, "the base of the credit changed");
            }
            var count = Math.Max(a.Tiers.Length, b.Tiers.Length);
            for (var i = 0; i < count; i++)
            {
                var tierPath = $"{path} / tier {i + 1}";
                if (i >= a.Tiers.Length)
                {
                    Add(tierPath, ChangeKind.Added, null, TierText(b.Tiers[i], unitB), null, b.Tiers[i].Location, Favours.Client, "a tier added");
                }
                else if (i >= b.Tiers.Length)
                {
                    Add(tierPath, ChangeKind.Removed, TierText(a.Tiers[i], unitA), null, a.Tiers[i].Location, null, Favours.Provider, "a tier removed");
                }
                else
                {
                    Tier(tierPath, a.Tiers[i], b.Tiers[i], unitA, unitB);
                }
            }
            if (a.Step is { } sa && b.Step is { } sb)
            {
                if (sa.Step != sb.Step)
                {
                    Changed(path + " / step", StepText(sa, unitA), StepText(sb, unitB), sa.Location, sb.Location, Toward(sb.Step < sa.Step),
                        sb.Step < sa.Step ? "a smaller step: credits start sooner" : "a larger step: credits start later");
                }
                if (sa.CreditPercent != sb.CreditPercent)
                {
                    Changed(path + " / step credit", StepText(sa, unitA), StepText(sb, unitB), sa.Location, sb.Location, Toward(sb.CreditPercent > sa.CreditPercent),
                        sb.CreditPercent > sa.CreditPercent ? "a higher credit per step" : "a lower credit per step");
                }
            }
            else if (a.Step is not null || b.Step is not null)
            {
                Add(path + " / step", b.Step is not null ? ChangeKind.Added : ChangeKind.Removed, a.Step is null ? null : StepText(a.Step, unitA), b.Step is null ? null : StepText(b.Step, unitB),
                    a.Step?.Location, b.Step?.Location, Toward(b.Step is not null), b.Step is not null ? "a step added" : "a step removed");
            }
            if (a.CapPercent != b.CapPercent)
            {
                var more = b.CapPercent is null || (a.CapPercent is { } ca && b.CapPercent > ca);
                Changed(path + " / cap", Percent(a.CapPercent), Percent(b.CapPercent), a.Location, b.Location, Toward(more),
                    b.CapPercent is null ? "the cap removed" : a.CapPercent is null ? "a cap added" : more ? "the cap raised" : "the cap lowered");
            }
        }

        private void Tier(string path, PenaltyTierModel a, PenaltyTierModel b, IndicatorUnit? unitA, IndicatorUnit? unitB)
        {
            if (a.CreditPercent != b.CreditPercent)
            {
                Changed(path + " / credit", TierText(a, unitA), TierText(b, unitB), a.Location, b.Location, Toward(b.CreditPercent > a.CreditPercent),
                    b.CreditPercent > a.CreditPercent ? "a higher credit" : "a lower credit");
            }
            if (a.Comparison != b.Comparison || a.Threshold != b.Threshold)
            {
                var below = a.Comparison is Comparison.Less or Comparison.LessOrEqual;
                var sameSide = below == (b.Comparison is Comparison.Less or Comparison.LessOrEqual);
                if (!sameSide)
                {
                    Changed(path + " / when", TierText(a, unitA), TierText(b, unitB), a.Location, b.Location, Favours.Unknown, "the tier's direction changed");
                    return;
                }
                // 'when < X' applies to more values as X rises (or < becomes <=); 'when > X' as X falls (or > becomes >=).
                var more = a.Threshold != b.Threshold
                    ? (below ? b.Threshold > a.Threshold : b.Threshold < a.Threshold)
                    : b.Comparison is Comparison.LessOrEqual or Comparison.GreaterOrEqual;
                Changed(path + " / when", TierText(a, unitA), TierText(b, unitB), a.Location, b.Location, Toward(more),
                    more ? "the tier applies to more values" : "the tier applies to fewer values");
            }
        }

        private void Escalation(string path, EscalationModel a, EscalationModel b)
        {
            if (!SameFilter(a.Where, b.Where))
            {
                Changed(path + " / where", FilterText(a.Where), FilterText(b.Where), a.Location, b.Location, Favours.Unknown, "other incidents escalate");
            }
            if (a.Calendar != b.Calendar)
            {
                Calendar(path + " / during", a.Calendar, b.Calendar, a.Location, b.Location, clock: true);
            }
            var count = Math.Max(a.Levels.Length, b.Levels.Length);
            for (var i = 0; i < count; i++)
            {
                var levelPath = $"{path} / level {i + 1}";
                if (i >= a.Levels.Length)
                {
                    Add(levelPath, ChangeKind.Added, null, LevelText(b.Levels[i]), null, b.Levels[i].Location, Favours.Client, "an escalation level added");
                }
                else if (i >= b.Levels.Length)
                {
                    Add(levelPath, ChangeKind.Removed, LevelText(a.Levels[i]), null, a.Levels[i].Location, null, Favours.Provider, "an escalation level removed");
                }
                else
                {
                    var (la, lb) = (a.Levels[i], b.Levels[i]);
                    if (la.After != lb.After)
                    {
                        Changed(levelPath + " / after", SlaText.Duration(la.After), SlaText.Duration(lb.After), la.Location, lb.Location, Toward(lb.After < la.After),
                            lb.After > la.After ? "escalates later" : "escalates sooner");
                    }
                    if (!la.Notify.SequenceEqual(lb.Notify))
                    {
                        Changed(levelPath + " / notify", string.Join(", ", la.Notify), string.Join(", ", lb.Notify), la.Location, lb.Location, Favours.Neutral, "who is notified");
                    }
                }
            }
        }

        private void Obligation(string path, ObligationModel a, ObligationModel b)
        {
            Frequency(path + " / every", a.Every, b.Every, a.Location, b.Location);
            if (DueText(a.Due) != DueText(b.Due))
            {
                var (da, db) = (DueDays(a.Due), DueDays(b.Due));
                Changed(path + " / due", DueText(a.Due).Trim(), DueText(b.Due).Trim(), a.Location, b.Location,
                    da is { } x && db is { } y && x != y ? Toward(y < x) : Favours.Unknown,
                    da is { } x2 && db is { } y2 && x2 != y2 ? (y2 > x2 ? "due later" : "due sooner") : "due differently (working days and durations do not compare)");
            }
            if (a.ResponsibleParty != b.ResponsibleParty)
            {
                Changed(path + " / by", a.ResponsibleParty, b.ResponsibleParty, a.Location, b.Location, Favours.Unknown, "another party owes it");
            }
            if (a.Calendar != b.Calendar)
            {
                Calendar(path + " / during", a.Calendar, b.Calendar, a.Location, b.Location, clock: true);
            }
            if (a.Title != b.Title || a.Doc != b.Doc)
            {
                Changed(path + " / description", a.Title, b.Title, a.Location, b.Location, Favours.Neutral, "a description");
            }
        }

        private void Frequency(string path, PeriodSpec a, PeriodSpec b, SourceLocation at, SourceLocation bt)
        {
            if (a == b)
            {
                return;
            }
            var (da, db) = (a.ApproximateDays, b.ApproximateDays);
            Changed(path, a.ToString(), b.ToString(), at, bt, da == db ? Favours.Unknown : Toward(db < da),
                da == db ? "another period of the same length" : db > da ? "less frequent" : "more frequent");
        }

        private void Security()
        {
            var (a, b) = (o.Security, n.Security);
            if (a is null || b is null)
            {
                if (a is not null || b is not null)
                {
                    Add("security", b is null ? ChangeKind.Removed : ChangeKind.Added, a is null ? null : "security { … }", b is null ? null : "security { … }",
                        a?.Location, b?.Location, Toward(b is not null), b is null ? "the security clauses removed" : "security clauses added");
                }
                return;
            }
            foreach (var (name, x, y) in new[] { ("encryption at_rest", a.EncryptionAtRest, b.EncryptionAtRest), ("encryption in_transit", a.EncryptionInTransit, b.EncryptionInTransit),
                         ("backups immutable", a.ImmutableBackups, b.ImmutableBackups), ("edr required", a.EdrRequired, b.EdrRequired) })
            {
                if (x != y)
                {
                    Add($"security / {name}", y ? ChangeKind.Added : ChangeKind.Removed, x ? name : null, y ? name : null, a.Location, b.Location, Toward(y),
                        y ? "a security control added" : "a security control removed");
                }
            }
            if (a.BackupRetention != b.BackupRetention)
            {
                var longer = b.BackupRetention is { } rb && (a.BackupRetention is not { } ra || rb > ra);
                Changed("security / backups retention", DurationText(a.BackupRetention), DurationText(b.BackupRetention), a.Location, b.Location, Toward(longer),
                    longer ? "a longer retention" : "a shorter retention");
            }
            if (a.Residency != b.Residency)
            {
                Changed("security / residency", a.Residency, b.Residency, a.Location, b.Location, Favours.Unknown, "data residency changed");
            }
            Named("control", a.Controls, b.Controls, c => c.Control, c => c.Location, (path, x, y) =>
            {
                Frequency(path + " / every", x.Every, y.Every, x.Location, y.Location);
                foreach (var (what, p, q) in new[] { ("rto", x.Rto, y.Rto), ("rpo", x.Rpo, y.Rpo) })
                {
                    if (p != q)
                    {
                        var shorter = q is { } qv && (p is not { } pv || qv < pv);
                        Changed($"{path} / {what}", DurationText(p), DurationText(q), x.Location, y.Location, Toward(shorter), shorter ? $"a shorter {what}" : $"a longer {what}");
                    }
                }
            }, c => $"{c.Control} every {c.Every}", Favours.Client, Favours.Provider, "a security control", prefix: "security / ");
        }

        private void Reversibility()
        {
            var (a, b) = (o.Reversibility, n.Reversibility);
            if (a is null || b is null)
            {
                if (a is not null || b is not null)
                {
                    Add("reversibility", b is null ? ChangeKind.Removed : ChangeKind.Added, a is null ? null : "reversibility { … }", b is null ? null : "reversibility { … }",
                        a?.Location, b?.Location, Toward(b is not null), b is null ? "the exit terms removed" : "exit terms added");
                }
                return;
            }
            if (PeriodDays(a.Notice) != PeriodDays(b.Notice))
            {
                var longer = PeriodDays(b.Notice) > PeriodDays(a.Notice);
                Changed("reversibility / notice", PeriodText(a.Notice), PeriodText(b.Notice), a.Location, b.Location, Toward(!longer),
                    longer ? "a longer notice ties the client longer" : "a shorter notice frees the client sooner");
            }
            if (PeriodDays(a.Assistance) != PeriodDays(b.Assistance))
            {
                var longer = PeriodDays(b.Assistance) > PeriodDays(a.Assistance);
                Changed("reversibility / assistance", PeriodText(a.Assistance), PeriodText(b.Assistance), a.Location, b.Location, Toward(longer),
                    longer ? "longer exit assistance" : "shorter exit assistance");
            }
            foreach (var d in a.Deliverables.Except(b.Deliverables))
            {
                Add($"reversibility / deliver \"{d}\"", ChangeKind.Removed, d, null, a.Location, null, Favours.Provider, "a deliverable removed");
            }
            foreach (var d in b.Deliverables.Except(a.Deliverables))
            {
                Add($"reversibility / deliver \"{d}\"", ChangeKind.Added, null, d, null, b.Location, Favours.Client, "a deliverable added");
            }
        }

        private void Transition()
        {
            var (a, b) = (o.Transition, n.Transition);
            var (ta, tb) = (a is null ? null : TransitionText(a), b is null ? null : TransitionText(b));
            if (ta != tb)
            {
                Add("transition", a is null ? ChangeKind.Added : b is null ? ChangeKind.Removed : ChangeKind.Changed, ta, tb, a?.Location, b?.Location, Favours.Unknown,
                    "the transition plan changed");
            }
        }

        private void Raci()
        {
            var (a, b) = (o.Raci, n.Raci);
            var oldRows = a?.Rows.ToDictionary(r => r.Activity, StringComparer.Ordinal) ?? [];
            var newRows = b?.Rows.ToDictionary(r => r.Activity, StringComparer.Ordinal) ?? [];
            foreach (var (activity, row) in oldRows)
            {
                var path = $"raci / {activity}";
                if (!newRows.TryGetValue(activity, out var other))
                {
                    Add(path, ChangeKind.Removed, RowText(a!, row), null, row.Location, null, Favours.Neutral, "a RACI activity removed");
                    continue;
                }
                var (before, after) = (Cells(a!, row), Cells(b!, other));
                if (RowText(before) == RowText(after))
                {
                    continue;
                }
                var favours = Favours.Neutral;
                var reason = "who is consulted or informed, or a move within one side";
                foreach (var letter in new[] { RaciFlags.Responsible, RaciFlags.Accountable })
                {
                    var (pb, cb) = (Has(before, letter, provider: true), Has(before, letter, provider: false));
                    var (pa, ca) = (Has(after, letter, provider: true), Has(after, letter, provider: false));
                    var name = letter == RaciFlags.Responsible ? "R" : "A";
                    if (pb && !pa && ca && !cb)
                    {
                        (favours, reason) = (Favours.Provider, $"the {name} moves from the provider's side to the client's");
                    }
                    else if (cb && !ca && pa && !pb)
                    {
                        (favours, reason) = (Favours.Client, $"the {name} moves from the client's side to the provider's");
                    }
                }
                Changed(path, RowText(before), RowText(after), row.Location, other.Location, favours, reason);
            }
            foreach (var (activity, row) in newRows)
            {
                if (!oldRows.ContainsKey(activity))
                {
                    Add($"raci / {activity}", ChangeKind.Added, null, RowText(b!, row), null, row.Location, Favours.Neutral, "a RACI activity added");
                }
            }
        }

        private Dictionary<string, RaciFlags> Cells(RaciModel raci, RaciRowModel row) =>
            raci.Roles.Select((role, i) => (role, cell: i < row.Cells.Length ? row.Cells[i] : RaciFlags.None))
                .Where(p => p.cell != RaciFlags.None).GroupBy(p => p.role).ToDictionary(g => g.Key, g => g.First().cell, StringComparer.Ordinal);

        private bool Has(Dictionary<string, RaciFlags> cells, RaciFlags letter, bool provider) =>
            cells.Any(c => (c.Value & letter) != 0 && IsProviderSide(c.Key) == provider);

        /// <summary>A role of the provider or of a subcontractor (looked up in either version).</summary>
        private bool IsProviderSide(string role)
        {
            var party = n.Roles.FirstOrDefault(r => r.Name == role)?.Party ?? o.Roles.FirstOrDefault(r => r.Name == role)?.Party;
            var kind = n.Parties.FirstOrDefault(p => p.Name == party)?.Kind ?? o.Parties.FirstOrDefault(p => p.Name == party)?.Kind;
            return kind is PartyKind.Provider or PartyKind.Subcontractor;
        }

        private static string RowText(RaciModel raci, RaciRowModel row) => RowText(raci.Roles.Select((role, i) => (role, i))
            .Where(p => p.i < row.Cells.Length && row.Cells[p.i] != RaciFlags.None).ToDictionary(p => p.role, p => row.Cells[p.i], StringComparer.Ordinal));

        private static string RowText(Dictionary<string, RaciFlags> cells) =>
            string.Join(", ", cells.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {Letters(c.Value)}"));

        private static string Letters(RaciFlags f) =>
            string.Concat((f & RaciFlags.Responsible) != 0 ? "R" : "", (f & RaciFlags.Accountable) != 0 ? "A" : "", (f & RaciFlags.Consulted) != 0 ? "C" : "", (f & RaciFlags.Informed) != 0 ? "I" : "");

        private string UsersOf(string calendar)
        {
            var users = o.Services.SelectMany(s => s.Objectives).Where(x => x.Calendar == calendar).Select(x => $"objective {x.Service}.{x.Name}")
                .Concat(o.Escalations.Where(e => e.Calendar == calendar).Select(e => $"escalation {e.Name}"))
                .Concat(o.Obligations.Where(x => x.Calendar == calendar).Select(x => $"obligation {x.Name}")).ToList();
            return users.Count == 0 ? "nothing" : string.Join(", ", users);
        }

        private string PenaltiesOn(string service, string objective)
        {
            var penalties = o.Services.Where(s => s.Name == service).SelectMany(s => s.Penalties).Where(p => p.Objective == objective).Select(p => $"penalty {p.Name}").ToList();
            return penalties.Count == 0 ? "no penalty" : string.Join(", ", penalties);
        }
    }

    private static bool IsClock(IndicatorKind kind) => kind is IndicatorKind.Mttr or IndicatorKind.ResolvedWithin or IndicatorKind.RespondedWithin;

    private static CalendarModel? GetCalendarOrNull(this ContractModel model, string name) =>
        name == ContractModel.AlwaysCalendar ? CalendarModel.Always : model.Calendars.FirstOrDefault(c => c.Name == name);

    private static bool SameFilter(FilterModel? a, FilterModel? b) => FilterText(a) == FilterText(b);

    private static string FilterText(FilterModel? f) => f switch
    {
        null => "",
        FieldInFilter x => $"{x.Field} {(x.Negated ? "not in" : "in")} ({string.Join(", ", x.Values.Order(StringComparer.Ordinal))})",
        AndFilter x => $"({FilterText(x.Left)} and {FilterText(x.Right)})",
        OrFilter x => $"({FilterText(x.Left)} or {FilterText(x.Right)})",
        NotFilter x => $"not {FilterText(x.Operand)}",
        _ => f.ToString() ?? "",
    };

    private static string IndicatorText(IndicatorModel i) => SlaText.Indicator(i) + (i.Where is null ? "" : " where " + FilterText(i.Where));

    private static string ObjectiveText(ObjectiveModel x) =>
        $"{IndicatorText(x.Indicator)} target {x.Target.Text} per {x.Per}{(x.Calendar == ContractModel.AlwaysCalendar ? "" : " during " + x.Calendar)}{(x.ExcludeMaintenance ? " exclude maintenance" : "")}";

    private static string ObjectiveBody(ObjectiveModel x) => ObjectiveText(x) + "|" + x.Backs?.Service + "." + x.Backs?.Objective;

    private static string PenaltyText(PenaltyModel p, IndicatorUnit? unit) =>
        $"on {p.Objective}: {BaseText(p)}{string.Concat(p.Tiers.Select(t => "; " + TierText(t, unit)))}{(p.Step is null ? "" : "; " + StepText(p.Step, unit))}{(p.CapPercent is { } c ? $"; cap {Percent(c)}" : "")}";

    /// <summary>The unit of the objective of <paramref name="service"/> that <paramref name="penalty"/> is on (null when there is none).</summary>
    private static IndicatorUnit? UnitOf(ServiceModel service, PenaltyModel penalty) => SlaLang.Analyzers.RuleText.ObjectiveOf(service, penalty)?.Indicator.Unit;

    /// <summary>A threshold or a step as the contract writes it (a bare number when the objective is not found).</summary>
    private static string Quantity(decimal value, IndicatorUnit? unit) => unit is { } u ? ReportNames.Quantity(value, u) : Number(value);

    private static string BaseText(PenaltyModel p) => p.BaseKind == PenaltyBaseKind.Fee ? "base fee" : $"base {p.FixedBase?.ToString(CultureInfo.InvariantCulture)}";

    private static string TierText(PenaltyTierModel t, IndicatorUnit? unit) => $"when {t.Comparison.ToOperator()} {Quantity(t.Threshold, unit)} credit {Percent(t.CreditPercent)}";

    private static string StepText(PenaltyStepModel s, IndicatorUnit? unit) => $"step {Quantity(s.Step, unit)} credit {Percent(s.CreditPercent)}";

    private static string EscalationText(EscalationModel e) =>
        $"for incidents{(e.Where is null ? "" : " where " + FilterText(e.Where))}: {string.Join("; ", e.Levels.Select(LevelText))}";

    private static string EscalationBody(EscalationModel e) => EscalationText(e) + "|" + e.Calendar;

    private static string LevelText(EscalationLevelModel l) => $"after {SlaText.Duration(l.After)} notify {string.Join(", ", l.Notify)}";

    private static string ObligationBody(ObligationModel x) => $"{x.Kind}|{x.ResponsibleParty}|{x.Every}|{DueText(x.Due)}|{x.Calendar}";

    private static string DueText(DueOffsetModel? due) => due switch
    {
        { After: { } a } => $" due {SlaText.Duration(a)} after period end",
        { WorkingDays: { } w } => $" due {w}bd after period end",
        _ => "",
    };

    private static decimal? DueDays(DueOffsetModel? due) => due switch
    {
        { After: { } a } => a.BclCompatibleTicks / (decimal)NodaConstants.TicksPerDay,
        { WorkingDays: _ } => null,
        _ => 0m,
    };

    private static string CommitteeText(CommitteeModel c) => $"every {c.Every}, chair {c.Chair}, members {string.Join(", ", c.Members)}";

    private static string PartyText(PartyModel p) => p.Kind.ToString().ToLowerInvariant() + (p.OfParty is null ? "" : " of " + p.OfParty);

    private static string CalendarText(CalendarModel c) =>
        string.Join(", ", c.Hours.Select(h => $"{h.Day.ToString()[..3].ToLowerInvariant()} {Clock(h.Start)}-{Clock(h.End)}"))
        + (c.Holidays.IsEmpty ? "" : "; holidays " + string.Join(", ", c.Holidays.Order().Select(D)));

    private static string TransitionText(TransitionModel t) =>
        string.Join("; ", t.Phases.Select(p => $"{p.Name} {D(p.Start)} .. {D(p.End)}{(p.Gate is null ? "" : $" gate \"{p.Gate}\"")}")) + (t.Overlap is { } ov ? $"; overlap {ov}" : "");

    private static string FeeText(FeeModel f) => $"{Number(f.Amount)} {f.Currency} per {(f.Months == 1 ? "month" : $"{f.Months} months")}";

    private static string Clock(Duration d) => $"{(int)d.TotalHours:00}:{d.Minutes:00}";

    private static string D(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(decimal v) => ReportNames.Normalize(v).ToString(CultureInfo.InvariantCulture);

    private static string Percent(decimal? v) => v is { } x ? Number(x) + "%" : "none";

    private static string DurationText(Duration? d) => d is { } x ? SlaText.Duration(x) : "none";

    private static string PeriodText(NodaTime.Period? p)
    {
        if (p is null)
        {
            return "none";
        }
        var parts = new[] { (p.Years, "year"), (p.Months, "month"), (p.Weeks, "week"), (p.Days, "day") }
            .Where(x => x.Item1 != 0).Select(x => x.Item1 == 1 ? $"1 {x.Item2}" : $"{x.Item1} {x.Item2}s").ToList();
        return parts.Count == 0 ? "0 days" : string.Join(" ", parts);
    }

    private static decimal PeriodDays(NodaTime.Period? p) => p is null ? 0 : p.Years * 365.25m + p.Months * 30.4375m + p.Weeks * 7m + p.Days;
}

/// <summary>Weekly open hours compared as sets (a calendar inside another: fewer open hours).</summary>
internal static class OpenHours
{
    /// <summary>Whether every open hour of <paramref name="inner"/> is open in <paramref name="outer"/> (holidays included).</summary>
    public static bool IsSubset(CalendarModel inner, CalendarModel outer)
    {
        if (outer.IsAlways)
        {
            return true;
        }
        if (inner.IsAlways)
        {
            return false;
        }
        foreach (var day in Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None))
        {
            var outerRanges = Merged(outer.Hours.Where(h => h.Day == day));
            foreach (var h in inner.Hours.Where(h => h.Day == day))
            {
                if (!outerRanges.Any(r => r.Start <= h.Start && h.End <= r.End))
                {
                    return false;
                }
            }
        }
        // A holiday of the outer calendar that the inner one keeps open adds open time outside the outer one.
        return outer.Holidays.All(d => inner.Holidays.Contains(d) || !inner.Hours.Any(h => h.Day == d.DayOfWeek));
    }

    private static List<(Duration Start, Duration End)> Merged(IEnumerable<WeeklyHoursModel> hours)
    {
        var merged = new List<(Duration Start, Duration End)>();
        foreach (var h in hours.OrderBy(h => h.Start))
        {
            if (merged.Count > 0 && h.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, h.End > merged[^1].End ? h.End : merged[^1].End);
            }
            else
            {
                merged.Add((h.Start, h.End));
            }
        }
        return merged;
    }
}
