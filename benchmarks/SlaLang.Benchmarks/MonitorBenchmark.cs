using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using NodaTime;
using SlaLang.Emit;
using SlaLang.Runtime;
using SlaLang.Semantics;
using SlaLang.Syntax;

namespace SlaLang.Benchmarks;

/// <summary>
/// <c>monitor</c>: N in-memory **distinct** events through the generated NovaTerra monitor, against a hand-written monitor of the
/// same contract (the ceiling) and a plain loop that only reads the events (the memory limit). The events are
/// examples/novaterra/events.jsonl (one quarter) copied until N, every copy with ids of its own (<c>INC-0001-17</c>) and shifted
/// in time across the contract's 3-year term, in time order, as a real feed of N events would be (the <c>run</c> benchmark's
/// lines, <see cref="RunBenchmark.DistinctLines"/>); they are read into one array before any timing, and every loop reads that array once from start to end. Also: the same quarter replayed from the CPU cache (at-least-once
/// duplicates: the compute limit, no new facts and no memory traffic), retained memory after N/10 vs N replayed events, distinct
/// facts with settling on, and cold/warm <c>slac run</c>.
/// Options: <c>--events N</c> (default 2,000,000), <c>--repeat R</c> (best of R interleaved runs, default 3), <c>--no-cli</c>.
/// </summary>
internal sealed class MonitorBenchmark : IComparativeBenchmark
{
    /// <inheritdoc/>
    public string Name => "monitor";

    /// <inheritdoc/>
    public int Run(string[] args)
    {
        var total = IntOption(args, "--events", 2_000_000);
        var repeat = IntOption(args, "--repeat", 3);
        var root = RepositoryRoot();
        var contractPath = Path.Combine(root, "examples", "novaterra", "novaterra.sla");
        var eventsPath = Path.Combine(root, "examples", "novaterra", "events.jsonl");

        var tree = SyntaxTree.Parse(File.ReadAllText(contractPath), contractPath);
        var emission = Compilation.Create([tree]).EmitMonitor(tree);
        if (!emission.Success)
        {
            Console.Error.WriteLine("novaterra.sla has errors: " + string.Join("; ", emission.Diagnostics));
            return 1;
        }
        var compiled = emission.Compile();
        var assembly = MonitorCompiler.Load(compiled.Image!, out _);
        Func<ContractMonitor> generated = () => MonitorCompiler.CreateMonitor(assembly);
        Func<ContractMonitor> handWritten = () => new HandWrittenNovaTerraMonitor();

        var quarter = EventReader.ReadFile(eventsPath, e => throw new InvalidDataException(e.ToString())).ToArray();
        var asOf = Instant.FromUtc(2026, 3, 31, 22, 0);
        var sameReport = ReportJsonWriter.ToJson(Feed(generated(), quarter, quarter.Length).Report(asOf))
            == ReportJsonWriter.ToJson(Feed(handWritten(), quarter, quarter.Length).Report(asOf));
        Console.WriteLine($"monitor: {total:N0} distinct events = examples/novaterra/events.jsonl ({quarter.Length:N0} events) copied {(total + quarter.Length - 1) / quarter.Length:N0} times with ids of their own, spread over the term");
        Console.WriteLine($"  generated and hand-written monitors give the same report: {(sameReport ? "yes" : "NO")}");

        // The N distinct events, in memory, built before any timing: every loop below reads this array from start to end, so
        // each pays for bringing the events in from memory; the plain loop, which does nothing else, is the memory limit.
        var stream = RunBenchmark.DistinctLines(File.ReadAllLines(eventsPath), total)
            .Select(line => EventReader.ParseJsonLine(line, out var problem) is var e && problem is null ? e : throw new InvalidDataException(problem))
            .ToArray();

        // Warm-up (JIT, tiering) on a million events each.
        var warm = Math.Min(total, 200_000);
        Feed(generated(), stream, warm);
        Feed(handWritten(), stream, warm);
        Batch(generated(), stream.AsSpan(0, warm));
        Batch(handWritten(), stream.AsSpan(0, warm));
        PlainLoop(stream, warm);
        PlainLoopAllFields(stream, warm);
        KeyedLoop(stream, warm);

        // Interleaved repetitions, best of each: the machine is shared, so load changes between runs hit all alike.
        // A monitor is fed one Observe(e) call per event, or the whole array through ObserveAll(span).
        double generatedRate = 0, handRate = 0, generatedBatchRate = 0, handBatchRate = 0, loopRate = 0, fieldsRate = 0, keyedRate = 0, cachedGeneratedRate = 0, cachedLoopRate = 0;
        for (var r = 0; r < repeat; r++)
        {
            generatedRate = Math.Max(generatedRate, Rate(() => Feed(generated(), stream, total), total));
            handRate = Math.Max(handRate, Rate(() => Feed(handWritten(), stream, total), total));
            generatedBatchRate = Math.Max(generatedBatchRate, Rate(() => Batch(generated(), stream), total));
            handBatchRate = Math.Max(handBatchRate, Rate(() => Batch(handWritten(), stream), total));
            loopRate = Math.Max(loopRate, Rate(() => PlainLoop(stream, total), total));
            fieldsRate = Math.Max(fieldsRate, Rate(() => PlainLoopAllFields(stream, total), total));
            keyedRate = Math.Max(keyedRate, Rate(() => KeyedLoop(stream, total), total));
            cachedGeneratedRate = Math.Max(cachedGeneratedRate, Rate(() => Feed(generated(), quarter, total), total));
            cachedLoopRate = Math.Max(cachedLoopRate, Rate(() => PlainLoopAllFields(quarter, total), total));
        }
        Console.WriteLine($"  {total:N0} distinct events in memory ({(long)total * Unsafe.SizeOf<SlaEvent>() / (1024.0 * 1024):N0} MiB, {Unsafe.SizeOf<SlaEvent>()} bytes per event), read once each, events/s:");
        Console.WriteLine($"                                     Observe(e) per event   ObserveAll(span)");
        Console.WriteLine($"  generated monitor                  {generatedRate,20:N0} {generatedBatchRate,18:N0}");
        Console.WriteLine($"  hand-written monitor (the ceiling) {handRate,20:N0} {handBatchRate,18:N0}");
        Console.WriteLine($"    generated/hand-written           {generatedRate / handRate,20:0.00} {generatedBatchRate / handBatchRate,18:0.00}   (goal >= 0.9)");
        Console.WriteLine($"  plain read loop: kind, instant, id {loopRate,20:N0}");
        Console.WriteLine($"    generated/plain loop             {generatedRate / loopRate,20:0.00} {generatedBatchRate / loopRate,18:0.00}   (goal >= 0.5)");
        Console.WriteLine($"  plain read loop: all fields used   {fieldsRate,20:N0}   (every field the monitor reads)");
        Console.WriteLine($"    generated/plain loop             {generatedRate / fieldsRate,20:0.00} {generatedBatchRate / fieldsRate,18:0.00}   (goal >= 0.5)");
        Console.WriteLine($"  keyed loop: one entry per id       {keyedRate,20:N0}   (the least state an exact monitor keeps; no rule measured)");
        Console.WriteLine($"    generated/keyed loop             {generatedRate / keyedRate,20:0.00} {generatedBatchRate / keyedRate,18:0.00}");
        Console.WriteLine($"  the quarter's {quarter.Length:N0} events replayed {total:N0} times from the CPU cache instead (duplicates after the first pass; no memory traffic: the compute limit):");
        Console.WriteLine($"  generated monitor                  {cachedGeneratedRate,20:N0}");
        Console.WriteLine($"  plain read loop, every field       {cachedLoopRate,20:N0}   generated/plain loop = {cachedGeneratedRate / cachedLoopRate:0.00}");

        var small = Retained(generated, quarter, total / 10);
        var large = Retained(generated, quarter, total);
        Console.WriteLine($"  the quarter replayed (duplicates): retained after {total / 10:N0} events: {small.Retained / 1024.0:N0} KiB; after {total:N0}: {large.Retained / 1024.0:N0} KiB; ratio {(double)large.Retained / small.Retained:0.00} (goal: flat, 1.00)");
        Console.WriteLine($"  allocated while observing {total / 10:N0} events: {small.Allocated / 1024.0:N0} KiB; {total:N0}: {large.Allocated / 1024.0:N0} KiB "
            + $"(so the peak, at most retained + allocated, is {(small.Retained + small.Allocated) / 1024.0:N0} vs {(large.Retained + large.Allocated) / 1024.0:N0} KiB)");

        // A dense, roughly time-ordered stream of distinct facts (every quarter event copied 4,200 times with its own id,
        // a second apart; quarter after quarter through the term), measured with settling (lateness 7 days) on:
        // the 10M stream covers ten times the span of the 1M one at the same density.
        var denseSmall = RetainedDense(generated, quarter, total / 10);
        var denseLarge = RetainedDense(generated, quarter, total);
        Console.WriteLine($"  distinct facts, settling 7d: retained after {total / 10:N0} events: {denseSmall.Bytes / 1024.0:N0} KiB; after {total:N0}: {denseLarge.Bytes / 1024.0:N0} KiB; "
            + $"ratio {(double)denseLarge.Bytes / denseSmall.Bytes:0.00}; {denseLarge.Seconds:0.0} s for {total:N0} ({total / denseLarge.Seconds:N0} events/s), late events {denseLarge.Late:N0}");

        if (!args.Contains("--no-cli"))
        {
            ColdWarm(root, contractPath, eventsPath);
        }
        return 0;
    }

    private static ContractMonitor Feed(ContractMonitor monitor, SlaEvent[] events, int count)
    {
        for (var i = 0; i < count;)
        {
            var n = Math.Min(events.Length, count - i);
            for (var k = 0; k < n; k++)
            {
                monitor.Observe(in events[k]);
            }
            i += n;
        }
        return monitor;
    }

    private static ContractMonitor Batch(ContractMonitor monitor, ReadOnlySpan<SlaEvent> events)
    {
        monitor.ObserveAll(events);
        return monitor;
    }

    /// <summary>Reads every event's kind and instant, as any consumer must: the speed limit of the input.</summary>
    private static long PlainLoop(SlaEvent[] events, int count)
    {
        long sum = 0;
        for (var i = 0; i < count;)
        {
            var n = Math.Min(events.Length, count - i);
            for (var k = 0; k < n; k++)
            {
                ref readonly var e = ref events[k];
                sum += (long)e.Kind + e.Instant.ToUnixTimeTicks() + (e.Id?.Length ?? 0);
            }
            i += n;
        }
        return sum;
    }

    /// <summary>
    /// Reads every field the monitor reads of these events: kind, instant and offset, and the id, service, severity
    /// and name texts (their length: the monitor reads their characters too). The honest "reads the events" limit.
    /// </summary>
    private static long PlainLoopAllFields(SlaEvent[] events, int count)
    {
        long sum = 0;
        for (var i = 0; i < count;)
        {
            var n = Math.Min(events.Length, count - i);
            for (var k = 0; k < n; k++)
            {
                ref readonly var e = ref events[k];
                sum += (long)e.Kind + e.Instant.ToUnixTimeTicks() + e.Time.Offset.Seconds
                    + (e.Id?.Length ?? 0) + (e.Service?.Length ?? 0) + (e.Severity?.Length ?? 0) + (e.Name?.Length ?? 0);
            }
            i += n;
        }
        return sum;
    }

    /// <summary>The least state an exact monitor keeps: one dictionary entry and one small object per incident or span id
    /// (its latest instant), as the events arrive. No rule is measured: the floor of any monitor that can still place a late
    /// event exactly, which a read-only loop does not pay.</summary>
    private static Dictionary<string, KeyedFact> KeyedLoop(SlaEvent[] events, int count)
    {
        var facts = new Dictionary<string, KeyedFact>(StringComparer.Ordinal);
        for (var i = 0; i < count;)
        {
            var n = Math.Min(events.Length, count - i);
            for (var k = 0; k < n; k++)
            {
                ref readonly var e = ref events[k];
                if (e.Id is not { } id)
                {
                    continue;
                }
                ref var fact = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(facts, id, out _);
                fact ??= new KeyedFact();
                var t = e.Instant;
                if (t > fact.Latest)
                {
                    fact.Latest = t;
                }
            }
            i += n;
        }
        return facts;
    }

    private sealed class KeyedFact
    {
        public Instant Latest = Instant.MinValue;
    }

    private static double Rate(Func<object> run, int count)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        GC.KeepAlive(run());
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Bytes retained by a monitor fed <paramref name="count"/> events, and bytes allocated while feeding them: the
    /// average over 8 monitors, because the heap size moves in steps of an 8 KiB allocation quantum, as large as the
    /// whole state of a replayed stream. The heap's peak during the feed is at most the sum of the two.
    /// </summary>
    private static (long Retained, long Allocated) Retained(Func<ContractMonitor> create, SlaEvent[] events, int count)
    {
        const int Copies = 8;
        var monitors = new ContractMonitor[Copies];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Copies; i++)
        {
            monitors[i] = Feed(create(), events, count);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var after = GC.GetTotalMemory(true);
        GC.KeepAlive(monitors);
        return ((after - before) / Copies, allocated / Copies);
    }

    private const int DenseCopies = 4200;

    private static (long Bytes, double Seconds, long Late) RetainedDense(Func<ContractMonitor> create, SlaEvent[] quarter, int count)
    {
        var sorted = quarter.OrderBy(e => e.Instant).ToArray();
        var quarterLength = Period.FromMonths(3);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(true);
        var monitor = create();
        monitor.EnableSettling(Duration.FromDays(7));
        var watch = Stopwatch.StartNew();
        var produced = 0;
        for (var pass = 0; produced < count; pass++)
        {
            var months = Period.FromMonths(3 * pass);
            foreach (var e in sorted)
            {
                var time = e.Time.LocalDateTime.Plus(months).WithOffset(e.Time.Offset);
                for (var c = 0; c < DenseCopies && produced < count; c++, produced++)
                {
                    var copy = e.Kind == EventKind.Fulfilled
                        ? e with { Time = time }
                        : e with { Time = time.PlusSeconds(c), Id = e.Id is null ? null : e.Id + "#" + c.ToString(CultureInfo.InvariantCulture), Requested = e.Requested?.PlusSeconds(c) };
                    monitor.Observe(in copy);
                }
            }
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var after = GC.GetTotalMemory(true);
        GC.KeepAlive(monitor);
        GC.KeepAlive(quarterLength);
        return (after - before, seconds, monitor.LateEvents);
    }

    private static void ColdWarm(string root, string contractPath, string eventsPath)
    {
        var slac = Path.Combine(root, "src", "SlaLang.Cli", "bin", "Release", "net10.0", "slac.dll");
        if (!File.Exists(slac))
        {
            Console.WriteLine($"  slac run cold/warm: skipped ({slac} not built; run dotnet build -c Release first)");
            return;
        }
        var cache = Path.Combine(Path.GetTempPath(), "slac-bench-cache-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            Directory.CreateDirectory(cache);
            var startup = Time(slac, ["--version"], cache);
            var cold = Time(slac, ["run", contractPath, "--events", eventsPath, "--format", "json"], cache);
            var warm = Time(slac, ["run", contractPath, "--events", eventsPath, "--format", "json"], cache);
            Console.WriteLine($"  slac run examples/novaterra: cold (cache miss) {cold:N0} ms, warm (cache hit) {warm:N0} ms; slac --version {startup:N0} ms");
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private static double Time(string slac, string[] arguments, string cache)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(slac);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["SLAC_CACHE_DIR"] = cache;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"slac {string.Join(' ', arguments)} exited {process.ExitCode}");
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SlaLang.sln")))
            {
                return dir.FullName;
            }
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SlaLang.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the SlaLang checkout.");
    }
}

/// <summary>
/// The NovaTerra monitor as a developer would write it by hand against SlaLang.Runtime: the ceiling the generated
/// monitor is compared with. Same objectives, penalties, escalation and obligations as examples/novaterra/novaterra.sla.
/// </summary>
internal sealed class HandWrittenNovaTerraMonitor : ContractMonitor
{
    public HandWrittenNovaTerraMonitor()
        : base("NovaTerraRun", "Europe/Paris", new LocalDate(2026, 1, 1), new LocalDate(2028, 12, 31), "EUR")
    {
        IsoDayOfWeek[] weekdays = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];
        var business = Calendar("Business",
            [.. weekdays.Select(d => new WeeklyHours(d, Duration.FromHours(8), Duration.FromHours(18))), new WeeklyHours(IsoDayOfWeek.Saturday, Duration.FromHours(9), Duration.FromHours(12))],
            [new LocalDate(2026, 5, 1), new LocalDate(2026, 12, 25)]);
        var availability = Add(new Objective("Monitoring", "Availability", IndicatorKind.Availability,
            new Target(Comparison.GreaterOrEqual, 99.93m, ">= 99.93%"), PeriodRule.Month, Always, excludeMaintenance: true));
        var restore = Add(new Objective("Monitoring", "Sev1Restore", IndicatorKind.Mttr,
            new Target(Comparison.LessOrEqual, 14400m, "<= 4h"), PeriodRule.Month, business, where: static (in IncidentInfo i) => i.Severity == "sev1"));
        Add(new Objective("Monitoring", "Sev1Within4h", IndicatorKind.ResolvedWithin, new Target(Comparison.GreaterOrEqual, 95m, ">= 95%"),
            PeriodRule.Month, Always, within: Duration.FromHours(4), where: static (in IncidentInfo i) => i.Severity is "sev1" or "sev2"));
        Add(new Objective("Monitoring", "Reopens", IndicatorKind.ReopenRate, new Target(Comparison.LessOrEqual, 5m, "<= 5%"), PeriodRule.Quarter, Always));
        Add(new Penalty("AvailabilityCredit", availability, PenaltyBase.Fee(18000m),
            [new PenaltyTier(Comparison.Less, 99.93m, 5m), new PenaltyTier(Comparison.Less, 99.5m, 10m), new PenaltyTier(Comparison.Less, 99m, 25m)], step: null, capPercent: 25m));
        Add(new Penalty("RestoreCredit", restore, PenaltyBase.Fee(18000m), [], step: new PenaltyStep(3600m, 2m), capPercent: 10m));
        Add(new Escalation("Sev1Path", static (in IncidentInfo i) => i.Severity == "sev1", Always,
            [new EscalationLevel(1, Duration.FromMinutes(30), ["ServiceManager"]), new EscalationLevel(2, Duration.FromHours(2), ["ITDirector"])]));
        Add(new Obligation("IncidentReview", PeriodRule.Week, DueOffset.AtPeriodEnd, Always));
        Add(new Obligation("ValueReview", PeriodRule.Month, DueOffset.AtPeriodEnd, Always));
        Add(new Obligation("Strategic", PeriodRule.Quarter, DueOffset.AtPeriodEnd, Always));
        Add(new Obligation("MonthlyReport", PeriodRule.Month, DueOffset.BusinessDays(5), business));
        Add(new Obligation("security.recovery_test", PeriodRule.Months(6), DueOffset.AtPeriodEnd, Always));
        Add(new Obligation("security.audit", PeriodRule.Quarter, DueOffset.AtPeriodEnd, Always));
        Add(new Obligation("security.access_review", PeriodRule.Quarter, DueOffset.AtPeriodEnd, Always));
    }

    /// <summary>Only outages/maintenance of Monitoring, incidents and known fulfilments reach the fact store.</summary>
    public override void Observe(in SlaEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.OutageStart or EventKind.OutageEnd or EventKind.MaintenanceStart or EventKind.MaintenanceEnd:
                if (e.Service == "Monitoring")
                {
                    base.Observe(in e);
                }
                break;
            case EventKind.IncidentOpened or EventKind.IncidentAcknowledged or EventKind.IncidentResolved
                or EventKind.IncidentReopened or EventKind.IncidentPaused or EventKind.IncidentResumed:
                base.Observe(in e);
                break;
            case EventKind.Fulfilled:
                if (e.Name is "IncidentReview" or "ValueReview" or "Strategic" or "MonthlyReport"
                    or "security.recovery_test" or "security.audit" or "security.access_review")
                {
                    base.Observe(in e);
                }
                break;
        }
    }
}
