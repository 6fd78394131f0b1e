using System.Globalization;
using Lookalike.Bench.Indexing;
using Lookalike.Catalog;
using Lookalike.Dedup;
using Lookalike.Dedup.Verify;
using Lookalike.Evaluation;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Fingerprints.Hashes;

namespace Lookalike.Bench;

/// <summary>
/// Calibrates the dedup limits on an evaluation set and reports them only on folds they were not tuned on
/// (<see cref="SourceFolds"/>, <see cref="CrossValidation"/>). Groups are made by the real <c>lookalike dupes</c>
/// pipeline, <see cref="DuplicateFinder.Find"/>: for the default, the wide candidate limits, the per-file cap and the
/// content verifier, whose evidence is computed once per pair for the whole run and cached in a file
/// (<see cref="PairEvidenceCache"/>), so a grid over the verifier's decision limits (<see cref="VerifierSetting"/>)
/// costs no verification. For each fold the setting with the highest recall at precision >= 0.99 (similar pairs
/// counted as mistakes) on the other folds is applied to it; the five held-out groupings are scored together. Then
/// every single method (each hash, the embedding alone) the same way at plain precision >= 0.95, beside its shipped
/// default. With --score-only (the second set: never tuned on) only the shipped defaults are scored, on the whole set.
/// usage: bench dedup-calibrate SET_DIR DB_DIR [--neardup NEARDUP_GROUPS.tsv|none] [--model mobilenet-v2-nsfwjs@1]
///        [--folds 5] [--evidence FILE.tsv] [--score-only]
/// (index the set first: lookalike index SET_DIR --db DB_DIR, or run scripts/eval/dedup-eval.sh once.)
/// </summary>
internal static class DedupCalibration
{
    /// <summary>Target of the default (copy level): precision with similar pairs counted as mistakes.</summary>
    private const double DefaultTarget = 0.99;

    /// <summary>Target of each single method: plain precision.</summary>
    private const double MethodTarget = 0.95;

    /// <summary>One setting of the default pipeline: the fingerprint candidate limits and the verifier's decision limits.</summary>
    private sealed record PipelineSetting(string CandidateLimits, DuplicateCriteria Criteria, VerifierSetting Verifier)
    {
        public override string ToString() => $"candidates {CandidateLimits}; {Verifier}";
    }

    /// <summary>One limit of a single method.</summary>
    private sealed record MethodSetting(string Name, DuplicateCriteria Criteria)
    {
        public override string ToString() => Name;
    }

    public static Task<int> Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: bench dedup-calibrate SET_DIR DB_DIR [--neardup FILE|none] [--model NAME@VERSION] [--folds 5] [--evidence FILE.tsv] [--score-only]");
            return Task.FromResult(2);
        }
        var (setDir, dbDir) = (Path.GetFullPath(args[0]), args[1]);
        var options = Options.Parse(args[2..]);
        var nearDup = options.Text("neardup", Path.Combine(BenchPaths.SharedPhotos, "NEARDUP_GROUPS.tsv"));
        var truth = DedupGroundTruth.Load(setDir, Path.Combine(setDir, "labels.tsv"), nearDup == "none" ? null : nearDup,
            nearDup == "none" ? new HashSet<string>() : new HashSet<string> { "bluebells" });
        using var catalog = ImageCatalog.Open(Path.Combine(dbDir, ImageCatalog.FileName));
        // Path order, as the catalog gives dupes its files: the verifier then sees each pair in the order dupes does.
        var images = catalog.GetImages([setDir]).Where(i => truth.ByPath.ContainsKey(i.Path)).OrderBy(i => i.Path, StringComparer.Ordinal).ToList();
        var hashes = catalog.GetHashes();
        var embeddings = catalog.GetEmbeddings(options.Text("model", "mobilenet-v2-nsfwjs@1"));
        var evidence = new PairEvidenceCache(options.Text("evidence", Path.Combine("artifacts", "dedup-calibrate", Path.GetFileName(setDir) + ".evidence.tsv")));
        var paths = images.Select(i => i.Path).ToList();
        Console.WriteLine($"{images.Count} labelled images in the catalog, {images.Count(i => embeddings.ContainsKey(i.Id))} with embeddings.");
        Console.WriteLine();

        var groupings = 0;
        IReadOnlyList<PredictedGroup> Group(IReadOnlyList<int> positions, DuplicateCriteria criteria, VerifierSetting? verifier)
        {
            if (++groupings % 50 == 0) Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {groupings} groupings; verifier: {evidence.Describe()}");
            return DuplicateFinder.Find(positions.Select(i => images[i]).ToList(), hashes, embeddings, criteria, null,
                    verifier is null ? null : (a, b) => evidence.Get(a.Path, b.Path) is { } e ? e with { Verdict = verifier.Decide(e) } : null)
                .Select(g => new PredictedGroup(g.Files.Select(f => f.Path).ToList(), Level: DuplicateLevels.Name(g.Level))).ToList();
        }

        var all = Enumerable.Range(0, images.Count).ToList();
        var shipped = DuplicateCriteria.Combined(hasModel: true);
        try
        {
            if (options.Flag("score-only"))
            {
                ScoreShipped(truth, all, Group);
                return Task.FromResult(0);
            }
            PrintSignals(truth, images, hashes, embeddings);
            var foldOf = SourceFolds.Assign(truth, paths, options.Int("folds", 5));
            List<int> FoldMembers(int fold) => Enumerable.Range(0, images.Count).Where(i => foldOf[i] == fold).ToList();

            Console.WriteLine($"## Default pipeline (candidates, per-file cap, content verifier): chosen on the other folds at precision, similar pairs as mistakes, >= {DefaultTarget}");
            Console.WriteLine();
            var grid = PipelineGrid(shipped);
            var result = CrossValidation.Run(truth, paths, foldOf, grid, (s, p) => Group(p, s.Criteria, s.Verifier), s => s.CopyPrecision, DefaultTarget);
            PrintFolds(result);
            var (best, bestScore) = CrossValidation.Choose(truth, grid, s => Group(all, s.Criteria, s.Verifier), s => s.CopyPrecision, DefaultTarget);
            Console.WriteLine($"Chosen on all folds together (what to ship; its own figures are tuned, not reported): {best}"
                + (bestScore!.CopyPrecision >= DefaultTarget ? "." : " (no setting meets the target: the most precise)."));
            Console.WriteLine();
            // The shipped setting on every fold, for comparison (its limits were set on this set, so not a held-out choice).
            var shippedOnFolds = DedupScorer.Score(truth, Enumerable.Range(0, foldOf.Max() + 1)
                .SelectMany(f => Group(FoldMembers(f), grid[0].Criteria, grid[0].Verifier)).ToList());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The shipped setting on every fold alone: precision {shippedOnFolds.Precision:0.0000}, similar as mistakes "
                + $"{shippedOnFolds.CopyPrecision:0.0000}, recall {shippedOnFolds.Recall:0.0000}, false groups {shippedOnFolds.FalseGroups.Count} of {shippedOnFolds.PredictedGroups}, hard-negative pairs grouped {shippedOnFolds.HardNegativesGrouped:N0}."));
            Console.WriteLine();
            DedupEvaluationReport.Print(result.HeldOut, truth, "held-out folds, default (each fold grouped with the setting chosen on the others)", 5);
            Console.WriteLine();
            // --similar: each fold's chosen setting with the wider similar criteria, on the held-out fold.
            var similar = result.Folds.Where(f => f.Chosen is not null).SelectMany(f => Group(FoldMembers(f.Fold),
                f.Chosen!.Criteria with { Similar = DuplicateCriteria.Combined(hasModel: true, similar: true).Similar }, f.Chosen.Verifier)).ToList();
            var similarScore = DedupScorer.Score(truth, similar);
            DedupEvaluationReport.Print(similarScore, truth, "held-out folds, --similar (each fold's chosen setting)", 5);
            Console.WriteLine();
            PrintLevels(truth, result.Folds.SelectMany(f => f.Groups).ToList(), similar);
            evidence.Save();

            Console.WriteLine($"## Single methods: chosen on the other folds at precision >= {MethodTarget}, beside the shipped default on every fold");
            Console.WriteLine();
            var rows = new List<string>();
            foreach (var (name, shippedLimit, methodGrid) in MethodGrids())
            {
                var chosen = CrossValidation.Run(truth, paths, foldOf, methodGrid, (s, p) => Group(p, s.Criteria, null), s => s.Precision, MethodTarget);
                Console.WriteLine($"### {name}");
                Console.WriteLine();
                PrintFolds(chosen);
                var asShipped = DedupScorer.Score(truth, Enumerable.Range(0, foldOf.Max() + 1)
                    .SelectMany(f => Group(FoldMembers(f), shippedLimit.Criteria, null)).ToList());
                var choices = string.Join(", ", chosen.Folds.Select(f => (f.Chosen?.Name ?? "none") + (f.MetTarget ? "" : " (below target)")));
                rows.Add($"| {name} | {shippedLimit} | {Figures(asShipped)} | {choices} | {Figures(chosen.HeldOut)} |");
            }
            Console.WriteLine("| method | shipped default | held-out folds at the default: precision / recall / false groups | chosen per fold | held-out folds at the chosen limits: precision / recall / false groups |");
            Console.WriteLine("|---|---|---|---|---|");
            rows.ForEach(Console.WriteLine);
            Console.WriteLine();
            return Task.FromResult(0);
        }
        finally
        {
            evidence.Save();
            Console.WriteLine($"Verifier evidence: {evidence.Describe()}.");
        }
    }

    /// <summary>The shipped defaults on the whole set, tuned on none of it: the default, --similar, each single method.</summary>
    private static void ScoreShipped(DedupGroundTruth truth, List<int> all, Func<IReadOnlyList<int>, DuplicateCriteria, VerifierSetting?, IReadOnlyList<PredictedGroup>> group)
    {
        var groups = group(all, DuplicateCriteria.Combined(hasModel: true), VerifierSetting.Default);
        DedupEvaluationReport.Print(DedupScorer.Score(truth, groups), truth, "the shipped default (not tuned on this set)", 5);
        Console.WriteLine();
        var similar = group(all, DuplicateCriteria.Combined(hasModel: true, similar: true), VerifierSetting.Default);
        DedupEvaluationReport.Print(DedupScorer.Score(truth, similar), truth, "the shipped --similar (not tuned on this set)", 5);
        Console.WriteLine();
        PrintLevels(truth, groups, similar);
        Console.WriteLine("| method | shipped default | precision / recall / false groups |");
        Console.WriteLine("|---|---|---|");
        foreach (var (name, shipped, _) in MethodGrids())
            Console.WriteLine($"| {name} | {shipped} | {Figures(DedupScorer.Score(truth, group(all, shipped.Criteria, null)))} |");
        Console.WriteLine();
    }

    private static string Figures(DedupScore s) =>
        string.Create(CultureInfo.InvariantCulture, $"{s.Precision:0.0000} / {s.Recall:0.0000} / {s.FalseGroups.Count} of {s.PredictedGroups}");

    private static void PrintFolds<T>(CrossValidationResult<T> result) where T : class
    {
        Console.WriteLine("| held-out fold | chosen on the other folds | train precision (similar as mistakes) | train recall | held-out precision | held-out precision, similar as mistakes | held-out recall |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|");
        foreach (var f in result.Folds)
            Console.WriteLine(f.Chosen is null ? $"| {f.Fold} | (empty grid) | | | | | |"
                : string.Create(CultureInfo.InvariantCulture, $"| {f.Fold} | {f.Chosen}{(f.MetTarget ? "" : " (no setting met the target on the other folds: the most precise)")} "
                    + $"| {f.Train!.Precision:0.0000} ({f.Train.CopyPrecision:0.0000}) | {f.Train.Recall:0.0000} "
                    + $"| {f.HeldOut!.Precision:0.0000} | {f.HeldOut.CopyPrecision:0.0000} | {f.HeldOut.Recall:0.0000} |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"All held-out folds together: precision {result.HeldOut.Precision:0.0000}, "
            + $"similar as mistakes {result.HeldOut.CopyPrecision:0.0000}, recall {result.HeldOut.Recall:0.0000}, false groups {result.HeldOut.FalseGroups.Count} of {result.HeldOut.PredictedGroups}, "
            + $"hard-negative pairs grouped {result.HeldOut.HardNegativesGrouped:N0}."));
        Console.WriteLine();
    }

    /// <summary>Precision of each level: the groups of that level (their loosest link) scored on their own.</summary>
    private static void PrintLevels(DedupGroundTruth truth, IReadOnlyList<PredictedGroup> byDefault, IReadOnlyList<PredictedGroup> withSimilar)
    {
        Console.WriteLine("| level | run | groups | pairs grouped | precision | precision, similar as mistakes | hard-negative pairs grouped |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (run, groups) in new[] { ("default", byDefault), ("--similar", withSimilar) })
            foreach (var (level, s) in DedupScorer.ScoreByLevel(truth, groups).OrderBy(l => l.Key, StringComparer.Ordinal))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {level} | {run} | {s.PredictedGroups} | {s.TruePairs + s.FalsePairs + s.SimilarPairs.Found:N0} "
                    + $"| {s.Precision:0.0000} | {s.CopyPrecision:0.0000} | {s.HardNegativesGrouped:N0} |"));
        Console.WriteLine();
    }

    /// <summary>The shipped setting first (ties go to it), then the fingerprint candidate limits narrower and wider,
    /// each with the verifier's decision limits around the shipped ones. Small: the machine is shared.</summary>
    private static List<PipelineSetting> PipelineGrid(DuplicateCriteria shipped)
    {
        var wide = shipped.Candidates!;
        var candidates = new (string, DuplicateCriteria)[]
        {
            ("shipped", wide),
            ("narrower (pHash 12 / cos 0.85, turned 8, cos 0.98)", wide with
            {
                HashMaxDistance = 12, ConfirmMinSimilarity = 0.85f, TurnedMaxDistance = 8,
                EmbeddingRules = [.. wide.EmbeddingRules.SkipLast(1), new EmbeddingRule(0.98f)],
            }),
            ("wider (pHash 20 / cos 0.8, turned 12, cos 0.96)", wide with
            {
                HashMaxDistance = 20, TurnedMaxDistance = 12, EmbeddingRules = [.. wide.EmbeddingRules.SkipLast(1), new EmbeddingRule(0.96f)],
            }),
        };
        var verifiers =
            from agree in new[] { VerifierLimits.CopyAgreement, 0.75, 0.85 }
            from slack in new[] { 0, -2, 3 }
            from frame in new[] { VerifierLimits.FrameCopyAgreement, 0.75, 0.85 }
            select new VerifierSetting { CopyAgreement = agree, MovedCellsSlack = slack, FrameCopyAgreement = frame };
        var verifierList = verifiers.ToList();
        return (from c in candidates from v in verifierList select new PipelineSetting(c.Item1, shipped with { Candidates = c.Item2 }, v)).ToList();
    }

    /// <summary>Each single method: its name as dupes --method takes it, its shipped default and a grid of limits.</summary>
    private static IEnumerable<(string Name, MethodSetting Shipped, List<MethodSetting> Grid)> MethodGrids()
    {
        foreach (var method in Enum.GetValues<HashMethod>())
        {
            var name = method.ToString().ToLowerInvariant();
            MethodSetting Limit(int d) => new($"{name} <= {d}", DuplicateCriteria.HashOnly(method, d));
            yield return (name, Limit(HashDuplicateFinder.DefaultMaxDistance(method)), Enumerable.Range(0, 13).Select(Limit).ToList());
        }
        MethodSetting Cosine(float c) => new(FormattableString.Invariant($"cosine >= {c}"), DuplicateCriteria.EmbeddingOnly(c));
        yield return (DuplicateSearchSettings.Embedding, Cosine(DuplicateCriteria.EmbeddingOnlyMinSimilarity),
            new[] { 0.985f, 0.99f, 0.992f, 0.993f, 0.994f, 0.995f, 0.996f, 0.997f, 0.998f, 0.999f }.Select(Cosine).ToList());
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
