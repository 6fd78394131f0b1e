using System.Diagnostics;
using Lookalike.Catalog;
using Lookalike.Dedup;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Testing;

namespace Lookalike.Bench;

/// <summary>
/// The whole grouping step of the default <c>lookalike dupes</c> at scale, after fingerprints exist: generated pHashes
/// with turned variants (as <c>bench grouping --codes uniform</c>: 10% near copies, 1% rotated copies) and generated
/// embeddings (clustered, 5% planted near copies at cosine 0.95-0.995), through <see cref="DuplicateFinder"/> with the
/// combined criteria: pHash links confirmed by the embedding, turned links, embedding links under the rules, grouping.
/// usage: bench dedup-scale [--count 1000000] [--dims 96] [--repeat 1]
/// </summary>
internal static class DedupScaleBenchmark
{
    public static Task<int> Run(string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var count = int.Parse(Option("--count") ?? "1000000");
        var dimension = int.Parse(Option("--dims") ?? "96");
        var repeat = int.Parse(Option("--repeat") ?? "1");
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
            images[i] = new ImageRecord(i + 1, $"/bench/{i}.jpg", 1, DateTime.UnixEpoch, "", 1, 1, "jpeg", null, null);
            hashes[i + 1] = new ImageHashes(0, 0, codes[i], 0, 0, TurnedPHashes.FromArray(turned.AsSpan(i * turns, turns)));
            embeddings[i + 1] = vectors.AsSpan(i * dimension, dimension).ToArray();
        }
        Console.WriteLine($"{count:N0} images, pHashes + 7 turned each, {dimension}-d embeddings; generated in {clock.Elapsed.TotalSeconds:0} s; "
                          + $"{Environment.ProcessorCount} cores, load {LoadAverage()}");
        Console.WriteLine($"{"criteria",-22} {"groups",9} {"in groups",10} {"wall s",7} {"cpu s",6} {"peak MB",8}");
        for (int round = 0; round < repeat; round++)
            foreach (var (name, criteria, withEmbeddings) in new[]
                     {
                         ("combined, hashes only", DuplicateCriteria.Combined(hasModel: false), false),
                         ("combined", DuplicateCriteria.Combined(hasModel: true), true),
                     })
            {
                GC.Collect();
                using var memory = new PeakMemory();
                var cpu = CpuTime.Seconds();
                clock.Restart();
                var groups = DuplicateFinder.Find(images, hashes, withEmbeddings ? embeddings : null, criteria);
                var seconds = clock.Elapsed.TotalSeconds;
                cpu = CpuTime.Seconds() - cpu;
                Console.WriteLine($"{name,-22} {groups.Count,9:N0} {groups.Sum(g => g.Files.Count),10:N0} {seconds,7:0.0} {cpu,6:0.0} {memory.Megabytes,8:0}");
            }
        return Task.FromResult(0);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
