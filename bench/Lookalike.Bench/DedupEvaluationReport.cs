using System.Globalization;
using Lookalike.Bench.Indexing;
using Lookalike.Evaluation;

namespace Lookalike.Bench;

/// <summary>
/// Scores a <c>lookalike dupes --json</c> output against the evaluation set of scripts/eval/make-dedup-set.sh and
/// prints a markdown report: pairwise precision and recall, recall per transformation, false groups.
/// usage: bench dedup-eval SET_DIR DUPES.json [--neardup NEARDUP_GROUPS.tsv] [--duplicate-groups bluebells] [--worst 10]
/// (scripts/eval/dedup-eval.sh runs dupes and this in one go; docs/dedup-evaluation.md explains the rules.)
/// </summary>
internal static class DedupEvaluationReport
{
    public static Task<int> Run(string[] args)
    {
        if (args.Length < 2 || args[0].StartsWith("--", StringComparison.Ordinal) || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: bench dedup-eval SET_DIR DUPES.json [--neardup NEARDUP_GROUPS.tsv] [--duplicate-groups bluebells] [--worst 10]");
            return Task.FromResult(2);
        }
        var (setDir, dupesJson) = (args[0], args[1]);
        var options = Options.Parse(args[2..]);
        var nearDup = options.Text("neardup", Path.Combine(BenchPaths.SharedPhotos, "NEARDUP_GROUPS.tsv"));
        var duplicateGroups = options.Text("duplicate-groups", "bluebells").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var truth = DedupGroundTruth.Load(setDir, Path.Combine(setDir, "labels.tsv"), nearDup == "none" ? null : nearDup, duplicateGroups);
        var score = DedupScorer.Score(truth, PredictedGrouping.Read(dupesJson));
        Print(score, truth, dupesJson, options.Int("worst", 10));
        return Task.FromResult(0);
    }

    /// <summary>The markdown report of one scored grouping (also used by dedup-calibrate for held-out folds).</summary>
    internal static void Print(DedupScore score, DedupGroundTruth truth, string title, int worst)
    {
        var families = truth.Images.Select(i => i.Family).Distinct().Count();
        Console.WriteLine($"## Dedup evaluation of {title}");
        Console.WriteLine();
        Console.WriteLine($"{score.Images} images of {families} photos, {score.PredictedGroups} predicted groups"
            + (score.UnlabelledFiles > 0 ? $", {score.UnlabelledFiles} grouped files not in labels.tsv (ignored)" : "") + ".");
        Console.WriteLine();
        Console.WriteLine("| precision | precision, similar pairs as mistakes | recall | false-group rate | true pairs | false pairs | duplicate pairs "
            + "| hard-negative pairs grouped (similar + same class) | keeper = original |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {score.Precision:0.0000} | {score.CopyPrecision:0.0000} | {score.Recall:0.0000} | {Percent(score.FalseGroupRate)} ({score.FalseGroups.Count} of {score.PredictedGroups}) "
            + $"| {score.TruePairs:N0} | {score.FalsePairs:N0} | {score.DuplicatePairs:N0} "
            + $"| {score.HardNegativesGrouped:N0} ({score.SimilarPairs.Found:N0} of {score.SimilarPairs.Total:N0} + {score.SameClassPairs.Found:N0} of {score.SameClassPairs.Total:N0}) "
            + $"| {(score.KeeperIsOriginal.Total == 0 ? "-" : $"{Percent(score.KeeperIsOriginal.Rate)} ({score.KeeperIsOriginal.Found} of {score.KeeperIsOriginal.Total})")} |");
        Console.WriteLine();
        Console.WriteLine("| pairs | recall | found / total | false pairs involving it |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (transform, recall) in score.RecallByTransform.OrderBy(t => t.Key, StringComparer.Ordinal))
            Console.WriteLine($"| original vs {transform} | {Percent(recall.Rate)} | {recall.Found} / {recall.Total} | {score.FalsePairsByTransform.GetValueOrDefault(transform)} |");
        Console.WriteLine($"| copy vs copy, same photo | {Percent(score.CopyPairs.Rate)} | {score.CopyPairs.Found:N0} / {score.CopyPairs.Total:N0} | |");
        Console.WriteLine($"| across duplicate photos (tone edits) | {Percent(score.CrossFamilyPairs.Rate)} | {score.CrossFamilyPairs.Found:N0} / {score.CrossFamilyPairs.Total:N0} | |");
        Console.WriteLine($"| originals | | | {score.FalsePairsByTransform.GetValueOrDefault(LabelledImage.Original)} |");
        Console.WriteLine();
        Console.WriteLine($"Similar-but-not-duplicate pairs (video frames, stereo pairs, same scene; not in precision or recall) grouped: "
            + $"{score.SimilarPairs.Found:N0} of {score.SimilarPairs.Total:N0}.");
        if (score.FalseGroups.Count == 0) return;
        Console.WriteLine();
        Console.WriteLine($"Worst false groups ({Math.Min(worst, score.FalseGroups.Count)} of {score.FalseGroups.Count}, by pairs that must not be together):");
        Console.WriteLine();
        Console.WriteLine("| files | false pairs | linked by (distance) | families (files) |");
        Console.WriteLine("|---:|---:|---|---|");
        foreach (var group in score.FalseGroups.Take(worst))
        {
            var members = string.Join(", ", group.Families.Take(8).Select(f => $"{f.Family} ({f.Files})"))
                + (group.Families.Count > 8 ? $", {group.Families.Count - 8} more" : "");
            Console.WriteLine($"| {group.Group.Files.Count} | {group.DifferentPairs:N0} | {group.Group.Evidence} | {members} |");
        }
    }

    private static string Percent(double rate) => double.IsNaN(rate) ? "-" : (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    // + 0.0 turns the -0 that 1000 x (1 - cosine) rounds to for identical images into 0.
}
