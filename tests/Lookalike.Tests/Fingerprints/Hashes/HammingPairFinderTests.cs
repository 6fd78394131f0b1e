using System.Numerics;
using Lookalike.Vectors;

namespace Lookalike.Tests.Fingerprints.Hashes;

public class HammingPairFinderTests
{
    private static List<(int, int, int)> BruteForce(ulong[] codes, int radius)
    {
        var pairs = new List<(int, int, int)>();
        for (int i = 0; i < codes.Length; i++)
        for (int j = i + 1; j < codes.Length; j++)
        {
            var d = BitOperations.PopCount(codes[i] ^ codes[j]);
            if (d <= radius) pairs.Add((i, j, d));
        }
        return pairs;
    }

    /// <summary>Clusters of near copies (a few flipped bits each) among random codes.</summary>
    private static ulong[] ClusteredCodes(int seed, int clusters, int perCluster, int noise)
    {
        var random = new Random(seed);
        var codes = new List<ulong>();
        for (int c = 0; c < clusters; c++)
        {
            var center = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 33);
            for (int k = 0; k < perCluster; k++)
            {
                var code = center;
                for (int f = random.Next(noise + 1); f > 0; f--) code ^= 1UL << random.Next(64);
                codes.Add(code);
            }
        }
        return codes.OrderBy(_ => random.Next()).ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(10)]
    [InlineData(14)]
    public void FindsExactlyThePairsBruteForceFinds(int radius)
    {
        var codes = ClusteredCodes(seed: radius, clusters: 300, perCluster: 5, noise: 8);
        Assert.Equal(BruteForce(codes, radius), HammingPairFinder.FindPairs(codes, radius));
    }

    [Fact]
    public void HandlesDuplicatesAndTinyInputs()
    {
        Assert.Empty(HammingPairFinder.FindPairs([], 5));
        Assert.Empty(HammingPairFinder.FindPairs([42UL], 5));
        Assert.Equal([(0, 1, 0), (0, 2, 0), (1, 2, 0)], HammingPairFinder.FindPairs([7UL, 7UL, 7UL], 0));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(10)]
    public void MatchesQueriesAgainstTargetsLikeBruteForce(int radius)
    {
        var targets = ClusteredCodes(seed: 100 + radius, clusters: 200, perCluster: 4, noise: 6);
        var queries = ClusteredCodes(seed: 200 + radius, clusters: 50, perCluster: 3, noise: 6).Concat(targets.Take(100)).ToArray();
        var expected = new List<(int, int, int)>();
        for (int q = 0; q < queries.Length; q++)
        for (int t = 0; t < targets.Length; t++)
        {
            var d = BitOperations.PopCount(queries[q] ^ targets[t]);
            if (d <= radius) expected.Add((q, t, d));
        }
        Assert.Equal(expected, HammingPairFinder.FindMatches(queries, targets, radius));
    }

    /// <summary>Property: for random inputs of every shape (uniform, clustered, few varying bits so buckets
    /// crowd, exact duplicates), every radius and every chunk count, the join finds exactly brute force's pairs.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void RandomInputsEveryPlanMatchBruteForce(int seed)
    {
        var random = new Random(seed);
        for (int trial = 0; trial < 8; trial++)
        {
            var radius = random.Next(0, 13);
            var chunks = random.Next(2) == 0 ? 0 : random.Next(3, 17);
            var codes = RandomCodes(random, random.Next(0, 1500));
            var expected = BruteForce(codes, radius);
            Assert.Equal(expected, HammingPairFinder.Join(codes, codes, selfJoin: true, radius, parallelism: 2, chunks));
            if (chunks == 0) Assert.Equal(expected, HammingPairFinder.FindPairs(codes, radius));

            // Queries against targets, both ways round (the join walks whichever side has fewer buckets).
            var queries = RandomCodes(random, random.Next(0, 3000)).Concat(codes.Take(50)).ToArray();
            var matches = new List<(int, int, int)>();
            for (int q = 0; q < queries.Length; q++)
            for (int t = 0; t < codes.Length; t++)
            {
                var d = BitOperations.PopCount(queries[q] ^ codes[t]);
                if (d <= radius) matches.Add((q, t, d));
            }
            Assert.Equal(matches, HammingPairFinder.Join(queries, codes, selfJoin: false, radius, parallelism: 2, chunks));
        }
    }

    private static ulong[] RandomCodes(Random random, int count)
    {
        ulong RandomCode() => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
        ulong Flip(ulong code, int flips)
        {
            for (; flips > 0; flips--) code ^= 1UL << random.Next(64);
            return code;
        }
        var codes = new ulong[count];
        switch (random.Next(4))
        {
            case 0: // uniform
                for (int i = 0; i < count; i++) codes[i] = RandomCode();
                break;
            case 1: // clusters of near copies
                for (int i = 0; i < count; i++) codes[i] = i % 7 == 0 || i == 0 ? RandomCode() : Flip(codes[i - 1], random.Next(0, 7));
                break;
            case 2: // only a few bits vary: crowded buckets in some chunks, empty ones in others
                var varying = RandomCode() & RandomCode() & RandomCode();
                var fixedBits = RandomCode() & ~varying;
                for (int i = 0; i < count; i++) codes[i] = fixedBits | (RandomCode() & varying);
                break;
            default: // a handful of values, many exact duplicates
                var values = Enumerable.Range(0, 1 + random.Next(20)).Select(_ => RandomCode()).ToArray();
                for (int i = 0; i < count; i++) codes[i] = Flip(values[random.Next(values.Length)], random.Next(0, 3));
                break;
        }
        return codes;
    }
}
