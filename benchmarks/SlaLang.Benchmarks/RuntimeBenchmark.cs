using System.Diagnostics;
using NodaTime;
using SlaLang.Runtime;

namespace SlaLang.Benchmarks;

/// <summary>
/// <c>runtime</c>: events/s of a hand-built NovaTerra-shaped <see cref="ContractMonitor"/> (exact and settled modes)
/// against a plain loop reading the same synthesized events, and retained memory after 1M and 10M events.
/// Usage: <c>-- runtime [millions=10]</c>.
/// </summary>
internal sealed class RuntimeBenchmark : IComparativeBenchmark
{
    public string Name => "runtime";

    public int Run(string[] args)
    {
        var millions = args.Length > 0 && int.TryParse(args[0], out var m) ? m : 10;
        if (args.Contains("--profile-report"))
        {
            ProfileReport(millions * 1_000_000L);
            return 0;
        }
        Console.WriteLine($"runtime benchmark: NovaTerra-shaped monitor, events synthesized in time order (bounded jitter)");
        foreach (var count in new[] { 1_000_000L, millions * 1_000_000L }.Distinct())
        {
            var loop = Measure(count, null, out _, out _, out _);
            var exact = Measure(count, false, out var exactBytes, out var exactReport, out var exactShape);
            var settled = Measure(count, true, out var settledBytes, out var settledReport, out var settledShape);
            Console.WriteLine($"{count,12:N0} events: plain loop {loop,12:N0} ev/s | exact {exact,12:N0} ev/s ({exact / loop:P0} of loop), retained {exactBytes / 1048576.0,8:N1} MiB, report {exactReport.TotalMilliseconds,8:N0} ms"
                + $" | settled(7d) {settled,12:N0} ev/s ({settled / loop:P0}), retained {settledBytes / 1048576.0,8:N1} MiB, report {settledReport.TotalMilliseconds,8:N0} ms");
            Console.WriteLine($"{"",12}  exact: {exactShape}; settled: {settledShape}");
        }
        return 0;
    }

    private static double Measure(long count, bool? settle, out long retainedBytes, out TimeSpan reportTime, out string shape)
    {
        shape = "";
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var monitor = settle is null ? null : NewMonitor();
        if (settle == true)
        {
            monitor!.EnableSettling(Duration.FromDays(7));
        }
        var gen = new Generator(17);
        long sink = 0;
        // Events are synthesized in chunks outside the timed section, so only reading/observing is measured.
        var chunk = new SlaEvent[Math.Min(count, 1_000_000)];
        var sw = new Stopwatch();
        for (long done = 0; done < count; done += chunk.Length)
        {
            var n = (int)Math.Min(chunk.Length, count - done);
            for (var i = 0; i < n; i++)
            {
                chunk[i] = gen.Next();
            }
            sw.Start();
            if (monitor is null)
            {
                for (var i = 0; i < n; i++)
                {
                    sink += chunk[i].Time.Second + (chunk[i].Id?.Length ?? 0);
                }
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    monitor.Observe(in chunk[i]);
                }
            }
            sw.Stop();
        }
        sw.Stop();
        retainedBytes = GC.GetTotalMemory(true) - before;
        reportTime = TimeSpan.Zero;
        if (monitor is not null)
        {
            var live = monitor.Facts.IncidentCount;
            var rs = Stopwatch.StartNew();
            var report = monitor.Report(gen.Now);
            reportTime = rs.Elapsed;
            shape = $"{live:N0} incidents held, {report.Escalations.Count:N0} escalation rows in the report, {monitor.LateEvents:N0} late";
            sink += report.Objectives.Count;
        }
        GC.KeepAlive(monitor);
        return sink == long.MinValue ? 0 : count / sw.Elapsed.TotalSeconds;
    }

    /// <summary>Times each rule's evaluation after <paramref name="count"/> events (exact mode).</summary>
    private static void ProfileReport(long count)
    {
        var monitor = NewMonitor();
        var gen = new Generator(17);
        for (long i = 0; i < count; i++)
        {
            var e = gen.Next();
            monitor.Observe(in e);
        }
        foreach (var o in monitor.Objectives)
        {
            var sw = Stopwatch.StartNew();
            o.Evaluate(monitor.Facts, monitor.Term, gen.Now);
            Console.WriteLine($"{o.Name,-16} {sw.ElapsedMilliseconds,8} ms");
        }
        var cal = monitor.Objectives[1].Calendar;
        var t0 = Instant.FromUtc(2026, 3, 2, 9, 0);
        var swc = Stopwatch.StartNew();
        var acc = Duration.Zero;
        for (var i = 0; i < 100_000; i++)
        {
            var a = t0 + Duration.FromMinutes(i % 10_000);
            acc += cal.Measure(a, a + Duration.FromHours(3));
        }
        Console.WriteLine($"business Measure: {swc.Elapsed.TotalMilliseconds * 10:N0} ns/call ({acc.TotalHours:N0} h)");
        var total = Stopwatch.StartNew();
        monitor.Report(gen.Now);
        Console.WriteLine($"{"whole report",-16} {total.ElapsedMilliseconds,8} ms ({monitor.Facts.IncidentCount:N0} incidents)");
    }

    private static bool Sev1(in IncidentInfo i) => i.Severity == "sev1";

    private static bool Sev1Or2(in IncidentInfo i) => i.Severity is "sev1" or "sev2";

    /// <summary>The NovaTerra example's rules, built by hand.</summary>
    private static ContractMonitor NewMonitor()
    {
        var m = new ContractMonitor("NovaTerraRun", "Europe/Paris", new LocalDate(2026, 1, 1), new LocalDate(2028, 12, 31), "EUR");
        var business = m.Calendar("Business",
            [.. Enumerable.Range(1, 5).Select(d => new WeeklyHours((IsoDayOfWeek)d, Duration.FromHours(8), Duration.FromHours(18))),
             new WeeklyHours(IsoDayOfWeek.Saturday, Duration.FromHours(9), Duration.FromHours(12))],
            [new LocalDate(2026, 5, 1), new LocalDate(2026, 12, 25)]);
        var availability = m.Add(new Objective("Monitoring", "Availability", IndicatorKind.Availability,
            new Target(Comparison.GreaterOrEqual, 99.93m, ">= 99.93%"), PeriodRule.Month, m.Always, excludeMaintenance: true));
        var restore = m.Add(new Objective("Monitoring", "Sev1Restore", IndicatorKind.Mttr,
            new Target(Comparison.LessOrEqual, 14400m, "<= 4h"), PeriodRule.Month, business, where: Sev1));
        m.Add(new Objective("Monitoring", "Sev1Within4h", IndicatorKind.ResolvedWithin,
            new Target(Comparison.GreaterOrEqual, 95m, ">= 95%"), PeriodRule.Month, m.Always, within: Duration.FromHours(4), where: Sev1Or2));
        m.Add(new Objective("Monitoring", "Reopens", IndicatorKind.ReopenRate, new Target(Comparison.LessOrEqual, 5m, "<= 5%"), PeriodRule.Quarter, m.Always));
        m.Add(new Penalty("AvailabilityCredit", availability, PenaltyBase.Fee(18000m),
            [new PenaltyTier(Comparison.Less, 99.93m, 5m), new PenaltyTier(Comparison.Less, 99.5m, 10m), new PenaltyTier(Comparison.Less, 99m, 25m)], capPercent: 25m));
        m.Add(new Penalty("RestoreCredit", restore, PenaltyBase.Fee(18000m), [], new PenaltyStep(3600m, 2m), 10m));
        m.Add(new Escalation("Sev1Path", Sev1, m.Always,
            [new EscalationLevel(1, Duration.FromMinutes(30), ["ServiceManager"]), new EscalationLevel(2, Duration.FromHours(2), ["ITDirector"])]));
        m.Add(new Obligation("MonthlyReport", PeriodRule.Month, DueOffset.BusinessDays(5), business));
        return m;
    }

    /// <summary>
    /// An endless, deterministic stream over the term: each step opens an incident (ack, maybe pause/resume,
    /// resolve, maybe reopen + resolve) or an outage, emitting pending events whose time has come (small jitter).
    /// </summary>
    private sealed class Generator(int seed)
    {
        private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        private static readonly string[] Severities = ["sev1", "sev2", "sev3"];
        private readonly Random _rnd = new(seed);
        private readonly PriorityQueue<SlaEvent, Instant> _pending = new();
        private Instant _clock = Instant.FromUtc(2026, 1, 1, 0, 0);
        private long _n;

        public Instant Now => _clock;

        public SlaEvent Next()
        {
            while (_pending.Count == 0 || _pending.TryPeek(out _, out var t) && t > _clock)
            {
                Spawn();
            }
            return _pending.Dequeue();
        }

        private OffsetDateTime At(Instant t) => t.WithOffset(Zone.GetUtcOffset(t));

        private void Add(SlaEvent e) => _pending.Enqueue(e, e.Instant);

        private void Spawn()
        {
            // 3 years of term for ~10M events: advance ~25 s per spawned fact.
            _clock += Duration.FromSeconds(_rnd.Next(5, 45));
            var n = _n++;
            if (n % 50 == 0)
            {
                var id = $"OUT-{n}";
                var start = _clock;
                Add(SlaEvent.OutageStart(At(start), "Monitoring", id));
                Add(SlaEvent.OutageEnd(At(start + Duration.FromSeconds(_rnd.Next(60, 3600))), "Monitoring", id));
                return;
            }
            if (n % 500 == 1)
            {
                var id = $"MW-{n}";
                Add(SlaEvent.MaintenanceStart(At(_clock), "Monitoring", id));
                Add(SlaEvent.MaintenanceEnd(At(_clock + Duration.FromHours(2)), "Monitoring", id));
                return;
            }
            var inc = $"INC-{n}";
            var opened = _clock;
            Add(SlaEvent.IncidentOpened(At(opened), "Monitoring", inc, Severities[_rnd.Next(3)]));
            Add(SlaEvent.IncidentAcknowledged(At(opened + Duration.FromMinutes(_rnd.Next(1, 60))), inc));
            var t = opened + Duration.FromMinutes(_rnd.Next(5, 60));
            if (_rnd.Next(5) == 0)
            {
                Add(SlaEvent.IncidentPaused(At(t), inc));
                t += Duration.FromMinutes(_rnd.Next(10, 300));
                Add(SlaEvent.IncidentResumed(At(t), inc));
            }
            t += Duration.FromMinutes(_rnd.Next(10, 600));
            Add(SlaEvent.IncidentResolved(At(t), inc));
            if (_rnd.Next(20) == 0)
            {
                t += Duration.FromMinutes(_rnd.Next(10, 600));
                Add(SlaEvent.IncidentReopened(At(t), inc));
                Add(SlaEvent.IncidentResolved(At(t + Duration.FromHours(1)), inc));
            }
        }
    }
}
