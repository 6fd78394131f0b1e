using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Cli.Output;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike index FOLDER...</c>: fingerprints every image into the catalog, incrementally.</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var folders = CommonOptions.Folders();
        var database = CommonOptions.Database();
        var json = CommonOptions.Json();
        var model = ModelChoice.Option();
        var followLinks = CommonOptions.FollowLinks();
        var command = new Command("index", "Fingerprint the images in FOLDER... into the catalog (only what changed)")
        {
            folders, database, model, followLinks, json,
        };
        command.SetAction((parse, cancel) =>
        {
            using var embedder = ModelChoice.Open(parse.GetValue(model));
            using var catalog = CatalogLocation.OpenForIndexing(parse.GetValue(folders)!, parse.GetValue(database));
            var report = CatalogSession.Index(catalog, parse.GetValue(folders)!, embedder, cancel, parse.GetValue(followLinks));
            {
                var indexed = catalog.GetImages(parse.GetValue(folders)!.Select(Path.GetFullPath).ToList()).Count;
                if (parse.GetValue(json))
                {
                    Json.Write(new
                    {
                        catalog = catalog.DatabasePath,
                        report.Found, report.Unchanged, report.Fingerprinted, report.Recognised, report.Removed, report.Embedded,
                        model = embedder?.Model.ToString(),
                        failed = report.Problems.Count, report.Cancelled, indexed,
                        problems = report.Problems.Select(p => new { file = p.Path, reason = p.Reason }),
                    });
                }
                else
                {
                    Console.Out.WriteLine(
                        $"{indexed} images in {catalog.DatabasePath}: {report.Fingerprinted} fingerprinted, {report.Recognised} recognised by content, " +
                        (embedder is null ? "" : $"{report.Embedded} embedded ({embedder.Model}), ") +
                        $"{report.Unchanged} unchanged, {report.Removed} removed, {report.Problems.Count} unreadable" +
                        (report.Cancelled ? " (cancelled: run again to finish)" : ""));
                }
                return Task.FromResult(CatalogSession.ExitCode(report, indexed));
            }
        });
        return command;
    }
}
