using System.Diagnostics;
using Lookalike.Dedup;
using Lookalike.Hashing;

namespace Lookalike.Bench;

/// <summary>
/// The dedup grouping step at scale: N generated 64-bit fingerprints (clusters of near copies among
/// unrelated codes), all pairs within a Hamming radius by multi-index hashing, then connected components.
/// usage: bench grouping [--count N] [--radii 4,8,10]
/// </summary>
internal static class GroupingBenchmark
{
    public static Task<int> Run(string[] args)
    {
        var count = args.SkipWhile(a => a != "--count").Skip(1).Select(int.Parse).FirstOrDefault(1_000_000);
        var radii = (args.SkipWhile(a => a != "--radii").Skip(1).FirstOrDefault() ?? "4,8,10").Split(',').Select(int.Parse).ToArray();
        var codes = Generate(count, seed: 7);
        Console.WriteLine($"{count:N0} fingerprints (10% in clusters of 2-10 near copies), {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"radius",6} {"pairs",12} {"groups",10} {"pairs s",9} {"group s",9} {"managed MB",11}");
        foreach (var radius in radii)
        {
            GC.Collect();
            var before = GC.GetTotalMemory(true);
            var clock = Stopwatch.StartNew();
            var pairs = HammingPairFinder.FindPairs(codes, radius);
            var pairSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var groups = DuplicateGrouper.Group(codes.Length, pairs.Select(p => (p.A, p.B)));
            var groupSeconds = clock.Elapsed.TotalSeconds;
            var megabytes = (GC.GetTotalMemory(false) - before) / 1e6;
            Console.WriteLine($"{radius,6} {pairs.Count,12:N0} {groups.Count,10:N0} {pairSeconds,9:0.00} {groupSeconds,9:0.00} {megabytes,11:0}");
        }
        return Task.FromResult(0);
    }

    /// <summary>Random codes with exactly 32 bits set (as pHash's median split gives), 10% of them
    /// near copies (1-6 bit swaps) of a cluster centre.</summary>
    private static ulong[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var codes = new ulong[count];
        int i = 0;
        while (i < count)
        {
            var centre = RandomBalanced(random);
            codes[i++] = centre;
            if (random.NextDouble() < 0.1 * 2 / 6.0) // on average 6 copies per cluster → ~10% clustered
                for (int copies = random.Next(1, 10); copies > 0 && i < count; copies--)
                    codes[i++] = Swap(centre, random.Next(1, 4), random);
        }
        return codes;
    }

    private static ulong RandomBalanced(Random random)
    {
        var bits = Enumerable.Range(0, 64).OrderBy(_ => random.Next()).Take(32);
        return bits.Aggregate(0UL, (code, bit) => code | (1UL << bit));
    }

    /// <summary>Moves <paramref name="swaps"/> set bits elsewhere: distance 2 x swaps, still 32 bits set.</summary>
    private static ulong Swap(ulong code, int swaps, Random random)
    {
        for (int s = 0; s < swaps; s++)
        {
            int on, off;
            do on = random.Next(64); while ((code >> on & 1) == 0);
            do off = random.Next(64); while ((code >> off & 1) == 1);
            code ^= (1UL << on) | (1UL << off);
        }
        return code;
    }
}
