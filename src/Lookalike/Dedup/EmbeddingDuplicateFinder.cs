using Lookalike.Catalog;
using Lookalike.Indexing;

namespace Lookalike.Dedup;

/// <summary>Near-duplicate groups by embedding: all pairs at or above a cosine by a similarity self-join
/// (exact for small collections, cells of nearby vectors at scale: never all pairs in a loop), then
/// connected components.</summary>
public static class EmbeddingDuplicateFinder
{
    public static List<DuplicateGroup> Find(IReadOnlyList<ImageRecord> images, IReadOnlyDictionary<long, float[]> embeddings, float minSimilarity)
    {
        var indexed = images.Where(i => embeddings.ContainsKey(i.Id)).ToList();
        if (indexed.Count < 2) return [];
        var dimension = embeddings[indexed[0].Id].Length;
        var vectors = new float[indexed.Count * dimension];
        for (int i = 0; i < indexed.Count; i++) embeddings[indexed[i].Id].CopyTo(vectors, i * dimension);
        // Pairs come back as positions in `indexed`. Distances for the report: 1 - cosine in thousandths,
        // so smaller still means closer.
        var pairs = SimilarityJoin.FindPairs(vectors, dimension, minSimilarity)
            .Select(p => (p.A, p.B, (int)Math.Round((1 - p.Score) * 1000))).ToList();
        return DuplicateGrouper.Build(indexed, pairs);
    }
}
