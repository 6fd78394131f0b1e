using Lookalike.Testing;
using Lookalike.Vectors;

namespace Lookalike.Tests.Vectors;

public class RemovalTests
{
    private static readonly IndexTestData Data = new(count: 2000);

    [Theory]
    [InlineData("Flat")]
    [InlineData("HNSW16")]
    [InlineData("IVF16,PQ8")]
    public void RemovedIdsAreNeverReturned(string description)
    {
        using var index = Data.Build(description);
        var removed = Data.Ids.Where((_, i) => i % 3 == 0).ToHashSet();
        foreach (var id in removed) Assert.True(index.Remove(id));
        Assert.False(index.Remove(removed.First()));
        Assert.Equal(Data.Ids.Length - removed.Count, index.Count);
        for (var q = 0; q < Data.QueryCount; q++)
        {
            var hits = index.Search(Data.Query(q), 10);
            Assert.Equal(10, hits.Length);
            Assert.DoesNotContain(hits, h => removed.Contains(h.Id));
        }
    }

    [Fact]
    public void CompactionDropsTombstonesAndKeepsRecall()
    {
        using var index = (HnswIndex)Data.Build("HNSW16");
        var removed = Data.Ids.Where((_, i) => i % 2 == 0).ToArray();
        foreach (var id in removed) index.Remove(id);
        Assert.Equal(removed.Length, index.RemovedCount);
        index.Compact();
        Assert.Equal(0, index.RemovedCount);
        Assert.Equal(Data.Ids.Except(removed).Order(), index.Ids.Order());
        var kept = Data.Ids.Except(removed).ToHashSet();
        var found = new List<SearchHit[]>();
        var truth = new List<long[]>();
        for (var q = 0; q < Data.QueryCount; q++)
        {
            found.Add(index.Search(Data.Query(q), 10));
            truth.Add(Data.ExactTop(Data.Query(q), 10, kept.Contains));
        }
        Assert.InRange(Recall.AtK(found, truth, 10), 0.95, 1.0);
    }

    [Fact]
    public void AddingAnExistingIdReplacesItsVector()
    {
        using var index = Data.Build("HNSW16");
        var id = Data.Ids[0];
        index.Add([id], Data.Query(0));
        Assert.Equal(Data.Ids.Length, index.Count);
        Assert.Equal(id, index.Search(Data.Query(0), 1)[0].Id);
    }
}
