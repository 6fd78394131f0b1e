using System.Diagnostics;
using Lookalike.Dedup;
using Lookalike.Testing;
using Lookalike.Vectors;
using Lookalike.Vectors.Impl;

namespace Lookalike.Bench;

/// <summary>
/// The embedding dedup grouping step at scale: N generated unit vectors (clustered like learnt features,
/// ClusteredVectors, plus 5% planted near-duplicate copies at cosine 0.95-0.995 to an original), all pairs
/// at or above a cosine by <see cref="SimilarityJoin"/>, then connected components. Pair recall is measured
/// against an exact scan for a random subsample of query vectors (every pair touching them, against all N).
/// usage: bench grouping-embeddings [--count N] [--dims 384,512] [--threshold 0.95] [--probes 4] [--queries 1000] [--repeat N]
/// </summary>
internal static class EmbeddingGroupingBenchmark
{
    public static Task<int> Run(string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var count = int.Parse(Option("--count") ?? "1000000");
        var dims = (Option("--dims") ?? "384").Split(',').Select(int.Parse).ToArray();
        var thresholds = (Option("--threshold") ?? "0.95").Split(',').Select(t => float.Parse(t, inv)).ToArray();
        var probeCounts = (Option("--probes") ?? SimilarityJoin.DefaultProbes.ToString()).Split(',').Select(int.Parse).ToArray();
        var queries = int.Parse(Option("--queries") ?? "1000");
        var repeat = int.Parse(Option("--repeat") ?? "1");
        Console.WriteLine($"{Environment.ProcessorCount} cores; recall over every pair touching {queries:N0} random query vectors (exact scan against all)");
        Console.WriteLine($"{"N",10} {"dim",4} {"cos>=",6} {"probes",6} {"pairs",11} {"groups",9} {"exact",6} {"recall",7} {"join s",7} {"cpu s",6} {"group s",7} {"peak MB",8}");
        foreach (var dimension in dims)
        {
            var clock = Stopwatch.StartNew();
            var vectors = new ClusteredVectors(dimension, clusters: Math.Max(16, count / 100), seed: 2026).Next(count);
            ClusteredVectors.PlantNearCopies(vectors, dimension, share: 0.05, minCosine: 0.95f, maxCosine: 0.995f, seed: 7);
            Console.Error.WriteLine($"generated {count:N0} x {dimension} in {clock.Elapsed.TotalSeconds:0.0} s");
            var sample = new Random(11).GetItems(Enumerable.Range(0, count).ToArray(), queries).Distinct().ToArray();
            foreach (var threshold in thresholds)
            {
                clock.Restart();
                var exact = ExactPairs(vectors, dimension, sample, threshold);
                Console.Error.WriteLine($"exact pairs of the sample at {threshold}: {exact.Count:N0} in {clock.Elapsed.TotalSeconds:0.0} s");
                for (int round = 0; round < repeat; round++)
                foreach (var probes in probeCounts)
                {
                    using var memory = new PeakMemory();
                    var cpu = CpuTime.Seconds();
                    clock.Restart();
                    var pairs = SimilarityJoin.FindPairs(vectors, dimension, threshold, probes);
                    var (joinSeconds, joinCpu) = (clock.Elapsed.TotalSeconds, CpuTime.Seconds() - cpu);
                    clock.Restart();
                    var groups = DuplicateGrouper.Group(count, pairs.Select(p => (p.A, p.B)));
                    var groupSeconds = clock.Elapsed.TotalSeconds;
                    var inSample = sample.ToHashSet();
                    var foundInSample = pairs.Where(p => inSample.Contains(p.A) || inSample.Contains(p.B)).Select(p => (p.A, p.B)).ToHashSet();
                    var recall = exact.Count == 0 ? 1 : exact.Count(foundInSample.Contains) / (double)exact.Count;
                    Console.WriteLine($"{count,10:N0} {dimension,4} {threshold,6:0.###} {probes,6} {pairs.Count,11:N0} {groups.Count,9:N0} {exact.Count,6:N0} {recall,7:0.0000} "
                                      + $"{joinSeconds,7:0.0} {joinCpu,6:0.0} {groupSeconds,7:0.00} {memory.Megabytes,8:0}");
                }
            }
        }
        return Task.FromResult(0);
    }

    /// <summary>Every pair (a &lt; b) with a sampled vector on one side, by scoring it against all vectors.</summary>
    private static HashSet<(int, int)> ExactPairs(float[] vectors, int dimension, int[] sample, float threshold)
    {
        var count = vectors.Length / dimension;
        var found = new List<(int, int)>();
        Parallel.ForEach(sample, () => (Pairs: new List<(int, int)>(), Scores: new float[count]), (q, _, local) =>
        {
            RowDots.Compute(vectors.AsSpan(q * dimension, dimension), vectors, local.Scores);
            for (int j = 0; j < count; j++)
                if (j != q && local.Scores[j] >= threshold) local.Pairs.Add((Math.Min(q, j), Math.Max(q, j)));
            return local;
        }, local => { lock (found) found.AddRange(local.Pairs); });
        return found.ToHashSet();
    }

}
