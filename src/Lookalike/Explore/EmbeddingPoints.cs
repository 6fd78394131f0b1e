using Lookalike.Catalog;

namespace Lookalike.Explore;

/// <summary>A catalog's embeddings of one model as rows of one matrix (unit vectors, row-major), with each
/// row's image id and path: what clustering, projection and the similarity matrix work on.</summary>
public sealed class EmbeddingPoints
{
    public EmbeddingPoints(IReadOnlyList<long> ids, IReadOnlyList<string> paths, float[] vectors, int dimension)
    {
        if (ids.Count != paths.Count || vectors.Length != ids.Count * dimension) throw new ArgumentException("Ids, paths and vectors differ in count.");
        Ids = ids;
        Paths = paths;
        Vectors = vectors;
        Dimension = dimension;
    }

    public IReadOnlyList<long> Ids { get; }
    public IReadOnlyList<string> Paths { get; }
    public float[] Vectors { get; }
    public int Dimension { get; }
    public int Count => Ids.Count;

    public ReadOnlySpan<float> Row(int i) => Vectors.AsSpan(i * Dimension, Dimension);

    /// <summary>Every image of the catalog (below <paramref name="roots"/> when given) with an embedding of
    /// <paramref name="model"/>, in path order.</summary>
    public static EmbeddingPoints FromCatalog(ImageCatalog catalog, string model, IReadOnlyList<string>? roots = null)
    {
        var vectors = catalog.GetEmbeddings(model);
        var images = catalog.GetImages(roots).Where(i => vectors.ContainsKey(i.Id)).OrderBy(i => i.Path, StringComparer.Ordinal).ToList();
        return Of(images.Select(i => (i.Id, i.Path, vectors[i.Id])).ToList());
    }

    /// <summary>The given images, in the given order.</summary>
    public static EmbeddingPoints Of(IReadOnlyList<(long Id, string Path, float[] Vector)> rows)
    {
        var dimension = rows.Count == 0 ? 0 : rows[0].Vector.Length;
        var matrix = new float[rows.Count * dimension];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Vector.Length != dimension) throw new ArgumentException($"{rows[i].Path}: {rows[i].Vector.Length} dimensions, others have {dimension}.");
            rows[i].Vector.CopyTo(matrix, i * dimension);
        }
        return new EmbeddingPoints(rows.Select(r => r.Id).ToList(), rows.Select(r => r.Path).ToList(), matrix, dimension);
    }
}
