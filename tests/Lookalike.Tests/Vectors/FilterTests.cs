using Lookalike.Testing;
using Lookalike.Vectors;

namespace Lookalike.Tests.Vectors;

public class FilterTests
{
    private static readonly IndexTestData Data = new(count: 3000);

    [Theory]
    [InlineData("Flat")]
    [InlineData("SQ8")]
    [InlineData("HNSW16")]
    [InlineData("IVF16,Flat")]
    [InlineData("IVF16,PQ8")]
    public void FilteredSearchStillReturnsKAllowedResults(string description)
    {
        using var index = Data.Build(description);
        if (index is IvfIndex ivf) ivf.NProbe = 16; // all cells: the filter, not the probe count, is under test
        Func<long, bool> everyTenth = id => (id - 1_000_000) / 3 % 10 == 0;
        var found = new List<SearchHit[]>();
        var truth = new List<long[]>();
        for (var q = 0; q < Data.QueryCount; q++)
        {
            var hits = index.Search(Data.Query(q), 10, everyTenth);
            Assert.Equal(10, hits.Length);
            Assert.All(hits, h => Assert.True(everyTenth(h.Id)));
            found.Add(hits);
            truth.Add(Data.ExactTop(Data.Query(q), 10, everyTenth));
        }
        Assert.InRange(Recall.AtK(found, truth, 10), 0.9, 1.0);
    }

    [Theory]
    [InlineData("HNSW16")]
    [InlineData("IVF16,PQ8")]
    public void ATinyAllowListReturnsExactlyThoseThatPass(string description)
    {
        using var index = Data.Build(description);
        if (index is IvfIndex ivf) ivf.NProbe = 1; // the allowed ids are (almost surely) in other cells
        var allowed = new HashSet<long> { Data.Ids[3], Data.Ids[1500], Data.Ids[2999] };
        var hits = index.Search(Data.Query(0), 10, allowed.Contains);
        Assert.Equal(allowed.Order(), hits.Select(h => h.Id).Order());
        Assert.Equal(Data.ExactTop(Data.Query(0), 3, allowed.Contains), hits.Select(h => h.Id));
    }
}
