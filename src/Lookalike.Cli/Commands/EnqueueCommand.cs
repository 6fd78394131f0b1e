using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Cli.Output;
using Lookalike.Ingest.Queue;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike enqueue FOLDER... --catalog postgres://...</c>: queues the images for <c>lookalike worker</c>s to fingerprint.</summary>
internal static class EnqueueCommand
{
    public static Command Create()
    {
        var folders = CommonOptions.Folders();
        var database = CommonOptions.Database();
        var followLinks = CommonOptions.FollowLinks();
        var json = CommonOptions.Json();
        var command = new Command("enqueue", "Queue the images in FOLDER... in a PostgreSQL catalog, for 'lookalike worker' processes on any machine to fingerprint")
        {
            folders, database, followLinks, json,
        };
        command.SetAction(parse =>
        {
            var address = CatalogLocation.ForIndexing(parse.GetValue(folders)!, parse.GetValue(database));
            if (!ImageCatalog.IsServerAddress(address))
                throw new BadInputException("enqueue needs a PostgreSQL catalog: --catalog postgres://user@host:port/database (or LOOKALIKE_CATALOG); 'lookalike index' fills a local one");
            using var catalog = ImageCatalog.Open(address);
            var queue = new WorkQueue(catalog);
            var report = queue.Enqueue(parse.GetValue(folders)!, Terminal.Problem, parse.GetValue(followLinks));
            var status = queue.Status();
            if (parse.GetValue(json))
                Json.Write(new { catalog = catalog.DatabasePath, report.Found, report.Added, report.Requeued, report.Unchanged, queue = status });
            else
                Console.Out.WriteLine($"{report.Added} files queued, {report.Requeued} queued again (changed), {report.Unchanged} unchanged; " +
                                      $"queue: {status.Waiting} waiting, {status.Claimed} being worked on, {status.Done} done, {status.Failed} failed");
            return ExitCodes.Ok;
        });
        return command;
    }
}
