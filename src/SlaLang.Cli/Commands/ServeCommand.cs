using NodaTime;
using System.CommandLine;
using System.Runtime.InteropServices;
using SlaLang.Cli.Running;
using SlaLang.Runtime;
using SlaLang.Server;

namespace SlaLang.Cli.Commands;

/// <summary>
/// <c>slac serve CONTRACT… [--state sqlite:PATH | postgres:CONN] [--listen URL] [--tail [NAME=]FILE]… [--webhook URL]</c>: the
/// contracts' monitors as a live service (docs/serve.md): events over HTTP and from tailed files, kept in a durable store and
/// replayed at start; reports, health and metrics over HTTP; escalation and obligation webhooks at their instant.
/// </summary>
internal sealed class ServeCommand : ISlacCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var contracts = new Argument<string[]>("contracts") { Description = "The contracts to serve (.sla files).", Arity = ArgumentArity.OneOrMore };
        var state = new Option<string?>("--state") { Description = "Where events are kept: sqlite:PATH (default: CONTRACT.state.db beside the first contract) or postgres:CONNECTION-STRING." };
        var listen = new Option<string>("--listen") { Description = "The URL to listen on (default http://127.0.0.1:8080; port 0 picks a free one).", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var tails = new Option<string[]>("--tail") { Description = "A JSON Lines file whose appended lines are ingested: FILE (one contract served) or NAME=FILE. Repeatable." };
        var webhook = new Option<string?>("--webhook") { Description = "The URL escalation levels and missed obligations are POSTed to, at their instant." };
        var snapshotEvery = new Option<long>("--snapshot-every") { Description = "With --lateness: keep each contract's state in the store after N events or more (and half the count), so that a restart replays only the events after it; 0: never.", DefaultValueFactory = _ => 100_000 };
        var lateness = new Option<string?>("--lateness") { Description = "Bound memory: finalise what lies more than this duration (7d, 36h) behind the latest event; later events are skipped as late (see docs/runtime.md)." };
        var command = new Command("serve", "Run contracts' monitors as a live service: ingest events over HTTP, serve reports and metrics, fire webhooks (see docs/serve.md).")
        {
            contracts, state, listen, tails, webhook, lateness, snapshotEvery,
        };
        command.SetAction(parse => Run(parse.GetValue(contracts)!, parse.GetValue(state), parse.GetValue(listen)!, parse.GetValue(tails) ?? [],
            parse.GetValue(webhook), MonitorCache.FromEnvironment(), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error,
            parse.GetValue(lateness), parse.GetValue(snapshotEvery)));
        return command;
    }

    /// <summary>Serves until SIGINT or SIGTERM; returns 0, 1 when a contract has errors, 2 on bad usage.</summary>
    internal static int Run(string[] contractPaths, string? state, string listen, string[] tailSpecs, string? webhook, MonitorCache cache, TextWriter output, TextWriter error,
        string? lateness = null, long snapshotEvery = 100_000)
    {
        if (snapshotEvery < 0)
        {
            throw new UsageException($"--snapshot-every {snapshotEvery}: give a number of events, or 0 for never.");
        }
        Duration? settling = lateness is null ? null : RunCommand.ParseLateness(lateness);
        var monitors = new List<ContractMonitor>();
        foreach (var path in contractPaths)
        {
            var monitor = MonitorLoader.Load(path, ContractFrontEnd.ReadContract(path), cache, error, out _);
            if (monitor is null)
            {
                return Program.ExitErrors;
            }
            if (settling is { } allowed)
            {
                monitor.EnableSettling(allowed); // before the stored lines are replayed
            }
            monitors.Add(monitor);
        }
        var tails = new List<(string, string)>();
        foreach (var spec in tailSpecs)
        {
            var equals = spec.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                tails.Add((spec[..equals], Path.GetFullPath(spec[(equals + 1)..])));
            }
            else if (monitors.Count == 1)
            {
                tails.Add((monitors[0].Name, Path.GetFullPath(spec)));
            }
            else
            {
                throw new UsageException($"--tail '{spec}': several contracts are served; write NAME=FILE.");
            }
        }
        Uri? webhookUri = null;
        if (webhook is not null && (!Uri.TryCreate(webhook, UriKind.Absolute, out webhookUri) || webhookUri.Scheme is not ("http" or "https")))
        {
            throw new UsageException($"--webhook '{webhook}' is not an http or https URL.");
        }
        state ??= "sqlite:" + Path.ChangeExtension(Path.GetFullPath(contractPaths[0]), ".state.db");
        IEventStore store;
        try
        {
            store = EventStores.Open(state);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or InvalidOperationException)
        {
            throw new UsageException($"--state '{state}' cannot be opened: {e.Message}");
        }
        using (store)
        {
            using var stopped = new ManualResetEventSlim();
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stopped.Set(); });
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stopped.Set(); });
            SlaService service;
            try
            {
                service = SlaService.StartAsync(new ServeOptions
                {
                    Monitors = monitors,
                    Store = store,
                    Listen = listen,
                    Tails = tails,
                    Webhook = webhookUri,
                    Log = error,
                    SnapshotEvery = snapshotEvery,
                }).GetAwaiter().GetResult();
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }
            catch (IOException e)
            {
                throw new UsageException($"cannot listen on '{listen}': {e.Message}");
            }
            output.WriteLine($"slac serve: listening on {service.Address} ({string.Join(", ", monitors.Select(m => m.Name))}; state {state})");
            output.Flush();
            stopped.Wait();
            service.DisposeAsync().AsTask().GetAwaiter().GetResult();
            output.WriteLine("slac serve: stopped");
        }
        return Program.ExitOk;
    }
}
