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
        var pairs = index.FindSimilarPairs(minSimilarity);
        var groups = DuplicateGrouper.Group(indexed.Count, pairs.Select(p => ((int)p.A, (int)p.B)));
        var groupOf = new Dictionary<int, int>();
        for (int g = 0; g < groups.Count; g++) foreach (var member in groups[g]) groupOf[member] = g;
        var range = new (float Min, float Max)[groups.Count];
        Array.Fill(range, (float.MaxValue, float.MinValue));
        foreach (var pair in pairs)
        {
            var g = groupOf[(int)pair.A];
            range[g] = (Math.Min(range[g].Min, pair.Score), Math.Max(range[g].Max, pair.Score));
        }
        // Distances for the report: 1 - cosine in thousandths, so smaller still means closer.
        return groups.Select((members, g) => new DuplicateGroup(members.Select(m => indexed[m]).ToList(),
            (int)Math.Round((1 - range[g].Max) * 1000), (int)Math.Round((1 - range[g].Min) * 1000))).ToList();
    }
}
