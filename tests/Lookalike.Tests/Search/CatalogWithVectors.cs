using Lookalike.Catalog;
using Lookalike.Fingerprints.Hashes;
using Lookalike.Testing;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Search;

/// <summary>A real catalog file whose images are records with given embeddings (no image files: the
/// index and tag code only reads the catalog).</summary>
internal sealed class CatalogWithVectors : IDisposable
{
    public const string Model = "test-model@1";

    private readonly TempFolder _folder = new();
    private readonly ClusteredVectors _generator;

    public CatalogWithVectors(int dimension = 16, int seed = 3)
    {
        Dimension = dimension;
        _generator = new ClusteredVectors(dimension, clusters: 8, seed);
        Catalog = ImageCatalog.Open(_folder[".lookalike/catalog.db"]);
    }

    public int Dimension { get; }
    public ImageCatalog Catalog { get; }
    public string Root => _folder.Root;
    public string IndexFolder => _folder[".lookalike/indexes"];

    /// <summary>Adds <paramref name="count"/> images with clustered unit vectors; returns their ids.</summary>
    public long[] AddImages(int count, string prefix = "img")
    {
        var vectors = _generator.Next(count);
        using var transaction = Catalog.BeginTransaction();
        var ids = Enumerable.Range(0, count)
            .Select(i => Put($"{prefix}{Guid.NewGuid():N}.jpg", vectors.AsSpan(i * Dimension, Dimension))).ToArray();
        transaction.Commit();
        return ids;
    }

    public long Put(string relativePath, ReadOnlySpan<float> vector)
    {
        var id = Catalog.PutImage(new ImageRecord(0, _folder[relativePath], 1, DateTime.UnixEpoch, Guid.NewGuid().ToString("N"), 1, 1, "jpeg", null, null),
            default(ImageHashes));
        Catalog.PutEmbedding(id, Model, vector);
        return id;
    }

    /// <summary>A fresh unit vector from the same clusters.</summary>
    public float[] NewVector() => _generator.Next(1);

    public void Dispose()
    {
        Catalog.Dispose();
        _folder.Dispose();
    }
}
