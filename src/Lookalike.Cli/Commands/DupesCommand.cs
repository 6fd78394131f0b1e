using System.CommandLine;
using Lookalike.Cli.Output;
using Lookalike.Dedup;
using Lookalike.Hashing;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike dupes FOLDER...</c>: indexes what is missing, then lists near-duplicate groups.</summary>
internal static class DupesCommand
{
    public static Command Create()
    {
        var folders = CommonOptions.Folders();
        var database = CommonOptions.Database();
        var json = CommonOptions.Json();
        var method = new Option<HashMethod>("--method")
        {
            Description = "Fingerprint to compare: phash, dhash, ahash, whash or colorhash",
            DefaultValueFactory = _ => HashMethod.PHash,
            CustomParser = result =>
            {
                var name = result.Tokens.Single().Value;
                if (Enum.TryParse<HashMethod>(name, ignoreCase: true, out var parsed)) return parsed;
                result.AddError($"Unknown method '{name}': use phash, dhash, ahash, whash or colorhash.");
                return default;
            },
        };
        var maxDistance = new Option<int?>("--max-distance")
        {
            Description = "Largest Hamming distance (of 64 bits) that still counts as a duplicate (default depends on the method)",
        };
        var command = new Command("dupes", "Find groups of near-duplicate images in FOLDER...")
        {
            folders, database, method, maxDistance, json,
        };
        command.SetAction((parse, cancel) =>
        {
            var roots = parse.GetValue(folders)!;
            var (catalog, report) = CatalogSession.OpenAndIndex(roots, parse.GetValue(database), cancel);
            using (catalog)
            {
                var chosen = parse.GetValue(method);
                var threshold = parse.GetValue(maxDistance) ?? HashDuplicateFinder.DefaultMaxDistance(chosen);
                var images = catalog.GetImages(roots.Select(Path.GetFullPath).ToList());
                var groups = HashDuplicateFinder.Find(images, catalog.GetHashes(), chosen, threshold);
                if (parse.GetValue(json))
                    Json.Write(new
                    {
                        groups = groups.Select(g => new
                        {
                            files = g.Files.Select(f => f.Path),
                            method = chosen.ToString().ToLowerInvariant(),
                            minDistance = g.MinDistance,
                            maxDistance = g.MaxDistance,
                        }),
                    });
                else
                    PrintGroups(groups, images.Count, chosen, threshold);
                return Task.FromResult(CatalogSession.ExitCode(report, images.Count));
            }
        });
        return command;
    }

    private static void PrintGroups(List<DuplicateGroup> groups, int imageCount, HashMethod method, int threshold)
    {
        var console = Terminal.Out;
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"Group {g + 1}: {group.Files.Count} files, {method} distance {group.MinDistance}-{group.MaxDistance}")
                .AddColumn("File").AddColumn(new TableColumn("Size").RightAligned()).AddColumn(new TableColumn("Resolution").RightAligned());
            foreach (var file in group.Files)
                table.AddRow(Markup.Escape(file.Path), Terminal.Size(file.Size), $"{file.Width}x{file.Height}");
            console.Write(table);
        }
        var inGroups = groups.Sum(g => g.Files.Count);
        console.WriteLine($"{groups.Count} groups, {inGroups} of {imageCount} images ({method} distance <= {threshold}).");
    }
}
