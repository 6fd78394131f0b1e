using System.Numerics;
using Lookalike.Hashing;

namespace Lookalike.Tests.Hashing;

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
}
