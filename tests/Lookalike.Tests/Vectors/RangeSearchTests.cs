using Lookalike.Vectors;

namespace Lookalike.Tests.Vectors;

public class RangeSearchTests
{
    private static readonly IndexTestData Data = new(count: 2000);

    /// <summary>A threshold that about 20 vectors pass for query 0, so the ranges are neither empty nor huge.</summary>
    private static float Threshold(int q)
    {
        using var flat = Data.Build("Flat");
        return flat.Search(Data.Query(q), 20)[^1].Score;
    }

    [Theory]
    [InlineData("Flat")]
    [InlineData("HNSW16")]
    [InlineData("IVF16,Flat")]
    public void RangeSearchEqualsExactRange(string description)
    {
        using var index = Data.Build(description);
        if (index is IvfIndex ivf) ivf.NProbe = 16;
        for (var q = 0; q < 10; q++)
        {
            var threshold = Threshold(q);
            var hits = index.RangeSearch(Data.Query(q), threshold);
            Assert.Equal(Data.ExactRange(Data.Query(q), threshold), hits.Select(h => h.Id).Order());
            Assert.Equal(hits.OrderByDescending(h => h.Score), hits);
        }
    }

    [Fact]
    public void HnswSimilarPairsEqualExactPairs()
    {
        using var index = Data.Build("HNSW16");
        using var flat = Data.Build("Flat");
        const float minScore = 0.9f;
        var approximate = index.FindSimilarPairs(minScore, threads: 2);
        var exact = flat.FindSimilarPairs(minScore, threads: 2);
        Assert.NotEmpty(exact);
        Assert.Equal(exact.Select(p => (p.A, p.B)), approximate.Select(p => (p.A, p.B)));
        Assert.All(approximate, p => Assert.True(p.A < p.B && p.Score >= minScore));
    }
}
