namespace Lookalike.Tests.Vectors;

public class RecallTests
{
    private static readonly IndexTestData Data = new();

    [Fact]
    public void FlatFloat32IsExact()
    {
        using var index = Data.Build("Flat");
        for (var q = 0; q < Data.QueryCount; q++)
            Assert.Equal(Data.ExactTop(Data.Query(q), 10), index.Search(Data.Query(q), 10).Select(h => h.Id));
    }

    [Theory]
    [InlineData("F16", 0.98)]
    [InlineData("SQ8", 0.9)]
    [InlineData("HNSW16", 0.95)]
    [InlineData("IVF32,Flat", 0.9)]
    [InlineData("IVF32,PQ8", 0.9)]
    public void ApproximateIndexesReachRecall(string description, double minRecall)
    {
        using var index = Data.Build(description);
        Assert.Equal(Data.Ids.Length, index.Count);
        Assert.InRange(Data.RecallAt(index, 10), minRecall, 1.0);
    }

    [Fact]
    public void BatchSearchMatchesSingleSearch()
    {
        foreach (var description in new[] { "Flat", "F16", "SQ8", "HNSW16" })
        {
            using var index = Data.Build(description);
            var batch = index.SearchBatch(Data.Queries, 10, threads: 2);
            for (var q = 0; q < Data.QueryCount; q++)
            {
                // F16 batches score widened rows: the same values up to float rounding.
                var single = index.Search(Data.Query(q), 10);
                Assert.Equal(single.Select(h => h.Id), batch[q].Select(h => h.Id));
                Assert.All(single.Zip(batch[q]), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 4));
            }
        }
    }

    [Fact]
    public void IvfPqScoresAreExactAfterReranking()
    {
        using var index = Data.Build("IVF32,PQ8");
        foreach (var hit in index.Search(Data.Query(0), 10))
        {
            var slot = Array.IndexOf(Data.Ids, hit.Id);
            Assert.Equal(Data.Score(Data.Query(0), slot), hit.Score, 5);
        }
    }
}
