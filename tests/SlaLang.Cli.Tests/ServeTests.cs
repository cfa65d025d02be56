using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using SlaLang.Runtime;
using SlaLang.Server;

namespace SlaLang.Cli.Tests;

/// <summary><c>slac serve</c>: the service in-process on a manual clock, and the real command killed with SIGKILL at random.</summary>
public sealed class ServeTests : IDisposable
{
    private const string QuarterEnd = "2026-04-01T00:00:00+02:00";
    private readonly string _work = Path.Combine(Path.GetTempPath(), "slac-serve-" + Guid.NewGuid().ToString("N"));
    private static readonly string EventsText = File.ReadAllText(Slac.Example("novaterra", "events.jsonl"));

    public ServeTests()
    {
        Directory.CreateDirectory(_work);
    }

    public void Dispose()
    {
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Ingested_events_give_the_report_slac_run_gives_byte_for_byte_and_a_resent_batch_is_not_stored_twice()
    {
        using var store = EventStores.Open("sqlite:" + Path.Combine(_work, "state.db"));
        await using var service = await Start(store, new ManualServeClock(Instant.FromUtc(2026, 4, 1, 0, 0)));
        using var http = new HttpClient { BaseAddress = service.Address };

        var lines = EventsText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var k = 0; k < lines.Length; k += 50)
        {
            var batch = string.Join("\n", lines.Skip(k).Take(50)) + "\n";
            var first = await Post(http, "events", batch, key: $"batch-{k}");
            first.Status.ShouldBe(HttpStatusCode.OK);
            first.Body["firstSeq"]!.GetValue<long>().ShouldBe(k + 1);
            first.Body["repeated"]!.GetValue<bool>().ShouldBeFalse();
            var again = await Post(http, "events", batch, key: $"batch-{k}");
            again.Body["repeated"]!.GetValue<bool>().ShouldBeTrue();
            again.Body["firstSeq"]!.GetValue<long>().ShouldBe(k + 1);
        }

        var served = await http.GetStringAsync($"report?asOf={Uri.EscapeDataString(QuarterEnd)}");
        served.ShouldBe(SlacRunJson(Slac.Example("novaterra", "events.jsonl")));
        JsonNode.Parse(await http.GetStringAsync("health"))!["contracts"]![0]!["events"]!.GetValue<long>().ShouldBe(lines.Length);
    }

    [Fact]
    public async Task With_lateness_the_report_is_slac_run_lateness_s_also_after_a_restart_and_an_earlier_as_of_is_a_400()
    {
        var state = "sqlite:" + Path.Combine(_work, "late.db");
        // The quarter again every quarter of 2026 (ids of their own): 800 events, and a settle pass every 4,096 events is
        // what moves the horizon, so the four quarters are sent six times over (ids unique per round).
        var lines = Enumerable.Range(0, 24).SelectMany(k => ShiftedQuarter(k % 4, k)).ToList();
        var events = Path.Combine(_work, "year.jsonl");
        File.WriteAllLines(events, lines);
        var expected = SlacRunJson(events, "--lateness", "7d", "--as-of", YearEnd);
        var (server, address) = StartServe(state, "--lateness", "7d", "--snapshot-every", "500");
        try
        {
            using var http = new HttpClient { BaseAddress = address };
            for (var k = 0; k < lines.Count; k += 500)
            {
                (await Post(http, "events", string.Join("\n", lines.Skip(k).Take(500)) + "\n", key: $"late-{k}")).Status.ShouldBe(HttpStatusCode.OK);
            }
            (await http.GetStringAsync($"report?asOf={Uri.EscapeDataString(YearEnd)}")).ShouldBe(expected);
            using var early = await http.GetAsync($"report?asOf={Uri.EscapeDataString("2026-02-01T00:00:00+01:00")}");
            early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await early.Content.ReadAsStringAsync()).ShouldContain("settled horizon");
        }
        finally
        {
            server.Kill();
            server.WaitForExit();
        }
        // Restarted, the stored lines are replayed through a settling monitor again.
        (server, address) = StartServe(state, "--lateness", "7d", "--snapshot-every", "500");
        try
        {
            using var http = new HttpClient { BaseAddress = address };
            (await http.GetStringAsync($"report?asOf={Uri.EscapeDataString(YearEnd)}")).ShouldBe(expected);
        }
        finally
        {
            server.Kill();
            server.WaitForExit();
        }
    }

    [Fact]
    public async Task Reports_and_metrics_without_an_as_of_are_as_of_the_settled_horizon_when_the_clock_is_behind_it()
    {
        using var store = EventStores.Open("sqlite:" + Path.Combine(_work, "behind.db"));
        var monitor = Slac.NewMonitor("novaterra");
        monitor.EnableSettling(Duration.FromDays(7));
        // The clock is at the term start, the events run to the end of March: the horizon is ahead of the clock.
        await using var service = await Start(store, new ManualServeClock(Instant.FromUtc(2026, 1, 1, 0, 0)), monitor: monitor);
        using var http = new HttpClient { BaseAddress = service.Address };
        (await Post(http, "events", EventsText, key: null)).Status.ShouldBe(HttpStatusCode.OK);
        monitor.SettledHorizon.ShouldBeNull(); // 200 events: no settle pass yet (one every 4,096 events)
        monitor.Settle();
        monitor.SettledHorizon.ShouldNotBeNull();
        var report = JsonNode.Parse(await http.GetStringAsync("report"))!;
        report["asOf"]!.GetValue<string>().ShouldBe(SlaLang.Runtime.ReportNames.FormatTime(monitor.Term.Local(monitor.SettledHorizon!.Value)));
        using var metrics = await http.GetAsync("metrics");
        metrics.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await metrics.Content.ReadAsStringAsync()).ShouldContain("slalang_objective_breached{");
    }

    [Fact]
    public async Task With_settling_every_escalation_level_is_delivered_once_and_a_restart_sends_none_again()
    {
        // A year of events (the quarter every quarter, six rounds): settle passes run and settled incidents' levels are final.
        var lines = Enumerable.Range(0, 24).SelectMany(k => ShiftedQuarter(k % 4, k)).ToList();
        var monitor = Slac.NewMonitor("novaterra");
        monitor.EnableSettling(Duration.FromDays(7));
        var clock = new ManualServeClock(Instant.FromUtc(2025, 12, 31, 23, 0));
        var webhook = new RecordingWebhook(failFirst: 1);
        var path = Path.Combine(_work, "settled-hooks.db");
        using (var store = EventStores.Open("sqlite:" + path))
        {
            await using var service = await Start(store, clock, webhook, monitor: monitor);
            using var http = new HttpClient { BaseAddress = service.Address };
            for (var k = 0; k < lines.Count; k += 600)
            {
                (await Post(http, "events", string.Join("\n", lines.Skip(k).Take(600)) + "\n", key: $"y-{k}")).Status.ShouldBe(HttpStatusCode.OK);
            }
            monitor.SettledEscalationCount.ShouldBeGreaterThan(100);
            var expected = JsonNode.Parse(await http.GetStringAsync($"report?asOf={Uri.EscapeDataString(YearEnd)}"))!["escalations"]!.AsArray()
                .Select(row => $"NovaTerraRun/escalation/{row!["escalation"]}/{row["incident"]}/{row["level"]}").Order(StringComparer.Ordinal).ToList();
            clock.AdvanceTo(I(YearEnd));
            for (var round = 0; round < 40 && webhook.Delivered.Count(d => d.Key.Contains("/escalation/", StringComparison.Ordinal)) < expected.Count; round++)
            {
                await Task.Delay(100);
                clock.AdvanceTo(clock.Now + Duration.FromSeconds(2)); // the first try of each fails: its retry waits a second
            }
            webhook.Delivered.Select(d => d.Key).Where(k => k.Contains("/escalation/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ShouldBe(expected);
        }
        var before = webhook.Calls.Count;
        using (var store = EventStores.Open("sqlite:" + path))
        {
            var again = Slac.NewMonitor("novaterra");
            again.EnableSettling(Duration.FromDays(7));
            await using var service = await Start(store, clock, webhook, monitor: again);
            await Task.Delay(500);
            webhook.Calls.Skip(before).Where(c => c.Key.Contains("/escalation/", StringComparison.Ordinal)).ShouldBeEmpty();
        }
    }

    private static Instant I(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).Value.ToInstant();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_restart_restores_the_last_snapshot_and_replays_only_the_lines_after_it(bool settling)
    {
        var lines = Enumerable.Range(0, 24).SelectMany(k => ShiftedQuarter(k % 4, k)).ToList();
        var tail = ShiftedQuarter(3, 24).Take(100).ToList(); // sent last, in a batch of its own: after the last snapshot
        ContractMonitor Monitor()
        {
            var monitor = Slac.NewMonitor("novaterra");
            if (settling)
            {
                monitor.EnableSettling(Duration.FromDays(7));
            }
            return monitor;
        }
        var clock = new ManualServeClock(Instant.FromUtc(2027, 1, 1, 0, 0));
        var path = "sqlite:" + Path.Combine(_work, $"snap-{settling}.db");
        string expected;
        using (var store = EventStores.Open(path))
        {
            await using var service = await Start(store, clock, monitor: Monitor(), snapshotEvery: 500);
            using var http = new HttpClient { BaseAddress = service.Address };
            for (var k = 0; k < lines.Count; k += 300)
            {
                (await Post(http, "events", string.Join("\n", lines.Skip(k).Take(300)) + "\n", key: $"s-{k}")).Status.ShouldBe(HttpStatusCode.OK);
            }
            (await Post(http, "events", string.Join("\n", tail) + "\n", key: "tail")).Status.ShouldBe(HttpStatusCode.OK);
            expected = await http.GetStringAsync($"report?asOf={Uri.EscapeDataString(YearEnd)}");
        }
        long snapshotSeq;
        using (var store = EventStores.Open(path))
        {
            snapshotSeq = store.LoadSnapshot("NovaTerraRun")?.Seq ?? 0;
            // Batches of 300, with settling a snapshot after 500 events or more since the last and half the count at it
            // (600, 1,200, 1,800, 2,700, 4,200); 100 more came last. Exact mode keeps none (its state grows with the facts).
            snapshotSeq.ShouldBe(settling ? 4_200 : 0);
            var log = new StringWriter();
            await using var service = await Start(store, clock, monitor: Monitor(), log: log);
            using var http = new HttpClient { BaseAddress = service.Address };
            log.ToString().ShouldContain(settling
                ? $"restored from the snapshot of its first {snapshotSeq} events; the {4_900 - snapshotSeq} stored after it replayed"
                : "4900 stored events replayed");
            (await http.GetStringAsync($"report?asOf={Uri.EscapeDataString(YearEnd)}")).ShouldBe(expected);
        }
        // A snapshot that is not one of this monitor (another contract, lateness or build; or damaged) is not used: all is replayed.
        using (var store = EventStores.Open(path))
        {
            store.SaveSnapshot("NovaTerraRun", snapshotSeq, [1, 2, 3]);
            var log = new StringWriter();
            await using var service = await Start(store, clock, monitor: Monitor(), log: log);
            using var http = new HttpClient { BaseAddress = service.Address };
            log.ToString().ShouldContain("4900 stored events replayed");
            (await http.GetStringAsync($"report?asOf={Uri.EscapeDataString(YearEnd)}")).ShouldBe(expected);
        }
        (await SlacRunJson([.. lines, .. tail], settling)).ShouldBe(expected);
    }

    private async Task<string> SlacRunJson(List<string> lines, bool settling)
    {
        var events = Path.Combine(_work, $"snap-{settling}.jsonl");
        await File.WriteAllLinesAsync(events, lines);
        return settling ? SlacRunJson(events, "--lateness", "7d", "--as-of", YearEnd) : SlacRunJson(events, "--as-of", YearEnd);
    }

    [Fact]
    public void A_store_replays_its_lines_in_order_page_after_page()
    {
        using var store = EventStores.Open("sqlite:" + Path.Combine(_work, "pages.db"));
        var lines = Enumerable.Range(1, 2 * 10_000 + 17).Select(i => $"{{\"n\":{i}}}").ToList();
        store.Append("C", lines[..12_345]);
        store.Append("C", lines[12_345..]);
        store.Append("Other", ["{}"]);
        store.Lines("C").ShouldBe(lines);
        store.Lines("Other").ShouldBe(["{}"]);
        store.Lines("None").ShouldBeEmpty();
        store.Lines("C", 19_999).ShouldBe(lines[19_999..]);
        store.LoadSnapshot("C").ShouldBeNull();
        store.SaveSnapshot("C", 5, [1, 2]);
        store.SaveSnapshot("C", 7, [3]);
        var kept = store.LoadSnapshot("C")!.Value;
        kept.Seq.ShouldBe(7);
        kept.Data.ShouldBe([3]);
    }

    [Fact]
    public async Task Bad_requests_get_4xx_with_the_line_and_reason_and_the_good_lines_are_kept()
    {
        using var store = EventStores.Open("sqlite:" + Path.Combine(_work, "state.db"));
        await using var service = await Start(store, new ManualServeClock(Instant.FromUtc(2026, 4, 1, 0, 0)));
        using var http = new HttpClient { BaseAddress = service.Address };
        var lines = EventsText.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var mixed = await Post(http, "events", $"{lines[0]}\n{{\"kind\":\"incident_opened\"}}\n\n{lines[1]}\nnot json\n", key: null);

        mixed.Status.ShouldBe(HttpStatusCode.BadRequest);
        mixed.Body["accepted"]!.GetValue<int>().ShouldBe(2);
        var rejected = mixed.Body["rejected"]!.AsArray();
        rejected.Select(r => r!["line"]!.GetValue<int>()).ShouldBe([2, 5]);
        rejected[0]!["reason"]!.GetValue<string>().ShouldStartWith("missing field");
        rejected[1]!["reason"]!.GetValue<string>().ShouldStartWith("invalid JSON");

        (await http.PostAsync("contracts/Nobody/events", new StringContent(lines[0]))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var badAsOf = await http.GetAsync("report?asOf=tomorrow");
        badAsOf.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await badAsOf.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().ShouldStartWith("asOf 'tomorrow' is not a time: use 2026-04-01T00:00:00+02:00");
        (await http.GetAsync("report?asOf=2031-01-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.GetAsync("report?format=pdf")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await http.GetAsync($"report?format=html&asOf={Uri.EscapeDataString(QuarterEnd)}");
        html.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        JsonNode.Parse(await http.GetStringAsync("health"))!["contracts"]![0]!["events"]!.GetValue<long>().ShouldBe(2);
    }

    [Fact]
    public void An_unknown_store_a_taken_port_and_a_tail_of_an_unserved_contract_are_bad_usage()
    {
        var contract = Slac.Example("novaterra", "novaterra.sla");
        var (exit, _, error) = Slac.Run("serve", contract, "--state", "mysql:db");
        exit.ShouldBe(2);
        error.ShouldBe("slac: --state 'mysql:db' names no store: use sqlite:PATH or postgres:CONNECTION-STRING.\n");

        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        (exit, _, error) = Slac.Run("serve", contract, "--state", "sqlite:" + Path.Combine(_work, "a.db"), "--listen", $"http://127.0.0.1:{port}");
        exit.ShouldBe(2);
        error.ShouldContain($"slac: cannot listen on 'http://127.0.0.1:{port}': ");

        (exit, _, error) = Slac.Run("serve", contract, "--state", "sqlite:" + Path.Combine(_work, "b.db"), "--listen", "http://127.0.0.1:0", "--tail", "Other=" + Path.Combine(_work, "t.jsonl"));
        exit.ShouldBe(2);
        error.ShouldContain("--tail names contract 'Other', which is not served.");

        (exit, _, error) = Slac.Run("serve", contract, "--state", "sqlite:" + Path.Combine(_work, "c.db"), "--snapshot-every", "-1");
        exit.ShouldBe(2);
        error.ShouldBe("slac: --snapshot-every -1: give a number of events, or 0 for never.\n");
    }

    [Fact]
    public async Task Escalations_and_missed_obligations_fire_at_their_instant_once_each_and_are_retried_with_the_same_key()
    {
        var expected = ExpectedNotifications();
        expected.Count.ShouldBeGreaterThan(3);
        var clock = new ManualServeClock(Instant.FromUtc(2025, 12, 31, 23, 0));
        var webhook = new RecordingWebhook(failFirst: 2);
        using var store = EventStores.Open("sqlite:" + Path.Combine(_work, "state.db"));
        await using (var service = await Start(store, clock, webhook))
        {
            using var http = new HttpClient { BaseAddress = service.Address };
            (await Post(http, "events", EventsText, "all")).Status.ShouldBe(HttpStatusCode.OK);
            await Task.Delay(300);
            webhook.Calls.ShouldBeEmpty();

            var first = expected[0];
            clock.AdvanceTo(first.At - Duration.FromSeconds(1));
            await Task.Delay(300);
            webhook.Calls.ShouldBeEmpty(); // not a second early

            clock.AdvanceTo(first.At);
            await Until(() => webhook.Calls.Count == 1);
            clock.AdvanceTo(first.At + Duration.FromMilliseconds(999));
            await Task.Delay(300);
            webhook.Calls.Count.ShouldBe(1); // the retry waits its second
            clock.AdvanceTo(first.At + Duration.FromSeconds(1));
            await Until(() => webhook.Calls.Count == 2);
            clock.AdvanceTo(first.At + Duration.FromSeconds(3)); // then two more
            await Until(() => webhook.Delivered.Count == 1);
            webhook.Calls.Select(c => c.Key).Distinct().ShouldBe([webhook.Delivered[0].Key]);
            Describe(webhook.Delivered[0].Fields).ShouldBe(Describe(first.Fields));

            clock.AdvanceTo(Instant.FromUtc(2026, 3, 31, 22, 0));
            for (var round = 0; round < 12 && webhook.Delivered.Count < expected.Count; round++)
            {
                // Failed first tries wait for the clock: move it a little, as time passes.
                await Task.Delay(150);
                clock.AdvanceTo(clock.Now + Duration.FromSeconds(8));
            }
            await Until(() => webhook.Delivered.Count == expected.Count);
            webhook.Delivered.Select(d => Describe(d.Fields)).Order(StringComparer.Ordinal)
                .ShouldBe(expected.Select(e => Describe(e.Fields)).Order(StringComparer.Ordinal));
        }

        // A restart on the same store delivers nothing again.
        var after = new RecordingWebhook(failFirst: 0);
        await using (var service = await Start(store, clock, after))
        {
            await Task.Delay(500);
            after.Calls.ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task Tailed_files_are_ingested_line_by_line_and_a_restart_resumes_where_reading_stopped()
    {
        var path = Path.Combine(_work, "tail.jsonl");
        var lines = EventsText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        File.WriteAllText(path, string.Join("\n", lines.Take(120)) + "\n" + lines[120][..10]); // a line still being written
        using var store = EventStores.Open("sqlite:" + Path.Combine(_work, "state.db"));
        var clock = new ManualServeClock(Instant.FromUtc(2026, 4, 1, 0, 0));
        await using (var service = await Start(store, clock, tails: [("NovaTerraRun", path)]))
        {
            using var http = new HttpClient { BaseAddress = service.Address };
            await Until(async () => await Events(http) == 120);
        }
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        await using (var service = await Start(store, clock, tails: [("NovaTerraRun", path)]))
        {
            using var http = new HttpClient { BaseAddress = service.Address };
            await Until(async () => await Events(http) == lines.Length);
            await Task.Delay(600);
            (await Events(http)).ShouldBe(lines.Length);
            (await http.GetStringAsync($"report?asOf={Uri.EscapeDataString(QuarterEnd)}")).ShouldBe(SlacRunJson(Slac.Example("novaterra", "events.jsonl")));
        }
    }

    /// <summary>
    /// The real <c>slac serve</c>, killed with SIGKILL at random moments while a client sends the events in small batches (resending a
    /// batch whose answer it did not get, under the same key), restarted each time: in the end, the report equals <c>slac run</c>'s
    /// on the same events, byte for byte.
    /// </summary>
    [Fact]
    public async Task After_kill_9_at_random_moments_no_acknowledged_event_is_lost_and_the_report_equals_slac_run()
    {
        var random = new Random(20261207);
        var state = "sqlite:" + Path.Combine(_work, "state.db");
        var lines = EventsText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var batches = Enumerable.Range(0, (lines.Length + 1) / 2).Select(b => string.Join("\n", lines.Skip(b * 2).Take(2)) + "\n").ToList();
        var kills = 0;
        var next = 0;
        Process? server = null;
        try
        {
            while (next < batches.Count)
            {
                // Settling that finalises nothing (the quarter is shorter than the lateness), so the report is exact mode's, with
                // snapshots after 10 events or more and half the count (10, 20, 30, 45…), written and read between kills.
                (server, var address) = StartServe(state, "--lateness", "400d", "--snapshot-every", "10");
                using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
                // Kill it after a random number of requests, sometimes while one is in flight.
                var killAfter = random.Next(1, 8);
                var killDelay = random.Next(0, 15);
                for (var sent = 0; next < batches.Count; sent++)
                {
                    if (sent == killAfter && kills < 6)
                    {
                        var victim = server;
                        _ = Task.Run(async () =>
                        {
                            await Task.Delay(killDelay);
                            victim.Kill(entireProcessTree: true);
                        });
                        kills++;
                    }
                    try
                    {
                        var answer = await Post(http, "events", batches[next], $"b{next}");
                        answer.Status.ShouldBe(HttpStatusCode.OK);
                        next++;
                    }
                    catch (HttpRequestException)
                    {
                        break; // killed: restart and resend this batch
                    }
                    catch (TaskCanceledException)
                    {
                        break;
                    }
                }
                if (next < batches.Count)
                {
                    await server.WaitForExitAsync();
                    server.Dispose();
                    server = null;
                }
            }
            kills.ShouldBeGreaterThanOrEqualTo(5);
            using var final = new HttpClient { BaseAddress = (await EnsureRunning(server, state)).Address };
            (await final.GetStringAsync($"report?asOf={Uri.EscapeDataString(QuarterEnd)}")).ShouldBe(SlacRunJson(Slac.Example("novaterra", "events.jsonl")));
        }
        finally
        {
            if (server is { HasExited: false })
            {
                server.Kill(entireProcessTree: true);
            }
            server?.Dispose();
        }

        async Task<(Process, Uri Address)> EnsureRunning(Process? running, string store)
        {
            if (running is { HasExited: false })
            {
                running.Kill(entireProcessTree: true);
                await running.WaitForExitAsync();
            }
            (server, var address) = StartServe(store, "--lateness", "400d", "--snapshot-every", "10");
            return (server, address);
        }
    }

    private const string YearEnd = "2027-01-01T00:00:00+01:00";

    /// <summary>The quarter's lines moved <paramref name="quarters"/> calendar quarters later (local times kept, offsets of the
    /// zone then), ids suffixed with <paramref name="round"/>.</summary>
    private static IEnumerable<string> ShiftedQuarter(int quarters, int round)
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        foreach (var line in EventsText.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var json = JsonNode.Parse(line)!.AsObject();
            foreach (var field in new[] { "time", "requested" })
            {
                if (json[field]?.GetValue<string>() is { } text)
                {
                    var local = OffsetDateTimePattern.ExtendedIso.Parse(text).Value.LocalDateTime.PlusMonths(3 * quarters);
                    json[field] = OffsetDateTimePattern.ExtendedIso.Format(local.InZoneLeniently(zone).ToOffsetDateTime());
                }
            }
            if (json["id"]?.GetValue<string>() is { } id)
            {
                json["id"] = $"{id}-{round}";
            }
            yield return json.ToJsonString();
        }
    }

    private (Process, Uri) StartServe(string state, params string[] options)
    {
        var start = Slac.Dotnet([typeof(Program).Assembly.Location, "serve", Slac.Example("novaterra", "novaterra.sla"), "--state", state, "--listen", "http://127.0.0.1:0", .. options]);
        start.Environment["SLAC_CACHE_DIR"] = Slac.CacheDirectory;
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("slac serve printed nothing");
        var url = line.Split(' ').First(w => w.StartsWith("http://", StringComparison.Ordinal));
        return (process, new Uri(url));
    }

    private static async Task<SlaService> Start(IEventStore store, IServeClock clock, RecordingWebhook? webhook = null, IReadOnlyList<(string, string)>? tails = null,
        SlaLang.Runtime.ContractMonitor? monitor = null, long snapshotEvery = 100_000, TextWriter? log = null) =>
        await SlaService.StartAsync(new ServeOptions
        {
            SnapshotEvery = snapshotEvery,
            Log = log,
            Monitors = [monitor ?? Slac.NewMonitor("novaterra")],
            Store = store,
            Listen = "http://127.0.0.1:0",
            Clock = clock,
            Webhook = webhook is null ? null : new Uri("http://hooks.example/sla"),
            WebhookHandler = webhook,
            Tails = tails ?? [],
            TailInterval = TimeSpan.FromMilliseconds(50),
        });

    private static async Task<(HttpStatusCode Status, JsonObject Body)> Post(HttpClient http, string path, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson") };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static async Task<long> Events(HttpClient http) =>
        JsonNode.Parse(await http.GetStringAsync("health"))!["contracts"]![0]!["events"]!.GetValue<long>();

    private static string SlacRunJson(string events, params string[] options)
    {
        var (exit, output, error) = Slac.Run(["run", Slac.Example("novaterra", "novaterra.sla"), "--events", events, "--format", "json",
            .. options.Contains("--as-of") ? options : [.. options, "--as-of", QuarterEnd]]);
        exit.ShouldBe(0, error);
        return output;
    }

    /// <summary>What the quarter's report says must have been notified by its end: escalation levels reached and obligations missed.</summary>
    private static List<(Instant At, Dictionary<string, string> Fields)> ExpectedNotifications()
    {
        var report = JsonNode.Parse(SlacRunJson(Slac.Example("novaterra", "events.jsonl")))!;
        var result = new List<(Instant, Dictionary<string, string>)>();
        foreach (var row in report["escalations"]!.AsArray())
        {
            var at = row!["at"]!.GetValue<string>();
            result.Add((OffsetDateTimePattern.ExtendedIso.Parse(at).Value.ToInstant(), new Dictionary<string, string>
            {
                ["kind"] = "escalation", ["contract"] = "NovaTerraRun", ["escalation"] = row["escalation"]!.GetValue<string>(),
                ["incident"] = row["incident"]!.GetValue<string>(), ["level"] = row["level"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["notify"] = row["notify"]!.GetValue<string>(), ["at"] = at,
            }));
        }
        foreach (var row in report["obligations"]!.AsArray().Where(o => o!["status"]!.GetValue<string>() == "missed"))
        {
            var due = row!["due"]!.GetValue<string>();
            result.Add((OffsetDateTimePattern.ExtendedIso.Parse(due).Value.ToInstant(), new Dictionary<string, string>
            {
                ["kind"] = "obligation_missed", ["contract"] = "NovaTerraRun", ["obligation"] = row["obligation"]!.GetValue<string>(),
                ["periodStart"] = row["period"]!["start"]!.GetValue<string>(), ["periodEnd"] = row["period"]!["end"]!.GetValue<string>(), ["due"] = due,
            }));
        }
        return [.. result.OrderBy(r => r.Item1)];
    }

    private static string Describe(Dictionary<string, string> fields) => string.Join(";", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));

    private static async Task Until(Func<bool> condition) => await Until(() => Task.FromResult(condition()));

    private static async Task Until(Func<Task<bool>> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException("the condition did not hold within 20 s");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>A webhook receiver: answers 503 to the first <paramref name="failFirst"/> tries of each notification, then 200.</summary>
    private sealed class RecordingWebhook(int failFirst) : HttpMessageHandler
    {
        private readonly ConcurrentDictionary<string, int> _tries = new(StringComparer.Ordinal);
        private readonly object _gate = new();

        public List<(string Key, string Body)> Calls { get; } = [];

        public List<(string Key, Dictionary<string, string> Fields)> Delivered { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var key = request.Headers.GetValues("Idempotency-Key").Single();
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var tries = _tries.AddOrUpdate(key, 1, (_, n) => n + 1);
            lock (_gate)
            {
                Calls.Add((key, body));
                if (tries > failFirst)
                {
                    var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(body)!;
                    fields["key"].ShouldBe(key);
                    fields.Remove("key");
                    Delivered.Add((key, fields));
                }
            }
            return new HttpResponseMessage(tries > failFirst ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable);
        }
    }
}
