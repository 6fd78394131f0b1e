using Lookalike.Vectors;
using Lookalike.Vectors.Impl;

namespace Lookalike.Tests.Vectors;

/// <summary>
/// HNSW searches walk on one-byte codes and re-rank exactly: the returned scores must be the float32 dot
/// products, the codes' scores must track them closely, and the walk must find what a float32 walk finds.
/// </summary>
public unsafe class WalkCodesTests
{
    private static readonly IndexTestData Data = new(count: 4000, dimension: 96, queries: 100, seed: 5);

    [Fact]
    public void CodeScoresTrackTheExactDotProducts()
    {
        var padded = Int8WalkCodes.PaddedLength(Data.Dimension);
        var codes = new byte[padded];
        var query = new sbyte[padded];
        var worst = 0f;
        for (var q = 0; q < Data.QueryCount; q++)
        {
            var (factor, correction) = Int8WalkCodes.PrepareQuery(Data.Query(q), query);
            for (var i = 0; i < 200; i++)
            {
                fixed (byte* c = codes)
                fixed (sbyte* s = query)
                {
                    Int8WalkCodes.Encode(Data.Vector(i), c);
                    worst = MathF.Max(worst, MathF.Abs(Int8WalkCodes.Score(c, s, padded, factor, correction) - Data.Score(Data.Query(q), i)));
                }
            }
        }
        Assert.InRange(worst, 0f, 0.01f);
    }

    [Fact]
    public void SearchReturnsExactScoresAndTheRecallOfAFloat32Walk()
    {
        using var index = new HnswIndex(Data.Dimension, m: 16, efConstruction: 100) { BuildThreads = 1, EfSearch = 32 };
        index.Add(Data.Ids, Data.Vectors);
        for (var q = 0; q < Data.QueryCount; q++)
            foreach (var hit in index.Search(Data.Query(q), 10))
                Assert.Equal(Data.Score(Data.Query(q), Array.IndexOf(Data.Ids, hit.Id)), hit.Score, 5);
        var onCodes = Data.RecallAt(index, 10);
        index.WalkOnCodes = false;
        var onFloats = Data.RecallAt(index, 10);
        Assert.InRange(onCodes, onFloats - 0.01, 1.0);
    }

    [Fact]
    public void ScoresComeBackBestFirst()
    {
        using var index = new HnswIndex(Data.Dimension, m: 8) { EfSearch = 40 };
        index.Add(Data.Ids, Data.Vectors);
        var hits = index.Search(Data.Query(0), 20);
        Assert.Equal(20, hits.Length);
        Assert.Equal(hits.Select(h => h.Score).OrderDescending(), hits.Select(h => h.Score));
    }
}
