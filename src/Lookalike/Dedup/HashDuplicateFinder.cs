using Lookalike.Catalog;
using Lookalike.Hashing;

namespace Lookalike.Dedup;

/// <summary>Near-duplicate groups by one perceptual hash: pairs within a Hamming distance, then connected components.</summary>
public static class HashDuplicateFinder
{
    /// <summary>Default thresholds (inclusive), tuned on ../shared/photos: tone edits and consecutive
    /// video frames fall within them, while the closest unrelated photos stay well outside
    /// (pHash: related 0-10, unrelated 16 and up). See docs/hash-thresholds.md.</summary>
    public static int DefaultMaxDistance(HashMethod method) => method switch
    {
        HashMethod.PHash => 10,
        HashMethod.DHash => 8,
        HashMethod.AHash => 3,
        HashMethod.WHash => 4,
        HashMethod.ColorHash => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>Largest distance between a turned/mirrored pHash of one image and the plain pHash of the
    /// other that counts as a rotated or mirrored copy. Stricter than the plain limit: 14 comparisons per
    /// pair (7 turns, both ways) give unrelated images more chances to come close.</summary>
    public const int TurnedPHashMaxDistance = 6;

    public static List<DuplicateGroup> Find(IReadOnlyList<ImageRecord> images, IReadOnlyDictionary<long, ImageHashes> hashes,
        HashMethod method, int maxDistance)
    {
        var indexed = images.Where(i => hashes.ContainsKey(i.Id)).ToList();
        var codes = indexed.Select(i => hashes[i.Id][method]).ToArray();
        return DuplicateGrouper.Build(indexed, HammingPairFinder.FindPairs(codes, maxDistance));
    }
}
