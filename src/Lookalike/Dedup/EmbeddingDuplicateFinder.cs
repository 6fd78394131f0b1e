using Lookalike.Vectors;

namespace Lookalike.Dedup;

/// <summary>Links between images whose embeddings are close: all pairs at or above a cosine by a similarity
/// self-join (every pair scored for small collections, cells of nearby vectors at scale: never all pairs in a loop).</summary>
public static class EmbeddingDuplicateFinder
{
    /// <param name="vectors">One L2-normalised embedding per position, null where an image has none.</param>
    /// <param name="accept">Further test of a pair (positions and exact cosine) before it becomes a link.</param>
    public static IEnumerable<DuplicateLink> FindLinks(IReadOnlyList<float[]?> vectors, float minSimilarity, Func<int, int, float, bool>? accept = null)
    {
        var positions = Enumerable.Range(0, vectors.Count).Where(i => vectors[i] is not null).ToArray();
        if (positions.Length < 2) return [];
        var dimension = vectors[positions[0]]!.Length;
        var flat = new float[positions.Length * dimension];
        for (int i = 0; i < positions.Length; i++) vectors[positions[i]]!.CopyTo(flat, i * dimension);
        // The join reports rows of `flat`; map them back to positions.
        return SimilarityJoin.FindPairs(flat, dimension, minSimilarity)
            .Select(p => (A: positions[p.A], B: positions[p.B], p.Score))
            .Where(p => accept is null || accept(p.A, p.B, p.Score))
            .Select(p => new DuplicateLink(p.A, p.B, MatchEvidence.Embedding, DuplicateLink.EmbeddingDistance(p.Score)))
            .ToList();
    }
}
