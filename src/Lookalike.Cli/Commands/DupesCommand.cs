using System.CommandLine;
using Lookalike.Cli.Output;
using Lookalike.Dedup;
using Lookalike.Dedup.Actions;
using Lookalike.Dedup.Decisions;
using Lookalike.Fingerprints;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Fingerprints.Hashes;
using Spectre.Console;

namespace Lookalike.Cli.Commands;

/// <summary><c>lookalike dupes FOLDER...</c>: indexes what is missing, then lists near-duplicate groups.</summary>
internal static class DupesCommand
{
    private const string Combined = "combined";
    private const string Embedding = "embedding";

    public static Command Create()
    {
        var folders = CommonOptions.Folders();
        var database = CommonOptions.Database();
        var json = CommonOptions.Json();
        var model = ModelChoice.Option();
        var method = new Option<string>("--method")
        {
            Description = "Fingerprint to compare: combined (pHash, turned pHash and the embedding together), phash, dhash, " +
                          "ahash, whash, colorhash or embedding",
            DefaultValueFactory = _ => Combined,
            CustomParser = result =>
            {
                var name = result.Tokens.Single().Value.ToLowerInvariant();
                if (name is Combined or Embedding || Enum.TryParse<HashMethod>(name, ignoreCase: true, out _)) return name;
                result.AddError($"Unknown method '{name}': use combined, phash, dhash, ahash, whash, colorhash or embedding.");
                return name;
            },
        };
        var similar = new Option<bool>("--similar")
        {
            Description = "Also group similar pictures (bursts, shots of one scene, stereo pairs, video frames), not only edited copies " +
                          "(combined method); each group says its level: exact, same-pixels, copy or similar",
        };
        var minSimilarity = new Option<float?>("--min-similarity")
        {
            Description = "Lowest embedding cosine that counts as a duplicate, alone (default: --method embedding: 0.994; " +
                          "combined: the calibrated rules in docs/dedup-evaluation.md)",
        };
        var maxDistance = new Option<int?>("--max-distance")
        {
            Description = "Largest Hamming distance (of 64 bits) that still counts as a duplicate (default depends on the method)",
        };
        var resolution = new DupesResolution();
        var command = new Command("dupes", "Find groups of near-duplicate images in FOLDER..., suggest which to keep, optionally act")
        {
            folders, database, model, method, similar, maxDistance, minSimilarity, json,
        };
        foreach (var option in resolution.Options) command.Options.Add(option);
        command.SetAction((parse, cancel) =>
        {
            if (resolution.Validate(parse) is { } problem)
            {
                Console.Error.WriteLine($"lookalike: {problem}");
                return Task.FromResult(2);
            }
            var methodName = parse.GetValue(method)!;
            if (parse.GetValue(similar) && methodName != Combined) throw new CliException("--similar works with the combined method only.");
            var roots = parse.GetValue(folders)!;
            using var embedder = ModelChoice.Open(parse.GetValue(model));
            if (methodName == Embedding && embedder is null)
                throw new CliException("--method embedding needs a model (not --model none); see 'lookalike models list'.");
            var criteria = Criteria(methodName, parse.GetValue(similar), embedder, parse.GetValue(maxDistance), parse.GetValue(minSimilarity));
            var (catalog, report) = CatalogSession.OpenAndIndex(roots, parse.GetValue(database), embedder, cancel);
            using (catalog)
            {
                var images = catalog.GetImages(roots.Select(Path.GetFullPath).ToList());
                var embeddings = embedder is not null && criteria.UsesEmbeddings ? catalog.GetEmbeddings(Fingerprinter.KeyOf(embedder.Model)) : null;
                var decisions = new DecisionStore(catalog.Connection).Load();
                var groups = DuplicateFinder.Find(images, catalog.GetHashes(), embeddings, criteria, decisions);
                var result = resolution.Apply(parse, catalog, groups, decisions, roots.Select(Path.GetFullPath).ToList());
                foreach (var skipped in result.Outcome?.Skipped ?? result.Plan.Skipped) Console.Error.WriteLine($"lookalike: {skipped.Reason}");
                if (parse.GetValue(json))
                    Json.Write(new
                    {
                        groups = result.Choices.Select((choice, g) => new
                        {
                            files = choice.Files.Select(f => f.Path),
                            keep = choice.Keep.Path,
                            reason = choice.Reason,
                            method = methodName,
                            level = DuplicateLevels.Name(groups[g].Level),
                            levels = (groups[g].Levels ?? []).Select(l => new { level = DuplicateLevels.Name(l.Level), links = l.Links }),
                            evidence = groups[g].Evidence.Select(e => new
                            {
                                kind = EvidenceName(e.Evidence, criteria),
                                links = e.Count,
                                minDistance = e.MinDistance,
                                maxDistance = e.MaxDistance,
                            }),
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
                    PrintGroups(result, groups, criteria, images.Count, Describe(methodName, criteria));
                return Task.FromResult(CatalogSession.ExitCode(report, images.Count));
            }
        });
        return command;
    }

    private static DuplicateCriteria Criteria(string method, bool similar, OnnxImageEmbedder? embedder, int? maxDistance, float? minSimilarity)
    {
        // The model's match limit suits search; as a dedup limit alone it chains unrelated photos (docs/dedup-evaluation.md).
        if (method == Embedding) return DuplicateCriteria.EmbeddingOnly(minSimilarity ?? DuplicateCriteria.EmbeddingOnlyMinSimilarity);
        if (method != Combined)
        {
            var hash = Enum.Parse<HashMethod>(method, ignoreCase: true);
            return DuplicateCriteria.HashOnly(hash, maxDistance ?? HashDuplicateFinder.DefaultMaxDistance(hash));
        }
        var criteria = DuplicateCriteria.Combined(hasModel: embedder is not null, similar);
        return criteria with
        {
            HashMaxDistance = maxDistance ?? criteria.HashMaxDistance,
            // One plain cosine limit replaces the calibrated embedding rules.
            EmbeddingRules = embedder is not null && minSimilarity is { } cosine ? [new EmbeddingRule(cosine)] : criteria.EmbeddingRules,
        };
    }

    /// <summary>The evidence as users know it: the hash's name, "turned-phash" or "embedding".</summary>
    private static string EvidenceName(MatchEvidence evidence, DuplicateCriteria criteria) => evidence switch
    {
        MatchEvidence.Hash => criteria.Hash.ToString().ToLowerInvariant(),
        MatchEvidence.TurnedPHash => "turned-phash",
        _ => Embedding,
    };

    /// <summary>The limits in force, for the summary line.</summary>
    private static string Describe(string method, DuplicateCriteria c) => method + " (" + string.Join(", ", new[]
    {
        c.HashMaxDistance is { } h ? $"{c.Hash.ToString().ToLowerInvariant()} distance <= {h}" : null,
        c.TurnedMaxDistance is { } t ? $"turned pHash distance <= {t}" : null,
        c.EmbeddingRules.Count > 0
            ? "embedding " + string.Join(" or ", c.EmbeddingRules.Select(r => $"cosine >= {r.MinSimilarity:0.###}" + (r.MaxPHashDistance is { } g ? $" with pHash <= {g}" : "")))
            : null,
        c.ConfirmMinSimilarity is { } f ? $"hash links need cosine >= {f:0.###}" : null,
    }.Where(part => part is not null)) + ")";

    private static void PrintGroups(DupesResolution.Result result, IReadOnlyList<DuplicateGroup> groups, DuplicateCriteria criteria,
        int imageCount, string limits)
    {
        var console = Terminal.Out;
        for (int g = 0; g < result.Choices.Count; g++)
        {
            var group = result.Choices[g];
            var evidence = string.Join(", ", groups[g].Evidence.Select(e =>
                $"{EvidenceName(e.Evidence, criteria)} {e.MinDistance}" + (e.MaxDistance > e.MinDistance ? $"-{e.MaxDistance}" : "")));
            var table = new Table().Border(TableBorder.Rounded)
                .Title(Markup.Escape($"Group {g + 1} ({DuplicateLevels.Name(groups[g].Level)}): {group.Duplicates.Count + 1} files, distance {evidence}"))
                .Caption(Markup.Escape($"keep: {group.Reason}"))
                .AddColumn("Keep").AddColumn("File").AddColumn(new TableColumn("Size").RightAligned())
                .AddColumn(new TableColumn("Resolution").RightAligned()).AddColumn("Format");
            foreach (var file in group.Files)
                table.AddRow(file == group.Keep ? "[green]keep[/]" : "", Markup.Escape(file.Path), Terminal.Size(file.Size), $"{file.Width}x{file.Height}", Markup.Escape(file.Format));
            console.Write(table);
        }
        var inGroups = result.Choices.Sum(g => g.Duplicates.Count + 1);
        console.WriteLine($"{result.Choices.Count} groups, {inGroups} of {imageCount} images; {limits}.");
        if (result.Outcome is { } outcome)
            console.WriteLine($"{DedupActionNames.Of(outcome.Action)}: {outcome.Done.Count} files done, {outcome.Skipped.Count} left alone"
                + (outcome.Done.Count > 0 && outcome.Action != DedupAction.Delete ? $"; undo with: lookalike undo {outcome.ActionId} --trash {result.Trash!.Root}" : "."));
        else
            console.WriteLine($"Report only: {result.Plan.Steps.Count} duplicates could go (--action move-to-trash|hardlink|symlink), "
                + $"{result.Plan.Skipped.Count} kept by your decisions.");
    }
}
