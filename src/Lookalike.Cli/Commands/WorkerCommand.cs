using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Cli.Output;
using Lookalike.Fingerprints;
using Lookalike.Ingest.Queue;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike worker --catalog postgres://...</c>: fingerprints queued files until the queue is done (see docs/postgres.md).</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var database = CommonOptions.Database();
        var model = ModelChoice.Option();
        var batch = CommonOptions.WholeNumber("--batch", "Files claimed at a time (default 16)", 1, 10_000);
        var lease = CommonOptions.WholeNumber("--lease", "Seconds a claim holds before other workers may take it over (default 300; longer than a batch takes)", 1, 86_400);
        var map = new Option<string[]>("--map")
        {
            Description = "FROM=TO: read the cataloged path FROM... at TO... on this machine (the shared storage under another mount point); repeatable",
            HelpName = "FROM=TO",
            AllowMultipleArgumentsPerToken = false,
        };
        var wait = new Option<bool>("--wait") { Description = "When the queue is empty, wait for more files (until Ctrl-C) instead of exiting" };
        var json = CommonOptions.Json();
        var command = new Command("worker", "Fingerprint files queued by 'lookalike enqueue' in a PostgreSQL catalog; run one per core or machine")
        {
            database, model, batch, lease, map, wait, json,
        };
        command.SetAction((parse, cancel) =>
        {
            var paths = PathMap.Parse(parse.GetValue(map) ?? []);
            using var embedder = ModelChoice.Open(parse.GetValue(model));
            using var catalog = CatalogLocation.OpenExisting([], parse.GetValue(database));
            var worker = new QueueWorker(catalog, new Fingerprinter(embedder))
            {
                BatchSize = parse.GetValue(batch) ?? 16,
                Lease = TimeSpan.FromSeconds(parse.GetValue(lease) ?? 300),
                Paths = paths,
            };
            var report = worker.Run(p => Terminal.Problem(p.Path, p.Reason), parse.GetValue(wait), cancel);
            if (parse.GetValue(json))
                Json.Write(new { catalog = catalog.DatabasePath, report.Worker, report.Batches, report.Fingerprinted, report.Failed, report.LostClaims,
                    seconds = report.Elapsed.TotalSeconds, model = embedder?.Model.ToString() });
            else
                Console.Out.WriteLine($"{report.Worker}: {report.Fingerprinted} fingerprinted, {report.Failed} unreadable in {report.Batches} batches " +
                                      $"({report.Elapsed.TotalSeconds:0.0} s){(report.LostClaims > 0 ? $"; {report.LostClaims} left to the worker that took over their claim" : "")}");
            return Task.FromResult(cancel.IsCancellationRequested ? ExitCodes.Cancelled : ExitCodes.Ok);
        });
        return command;
    }
}
