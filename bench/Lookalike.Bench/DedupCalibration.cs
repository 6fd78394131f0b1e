using System.Globalization;
using Lookalike.Bench.Indexing;
using Lookalike.Catalog;
using Lookalike.Dedup;
using Lookalike.Evaluation;
using Lookalike.Fingerprints.Hashes;

namespace Lookalike.Bench;

/// <summary>
/// Calibrates the combined dedup criteria on the evaluation set: runs <see cref="DuplicateFinder"/> (the code
/// <c>lookalike dupes</c> runs) over a grid of limits on an indexed catalog of the set, scores every grouping with
/// <see cref="DedupScorer"/> and prints the best settings that keep pairwise precision at or above the target,
/// then what each fingerprint says about the pairs by transformation.
/// usage: bench dedup-calibrate SET_DIR DB_DIR [--model mobilenet-v2-nsfwjs@1] [--precision 0.99] [--top 15]
/// (index the set first: lookalike index SET_DIR --db DB_DIR, or run scripts/eval/dedup-eval.sh once.)
/// </summary>
internal static class DedupCalibration
{
    public static Task<int> Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: bench dedup-calibrate SET_DIR DB_DIR [--model NAME@VERSION] [--precision 0.99] [--top 15]");
            return Task.FromResult(2);
        }
        var (setDir, dbDir) = (Path.GetFullPath(args[0]), args[1]);
        var options = Options.Parse(args[2..]);
        var truth = DedupGroundTruth.Load(setDir, Path.Combine(setDir, "labels.tsv"),
            Path.Combine(BenchPaths.SharedPhotos, "NEARDUP_GROUPS.tsv"), new HashSet<string> { "bluebells" });
        using var catalog = ImageCatalog.Open(Path.Combine(dbDir, ImageCatalog.FileName));
        var images = catalog.GetImages([setDir]).Where(i => truth.ByPath.ContainsKey(i.Path)).ToList();
        var hashes = catalog.GetHashes();
        var embeddings = catalog.GetEmbeddings(options.Text("model", "mobilenet-v2-nsfwjs@1"));
        Console.WriteLine($"{images.Count} labelled images in the catalog, {images.Count(i => embeddings.ContainsKey(i.Id))} with embeddings.");
        Console.WriteLine();
        PrintSignals(truth, images, hashes, embeddings);
        PrintGrid(truth, images, hashes, embeddings, options.Double("precision", 0.99), options.Int("top", 15));
        return Task.FromResult(0);
    }

    /// <summary>Per transformation, the pHash distance, turned-pHash distance and cosine between original and copy
    /// (median and worst decile), and how many unrelated pairs come as close.</summary>
    private static void PrintSignals(DedupGroundTruth truth, List<ImageRecord> images, Dictionary<long, ImageHashes> hashes, Dictionary<long, float[]> embeddings)
    {
        var byFamily = images.GroupBy(i => truth.ByPath[i.Path].Family).ToDictionary(g => g.Key, g => g.ToList());
        Console.WriteLine("| original vs | pHash p50 / p90 | turned p50 / p90 | cosine p50 / p10 |");
        Console.WriteLine("|---|---:|---:|---:|");
        var pairs = byFamily.Values.SelectMany(family =>
        {
            var original = family.FirstOrDefault(i => truth.ByPath[i.Path].IsOriginal);
            return original is null ? [] : family.Where(i => i != original).Select(copy => (original, copy));
        }).ToList();
        foreach (var transform in pairs.GroupBy(p => truth.ByPath[p.copy.Path].Transform).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var phash = transform.Select(p => (double)ImageHashes.Distance(hashes[p.original.Id].PHash, hashes[p.copy.Id].PHash)).ToList();
            var turned = transform.Select(p => (double)ImageHashes.TurnedDistance(hashes[p.original.Id], hashes[p.copy.Id])).ToList();
            var cosine = transform.Where(p => embeddings.ContainsKey(p.original.Id) && embeddings.ContainsKey(p.copy.Id))
                .Select(p => (double)Lookalike.Fingerprints.Embeddings.Similarity.Cosine(embeddings[p.original.Id], embeddings[p.copy.Id])).ToList();
            Console.WriteLine($"| {transform.Key} | {Quantile(phash, 0.5)} / {Quantile(phash, 0.9)} | {Quantile(turned, 0.5)} / {Quantile(turned, 0.9)} "
                + $"| {Quantile(cosine, 0.5, "0.000")} / {Quantile(cosine, 0.1, "0.000")} |");
        }
        var originals = images.Where(i => truth.ByPath[i.Path].IsOriginal).ToList();
        var unrelated = new List<(int PHash, int Turned, double Cosine)>();
        for (int a = 0; a < originals.Count; a++)
            for (int b = a + 1; b < originals.Count; b++)
                if (truth.RelationOf(truth.ByPath[originals[a].Path], truth.ByPath[originals[b].Path]) == PairRelation.Different)
                    unrelated.Add((ImageHashes.Distance(hashes[originals[a].Id].PHash, hashes[originals[b].Id].PHash),
                        ImageHashes.TurnedDistance(hashes[originals[a].Id], hashes[originals[b].Id]),
                        embeddings.TryGetValue(originals[a].Id, out var va) && embeddings.TryGetValue(originals[b].Id, out var vb)
                            ? Lookalike.Fingerprints.Embeddings.Similarity.Cosine(va, vb) : double.NaN));
        Console.WriteLine();
        Console.WriteLine($"{unrelated.Count:N0} unrelated pairs of originals: closest pHash {unrelated.Min(u => u.PHash)}, closest turned {unrelated.Min(u => u.Turned)}, "
            + $"highest cosine {unrelated.Max(u => u.Cosine):0.000}; with cosine >= 0.97: {unrelated.Count(u => u.Cosine >= 0.97)}, of which pHash <= 20: "
            + $"{unrelated.Count(u => u.Cosine >= 0.97 && u.PHash <= 20)}, <= 24: {unrelated.Count(u => u.Cosine >= 0.97 && u.PHash <= 24)}.");
        Console.WriteLine();
    }

    private static void PrintGrid(DedupGroundTruth truth, List<ImageRecord> images, Dictionary<long, ImageHashes> hashes,
        Dictionary<long, float[]> embeddings, double targetPrecision, int top)
    {
        var tiers =
            from c1 in new[] { 0.985f, 0.99f, 0.992f }
            from g1 in new[] { 14, 16, 18, 20 }
            from second in new EmbeddingRule?[] { null }.Concat(
                from c2 in new[] { 0.994f, 0.995f, 0.996f } from g2 in new[] { 24, 26, 28 } select new EmbeddingRule(c2, g2))
            select second is null ? new[] { new EmbeddingRule(c1, g1) } : [new EmbeddingRule(c1, g1), second];
        var grid = (
            from hash in new[] { 8, 10, 12 }
            from confirm in new float?[] { 0.95f }
            from turned in new[] { 4, 6, 8 }
            from rules in tiers.Prepend([])
            select new DuplicateCriteria { HashMaxDistance = hash, ConfirmMinSimilarity = confirm, TurnedMaxDistance = turned, EmbeddingRules = rules }).ToList();
        // Every pair some setting could link, judged by DuplicateCriteria.Judge (which a test holds equal to the
        // indexed DuplicateFinder) instead of re-running the finder per setting.
        var candidates = new List<(int A, int B, ImageHashes HashA, ImageHashes HashB, float? Cosine)>();
        for (int a = 0; a < images.Count; a++)
            for (int b = a + 1; b < images.Count; b++)
            {
                var (ha, hb) = (hashes[images[a].Id], hashes[images[b].Id]);
                float? cosine = embeddings.TryGetValue(images[a].Id, out var va) && embeddings.TryGetValue(images[b].Id, out var vb)
                    ? Lookalike.Fingerprints.Embeddings.Similarity.Cosine(va, vb) : null;
                if (ImageHashes.Distance(ha.PHash, hb.PHash) <= 12 || ImageHashes.TurnedDistance(ha, hb) <= 8 || cosine >= 0.95f)
                    candidates.Add((a, b, ha, hb, cosine));
            }
        var results = grid.AsParallel().Select(criteria =>
        {
            var links = candidates.Where(c => criteria.Judge(c.HashA, c.HashB, c.Cosine).Count > 0).Select(c => (c.A, c.B));
            var groups = DuplicateGrouper.Group(images.Count, links).Select(g => new PredictedGroup(g.Select(i => images[i].Path).ToList())).ToList();
            return (Criteria: criteria, Score: DedupScorer.Score(truth, groups));
        }).ToList();
        var transforms = results[0].Score.RecallByTransform.Keys.Order(StringComparer.Ordinal).ToList();
        Console.WriteLine($"Best of {results.Count} settings with precision >= {targetPrecision} (by recall), {candidates.Count:N0} candidate pairs:");
        Console.WriteLine();
        Console.WriteLine("| pHash | confirm cos | turned | embedding rules (cos, pHash) | precision | recall | false groups | similar grouped | "
            + string.Join(" | ", transforms) + " |");
        Console.WriteLine("|" + string.Concat(Enumerable.Repeat("---:|", 8 + transforms.Count)));
        foreach (var (criteria, score) in results.Where(r => r.Score.Precision >= targetPrecision).OrderByDescending(r => r.Score.Recall).Take(top))
            Console.WriteLine($"| {criteria.HashMaxDistance} | {criteria.ConfirmMinSimilarity?.ToString(CultureInfo.InvariantCulture) ?? "-"} | {criteria.TurnedMaxDistance} "
                + $"| {string.Join(" or ", criteria.EmbeddingRules.Select(r => FormattableString.Invariant($"{r.MinSimilarity}, {r.MaxPHashDistance}")))} "
                + $"| {score.Precision:0.0000} | {score.Recall:0.0000} | {score.FalseGroups.Count} | {score.SimilarPairs.Found}/{score.SimilarPairs.Total} | "
                + string.Join(" | ", transforms.Select(t => (score.RecallByTransform[t].Rate * 100).ToString("0", CultureInfo.InvariantCulture))) + " |");
    }

    private static string Quantile(List<double> values, double q, string format = "0")
    {
        if (values.Count == 0) return "-";
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Round(q * (sorted.Count - 1))].ToString(format, CultureInfo.InvariantCulture);
    }
}
