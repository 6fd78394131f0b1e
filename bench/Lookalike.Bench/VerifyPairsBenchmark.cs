using System.Diagnostics;
using System.Globalization;
using Lookalike.Bench.Indexing;
using Lookalike.Catalog;
using Lookalike.Dedup;
using Lookalike.Dedup.Verify;
using Lookalike.Evaluation;

namespace Lookalike.Bench;

/// <summary>
/// The content verifier on pairs of an evaluation set (scripts/eval/make-dedup-set.sh or make-heldout-set.sh): every
/// original against each of its copies (per edit), every similar-family pair of originals (video frames, stereo pairs;
/// NEARDUP_GROUPS.tsv), same-class pairs of originals (second set, near-empty images among them) and a sample of
/// different pairs; the share of each the verifier calls copy, similar and different, and its cost per file and per
/// pair (one thread, so CPU time). --out FILE also writes every pair's evidence as TSV (for tuning the limits).
/// --catalog DB_DIR (the set's indexed catalog) also runs the default dupes pipeline (<see cref="DuplicateFinder"/>
/// with this verifier) and says where each original-copy pair that is not grouped was lost: not a candidate, cut by
/// the per-file cap, rejected by the verifier (and by which check), or dropped by the grouping rule; and how many
/// similar and same-class pairs it grouped.
/// usage: bench verify-pairs SET_DIR [--neardup NEARDUP_GROUPS.tsv|none] [--duplicate-groups bluebells] [--sample 400] [--labels labels.tsv] [--out pairs.tsv] [--catalog DB_DIR]
/// </summary>
internal static class VerifyPairsBenchmark
{
    public static Task<int> Run(string[] args)
    {
        if (args.Length < 1 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: bench verify-pairs SET_DIR [--neardup NEARDUP_GROUPS.tsv|none] [--duplicate-groups bluebells] [--sample 400] [--labels labels.tsv] [--out pairs.tsv] [--catalog DB_DIR]");
            return Task.FromResult(2);
        }
        var setDir = args[0];
        var options = Options.Parse(args[1..]);
        var nearDup = options.Text("neardup", Path.Combine(BenchPaths.SharedPhotos, "NEARDUP_GROUPS.tsv"));
        var duplicateGroups = options.Text("duplicate-groups", "bluebells").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var truth = DedupGroundTruth.Load(setDir, options.Text("labels", Path.Combine(setDir, "labels.tsv")), nearDup == "none" ? null : nearDup, duplicateGroups);
        var sample = options.Int("sample", 400);

        var originals = truth.Images.Where(i => i.IsOriginal).ToDictionary(i => i.Family);
        var pairs = new List<(string Kind, LabelledImage A, LabelledImage B)>();
        foreach (var copy in truth.Images.Where(i => !i.IsOriginal && originals.ContainsKey(i.Family)))
            pairs.Add(("copy: " + copy.Transform, originals[copy.Family], copy));
        var list = originals.Values.OrderBy(o => o.Path, StringComparer.Ordinal).ToList();
        var random = new Random(5);
        var sameClass = new List<(string, LabelledImage, LabelledImage)>();
        var different = new List<(string, LabelledImage, LabelledImage)>();
        for (int i = 0; i < list.Count; i++)
        for (int j = i + 1; j < list.Count; j++)
        {
            var (a, b) = (list[i], list[j]);
            var relation = truth.RelationOf(a, b);
            if (relation == PairRelation.Similar) pairs.Add(("similar (frames, stereo, same scene)", a, b));
            else if (relation == PairRelation.Different && a.Class is not null && a.Class == b.Class)
                sameClass.Add((a.Class == "near-empty" ? "near-empty vs near-empty" : "same class", a, b));
            else if (relation == PairRelation.Different) different.Add(("different", a, b));
        }
        pairs.AddRange(sameClass.Where(p => p.Item1 != "same class"));
        pairs.AddRange(Sample(sameClass.Where(p => p.Item1 == "same class").ToList(), sample, random));
        pairs.AddRange(Sample(different, sample, random));

        var verifier = new PairVerifier();
        var started = Stopwatch.StartNew();
        using var tsv = options.Text("out", "") is { Length: > 0 } path ? new StreamWriter(path) : null;
        tsv?.WriteLine("kind\ta\tb\tverdict\tkeypoints_a\tkeypoints_b\tmatches\tinliers\tinlier_cells\tscale\trotation\tmirrored\tcells\tagreeing\tagreement\tmoved");
        var tally = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (kind, a, b) in pairs)
        {
            var evidence = verifier.Verify(a.Path, b.Path);
            if (!tally.TryGetValue(kind, out var counts)) tally[kind] = counts = new int[4];
            counts[evidence is null ? 3 : (int)evidence.Verdict]++;
            if (evidence is null || tsv is null) continue;
            var inv = CultureInfo.InvariantCulture;
            tsv.WriteLine(string.Join('\t', kind, Path.GetFileName(a.Path), Path.GetFileName(b.Path), evidence.Verdict.ToString().ToLowerInvariant(),
                evidence.KeypointsA, evidence.KeypointsB, evidence.Matches, evidence.Inliers, evidence.InlierCells,
                evidence.Scale.ToString("0.000", inv), evidence.RotationDegrees.ToString("0.0", inv), evidence.Mirrored,
                evidence.CellsCompared, evidence.CellsAgreeing, evidence.Agreement.ToString("0.000", inv), evidence.CellsMoved));
        }
        var cost = verifier.Cost;
        var elapsed = started.Elapsed;
        Console.WriteLine($"## Verifier on pairs of {setDir}");
        Console.WriteLine();
        Console.WriteLine("| pairs | count | copy | similar | different | unreadable |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (kind, c) in tally)
        {
            var total = c.Sum();
            Console.WriteLine($"| {kind} | {total} | {Percent(c[0], total)} | {Percent(c[1], total)} | {Percent(c[2], total)} | {c[3]} |");
        }
        Console.WriteLine();
        Console.WriteLine($"Cost (one thread, shared loaded machine): {cost.Files} files decoded and described, {cost.MicrosecondsPerFile:N0} us per file; "
            + $"{cost.Pairs} pairs verified, {cost.MicrosecondsPerPair:N0} us per pair; {elapsed.TotalSeconds:0.0} s wall in all.");
        if (options.Text("catalog", "") is { Length: > 0 } db) Diagnose(truth, pairs, db, options.Text("model", "mobilenet-v2-nsfwjs@1"), verifier);
        return Task.FromResult(0);
    }

    /// <summary>The default dupes pipeline on the set's catalog, and where each original-copy pair left out of the
    /// groups was lost (the first stage that lost it).</summary>
    private static void Diagnose(DedupGroundTruth truth, List<(string Kind, LabelledImage A, LabelledImage B)> pairs, string dbDir, string model,
        PairVerifier verifier)
    {
        using var catalog = ImageCatalog.Open(Path.Combine(dbDir, ImageCatalog.FileName));
        var images = catalog.GetImages().Where(i => truth.ByPath.ContainsKey(i.Path)).ToList();
        var criteria = DuplicateCriteria.Combined(hasModel: true);
        var started = Stopwatch.StartNew();
        var trace = DuplicateFinder.Trace(images, catalog.GetHashes(), catalog.GetEmbeddings(model), criteria, null, (a, b) => verifier.Verify(a.Path, b.Path));
        var wall = started.Elapsed;
        var position = trace.Items.Select((item, i) => (item.Path, i)).ToDictionary(p => p.Path, p => p.i);
        static (int, int) Key(int a, int b) => (Math.Min(a, b), Math.Max(a, b));
        var candidates = trace.Candidates.Select(l => Key(l.A, l.B)).ToHashSet();
        var grouped = trace.Grouped.Select(l => Key(l.A, l.B)).ToHashSet();
        var groupOf = new Dictionary<string, int>();
        for (int g = 0; g < trace.Groups.Count; g++) foreach (var file in trace.Groups[g].Files) groupOf[file.Path] = g;
        bool Together(LabelledImage a, LabelledImage b) => groupOf.TryGetValue(a.Path, out var ga) && groupOf.TryGetValue(b.Path, out var gb) && ga == gb;

        var causes = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        var hardNegatives = new SortedDictionary<string, (int Grouped, int Total)>(StringComparer.Ordinal);
        foreach (var (kind, a, b) in pairs)
        {
            if (!kind.StartsWith("copy: ", StringComparison.Ordinal))
            {
                var (n, total) = hardNegatives.GetValueOrDefault(kind);
                hardNegatives[kind] = (n + (Together(a, b) ? 1 : 0), total + 1);
                continue;
            }
            string cause;
            if (Together(a, b)) cause = "grouped";
            else if (!position.TryGetValue(a.Path, out var pa) || !position.TryGetValue(b.Path, out var pb)) cause = "not in the catalog";
            else if (!candidates.Contains(Key(pa, pb))) cause = "not a candidate";
            else if (!trace.VerifiedPairs.Contains(Key(pa, pb))) cause = "cut by the per-file cap";
            else if (!grouped.Contains(Key(pa, pb))) cause = "verifier: " + Rejection(verifier.Verify(a.Path, b.Path));
            else cause = "grouping rule";
            if (!causes.TryGetValue(kind, out var byCause)) causes[kind] = byCause = new SortedDictionary<string, int>(StringComparer.Ordinal);
            byCause[cause] = byCause.GetValueOrDefault(cause) + 1;
        }
        Console.WriteLine();
        Console.WriteLine($"## Where original-copy pairs are lost by default dupes ({trace.Groups.Count} groups, {trace.Candidates.Count} candidate links, "
            + $"{trace.VerifiedPairs.Count} pairs verified, {wall.TotalSeconds:0.0} s)");
        Console.WriteLine();
        var all = causes.Values.SelectMany(c => c.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        Console.WriteLine("| edit | " + string.Join(" | ", all) + " |");
        Console.WriteLine("|---|" + string.Concat(all.Select(_ => "---:|")));
        foreach (var (kind, byCause) in causes) Console.WriteLine($"| {kind[6..]} | " + string.Join(" | ", all.Select(c => byCause.GetValueOrDefault(c))) + " |");
        Console.WriteLine("| **all** | " + string.Join(" | ", all.Select(c => causes.Values.Sum(b => b.GetValueOrDefault(c)))) + " |");
        Console.WriteLine();
        foreach (var (kind, (n, total)) in hardNegatives) Console.WriteLine($"Grouped by default: {n} of {total} {kind} pairs.");
    }

    /// <summary>Which of the verifier's checks turned a pair down.</summary>
    private static string Rejection(PairEvidence? e) => e switch
    {
        null => "unreadable",
        { Verdict: ContentVerdict.Copy } => "copy (link dropped elsewhere)",
        { Verdict: ContentVerdict.Similar, Agreement: < VerifierLimits.CopyAgreement } => "similar, aligned cells disagree",
        { Verdict: ContentVerdict.Similar } => "similar, cells moved",
        { Inliers: < VerifierLimits.MinInliers, CellsCompared: 0 } => "few inliers, shapes differ (no frame comparison)",
        { Inliers: < VerifierLimits.MinInliers } => "few inliers, frame comparison disagrees",
        { InlierCells: < VerifierLimits.MinInlierCells } => "inliers bunched",
        _ => "overlap too small",
    };

    private static string Percent(int n, int total) => total == 0 ? "-" : (100.0 * n / total).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static IEnumerable<T> Sample<T>(List<T> items, int count, Random random) =>
        items.Count <= count ? items : items.OrderBy(_ => random.Next()).Take(count);
}
