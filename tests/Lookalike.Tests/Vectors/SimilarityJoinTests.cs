using System.Numerics.Tensors;
using Lookalike.Testing;
using Lookalike.Tests.Support;
using Lookalike.Vectors;

namespace Lookalike.Tests.Vectors;

public class SimilarityJoinTests
{
    /// <summary>Clustered unit vectors with 5% planted near copies (cosine 0.95-0.995 to an original).</summary>
    internal static float[] Vectors(int count, int dimension, int seed)
    {
        var vectors = new ClusteredVectors(dimension, clusters: Math.Max(16, count / 100), seed).Next(count);
        ClusteredVectors.PlantNearCopies(vectors, dimension, share: 0.05, minCosine: 0.95f, maxCosine: 0.995f, seed);
        return vectors;
    }

    /// <summary>Every pair scored (independent of the join's code).</summary>
    private static List<(int A, int B, float Score)> BruteForce(float[] vectors, int dimension, float minScore)
    {
        var count = vectors.Length / dimension;
        var pairs = new List<(int, int, float)>();
        for (int i = 0; i < count; i++)
        for (int j = i + 1; j < count; j++)
        {
            var score = TensorPrimitives.Dot(vectors.AsSpan(i * dimension, dimension), vectors.AsSpan(j * dimension, dimension));
            if (score >= minScore) pairs.Add((i, j, score));
        }
        return pairs;
    }

    [Theory]
    [InlineData(0, 0.95f)]
    [InlineData(1, 0.95f)]
    [InlineData(2, 0.9f)]
    [InlineData(1500, 0.95f)]
    [InlineData(SimilarityJoin.ExactBelow - 1, 0.98f)]
    public void SmallSetsLoseNoPair(int count, float minScore)
    {
        var vectors = Vectors(count, dimension: 24, seed: count);
        var expected = BruteForce(vectors, 24, minScore);
        Assert.Equal(expected, SimilarityJoin.FindPairs(vectors, 24, minScore, threads: 2));
    }

    [Theory]
    [InlineData(0.95f, 1)]
    [InlineData(0.95f, 4)]
    [InlineData(0.98f, 2)]
    public void LargeSetsFindAtLeast99PercentOfPairsAndNothingElse(float minScore, int seed)
    {
        const int count = 12_000, dimension = 48;
        var vectors = Vectors(count, dimension, seed);
        var expected = BruteForce(vectors, dimension, minScore);
        var found = SimilarityJoin.FindPairs(vectors, dimension, minScore, threads: 2);

        Assert.True(expected.Count > count / 10, $"the data should hold many pairs, got {expected.Count}");
        var exactScores = expected.ToDictionary(p => (p.A, p.B), p => p.Score);
        var hits = found.Count(p => exactScores.ContainsKey((p.A, p.B)));
        Assert.True(hits >= 0.99 * expected.Count, $"pair recall {hits / (double)expected.Count:0.0000} of {expected.Count} pairs");
        // Nothing below the threshold, every pair once, sorted, scores as computed directly.
        Assert.All(found, p =>
        {
            Assert.True(p.A < p.B && p.Score >= minScore);
            var direct = TensorPrimitives.Dot(vectors.AsSpan(p.A * dimension, dimension), vectors.AsSpan(p.B * dimension, dimension));
            Assert.Equal(direct, p.Score, 1e-5f);
        });
        Assert.Equal(found.OrderBy(p => p.A).ThenBy(p => p.B).Select(p => (p.A, p.B)).Distinct(), found.Select(p => (p.A, p.B)));
    }
}

/// <summary>GC.GetTotalAllocatedBytes counts every thread of the process, so this runs alone.</summary>
[Collection(AloneCollection.Name)]
public class SimilarityJoinMemoryTests
{
    [Fact]
    public void MemoryGrowsWithTheVectorsNotTheirSquare()
    {
        const int count = 20_000, dimension = 16;
        var vectors = SimilarityJoinTests.Vectors(count, dimension, seed: 3);
        SimilarityJoin.FindPairs(vectors, dimension, 0.99f, threads: 2); // warm up
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var pairs = SimilarityJoin.FindPairs(vectors, dimension, 0.99f, threads: 2);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        // n x n floats would be 1.6 GB; the cells, lists and pairs are a few times the 1.3 MB input.
        Assert.True(allocated < 40L * vectors.Length * sizeof(float) + 64L * pairs.Count,
            $"allocated {allocated / 1e6:0.0} MB for {count} vectors ({vectors.Length * sizeof(float) / 1e6:0.0} MB) and {pairs.Count} pairs");
    }
}
