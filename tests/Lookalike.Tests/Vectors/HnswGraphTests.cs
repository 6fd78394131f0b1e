using Lookalike.Vectors;

namespace Lookalike.Tests.Vectors;

/// <summary>
/// The quality of the graph itself, on a set harder than the shared one (more clusters, tight bursts), built on
/// one thread so every figure is the same on every run.
/// </summary>
public class HnswGraphTests
{
    private static readonly IndexTestData Data = new(count: 8000, dimension: 48, queries: 200, seed: 11);

    private static HnswIndex Build(int threads, int m = 16)
    {
        var index = new HnswIndex(Data.Dimension, m, efConstruction: 100) { BuildThreads = threads };
        index.Add(Data.Ids, Data.Vectors);
        return index;
    }

    [Fact]
    public void OneThreadBuildsTheSameGraphEveryTime()
    {
        using var first = Build(threads: 1);
        using var second = Build(threads: 1);
        first.EfSearch = second.EfSearch = 16;
        for (var q = 0; q < Data.QueryCount; q++)
            Assert.Equal(first.Search(Data.Query(q), 10).Select(h => h.Id), second.Search(Data.Query(q), 10).Select(h => h.Id));
    }

    [Theory]
    [InlineData(16, 0.93)]
    [InlineData(32, 0.97)]
    [InlineData(64, 0.99)]
    public void RecallAtLowEfStaysHigh(int ef, double minRecall)
    {
        using var index = Build(threads: 1);
        index.EfSearch = ef;
        Assert.InRange(Data.RecallAt(index, 10), minRecall, 1.0);
    }

    /// <summary>
    /// Every node must be reachable and find itself: a node left with no usable links (what a concurrent insert
    /// stepping into a half-built node's empty list produced) is found by nobody, not even its own vector.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EveryStoredVectorFindsItself(int threads)
    {
        using var index = Build(threads);
        index.EfSearch = 32;
        var missed = Enumerable.Range(0, Data.Ids.Length).Count(i => index.Search(Data.Vector(i), 1)[0].Id != Data.Ids[i]);
        Assert.Equal(0, missed);
    }
}
