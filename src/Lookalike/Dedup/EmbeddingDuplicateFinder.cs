using Lookalike.Catalog;
using Lookalike.Indexing;

namespace Lookalike.Dedup;

/// <summary>Near-duplicate groups by embedding: all pairs at or above a cosine (range search on an index
/// chosen by collection size, never all pairs in a loop), then connected components.</summary>
public static class EmbeddingDuplicateFinder
{
    public static List<DuplicateGroup> Find(IReadOnlyList<ImageRecord> images, IReadOnlyDictionary<long, float[]> embeddings, float minSimilarity)
    {
        var indexed = images.Where(i => embeddings.ContainsKey(i.Id)).ToList();
        if (indexed.Count < 2) return [];
        var dimension = embeddings[indexed[0].Id].Length;
        using var index = IndexFactory.Create(IndexFactory.Choose(indexed.Count, dimension), dimension);
        var vectors = new float[indexed.Count * dimension];
        for (int i = 0; i < indexed.Count; i++) embeddings[indexed[i].Id].CopyTo(vectors, i * dimension);
        // The index is keyed by position in `indexed`, so pairs come back as positions.
        index.Add(Enumerable.Range(0, indexed.Count).Select(i => (long)i).ToArray(), vectors);
        // Distances for the report: 1 - cosine in thousandths, so smaller still means closer.
        var pairs = index.FindSimilarPairs(minSimilarity).Select(p => ((int)p.A, (int)p.B, (int)Math.Round((1 - p.Score) * 1000))).ToList();
        return DuplicateGrouper.Build(indexed, pairs);
    }
}
