using System.Diagnostics;
using Lookalike.Catalog;
using Lookalike.Dedup;
using Lookalike.Evaluation;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Testing;

namespace Lookalike.Bench;

/// <summary>
/// The whole grouping step of the default <c>lookalike dupes</c> at scale, after fingerprints exist: generated pHashes
/// with turned variants (as <c>bench grouping --codes uniform</c>: 10% near copies, 1% rotated copies) and generated
/// embeddings (clustered, 5% planted near copies at cosine 0.95-0.995), through <see cref="DuplicateFinder"/> with the
/// combined criteria: pHash links confirmed by the embedding, turned links, embedding links under the rules, grouping.
/// Each criteria runs without and with the content verifier (the default <c>dupes</c> verifies): its wider candidate
/// links, at most <see cref="DuplicateFinder.VerifiedPerFile"/> nearest candidates per file and measure, each through
/// the real verifier on real photos (<see cref="PlantedPairPhotos"/>: planted copies as a photo and its edit, a
/// <c>--sample</c> share of the other candidates as unrelated photos, the rest left to the fingerprints).
/// usage: bench dedup-scale [--count 1000000] [--dims 96] [--repeat 1] [--sample 0.02] [--set DIR (photos and edits,
///        default artifacts/dedup-set, the tuning set)] [--only plain|verified]
/// </summary>
internal static class DedupScaleBenchmark
{
    public static Task<int> Run(string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var count = int.Parse(Option("--count") ?? "1000000");
        var dimension = int.Parse(Option("--dims") ?? "96");
        var repeat = int.Parse(Option("--repeat") ?? "1");
        var sample = double.Parse(Option("--sample") ?? "0.02", System.Globalization.CultureInfo.InvariantCulture);
        var only = Option("--only");
        var setDir = Option("--set") ?? "artifacts/dedup-set"; // scripts/eval/dedup-eval.sh makes it
        var photos = only == "plain" ? null : DedupGroundTruth.Load(setDir, Path.Combine(setDir, "labels.tsv"), null, new HashSet<string>());
        var clock = Stopwatch.StartNew();
        var (codes, turned) = GroupingBenchmark.Uniform(count, seed: 7);
        var vectors = new ClusteredVectors(dimension, clusters: Math.Max(16, count / 100), seed: 2026).Next(count);
        ClusteredVectors.PlantNearCopies(vectors, dimension, share: 0.05, minCosine: 0.95f, maxCosine: 0.995f, seed: 7);
        var turns = TurnedPHashes.Transforms.Length;
        var images = new ImageRecord[count];
        var hashes = new Dictionary<long, ImageHashes>(count);
        var embeddings = new Dictionary<long, float[]>(count);
        for (int i = 0; i < count; i++)
        {
            // Each its own content hash: one shared value made every link "exact" (same bytes), which nothing verifies.
            images[i] = new ImageRecord(i + 1, $"/bench/{i}.jpg", 1, DateTime.UnixEpoch, $"h{i}", 1, 1, "jpeg", null, null);
            hashes[i + 1] = new ImageHashes(0, 0, codes[i], 0, 0, TurnedPHashes.FromArray(turned.AsSpan(i * turns, turns)));
            embeddings[i + 1] = vectors.AsSpan(i * dimension, dimension).ToArray();
        }
        Console.WriteLine($"{count:N0} images, pHashes + 7 turned each, {dimension}-d embeddings; generated in {clock.Elapsed.TotalSeconds:0} s; "
                          + $"{Environment.ProcessorCount} cores, load {MachineLoad.Average()}");
        if (photos is not null)
            Console.WriteLine($"verifier files: {photos.Images.Count} real photos and edits from {setDir}; other candidates sampled at {sample:P1}");
        Console.WriteLine($"{"criteria",-22} {"verify",6} {"groups",9} {"in groups",10} {"wall s",7} {"cpu s",6} {"peak MB",8} "
                          + $"{"planted",8} {"sampled",8} {"left",9} {"verify cpu s",12} {"ms/pair",8} {"planted copy",12} {"sampled diff",12}");
        var runs = new List<(string, DuplicateCriteria, bool, bool)>();
        foreach (var withEmbeddings in new[] { false, true })
            foreach (var verify in new[] { false, true }.Where(v => only is null || (only == "verified") == v))
                runs.Add((withEmbeddings ? "combined" : "combined, hashes only", DuplicateCriteria.Combined(hasModel: withEmbeddings), withEmbeddings, verify));
        for (int round = 0; round < repeat; round++)
            foreach (var (name, criteria, withEmbeddings, verify) in runs)
            {
                var pairPhotos = verify ? new PlantedPairPhotos(photos!, codes, turned, withEmbeddings ? vectors : null, dimension, sample) : null;
                GC.Collect();
                using var memory = new PeakMemory();
                var cpu = CpuTime.Seconds();
                clock.Restart();
                var groups = DuplicateFinder.Find(images, hashes, withEmbeddings ? embeddings : null, criteria, verify: pairPhotos is null ? null : pairPhotos.Verify);
                var seconds = clock.Elapsed.TotalSeconds;
                cpu = CpuTime.Seconds() - cpu;
                var line = $"{name,-22} {(verify ? "yes" : "no"),6} {groups.Count,9:N0} {groups.Sum(g => g.Files.Count),10:N0} {seconds,7:0.0} {cpu,6:0.0} {memory.Megabytes,8:0}";
                if (pairPhotos is not null)
                {
                    var (planted, sampled, left) = pairPhotos.Pairs;
                    var cost = pairPhotos.Verifier.Cost;
                    var (plantedVerdicts, sampledVerdicts) = pairPhotos.Verdicts;
                    line += $" {planted,8:N0} {sampled,8:N0} {left,9:N0} {(cost.FileTime + cost.PairTime).TotalSeconds,12:0.0} {cost.MicrosecondsPerPair / 1000,8:0.00}"
                            + $" {Share(plantedVerdicts[0], planted),12} {Share(sampledVerdicts[2], sampled),12}";
                    Console.WriteLine(line);
                    Console.WriteLine($"    verifier: {cost.Files} files described ({cost.MicrosecondsPerFile / 1000:0.0} ms each), {cost.Pairs:N0} pairs matched; "
                                      + $"all {planted + sampled + left:N0} candidate pairs verified would cost about {(planted + sampled + left) * cost.MicrosecondsPerPair / 1e6:0} s CPU "
                                      + $"for the matching plus one decode and description per distinct file");
                }
                else Console.WriteLine(line);
            }
        return Task.FromResult(0);
    }

    private static string Share(long part, long total) => total == 0 ? "-" : $"{100.0 * part / total:0.0} %";

}
