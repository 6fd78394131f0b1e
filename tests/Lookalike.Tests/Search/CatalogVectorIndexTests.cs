using System.Numerics.Tensors;
using Lookalike.Search;

namespace Lookalike.Tests.Search;

/// <summary>The saved per-model index: built once, reused while the catalog is unchanged, updated with
/// only what changed, rebuilt when its kind changes; searches filtered and re-scored exactly.</summary>
public class CatalogVectorIndexTests
{
    private const string Model = CatalogWithVectors.Model;

    [Theory]
    [InlineData(null, "Flat")]
    [InlineData("HNSW8", "HNSW8")]
    [InlineData("IVF4,PQ4", "IVF4,PQ4")]
    public void IsBuiltThenReusedThenUpdatedWithOnlyWhatChanged(string? asked, string description)
    {
        using var data = new CatalogWithVectors();
        var ids = data.AddImages(300);
        string path;
        using (var built = CatalogVectorIndex.Open(data.Catalog, Model, asked))
        {
            Assert.Equal((CatalogIndexState.Built, 300, description), (built.State, built.Added, built.Index.Description));
            path = built.Path;
        }
        var written = File.GetLastWriteTimeUtc(path);
        using (var reused = CatalogVectorIndex.Open(data.Catalog, Model))
        {
            Assert.Equal((CatalogIndexState.Reused, 300), (reused.State, reused.Index.Count));
            Assert.Equal(path, reused.Path);
        }
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));

        // Three new images, one gone, one whose embedding was rewritten (a changed file).
        var added = data.AddImages(3, "new");
        data.Catalog.RemoveImage(ids[0]);
        var changedVector = data.NewVector();
        data.Catalog.PutEmbedding(ids[1], Model, changedVector);
        using (var updated = CatalogVectorIndex.Open(data.Catalog, Model))
        {
            Assert.Equal((CatalogIndexState.Updated, 4, 1), (updated.State, updated.Added, updated.Removed));
            Assert.Equal(302, updated.Index.Count);
            Assert.DoesNotContain(ids[0], updated.Index.Ids);
            Assert.All(added, id => Assert.Contains(id, updated.Index.Ids));
            var top = updated.Search(data.Catalog.GetEmbedding(ids[1], Model), 1).Single();
            Assert.Equal(ids[1], top.Id);
            Assert.Equal(1f, top.Score, 3);
        }
        // The update was saved: the next open maps it as it is.
        using var again = CatalogVectorIndex.Open(data.Catalog, Model);
        Assert.Equal((CatalogIndexState.Reused, 302, description), (again.State, again.Index.Count, again.Index.Description));
    }

    [Fact]
    public void AChosenKindSticksUntilAnotherIsAskedFor()
    {
        using var data = new CatalogWithVectors();
        data.AddImages(300);
        string flatPath;
        using (var flat = CatalogVectorIndex.Open(data.Catalog, Model)) flatPath = flat.Path;
        using (var hnsw = CatalogVectorIndex.Open(data.Catalog, Model, "HNSW8"))
        {
            Assert.Equal((CatalogIndexState.Built, "HNSW8"), (hnsw.State, hnsw.Index.Description));
            Assert.False(File.Exists(flatPath), "the replaced index file is deleted");
        }
        data.AddImages(5);
        using (var kept = CatalogVectorIndex.Open(data.Catalog, Model))
            Assert.Equal((CatalogIndexState.Updated, "HNSW8", 305), (kept.State, kept.Index.Description, kept.Index.Count));
        using var automatic = CatalogVectorIndex.Open(data.Catalog, Model, CatalogVectorIndex.Automatic);
        Assert.Equal((CatalogIndexState.Built, "Flat"), (automatic.State, automatic.Index.Description));
        Assert.Single(Directory.GetFiles(data.IndexFolder, "*.idx"));
    }

    [Theory]
    [InlineData("Flat")]
    [InlineData("SQ8")]
    [InlineData("HNSW8")]
    [InlineData("IVF16,PQ4")]
    public void FilteredSearchReturnsKExactlyScoredHits(string description)
    {
        using var data = new CatalogWithVectors();
        var ids = data.AddImages(2000);
        // Every 40th image passes: the query's neighbourhood is almost all filtered out.
        var allowed = ids.Where((_, i) => i % 40 == 0).ToHashSet();
        using var index = CatalogVectorIndex.Open(data.Catalog, Model, description);
        var query = data.NewVector();
        var hits = index.Search(query, 10, allowed.Contains);

        Assert.Equal(10, hits.Length);
        Assert.All(hits, h => Assert.Contains(h.Id, allowed));
        Assert.All(hits, h => Assert.Equal(TensorPrimitives.Dot(query, data.Catalog.GetEmbedding(h.Id, Model)), h.Score, 4));
        Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.Id), hits.Select(h => h.Id));
        var exactBest = allowed.Max(id => TensorPrimitives.Dot(query, data.Catalog.GetEmbedding(id, Model)));
        Assert.Equal(exactBest, hits[0].Score, 4);
    }

    [Fact]
    public void MinScoreCutsResults()
    {
        using var data = new CatalogWithVectors();
        data.AddImages(100);
        using var index = CatalogVectorIndex.Open(data.Catalog, Model);
        var query = data.NewVector();
        var all = index.Search(query, 100);
        var cut = all[20].Score;
        var hits = index.Search(query, 100, minScore: cut);
        Assert.Equal(all.TakeWhile(h => h.Score >= cut).Select(h => h.Id), hits.Select(h => h.Id));
    }

    [Fact]
    public void ACatalogWithoutTheModelsEmbeddingsIsAnError()
    {
        using var data = new CatalogWithVectors();
        data.AddImages(3);
        var error = Assert.Throws<InvalidOperationException>(() => CatalogVectorIndex.Open(data.Catalog, "other@1"));
        Assert.Contains("no embeddings of other@1", error.Message);
    }
}
