using System.CommandLine;
using Lookalike.Catalog;
using Lookalike.Cli.Output;
using Lookalike.Dedup;
using Lookalike.Dedup.Actions;
using Lookalike.Dedup.Keep;
using Lookalike.Hashing;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike dupes FOLDER...</c>: indexes what is missing, then lists near-duplicate groups.</summary>
internal static class DupesCommand
{
    private const string Embedding = "embedding";

    public static Command Create()
    {
        var folders = CommonOptions.Folders();
        var database = CommonOptions.Database();
        var json = CommonOptions.Json();
        var model = ModelChoice.Option();
        var method = new Option<string>("--method")
        {
            Description = "Fingerprint to compare: phash, dhash, ahash, whash, colorhash or embedding",
            DefaultValueFactory = _ => "phash",
            CustomParser = result =>
            {
                var name = result.Tokens.Single().Value.ToLowerInvariant();
                if (name == Embedding || Enum.TryParse<HashMethod>(name, ignoreCase: true, out _)) return name;
                result.AddError($"Unknown method '{name}': use phash, dhash, ahash, whash, colorhash or embedding.");
                return name;
            },
        };
        var minSimilarity = new Option<float?>("--min-similarity")
        {
            Description = "With --method embedding: lowest cosine that counts as a duplicate (default: the model's calibrated match limit)",
        };
        var maxDistance = new Option<int?>("--max-distance")
        {
            Description = "Largest Hamming distance (of 64 bits) that still counts as a duplicate (default depends on the method)",
        };
        var resolution = new DupesResolution();
        var command = new Command("dupes", "Find groups of near-duplicate images in FOLDER..., suggest which to keep, optionally act")
        {
            folders, database, model, method, maxDistance, minSimilarity, json,
        };
        foreach (var option in resolution.Options) command.Options.Add(option);
        command.SetAction((parse, cancel) =>
        {
            if (resolution.Validate(parse) is { } problem)
            {
                Console.Error.WriteLine($"lookalike: {problem}");
                return Task.FromResult(2);
            }
            var roots = parse.GetValue(folders)!;
            using var embedder = ModelChoice.Open(parse.GetValue(model));
            var (catalog, report) = CatalogSession.OpenAndIndex(roots, parse.GetValue(database), embedder, cancel);
            using (catalog)
            {
                var images = catalog.GetImages(roots.Select(Path.GetFullPath).ToList());
                List<DuplicateGroup> groups;
                Func<ImageRecord, ImageRecord, double?> Match;
                string methodName, limit;
                if (parse.GetValue(method) != Embedding)
                {
                    var chosen = Enum.Parse<HashMethod>(parse.GetValue(method)!, ignoreCase: true);
                    var threshold = parse.GetValue(maxDistance) ?? HashDuplicateFinder.DefaultMaxDistance(chosen);
                    var hashes = catalog.GetHashes();
                    groups = HashDuplicateFinder.Find(images, hashes, chosen, threshold);
                    Match = (a, b) => ImageHashes.Distance(hashes[a.Id][chosen], hashes[b.Id][chosen]) is var d && d <= threshold ? d : null;
                    (methodName, limit) = (chosen.ToString().ToLowerInvariant(), $"distance <= {threshold}");
                }
                else
                {
                    if (embedder is null) throw new CliException("--method embedding needs a model (not --model none); see 'lookalike models list'.");
                    var cosine = parse.GetValue(minSimilarity) ?? embedder.Thresholds.Match;
                    var vectors = catalog.GetEmbeddings(Fingerprinter.KeyOf(embedder.Model));
                    groups = EmbeddingDuplicateFinder.Find(images, vectors, cosine);
                    // Reported like a distance: 1 - cosine in thousandths.
                    Match = (a, b) => vectors.TryGetValue(a.Id, out var va) && vectors.TryGetValue(b.Id, out var vb)
                        && Lookalike.Embedding.Similarity.Cosine(va, vb) is var c && c >= cosine ? Math.Round((1 - c) * 1000) : null;
                    (methodName, limit) = ("embedding", $"cosine >= {cosine:0.###}, distance = 1000 x (1 - cosine)");
                }
                var result = resolution.Apply(parse, catalog, groups.Select(g => g.Files).ToList(), roots.Select(Path.GetFullPath).ToList(), Match);
                foreach (var skipped in result.Outcome?.Skipped ?? result.Plan.Skipped) Console.Error.WriteLine($"lookalike: {skipped.Reason}");
                if (parse.GetValue(json))
                    Json.Write(new
                    {
                        groups = result.Choices.Select(c => (Choice: c, Range: DistanceRange(c, Match))).Select(g => new
                        {
                            files = g.Choice.Files.Select(f => f.Path),
                            keep = g.Choice.Keep.Path,
                            reason = g.Choice.Reason,
                            method = methodName,
                            minDistance = g.Range.Min,
                            maxDistance = g.Range.Max,
                        }),
                        action = result.Outcome is { } o
                            ? new
                            {
                                id = o.ActionId,
                                trash = result.Trash!.Root,
                                name = DedupActionNames.Of(o.Action),
                                done = o.Done.Select(d => new { path = d.Path, keeper = d.Keeper, trashPath = d.TrashPath }),
                                skipped = o.Skipped,
                            }
                            : null,
                    });
                else
                    PrintGroups(result, Match, images.Count, methodName, limit);
                return Task.FromResult(CatalogSession.ExitCode(report, images.Count));
            }
        });
        return command;
    }

    /// <summary>Smallest and largest distance of the matching pairs inside a group (the edges that hold it together).</summary>
    private static (double Min, double Max) DistanceRange(KeepChoice group, Func<ImageRecord, ImageRecord, double?> match)
    {
        var files = group.Files.ToList();
        var (min, max) = (double.PositiveInfinity, double.NegativeInfinity);
        for (int i = 0; i < files.Count; i++)
            for (int j = i + 1; j < files.Count; j++)
                if (match(files[i], files[j]) is { } distance) (min, max) = (Math.Min(min, distance), Math.Max(max, distance));
        return (min, max);
    }

    private static void PrintGroups(DupesResolution.Result result, Func<ImageRecord, ImageRecord, double?> match, int imageCount, string method, string limit)
    {
        var console = Terminal.Out;
        for (int g = 0; g < result.Choices.Count; g++)
        {
            var group = result.Choices[g];
            var (min, max) = DistanceRange(group, match);
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"Group {g + 1}: {group.Duplicates.Count + 1} files, {method} distance {min}-{max}")
                .Caption(Markup.Escape($"keep: {group.Reason}"))
                .AddColumn("Keep").AddColumn("File").AddColumn(new TableColumn("Size").RightAligned())
                .AddColumn(new TableColumn("Resolution").RightAligned()).AddColumn("Format");
            foreach (var file in group.Files)
                table.AddRow(file == group.Keep ? "[green]keep[/]" : "", Markup.Escape(file.Path), Terminal.Size(file.Size), $"{file.Width}x{file.Height}", Markup.Escape(file.Format));
            console.Write(table);
        }
        var inGroups = result.Choices.Sum(g => g.Duplicates.Count + 1);
        console.WriteLine($"{result.Choices.Count} groups, {inGroups} of {imageCount} images ({method} {limit}).");
        if (result.Outcome is { } outcome)
            console.WriteLine($"{DedupActionNames.Of(outcome.Action)}: {outcome.Done.Count} files done, {outcome.Skipped.Count} left alone"
                + (outcome.Done.Count > 0 && outcome.Action != DedupAction.Delete ? $"; undo with: lookalike undo {outcome.ActionId} --trash {result.Trash!.Root}" : "."));
        else
            console.WriteLine($"Report only: {result.Plan.Steps.Count} duplicates could go (--action move-to-trash|hardlink|symlink), "
                + $"{result.Plan.Skipped.Count} kept by your decisions.");
    }
}
