using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using SlaLang.Runtime;

namespace SlaLang.Server;

/// <summary>What <c>slac serve</c> runs: the contracts' monitors, where events are kept, where it listens, and where notifications go.</summary>
public sealed record ServeOptions
{
    /// <summary>Fresh monitors, one per served contract (names must differ).</summary>
    public required IReadOnlyList<ContractMonitor> Monitors { get; init; }

    /// <summary>The durable store of events (<see cref="EventStores.Open"/>).</summary>
    public required IEventStore Store { get; init; }

    /// <summary>The URL to listen on (<c>http://127.0.0.1:0</c> picks a free port).</summary>
    public string Listen { get; init; } = "http://127.0.0.1:8080";

    /// <summary>Where escalation and obligation notifications are POSTed, or null for none.</summary>
    public Uri? Webhook { get; init; }

    /// <summary>The handler webhook requests go through (tests give their own); null for the network.</summary>
    public HttpMessageHandler? WebhookHandler { get; init; }

    /// <summary>The clock the service runs on.</summary>
    public IServeClock Clock { get; init; } = SystemServeClock.Instance;

    /// <summary>Files whose appended JSON lines are ingested: contract name and path.</summary>
    public IReadOnlyList<(string Contract, string Path)> Tails { get; init; } = [];

    /// <summary>How often tailed files are looked at.</summary>
    public TimeSpan TailInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The first wait before a failed webhook delivery is tried again; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public Duration FirstRetryDelay { get; init; } = Duration.FromSeconds(1);

    /// <summary>The longest wait between two tries of one delivery.</summary>
    public Duration MaxRetryDelay { get; init; } = Duration.FromMinutes(5);

    /// <summary>Where the service says what it does (one line per event of note); null for nowhere.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>With settling, how often a contract's state is kept in the store so that a restart replays only the lines after
    /// it: after at least this many events since the last snapshot and half the count at it; 0 never. Exact mode keeps none.</summary>
    public long SnapshotEvery { get; init; } = 100_000;
}

/// <summary>
/// The live monitor service: HTTP ingestion (JSON Lines, batched, idempotent by key), tailed files, reports, health, Prometheus
/// metrics, and webhooks for escalation levels and missed obligations at their instant. See docs/serve.md.
/// </summary>
public sealed class SlaService : IAsyncDisposable
{
    /// <summary>Answers are JSON read by programs and people, never embedded in HTML: quotes and apostrophes stay as they are.</summary>
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ServeOptions _options;
    private readonly Dictionary<string, ContractHost> _hosts;
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly List<Task> _background = [];
    private readonly Dictionary<string, (int Attempts, Instant Next)> _retries = new(StringComparer.Ordinal);
    private HashSet<string> _delivered = new(StringComparer.Ordinal);
    private long _deliveries;
    private long _failedDeliveries;

    private SlaService(ServeOptions options, Dictionary<string, ContractHost> hosts, WebApplication app)
    {
        _options = options;
        _hosts = hosts;
        _app = app;
    }

    /// <summary>The address the service listens on (with the port chosen when the options asked for port 0).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The notifications delivered so far (for tests and metrics).</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <summary>Replays the stored events into the monitors, then starts listening, tailing and notifying.</summary>
    public static async Task<SlaService> StartAsync(ServeOptions options, CancellationToken cancellation = default)
    {
        var hosts = new Dictionary<string, ContractHost>(StringComparer.Ordinal);
        foreach (var monitor in options.Monitors)
        {
            if (!hosts.TryAdd(monitor.Name, new ContractHost(monitor, options.Store, options.SnapshotEvery)))
            {
                throw new ArgumentException($"two served contracts are named '{monitor.Name}'.");
            }
        }
        foreach (var (contract, _) in options.Tails)
        {
            if (!hosts.ContainsKey(contract))
            {
                throw new ArgumentException($"--tail names contract '{contract}', which is not served.");
            }
        }
        foreach (var host in hosts.Values)
        {
            var (replayed, fromSnapshot) = host.Replay();
            options.Log?.WriteLine(fromSnapshot > 0
                ? $"{host.Name}: restored from the snapshot of its first {fromSnapshot} events; the {replayed} stored after it replayed"
                : $"{host.Name}: {replayed} stored events replayed");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Listen);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 256L * 1024 * 1024);
        var app = builder.Build();
        var service = new SlaService(options, hosts, app);
        service.Map(app);
        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        foreach (var (contract, path) in options.Tails)
        {
            service._background.Add(Task.Run(() => service.Tail(hosts[contract], path)));
        }
        if (options.Webhook is not null)
        {
            service._delivered = new HashSet<string>(options.Store.Delivered(), StringComparer.Ordinal);
            service._background.Add(Task.Run(service.Notify));
        }
        return service;
    }

    /// <summary>Stops listening, tailing and notifying; the store stays open (its owner closes it).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_background).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/events", context => Ingest(context, Single()));
        app.MapPost("/contracts/{name}/events", context => Ingest(context, Named(context)));
        app.MapGet("/report", context => Report(context, Single()));
        app.MapGet("/contracts/{name}/report", context => Report(context, Named(context)));
        app.MapGet("/health", Health);
        app.MapGet("/metrics", Metrics);
    }

    private ContractHost? Single() => _hosts.Count == 1 ? _hosts.Values.First() : null;

    private ContractHost? Named(HttpContext context) =>
        _hosts.TryGetValue((string)context.Request.RouteValues["name"]!, out var host) ? host : null;

    private async Task Ingest(HttpContext context, ContractHost? host)
    {
        if (host is null)
        {
            await Problem(context, HttpStatusCode.NotFound, _hosts.Count == 1
                ? "no such contract"
                : $"this service serves {_hosts.Count} contracts: POST to /contracts/NAME/events ({string.Join(", ", _hosts.Keys)})").ConfigureAwait(false);
            return;
        }
        string text;
        try
        {
            using var reader = new StreamReader(context.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
            text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            await Problem(context, HttpStatusCode.BadRequest, "the body is not UTF-8 text: send JSON Lines").ConfigureAwait(false);
            return;
        }
        var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        if (key is { Length: > 200 })
        {
            await Problem(context, HttpStatusCode.BadRequest, "the Idempotency-Key header is longer than 200 characters").ConfigureAwait(false);
            return;
        }
        var (stored, rejected) = host.Ingest(text, key);
        Changed();
        context.Response.StatusCode = rejected.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body, JsonOptions);
        json.WriteStartObject();
        json.WriteString("contract", host.Name);
        json.WriteNumber("accepted", stored.Count);
        if (stored.Count > 0)
        {
            json.WriteNumber("firstSeq", stored.FirstSeq);
            json.WriteNumber("lastSeq", stored.FirstSeq + stored.Count - 1);
        }
        json.WriteBoolean("repeated", stored.Repeated);
        json.WriteStartArray("rejected");
        foreach (var line in rejected)
        {
            json.WriteStartObject();
            json.WriteNumber("line", line.Line);
            json.WriteString("reason", line.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private async Task Report(HttpContext context, ContractHost? host)
    {
        if (host is null)
        {
            await Problem(context, HttpStatusCode.NotFound, $"no such contract; served: {string.Join(", ", _hosts.Keys)} (GET /contracts/NAME/report)").ConfigureAwait(false);
            return;
        }
        var monitor = host.Monitor;
        Instant asOf;
        if (context.Request.Query["asOf"].FirstOrDefault() is { } text)
        {
            if (!host.TryParseAsOf(text, out asOf, out var problem))
            {
                await Problem(context, HttpStatusCode.BadRequest, problem).ConfigureAwait(false);
                return;
            }
        }
        else
        {
            asOf = Now(monitor);
        }
        var format = context.Request.Query["format"].FirstOrDefault() ?? "json";
        SlaReport report;
        try
        {
            report = host.Report(asOf);
        }
        catch (ArgumentOutOfRangeException e)
        {
            await Problem(context, HttpStatusCode.BadRequest, e.Message).ConfigureAwait(false);
            return;
        }
        switch (format)
        {
            case "json":
                context.Response.ContentType = "application/json";
                // Into the response's pipe, not through a string: a report of 10M events is 46 MiB of JSON, which as a
                // string (and the buffer it was decoded from) took ~3x that at once.
                ReportJsonWriter.Write(report, context.Response.BodyWriter);
                context.Response.BodyWriter.Write("\n"u8);
                await context.Response.BodyWriter.FlushAsync().ConfigureAwait(false);
                break;
            case "html":
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(HtmlReportWriter.ToHtml(report, host.Explain(asOf), monitor.Zone, "events ingested by slac serve")).ConfigureAwait(false);
                break;
            default:
                await Problem(context, HttpStatusCode.BadRequest, $"format '{format}' is not one of json, html").ConfigureAwait(false);
                break;
        }
    }

    private async Task Health(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body, JsonOptions);
        json.WriteStartObject();
        json.WriteString("status", "ok");
        json.WriteStartArray("contracts");
        foreach (var host in _hosts.Values)
        {
            json.WriteStartObject();
            json.WriteString("name", host.Name);
            json.WriteNumber("events", host.Events);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Prometheus text exposition: events ingested, lag, breaches and error budget of the current periods, deliveries.</summary>
    private async Task Metrics(HttpContext context)
    {
        var now = _options.Clock.Now;
        var text = new StringBuilder();
        text.Append("# HELP slalang_events_ingested_total Events stored and observed.\n# TYPE slalang_events_ingested_total counter\n");
        foreach (var host in _hosts.Values)
        {
            text.Append(CultureInfo.InvariantCulture, $"slalang_events_ingested_total{{contract=\"{Label(host.Name)}\"}} {host.Events}\n");
        }
        text.Append("# HELP slalang_ingest_lag_seconds Seconds between now and the latest event's time.\n# TYPE slalang_ingest_lag_seconds gauge\n");
        foreach (var host in _hosts.Values)
        {
            if (host.Latest is { } latest)
            {
                text.Append(CultureInfo.InvariantCulture, $"slalang_ingest_lag_seconds{{contract=\"{Label(host.Name)}\"}} {Seconds(now - latest)}\n");
            }
        }
        var breached = new StringBuilder("# HELP slalang_objective_breached 1 when the objective's current period is breached.\n# TYPE slalang_objective_breached gauge\n");
        var budget = new StringBuilder("# HELP slalang_error_budget_remaining_ratio Error budget left in the current period (1 - consumed).\n# TYPE slalang_error_budget_remaining_ratio gauge\n");
        foreach (var host in _hosts.Values)
        {
            foreach (var current in host.Report(Now(host.Monitor)).Objectives.GroupBy(o => (o.Service, o.Objective)).Select(g => g.Last()))
            {
                var labels = $"contract=\"{Label(host.Name)}\",service=\"{Label(current.Service)}\",objective=\"{Label(current.Objective)}\"";
                breached.Append(CultureInfo.InvariantCulture, $"slalang_objective_breached{{{labels}}} {(current.Status == ObjectiveStatus.Breached ? 1 : 0)}\n");
                if (current.Budget is { Consumed: { } consumed })
                {
                    budget.Append(CultureInfo.InvariantCulture, $"slalang_error_budget_remaining_ratio{{{labels}}} {(1m - consumed).ToString(CultureInfo.InvariantCulture)}\n");
                }
            }
        }
        text.Append(breached).Append(budget);
        text.Append(CultureInfo.InvariantCulture, $"# HELP slalang_notifications_delivered_total Webhook notifications delivered.\n# TYPE slalang_notifications_delivered_total counter\nslalang_notifications_delivered_total {Deliveries}\n");
        text.Append(CultureInfo.InvariantCulture, $"# HELP slalang_notification_failures_total Webhook deliveries that failed (and were retried).\n# TYPE slalang_notification_failures_total counter\nslalang_notification_failures_total {Interlocked.Read(ref _failedDeliveries)}\n");
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await context.Response.WriteAsync(text.ToString()).ConfigureAwait(false);
    }

    /// <summary>Ingests the complete lines appended to <paramref name="path"/> since the offset stored with the last of them.</summary>
    private async Task Tail(ContractHost host, string path)
    {
        var offset = _options.Store.TailOffset(path);
        var name = Path.GetFileName(path);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (File.Exists(path))
                {
                    using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    if (file.Length < offset)
                    {
                        _options.Log?.WriteLine($"{name}: the file is shorter than what was read ({offset} bytes): reading it again from the start");
                        offset = 0;
                    }
                    if (file.Length > offset)
                    {
                        file.Seek(offset, SeekOrigin.Begin);
                        var bytes = new byte[file.Length - offset];
                        var read = await file.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, _stop.Token).ConfigureAwait(false);
                        var end = Array.LastIndexOf(bytes, (byte)'\n', read - 1);
                        if (end >= 0)
                        {
                            var text = Encoding.UTF8.GetString(bytes, 0, end + 1);
                            var (_, rejected) = host.Ingest(text, batchKey: null, tail: (path, offset + end + 1));
                            foreach (var line in rejected)
                            {
                                _options.Log?.WriteLine($"{name}: a line after byte {offset}: line {line.Line} of the new text: {line.Reason} (skipped)");
                            }
                            offset += end + 1;
                            Changed();
                        }
                    }
                }
            }
            catch (IOException e)
            {
                _options.Log?.WriteLine($"{name}: {e.Message} (trying again)");
            }
            try
            {
                await Task.Delay(_options.TailInterval, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Delivers every due notification not delivered yet, at least once: POSTed as JSON with its key as the Idempotency-Key
    /// header, recorded as delivered after a 2xx answer, tried again after a failure with a doubling wait. Sleeps until the next
    /// instant one falls due, a retry, or new events.
    /// </summary>
    private async Task Notify()
    {
        using var client = new HttpClient(_options.WebhookHandler ?? new SocketsHttpHandler(), disposeHandler: _options.WebhookHandler is null)
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        while (!_stop.IsCancellationRequested)
        {
            var now = _options.Clock.Now;
            Instant? wake = null;
            foreach (var host in _hosts.Values)
            {
                var (due, next) = host.Notifications(now, _delivered.Contains);
                wake = Earlier(wake, next);
                foreach (var notification in due.OrderBy(n => n.At).ThenBy(n => n.Key, StringComparer.Ordinal))
                {
                    if (_delivered.Contains(notification.Key))
                    {
                        continue;
                    }
                    if (_retries.TryGetValue(notification.Key, out var retry) && retry.Next > now)
                    {
                        wake = Earlier(wake, retry.Next);
                        continue;
                    }
                    if (await Deliver(client, notification).ConfigureAwait(false))
                    {
                        _options.Store.MarkDelivered(notification.Key);
                        _delivered.Add(notification.Key);
                        _retries.Remove(notification.Key);
                        Interlocked.Increment(ref _deliveries);
                    }
                    else
                    {
                        Interlocked.Increment(ref _failedDeliveries);
                        var attempts = _retries.TryGetValue(notification.Key, out var r) ? r.Attempts + 1 : 1;
                        var delay = Duration.FromTicks(_options.FirstRetryDelay.BclCompatibleTicks << Math.Min(attempts - 1, 20));
                        var at = now + (delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay);
                        _retries[notification.Key] = (attempts, at);
                        wake = Earlier(wake, at);
                    }
                }
            }
            using var woken = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var waits = new List<Task> { _changed.WaitAsync(woken.Token) };
            if (wake is { } w)
            {
                waits.Add(_options.Clock.WaitUntil(w, woken.Token));
            }
            try
            {
                await Task.WhenAny(waits).ConfigureAwait(false);
            }
            finally
            {
                await woken.CancelAsync().ConfigureAwait(false);
            }
            // Several events may have arrived: one look covers them all.
            while (_changed.CurrentCount > 0)
            {
                _changed.Wait(0);
            }
        }
    }

    private async Task<bool> Deliver(HttpClient client, Notification notification)
    {
        var body = JsonSerializer.Serialize(new SortedDictionary<string, string>(notification.Fields.ToDictionary(), StringComparer.Ordinal)
        {
            ["key"] = notification.Key,
        }, new JsonSerializerOptions { Encoder = JsonOptions.Encoder });
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Webhook) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", notification.Key);
        try
        {
            using var response = await client.SendAsync(request, _stop.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                _options.Log?.WriteLine($"delivered {notification.Key}");
                return true;
            }
            _options.Log?.WriteLine($"webhook answered {(int)response.StatusCode} to {notification.Key}: trying again later");
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
        {
            _options.Log?.WriteLine($"webhook unreachable for {notification.Key} ({e.Message}): trying again later");
            return false;
        }
    }

    /// <summary>The service's clock, clamped to <paramref name="monitor"/>'s term and to no earlier than its settled horizon (with
    /// <c>--lateness</c>, events of the future the clock has not reached may have settled periods already): the as-of of
    /// reports and metrics given none.</summary>
    private Instant Now(ContractMonitor monitor)
    {
        var now = _options.Clock.Now;
        if (monitor.SettledHorizon is { } horizon && now < horizon)
        {
            now = horizon;
        }
        return now < monitor.Term.Start ? monitor.Term.Start : now > monitor.Term.End ? monitor.Term.End : now;
    }

    /// <summary>Wakes the notifier (new events may bring notifications forward or cancel them); one pending wake-up is enough.</summary>
    private void Changed()
    {
        if (_options.Webhook is not null && _changed.CurrentCount == 0)
        {
            _changed.Release();
        }
    }

    private static Instant? Earlier(Instant? a, Instant? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static string Seconds(Duration d) => (d.BclCompatibleTicks / (decimal)NodaConstants.TicksPerSecond).ToString(CultureInfo.InvariantCulture);

    private static string Label(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static async Task Problem(HttpContext context, HttpStatusCode status, string message)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body, JsonOptions);
        json.WriteStartObject();
        json.WriteString("error", message);
        json.WriteEndObject();
    }
}
