using Lookalike.Catalog;
using Lookalike.Dedup.Decisions;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Fingerprints.Hashes;

namespace Lookalike.Dedup;

/// <summary>
/// Near-duplicate groups: links from every fingerprint the criteria ask for (each found by an index, never by
/// comparing all pairs), minus the pairs the user marked "not duplicates", then connected components.
/// </summary>
public static class DuplicateFinder
{
    /// <param name="embeddings">Embeddings by image id (one model), or null when none are available; images without
    /// one are linked by their hashes alone.</param>
    public static List<DuplicateGroup> Find(IReadOnlyList<ImageRecord> images, IReadOnlyDictionary<long, ImageHashes> hashes,
        IReadOnlyDictionary<long, float[]>? embeddings, DuplicateCriteria criteria, DecisionSet? decisions = null)
    {
        var items = images.Where(i => hashes.ContainsKey(i.Id)).ToList();
        var codes = items.Select(i => hashes[i.Id]).ToList();
        var vectors = items.Select(i => embeddings?.GetValueOrDefault(i.Id)).ToList();
        var links = new List<DuplicateLink>();
        if (criteria.HashMaxDistance is { } hashLimit) links.AddRange(HashDuplicateFinder.FindLinks(codes, criteria.Hash, hashLimit));
        if (criteria.ConfirmMinSimilarity is { } confirm) links.RemoveAll(l => Contradicted(l, vectors, confirm));
        if (criteria.TurnedMaxDistance is { } turnedLimit) links.AddRange(HashDuplicateFinder.FindTurnedLinks(codes, turnedLimit));
        if (criteria.EmbeddingRules.Count > 0)
            links.AddRange(EmbeddingDuplicateFinder.FindLinks(vectors, criteria.EmbeddingRules.Min(r => r.MinSimilarity),
                (a, b, cosine) => criteria.EmbeddingRules.Any(r => r.Accepts(cosine, ImageHashes.Distance(codes[a].PHash, codes[b].PHash)))));
        var kept = decisions is null ? links : new DecisionFilter(decisions, items).Apply(links).ToList();
        return DuplicateGrouper.Build(items, kept);
    }

    /// <summary>Both images have embeddings and they disagree with the hash link.</summary>
    private static bool Contradicted(DuplicateLink link, IReadOnlyList<float[]?> vectors, float minSimilarity) =>
        vectors[link.A] is { } a && vectors[link.B] is { } b && Similarity.Cosine(a, b) < minSimilarity;
}
