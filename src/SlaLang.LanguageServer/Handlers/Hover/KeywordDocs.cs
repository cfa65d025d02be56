using SlaLang.Runtime;
namespace SlaLang.LanguageServer.Handlers.Hover;

/// <summary>One-paragraph documentation of each keyword and built-in word, shown on hover and in completion.</summary>
public static class KeywordDocs
{
    private static readonly Dictionary<string, string> Docs = new(StringComparer.Ordinal)
    {
        ["contract"] = "`contract Name \"title\" { … }` — the agreement: term, time zone, currency, parties, services and their service levels.",
        ["library"] = "`library Name { … }` — declarations a contract imports: parties, roles, calendars, severities, services, RACI, escalations, governance, obligations, security, reversibility, transition (no header items).",
        ["import"] = "`import \"path.sla\"` — brings a library's declarations into this file's scope (path relative to this file, '/' separators); imports come first.",
        ["underpins"] = "`underpins \"path.sla\"` — the contract this one supports (an OLA or subcontract); its objectives say what they back with `backs`.",
        ["backs"] = "`backs Service.Objective` — the objective of the underpinned contract this one backs: it must be at least as strict (flow-down).",
        ["version"] = "`version \"2.1.0\"` — the contract's version label.",
        ["term"] = "`term 2026-01-01 .. 2028-12-31` — the contract's term; both dates inclusive, in the contract's time zone. Periods are clipped to it.",
        ["timezone"] = "`timezone \"Europe/Paris\"` — the IANA zone in which days, weeks, months, quarters and years are cut and calendars open.",
        ["currency"] = "`currency EUR` — the ISO 4217 currency of fees and credits.",
        ["model"] = "`model nearshore` — the sourcing model: `outtasking`, `cosourcing`, `nearshore`, `offshore` or `extended_inhouse`.",
        ["profile"] = "`profile standard | regulated` — `regulated` turns on the stricter rules: residency, quarterly audits, half-yearly recovery tests, access reviews, full encryption.",
        ["party"] = "`party Name client|provider|subcontractor [of Provider] [\"title\"]` — a party to the contract; a subcontractor works `of` a provider.",
        ["role"] = "`role Name of Party [\"title\"]` — a role held within a party; roles fill the RACI matrix, escalations and committees.",
        ["of"] = "`of Party` — the party a role belongs to, or the provider a subcontractor works for.",
        ["client"] = "A party that buys the service.",
        ["provider"] = "A party that delivers the service.",
        ["subcontractor"] = "A party working for a provider (`subcontractor of Provider`).",
        ["calendar"] = "`calendar Name { hours …; holidays … }` — a weekly schedule of local open hours plus holidays (whole local days off). `always` (24/7) is built in.",
        ["hours"] = "`hours mon-fri 08:00-18:00` — open hours on the given weekdays, local time of the contract.",
        ["holidays"] = "`holidays 2026-05-01, 2026-12-25` — whole local days on which the calendar is closed.",
        ["always"] = "The built-in 24/7 calendar: every instant is open.",
        ["severity"] = "`severity sev1 \"title\"` — an incident severity; declared from the most to the least severe. In a `where` clause, the incident's severity.",
        ["service"] = "`service Name \"title\" { fee …; objective …; penalty … }` — a service with its fee, objectives and penalties.",
        ["fee"] = "`fee 18000 EUR per month` — the service fee. `base fee` credits a share of it: for each calendar month a period overlaps, the monthly fee × days of that month inside ÷ days in the month.",
        ["per"] = "`per month` — the period over which an objective is measured or a fee is due: `day`, `week` (ISO, Monday), `month`, `quarter`, `year`, `N months` from the term's start, or `rolling Nd` (objectives).",
        ["objective"] = "`objective Name { indicator …; target …; per …; during …; exclude maintenance }` — a service-level objective.",
        ["where"] = "`where severity == sev1` — filters the incidents or events an indicator or escalation counts.",
        ["target"] = "`target >= 99.93%` — the level each period must meet (`>=`, `>`, `<=`, `<`), in the indicator's unit.",
        ["during"] = "`during Business` — the calendar whose open hours are measured (default `always`).",
        ["exclude"] = "`exclude maintenance` — maintenance windows are taken out of both the scheduled time and the downtime.",
        ["maintenance"] = "Maintenance windows (`maintenance_start`/`maintenance_end` events).",
        ["rolling"] = "`rolling 30d` — a window of fixed length ending at the as-of time (objectives only); it counts as finished.",
        ["penalty"] = "`penalty Name on Objective { base …; when … credit …; step … credit …; cap … }` — the service credit owed for each finished, breached period of the objective.",
        ["on"] = "`on Objective` — the objective (of the same service) a penalty applies to.",
        ["base"] = "`base fee` (the service fee for the period) or `base 1000 EUR` — what the credit rate applies to.",
        ["when"] = "`when < 99.5% credit 10%` — a tier: the largest credit whose condition holds applies.",
        ["credit"] = "`credit 5%` — the share of the base credited; the amount is rounded half away from zero to the currency's minor unit.",
        ["step"] = "`step 1h credit 2%` — credit for each started step of shortfall: `ceil(shortfall / step) × credit`.",
        ["cap"] = "`cap 25%` — the most a penalty can credit per period, as a share of the base.",
        ["raci"] = "`raci { roles …; Activity [\"title\"] cells… }` — the responsibility matrix: one row per activity, one cell per role (`-` or letters of R, A, C, I). Each activity has exactly one A and at least one R.",
        ["roles"] = "`roles A B C` — the RACI matrix's columns.",
        ["escalation"] = "`escalation Name for incidents where … { during …; after 30min notify Role }` — levels reached when a matching incident's measured age reaches each delay before its first resolution.",
        ["for"] = "`for incidents where …` — the incidents an escalation follows.",
        ["incidents"] = "The incidents an escalation follows.",
        ["after"] = "`after 30min notify Role` — an escalation level, reached when the incident's measured age reaches the delay; delays strictly increase. In `due 5bd after period end`, the delay after the period's end.",
        ["notify"] = "`notify Role, Role` — the roles told when an escalation level is reached.",
        ["governance"] = "`governance { committee … }` — the contract's committees.",
        ["committee"] = "`committee Name \"title\" { every …; chair …; members … }` — a recurring meeting, tracked as an obligation of the same name.",
        ["every"] = "`every month` — how often an obligation, committee or security control recurs.",
        ["chair"] = "`chair Role` — the role chairing a committee.",
        ["members"] = "`members Role, Role` — the committee's other members.",
        ["obligation"] = "`obligation Name \"title\" { by …; every …; due …; during … }` — a periodic duty; met when a `fulfilled` event names it before it is due.",
        ["by"] = "`by Party` — the party that owes an obligation.",
        ["due"] = "`due 5bd after period end` — when the obligation falls due; by default at the period's end.",
        ["security"] = "`security { encryption …; backups …; recovery_test …; audit …; access_review …; residency …; edr … }` — security commitments; periodic controls are obligations named `security.<control>`.",
        ["encryption"] = "`encryption at_rest, in_transit` — data encryption commitments.",
        ["backups"] = "`backups immutable retention 90d` — backup commitments.",
        ["recovery_test"] = "`recovery_test every 6 months rto 4h rpo 15min` — periodic restore tests with recovery time and point objectives (obligation `security.recovery_test`).",
        ["audit"] = "`audit every quarter` — periodic security audits (obligation `security.audit`).",
        ["access_review"] = "`access_review every quarter` — periodic access reviews (obligation `security.access_review`).",
        ["residency"] = "`residency EU` — where the data lives.",
        ["edr"] = "`edr required` — endpoint detection and response is required.",
        ["reversibility"] = "`reversibility { notice …; assistance …; deliver … }` — the exit terms: notice, assistance and deliverables when the contract ends.",
        ["notice"] = "`notice 6 months` — the notice period for exit.",
        ["assistance"] = "`assistance 3 months` — how long the provider assists the exit.",
        ["deliver"] = "`deliver \"Runbooks\", \"CMDB export\"` — what the provider hands over at exit.",
        ["transition"] = "`transition { phase …; overlap … }` — the gated transition plan.",
        ["phase"] = "`phase Name 2025-09-01 .. 2025-10-15 gate \"Go/No-go\"` — a transition phase, dates inclusive, with its gate.",
        ["gate"] = "`gate \"Go/No-go 1\"` — the decision closing a phase.",
        ["overlap"] = "`overlap 2 months` — how long outgoing and incoming teams overlap.",
        ["day"] = "A local day, cut at local midnight in the contract's time zone.",
        ["week"] = "An ISO week, Monday to Sunday, cut at local midnight.",
        ["month"] = "A calendar month, cut at local midnight; `N months` are aligned to the term's start.",
        ["months"] = "`N months` — periods of N calendar months aligned to the term's start.",
        ["quarter"] = "A calendar quarter (January, April, July, October).",
        ["year"] = "A calendar year.",
        ["in"] = "`field in (a, b)` — matches any of the listed values.",
        ["not"] = "`not condition`, `field not in (a, b)` — negation.",
        ["and"] = "`a and b` — both conditions hold.",
        ["or"] = "`a or b` — either condition holds.",
    };

    /// <summary>The documentation of <paramref name="word"/>, or null if it is not a keyword or built-in word.</summary>
    public static string? Get(string word) =>
        Docs.GetValueOrDefault(word)
        ?? (word == "indicator" ? IndicatorDoc : IndicatorCatalog.TryFind(word, out var indicator) ? indicator.Summary : null);

    /// <summary>The doc of <c>indicator</c>: every indicator of the catalog.</summary>
    private static readonly string IndicatorDoc = "`indicator availability` — what the objective measures: "
        + string.Join(", ", IndicatorCatalog.All.Select(d => d.TakesDelay ? $"`{d.Name}(D)`" : $"`{d.Name}`")) + ".";

    /// <summary>Every documented word.</summary>
    public static IEnumerable<string> Words => [.. Docs.Keys, "indicator", .. IndicatorCatalog.Names];
}
