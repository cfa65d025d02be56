using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NodaTime;
using SlaLang.Server;

namespace SlaLang.Cli.Tests;

/// <summary><c>slac serve --state postgres:…</c> on a PostgreSQL server of its own (Debian's, started in a temporary folder).</summary>
public sealed class PostgresStoreTests(PostgresStoreTests.Postgres postgres) : IClassFixture<PostgresStoreTests.Postgres>
{
    private const string QuarterEnd = "2026-04-01T00:00:00+02:00";

    [Fact]
    public async Task Events_kept_in_PostgreSQL_survive_a_restart_once_each_and_report_as_slac_run()
    {
        var state = "postgres:" + postgres.ConnectionString;
        var lines = File.ReadAllLines(Slac.Example("novaterra", "events.jsonl")).Where(l => l.Length > 0).ToArray();
        var clock = new ManualServeClock(Instant.FromUtc(2026, 4, 1, 0, 0));
        using (var store = EventStores.Open(state))
        {
            await using var service = await SlaService.StartAsync(new ServeOptions { Monitors = [Settling(Slac.NewMonitor("novaterra"))], Store = store, Listen = "http://127.0.0.1:0", Clock = clock, SnapshotEvery = 40 });
            using var http = new HttpClient { BaseAddress = service.Address };
            for (var k = 0; k < 120; k += 40)
            {
                (await Post(http, string.Join("\n", lines.Skip(k).Take(40)), $"p{k}")).ShouldBe(HttpStatusCode.OK);
            }
            (await Post(http, string.Join("\n", lines.Take(40)), "p0")).ShouldBe(HttpStatusCode.OK); // a resent batch
        }
        using (var store = EventStores.Open(state))
        {
            // Snapshots were kept after 40, 80 and 120 events (40 or more, and half the count): the restart restores the last.
            store.LoadSnapshot("NovaTerraRun")!.Value.Seq.ShouldBe(120);
            await using var service = await SlaService.StartAsync(new ServeOptions { Monitors = [Settling(Slac.NewMonitor("novaterra"))], Store = store, Listen = "http://127.0.0.1:0", Clock = clock, SnapshotEvery = 40 });
            using var http = new HttpClient { BaseAddress = service.Address };
            (await Post(http, string.Join("\n", lines.Skip(120)), "p120")).ShouldBe(HttpStatusCode.OK);
            var (exit, expected, _) = Slac.Run("run", Slac.Example("novaterra", "novaterra.sla"), "--events", Slac.Example("novaterra", "events.jsonl"), "--format", "json", "--as-of", QuarterEnd);
            exit.ShouldBe(0);
            (await http.GetStringAsync($"report?asOf={Uri.EscapeDataString(QuarterEnd)}")).ShouldBe(expected);
        }
    }

    /// <summary>The monitor with settling that finalises nothing here (the quarter is shorter than the lateness): its report is
    /// exact mode's, and it keeps snapshots.</summary>
    private static SlaLang.Runtime.ContractMonitor Settling(SlaLang.Runtime.ContractMonitor monitor)
    {
        monitor.EnableSettling(Duration.FromDays(400));
        return monitor;
    }

    private static async Task<HttpStatusCode> Post(HttpClient http, string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "events") { Content = new StringContent(body + "\n", Encoding.UTF8) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A PostgreSQL server in a temporary folder on a free port (as the postgres user when the tests run as root).</summary>
    public sealed class Postgres : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "slac-pg-" + Guid.NewGuid().ToString("N"));
        private readonly string _bin;
        private readonly bool _asPostgresUser = Environment.UserName == "root";

        public Postgres()
        {
            _bin = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                    .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL's initdb is not installed (Debian package postgresql; .ci/run installs it).")
                : throw new InvalidOperationException("PostgreSQL is not installed (Debian package postgresql; .ci/run installs it).");
            Directory.CreateDirectory(_folder);
            if (_asPostgresUser)
            {
                Run("chown", "postgres", _folder);
            }
            var port = FreePort();
            Tool("initdb", "-D", Path.Combine(_folder, "data"), "-A", "trust", "-U", "postgres", "--no-sync");
            Tool("pg_ctl", "-D", Path.Combine(_folder, "data"), "-l", Path.Combine(_folder, "log"), "-w", "-o",
                $"-p {port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start");
            ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
        }

        public string ConnectionString { get; }

        public void Dispose()
        {
            Tool("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop");
            Directory.Delete(_folder, recursive: true);
        }

        private void Tool(string name, params string[] args)
        {
            var path = Path.Combine(_bin, name);
            if (_asPostgresUser)
            {
                Run("runuser", ["-u", "postgres", "--", path, .. args]);
            }
            else
            {
                Run(path, args);
            }
        }

        private static void Run(string file, params string[] args)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.ShouldBe(0, $"{file} {string.Join(' ', args)}: {output}{error.Result}");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
