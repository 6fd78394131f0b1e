using Lookalike.Search;

namespace Lookalike.Tests.Search;

/// <summary>The hand-worked cosine ranking of issue 16 through the real catalog, index and search code.</summary>
public sealed class CosineRankingTests
{
    [Theory]
    [InlineData("Flat")]
    [InlineData("HNSW8")]
    [InlineData("SQ8")]
    public void QueryRanksTheGalleryByCosine(string description)
    {
        using var catalog = new CatalogWithVectors(dimension: 3);
        // Embeddings are stored L2-normalised, as the embedders write them.
        var gallery = new Dictionary<string, float[]>
        {
            ["g1"] = [1, 0, 0], ["g2"] = [0, 1, 0], ["g3"] = [0.5f, 0.5f, 0], ["g4"] = [0, 0, 1], ["g5"] = [0.2f, 0.1f, 0],
        };
        var ids = gallery.ToDictionary(g => catalog.Put(g.Key + ".jpg", Unit(g.Value)), g => g.Key);
        using var index = CatalogVectorIndex.Open(catalog.Catalog, CatalogWithVectors.Model, description);
        var search = new ImageSearch(catalog.Catalog, index);

        var results = search.Search(new SearchQuery("query", Unit([0.6f, 0.8f, 0]), null), 5);

        Assert.Equal(["g3", "g5", "g2", "g1", "g4"], results.Select(r => ids[r.Image.Id]));
        // Half-precision storage keeps three decimals; SQ8 is re-ranked with those vectors.
        Assert.Equal(0.990, results[0].Score, 0.002);
        Assert.Equal(0.894, results[1].Score, 0.002);
        Assert.Equal(0.800, results[2].Score, 0.002);
        Assert.Equal(0.600, results[3].Score, 0.002);
        Assert.Equal(0.000, results[4].Score, 0.002);
    }

    private static float[] Unit(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}
