using System.Diagnostics;
using Lookalike.Dedup;
using Lookalike.Dedup.Decisions;

namespace Lookalike.Bench;

/// <summary>
/// <c>bench pair-grouper [PAIRS] [IDS]</c>: connected components over millions of scored pairs with PairGrouper
/// (sparse long ids, scores kept per group), with and without a DecisionFilter holding 10,000 not-duplicates
/// decisions; peer in the same run: DuplicateGrouper (dense int indices, no scores).
/// </summary>
internal static class PairGrouperBenchmark
{
    public static Task<int> Run(string[] args)
    {
        var pairCount = args.Length > 0 ? int.Parse(args[0]) : 5_000_000;
        var idCount = args.Length > 1 ? int.Parse(args[1]) : 1_000_000;
        var random = new Random(42);
        // Catalog ids are sparse (deleted rows), so spread them. Near-duplicates come in clusters (bursts, edits,
        // copies) whose members all match each other; pairs arrive in random order, the worst case for caches.
        var ids = Enumerable.Range(0, idCount).Select(i => 1000L + 3L * i).ToArray();
        var pairs = new List<ScoredPair>(pairCount);
        var indexPairs = new List<(int A, int B)>(pairCount);
        var next = 0;
        while (pairs.Count < pairCount)
        {
            var size = 2 + random.Next(11);
            if (next + size > idCount) next = 0;
            for (var i = next; i < next + size && pairs.Count < pairCount; i++)
                for (var j = i + 1; j < next + size && pairs.Count < pairCount; j++)
                {
                    pairs.Add(new ScoredPair(ids[i], ids[j], random.Next(11)));
                    indexPairs.Add((i, j));
                }
            next += size + random.Next(3);
        }
        var order = Enumerable.Range(0, pairs.Count).OrderBy(_ => random.Next()).ToArray();
        var shuffled = order.Select(i => pairs[i]).ToArray();
        var shuffledIndexPairs = order.Select(i => indexPairs[i]).ToArray();
        var hashes = ids.Select(id => id.ToString("x64")).ToArray();
        string HashOf(long id) => hashes[(id - 1000) / 3];
        var decisions = new DecisionSet(Enumerable.Range(0, 10_000).Select(_ =>
        {
            var p = shuffled[random.Next(shuffled.Length)];
            return new PairDecision(HashOf(p.A), HashOf(p.B), DuplicateDecision.NotDuplicates, DateTime.UtcNow);
        }).DistinctBy(d => (d.HashA, d.HashB)));
        var filter = new DecisionFilter(decisions, ids.Select(id => (id, HashOf(id))));

        Console.WriteLine($"{pairCount:N0} pairs over {idCount:N0} ids in clusters of 2-12, {decisions.Count:N0} not-duplicates decisions, {Environment.ProcessorCount} cores");
        Measure("PairGrouper.Group", () => PairGrouper.Group(shuffled).Count, pairCount);
        Measure("DecisionFilter.Apply + PairGrouper.Group", () => PairGrouper.Group(filter.Apply(shuffled)).Count, pairCount);
        Measure("peer: DuplicateGrouper.Group (dense ints)", () => DuplicateGrouper.Group(idCount, shuffledIndexPairs).Count, pairCount);
        return Task.FromResult(0);
    }

    private static void Measure(string name, Func<int> run, int pairCount)
    {
        var groups = run(); // warm-up (JIT, dictionary growth paths)
        var seconds = new List<double>();
        long allocated = 0;
        for (var round = 0; round < 3; round++)
        {
            GC.Collect();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            groups = run();
            seconds.Add(watch.Elapsed.TotalSeconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        seconds.Sort();
        Console.WriteLine($"{name,-44} median {seconds[1]:0.000} s (best {seconds[0]:0.000} s), {pairCount / seconds[1] / 1e6:0.0} M pairs/s, "
            + $"{groups:N0} groups, {allocated / 1e6:0} MB allocated");
    }
}
