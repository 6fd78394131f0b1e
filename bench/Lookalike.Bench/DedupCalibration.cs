using System.Globalization;
using Lookalike.Bench.Indexing;
using Lookalike.Catalog;
using Lookalike.Dedup;
using Lookalike.Evaluation;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Fingerprints.Hashes;

namespace Lookalike.Bench;

/// <summary>
/// Calibrates the dedup limits on the evaluation set and reports them on folds they were not tuned on. Photos are split
/// into folds by source (a photo, all its copies and every photo NEARDUP_GROUPS.tsv relates to it stay in one fold);
/// for each fold the best setting of a grid (highest recall at the target precision; with --strict similar pairs count
/// as mistakes) is chosen on the other folds and applied to the held-out fold; the report scores only held-out groupings.
/// Groups are made as <c>lookalike dupes</c> makes them: <see cref="DuplicateCriteria.Judge"/> (held equal to the
/// indexed <see cref="DuplicateFinder"/> by a property test) and <see cref="DuplicateGrouper.GroupConfirmed"/>.
/// Then the same for every single method (each hash, the embedding alone) at precision 0.95.
/// usage: bench dedup-calibrate SET_DIR DB_DIR [--neardup NEARDUP_GROUPS.tsv] [--model mobilenet-v2-nsfwjs@1]
///        [--precision 0.99] [--folds 5] [--strict]
/// (index the set first: lookalike index SET_DIR --db DB_DIR, or run scripts/eval/dedup-eval.sh once.)
/// </summary>
internal static class DedupCalibration
{
    private sealed record Candidate(int A, int B, ImageHashes HashA, ImageHashes HashB, float? Cosine);

    public static Task<int> Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: bench dedup-calibrate SET_DIR DB_DIR [--neardup FILE] [--model NAME@VERSION] [--precision 0.99] [--folds 5]");
            return Task.FromResult(2);
        }
        var (setDir, dbDir) = (Path.GetFullPath(args[0]), args[1]);
        var options = Options.Parse(args[2..]);
        var nearDup = options.Text("neardup", Path.Combine(BenchPaths.SharedPhotos, "NEARDUP_GROUPS.tsv"));
        var truth = DedupGroundTruth.Load(setDir, Path.Combine(setDir, "labels.tsv"), nearDup == "none" ? null : nearDup,
            nearDup == "none" ? new HashSet<string>() : new HashSet<string> { "bluebells" });
        using var catalog = ImageCatalog.Open(Path.Combine(dbDir, ImageCatalog.FileName));
        var images = catalog.GetImages([setDir]).Where(i => truth.ByPath.ContainsKey(i.Path)).ToList();
        var hashes = catalog.GetHashes();
        var embeddings = catalog.GetEmbeddings(options.Text("model", "mobilenet-v2-nsfwjs@1"));
        Console.WriteLine($"{images.Count} labelled images in the catalog, {images.Count(i => embeddings.ContainsKey(i.Id))} with embeddings.");
        Console.WriteLine();
        PrintSignals(truth, images, hashes, embeddings);
        var candidates = Candidates(images, hashes, embeddings);
        var folds = Folds(truth, images, options.Int("folds", 5));
        var target = options.Double("precision", 0.99);
        // --strict holds similar pairs (frames, stereo pairs) as mistakes too; without a content verifier no setting
        // of the fingerprint limits reaches 0.99 that way on ../shared/photos (frames sit at cosine 0.995, pHash 8-16).
        var strict = options.Flag("strict");
        Console.WriteLine($"## Combined criteria: chosen on the other folds at {(strict ? "copy precision (similar pairs as mistakes)" : "precision")} >= {target}, scored on the held-out fold");
        Console.WriteLine();
        CrossValidate(truth, images, candidates, folds, CombinedGrid(), target, c => strict ? c.CopyPrecision : c.Precision, Describe);
        Console.WriteLine("## Single methods: chosen on the other folds at precision >= 0.95, scored on the held-out fold");
        Console.WriteLine();
        foreach (var method in Enum.GetValues<HashMethod>())
        {
            Console.WriteLine($"### {method.ToString().ToLowerInvariant()}");
            Console.WriteLine();
            CrossValidate(truth, images, candidates, folds,
                Enumerable.Range(0, 11).Select(d => DuplicateCriteria.HashOnly(method, d)).ToList(), 0.95, c => c.Precision, Describe);
        }
        Console.WriteLine("### embedding alone");
        Console.WriteLine();
        CrossValidate(truth, images, candidates, folds,
            new[] { 0.98f, 0.985f, 0.99f, 0.992f, 0.993f, 0.994f, 0.995f, 0.996f, 0.997f, 0.998f }
                .Select(DuplicateCriteria.EmbeddingOnly).ToList(), 0.95, c => c.Precision, Describe);
        return Task.FromResult(0);
    }

    /// <summary>Every pair some setting of the grids could link (pHash within 16, turned within 8, any hash within 10 or
    /// cosine 0.95), with what Judge needs.</summary>
    private static List<Candidate> Candidates(List<ImageRecord> images, Dictionary<long, ImageHashes> hashes, Dictionary<long, float[]> embeddings)
    {
        var codes = images.Select(i => hashes[i.Id]).ToArray();
        var vectors = images.Select(i => embeddings.GetValueOrDefault(i.Id)).ToArray();
        var methods = Enum.GetValues<HashMethod>();
        return Enumerable.Range(0, images.Count).AsParallel().AsOrdered().SelectMany(a =>
        {
            var found = new List<Candidate>();
            for (int b = a + 1; b < images.Count; b++)
            {
                var (ha, hb) = (codes[a], codes[b]);
                float? cosine = vectors[a] is { } va && vectors[b] is { } vb ? Similarity.Cosine(va, vb) : null;
                if (cosine >= 0.95f || ImageHashes.TurnedDistance(ha, hb) <= 8 || ImageHashes.Distance(ha.PHash, hb.PHash) <= 16
                    || methods.Any(m => ImageHashes.Distance(ha[m], hb[m]) <= 10))
                    found.Add(new Candidate(a, b, ha, hb, cosine));
            }
            return found;
        }).ToList();
    }

    /// <summary>Fold of each image: photos related by the truth (one duplicate cluster, or similar families) share a fold.</summary>
    private static int[] Folds(DedupGroundTruth truth, List<ImageRecord> images, int folds)
    {
        var labelled = images.Select(i => truth.ByPath[i.Path]).ToList();
        var families = labelled.Select(l => l.Family).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = families.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i);
        var first = families.ToDictionary(f => f, f => labelled.First(l => l.Family == f));
        var pairs = new List<(int, int)>();
        for (int a = 0; a < families.Count; a++)
            for (int b = a + 1; b < families.Count; b++)
                if (truth.RelationOf(first[families[a]], first[families[b]]) != PairRelation.Different) pairs.Add((a, b));
        var unitOf = new int[families.Count];
        for (int f = 0; f < families.Count; f++) unitOf[f] = f;
        foreach (var group in DuplicateGrouper.Group(families.Count, pairs)) foreach (var f in group) unitOf[f] = group[0];
        // Units dealt round-robin in name order: folds of about equal size, the same on every run.
        var units = unitOf.Distinct().Order().ToList();
        var foldOfUnit = units.Select((u, i) => (u, i % folds)).ToDictionary(p => p.u, p => p.Item2);
        return labelled.Select(l => foldOfUnit[unitOf[index[l.Family]]]).ToArray();
    }

    private static void CrossValidate(DedupGroundTruth truth, List<ImageRecord> images, List<Candidate> candidates, int[] foldOf,
        List<DuplicateCriteria> grid, double target, Func<DedupScore, double> precision, Func<DuplicateCriteria, string> describe)
    {
        var folds = foldOf.Max() + 1;
        var heldOut = new List<PredictedGroup>();
        Console.WriteLine("| held-out fold | chosen on the other folds | train precision | train recall | held-out precision | held-out recall |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|");
        for (int fold = 0; fold < folds; fold++)
        {
            var f = fold;
            var train = Evaluate(truth, images, candidates, foldOf, i => foldOf[i] != f);
            var best = grid.AsParallel().Select(c => (Criteria: c, Score: train(c)))
                .Where(r => precision(r.Score) >= target).OrderByDescending(r => r.Score.Recall).ThenBy(r => grid.IndexOf(r.Criteria)).FirstOrDefault();
            if (best.Criteria is null)
            {
                Console.WriteLine($"| {fold} | no setting reaches {target} | | | | |");
                continue;
            }
            var groups = Groups(images, candidates, best.Criteria, i => foldOf[i] == f);
            var foldPaths = Enumerable.Range(0, images.Count).Where(i => foldOf[i] == f).Select(i => images[i].Path).ToHashSet(StringComparer.Ordinal);
            var score = DedupScorer.Score(truth.Restrict(l => foldPaths.Contains(l.Path)), groups);
            heldOut.AddRange(groups);
            Console.WriteLine($"| {fold} | {describe(best.Criteria)} | {precision(best.Score):0.0000} | {best.Score.Recall:0.0000} | {precision(score):0.0000} | {score.Recall:0.0000} |");
        }
        var all = Evaluate(truth, images, candidates, foldOf, _ => true);
        var overall = grid.AsParallel().Select(c => (Criteria: c, Score: all(c))).Where(r => precision(r.Score) >= target)
            .OrderByDescending(r => r.Score.Recall).ThenBy(r => grid.IndexOf(r.Criteria)).FirstOrDefault();
        Console.WriteLine();
        Console.WriteLine(overall.Criteria is null ? "On all folds together no setting reaches the target."
            : $"Best on all folds together (what to ship; its own figures are tuned, not reported): {describe(overall.Criteria)}.");
        Console.WriteLine();
        DedupEvaluationReport.Print(DedupScorer.Score(truth, heldOut), truth, "held-out folds (each fold grouped with the setting chosen on the others)", 5);
        Console.WriteLine();
    }

    /// <summary>Scores criteria on the images where <paramref name="inSubset"/> holds (by position), against the truth of those images.</summary>
    private static Func<DuplicateCriteria, DedupScore> Evaluate(DedupGroundTruth truth, List<ImageRecord> images, List<Candidate> candidates,
        int[] foldOf, Func<int, bool> inSubset)
    {
        var paths = Enumerable.Range(0, images.Count).Where(inSubset).Select(i => images[i].Path).ToHashSet(StringComparer.Ordinal);
        var subsetTruth = truth.Restrict(l => paths.Contains(l.Path));
        var subset = candidates.Where(c => inSubset(c.A) && inSubset(c.B)).ToList();
        return criteria => DedupScorer.Score(subsetTruth, Groups(images, subset, criteria, inSubset));
    }

    private static List<PredictedGroup> Groups(List<ImageRecord> images, List<Candidate> candidates, DuplicateCriteria criteria, Func<int, bool> inSubset)
    {
        var links = candidates.Where(c => inSubset(c.A) && inSubset(c.B) && criteria.Judge(c.HashA, c.HashB, c.Cosine).Count > 0).Select(c => (c.A, c.B));
        return DuplicateGrouper.GroupConfirmed(images.Count, links).Select(g => new PredictedGroup(g.Select(i => images[i].Path).ToList())).ToList();
    }

    /// <summary>A small grid around the shipped default (the machine these run on is shared by many jobs).</summary>
    private static List<DuplicateCriteria> CombinedGrid()
    {
        var tiers =
            from c1 in new[] { 0.992f, 0.994f }
            from second in new EmbeddingRule?[] { null, new(0.995f, 26), new(0.997f, 30) }
            select second is null ? new[] { new EmbeddingRule(c1, 18) } : [new EmbeddingRule(c1, 18), second];
        return (
            from hash in new[] { 8, 10 }
            from confirm in new float?[] { 0.95f, 0.97f }
            from turned in new[] { 4, 6 }
            from rules in tiers
            select new DuplicateCriteria { HashMaxDistance = hash, ConfirmMinSimilarity = confirm, TurnedMaxDistance = turned, EmbeddingRules = rules }).ToList();
    }

    private static string Describe(DuplicateCriteria c) => string.Join("; ", new[]
    {
        c.HashMaxDistance is { } h ? $"{c.Hash.ToString().ToLowerInvariant()} <= {h}" : null,
        c.ConfirmMinSimilarity is { } f ? FormattableString.Invariant($"confirm cos >= {f}") : null,
        c.TurnedMaxDistance is { } t ? $"turned <= {t}" : null,
        c.EmbeddingRules.Count > 0
            ? "emb " + string.Join(" or ", c.EmbeddingRules.Select(r => FormattableString.Invariant($"{r.MinSimilarity}") + (r.MaxPHashDistance is { } g ? $"/{g}" : "")))
            : null,
    }.Where(p => p is not null));

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
                .Select(p => (double)Similarity.Cosine(embeddings[p.original.Id], embeddings[p.copy.Id])).ToList();
            Console.WriteLine($"| {transform.Key} | {Quantile(phash, 0.5)} / {Quantile(phash, 0.9)} | {Quantile(turned, 0.5)} / {Quantile(turned, 0.9)} "
                + $"| {Quantile(cosine, 0.5, "0.000")} / {Quantile(cosine, 0.1, "0.000")} |");
        }
        var originals = images.Where(i => truth.ByPath[i.Path].IsOriginal).ToList();
        var related = new List<(int PHash, double Cosine)>();
        var unrelated = new List<(int PHash, int Turned, double Cosine)>();
        for (int a = 0; a < originals.Count; a++)
            for (int b = a + 1; b < originals.Count; b++)
            {
                var (la, lb) = (truth.ByPath[originals[a].Path], truth.ByPath[originals[b].Path]);
                var phash = ImageHashes.Distance(hashes[originals[a].Id].PHash, hashes[originals[b].Id].PHash);
                var cosine = embeddings.TryGetValue(originals[a].Id, out var va) && embeddings.TryGetValue(originals[b].Id, out var vb)
                    ? Similarity.Cosine(va, vb) : double.NaN;
                if (truth.RelationOf(la, lb) == PairRelation.Similar) related.Add((phash, cosine));
                else if (truth.RelationOf(la, lb) == PairRelation.Different)
                    unrelated.Add((phash, ImageHashes.TurnedDistance(hashes[originals[a].Id], hashes[originals[b].Id]), cosine));
            }
        Console.WriteLine();
        Console.WriteLine($"{unrelated.Count:N0} unrelated pairs of originals: closest pHash {unrelated.Min(u => u.PHash)}, closest turned {unrelated.Min(u => u.Turned)}, "
            + $"highest cosine {unrelated.Max(u => u.Cosine):0.000}; with cosine >= 0.97: {unrelated.Count(u => u.Cosine >= 0.97)}, of which pHash <= 20: "
            + $"{unrelated.Count(u => u.Cosine >= 0.97 && u.PHash <= 20)}, <= 24: {unrelated.Count(u => u.Cosine >= 0.97 && u.PHash <= 24)}.");
        if (related.Count > 0)
            Console.WriteLine($"{related.Count:N0} similar pairs of originals (frames, stereo, same scene): pHash p10/p50 {Quantile(related.Select(r => (double)r.PHash).ToList(), 0.1)}"
                + $"/{Quantile(related.Select(r => (double)r.PHash).ToList(), 0.5)}, cosine p50/p90 {Quantile(related.Select(r => r.Cosine).ToList(), 0.5, "0.000")}"
                + $"/{Quantile(related.Select(r => r.Cosine).ToList(), 0.9, "0.000")}.");
        Console.WriteLine();
    }

    private static string Quantile(List<double> values, double q, string format = "0")
    {
        if (values.Count == 0) return "-";
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Round(q * (sorted.Count - 1))].ToString(format, CultureInfo.InvariantCulture);
    }
}
