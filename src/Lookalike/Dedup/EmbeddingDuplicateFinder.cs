using Lookalike.Indexing;

namespace Lookalike.Dedup;

/// <summary>Links between images whose embeddings are close: all pairs at or above a cosine by range search on
/// an index chosen by collection size, never all pairs in a loop.</summary>
public static class EmbeddingDuplicateFinder
{
    /// <param name="vectors">One L2-normalised embedding per position, null where an image has none.</param>
    public static IEnumerable<DuplicateLink> FindLinks(IReadOnlyList<float[]?> vectors, float minSimilarity)
    {
        var positions = Enumerable.Range(0, vectors.Count).Where(i => vectors[i] is not null).ToArray();
        if (positions.Length < 2) return [];
        var dimension = vectors[positions[0]]!.Length;
        using var index = IndexFactory.Create(IndexFactory.Choose(positions.Length, dimension), dimension);
        var flat = new float[positions.Length * dimension];
        for (int i = 0; i < positions.Length; i++) vectors[positions[i]]!.CopyTo(flat, i * dimension);
        index.Add(positions.Select(p => (long)p).ToArray(), flat);
        return index.FindSimilarPairs(minSimilarity)
            .Select(p => new DuplicateLink((int)p.A, (int)p.B, MatchEvidence.Embedding, DuplicateLink.EmbeddingDistance(p.Score)))
            .ToList();
    }
}
