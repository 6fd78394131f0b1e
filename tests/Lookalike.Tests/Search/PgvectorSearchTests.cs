using Lookalike.Catalog;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Search;
using Lookalike.Testing;
using Lookalike.Testing.Postgres;
using Lookalike.Vectors;
using Lookalike.Tests.Support;
using Xunit.Abstractions;

namespace Lookalike.Tests.Search;

/// <summary>Search inside a PostgreSQL catalog with pgvector (PGlite over the wire protocol), against the in-process exact
/// index on the same vectors; and its absence on a server without pgvector.</summary>
public sealed class PgvectorSearchTests(ITestOutputHelper output) : IDisposable
{
    private const string Model = "synthetic@1";
    private const int Images = 1500, Dimension = 64, Queries = 50, K = 10;
    private readonly TempFolder _state = new();

    public void Dispose() => _state.Dispose();

    [SkippableFact]
    public void FindsWhatTheExactIndexFindsWithFiltersInTheQueryAndFollowsChanges()
    {
        Skip.If(PgliteServer.Unavailable is not null, PgliteServer.Unavailable);
        using var catalog = ImageCatalog.Open(PgliteServer.Shared.Url, _state.Root);
        var vectors = new ClusteredVectors(Dimension, 40, seed: 14).Next(Images + Queries);
        var ids = new long[Images];
        var random = new Random(14);
        using (var transaction = catalog.BeginTransaction())
        {
            var tags = new ImageTags(catalog);
            for (var i = 0; i < Images; i++)
            {
                var folder = i % 3 == 0 ? "/photos/a" : "/photos/b";
                ids[i] = catalog.PutImage(new ImageRecord(0, $"{folder}/{i:0000}.jpg", 1, DateTime.UnixEpoch, $"h{i}", 1, 1, "jpeg", null, null),
                    new ImageHashes(0, 0, (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), 0, 0, default));
                catalog.PutEmbedding(ids[i], Model, vectors.AsSpan(i * Dimension, Dimension));
                if (i % 2 == 0) tags.Add(ids[i], "even");
            }
            transaction.Commit();
        }
        var search = PgvectorSearch.For(catalog) ?? throw new InvalidOperationException("PGlite should have pgvector");
        Assert.Equal(Images, search.Refresh(Model));
        Assert.Equal(0, search.Refresh(Model)); // current: nothing to copy

        // The exact index over the very vectors the catalog holds (float16, as stored).
        var stored = catalog.GetEmbeddings(Model);
        var exact = new FlatIndex(Dimension);
        foreach (var (id, vector) in stored) exact.Add([id], vector);
        var images = catalog.GetImages().ToDictionary(i => i.Id);
        var even = new ImageTags(catalog).IdsWithTag("even");
        bool Filter(long id) => even.Contains(id) && images[id].Path.StartsWith("/photos/a/", StringComparison.Ordinal);

        List<SearchHit[]> found = [], foundFiltered = [];
        List<long[]> truth = [], truthFiltered = [];
        for (var q = 0; q < Queries; q++)
        {
            var query = vectors.AsSpan((Images + q) * Dimension, Dimension);
            found.Add(search.Nearest(Model, query, K, efSearch: 40));
            truth.Add([.. exact.Search(query, K).Select(h => h.Id)]);
            foundFiltered.Add(search.Nearest(Model, query, K, roots: ["/photos/a"], tags: ["even"], efSearch: 40));
            truthFiltered.Add([.. exact.Search(query, K, Filter).Select(h => h.Id)]);
        }
        var recall = Recall.AtK(found, truth, K);
        var recallFiltered = Recall.AtK(foundFiltered, truthFiltered, K);
        output.WriteLine($"pgvector HNSW (halfvec, cosine, ef_search 40) on PGlite vs the exact in-process index, {Images} synthetic {Dimension}-d vectors " +
                         $"(ClusteredVectors seed 14), {Queries} held-out queries: recall@{K} {recall:0.000}; with folder+tag filter (1 in 6 pass) {recallFiltered:0.000}");
        Assert.True(recall >= 0.9, $"recall@{K} {recall:0.000}");
        Assert.True(recallFiltered >= 0.9, $"filtered recall@{K} {recallFiltered:0.000}");
        Assert.All(foundFiltered.SelectMany(h => h), hit => Assert.True(Filter(hit.Id)));
        Assert.Equal(K, foundFiltered[0].Length);
        var first = found[0][0];
        Assert.Equal(exact.Search(vectors.AsSpan(Images * Dimension, Dimension), 1)[0].Score, first.Score, 2);

        // ImageSearch (what `search` runs) answers through pgvector with the folder and tag filter pushed into the
        // query, leaves the cataloged query image out, and agrees with the in-process index it would otherwise use.
        using (var index = CatalogVectorIndex.Open(catalog, Model, "Flat"))
        {
            var inDatabase = new ImageSearch(catalog, index, search);
            var inProcess = new ImageSearch(catalog, index);
            var filter = new ImageFilter(["even"], "/photos/a", []);
            var self = new SearchQuery("/photos/a/0000.jpg", stored[ids[0]], ids[0]);
            var viaDatabase = inDatabase.Search(self, K, filter);
            var viaProcess = inProcess.Search(self, K, filter);
            Assert.Equal(K, viaDatabase.Count);
            Assert.DoesNotContain(viaDatabase, r => r.Image.Id == ids[0]);
            Assert.All(viaDatabase, r => Assert.True(Filter(r.Image.Id)));
            Assert.True(viaDatabase.Select(r => r.Image.Id).Intersect(viaProcess.Select(r => r.Image.Id)).Count() >= K - 1,
                "pgvector and the in-process index disagree on more than one of the top 10");
        }

        // pHashes by Hamming distance: an image's own hash is at 0, and distances are the bit counts.
        var hashes = catalog.GetHashes();
        var probe = hashes[ids[7]].PHash;
        var nearest = search.NearestByPHash(probe, 5);
        Assert.Equal((ids[7], 0), nearest[0]);
        Assert.All(nearest, n => Assert.Equal(ImageHashes.Distance(probe, hashes[n.Id].PHash), n.Distance));
        Assert.Equal(hashes.Values.Select(h => ImageHashes.Distance(probe, h.PHash)).Order().Take(5), nearest.Select(n => n.Distance));

        // Incremental: a changed vector and a removed image are seen after one refresh.
        var target = found[0][0].Id;
        catalog.PutEmbedding(ids[1], Model, vectors.AsSpan(Images * Dimension, Dimension));
        catalog.RemoveImage(target);
        Assert.Equal(1, search.Refresh(Model));
        var after = search.Nearest(Model, vectors.AsSpan(Images * Dimension, Dimension), 1);
        Assert.Equal(ids[1], after[0].Id);
    }

    [SkippableFact]
    public void AServerWithoutPgvectorLeavesSearchToTheInProcessIndex()
    {
        Skip.If(PostgresServer.Unavailable is not null, PostgresServer.Unavailable);
        using var catalog = ImageCatalog.Open(PostgresServer.Shared.CreateDatabase("novector"), _state.Root);
        Assert.Null(PgvectorSearch.For(catalog)); // Debian's server has no pgvector package
        using var sqlite = ImageCatalog.Open(_state["catalog.db"]);
        Assert.Null(PgvectorSearch.For(sqlite));
    }
}
