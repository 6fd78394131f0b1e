using Lookalike.Catalog;
using Lookalike.Dedup.Decisions;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Fingerprints.Hashes;

namespace Lookalike.Dedup;

/// <summary>
/// Near-duplicate groups: links from every fingerprint the criteria ask for (each found by an index, never by
/// comparing all pairs), each given a <see cref="DuplicateLevel"/>, minus the pairs the user marked "not duplicates"
/// and the similar links when the criteria do not ask for them, then groups of confirmed links
/// (<see cref="DuplicateGrouper"/>: one weak link cannot merge two groups).
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
        var links = FindLinks(codes, vectors, criteria.Similar ?? criteria)
            .Select(l => l with { Level = LevelOf(l, items, codes, vectors, criteria) })
            .Where(l => l.Level != DuplicateLevel.Similar || criteria.Similar is not null)
            .ToList();
        var kept = decisions is null ? links : new DecisionFilter(decisions, items).Apply(links).ToList();
        return DuplicateGrouper.Build(items, kept);
    }

    private static List<DuplicateLink> FindLinks(List<ImageHashes> codes, List<float[]?> vectors, DuplicateCriteria criteria)
    {
        var links = new List<DuplicateLink>();
        if (criteria.HashMaxDistance is { } hashLimit) links.AddRange(HashDuplicateFinder.FindLinks(codes, criteria.Hash, hashLimit));
        if (criteria.ConfirmMinSimilarity is { } confirm) links.RemoveAll(l => Contradicted(l, vectors, confirm));
        if (criteria.TurnedMaxDistance is { } turnedLimit) links.AddRange(HashDuplicateFinder.FindTurnedLinks(codes, turnedLimit));
        if (criteria.EmbeddingRules.Count > 0)
            links.AddRange(EmbeddingDuplicateFinder.FindLinks(vectors, criteria.EmbeddingRules.Min(r => r.MinSimilarity),
                (a, b, cosine) => criteria.EmbeddingRules.Any(r => r.Accepts(cosine, ImageHashes.Distance(codes[a].PHash, codes[b].PHash)))));
        return links;
    }

    /// <summary>Exact and same-pixels from the files and all their fingerprints; similar for separate shots (EXIF)
    /// and for links only the wider <see cref="DuplicateCriteria.Similar"/> criteria make; else copy.</summary>
    private static DuplicateLevel LevelOf(DuplicateLink link, List<ImageRecord> items, List<ImageHashes> codes, List<float[]?> vectors,
        DuplicateCriteria criteria)
    {
        var (a, b) = (items[link.A], items[link.B]);
        if (a.ContentHash == b.ContentHash) return DuplicateLevel.Exact;
        float? cosine = vectors[link.A] is { } va && vectors[link.B] is { } vb ? Similarity.Cosine(va, vb) : null;
        if (a.Width == b.Width && a.Height == b.Height && codes[link.A] == codes[link.B] && !(cosine < DuplicateLevels.SamePixelsMinSimilarity))
            return DuplicateLevel.SamePixels;
        if (DuplicateLevels.AreSeparateShots(a, b)) return DuplicateLevel.Similar;
        if (criteria.Similar is not null && criteria.Judge(codes[link.A], codes[link.B], cosine).Count == 0) return DuplicateLevel.Similar;
        return DuplicateLevel.Copy;
    }

    /// <summary>Both images have embeddings and they disagree with the hash link.</summary>
    private static bool Contradicted(DuplicateLink link, IReadOnlyList<float[]?> vectors, float minSimilarity) =>
        vectors[link.A] is { } a && vectors[link.B] is { } b && Similarity.Cosine(a, b) < minSimilarity;
}
