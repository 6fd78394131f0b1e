using Lookalike.Fingerprints.Hashes;
using Lookalike.Vectors;

namespace Lookalike.Dedup;

/// <summary>Links between images whose perceptual hashes are close: all pairs within a Hamming distance by
/// multi-index hashing (<see cref="HammingPairFinder"/>), never all pairs in a loop.</summary>
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

    /// <summary>Pairs of positions whose <paramref name="method"/> hashes are at most <paramref name="maxDistance"/> apart.</summary>
    public static IEnumerable<DuplicateLink> FindLinks(IReadOnlyList<ImageHashes> hashes, HashMethod method, int maxDistance) =>
        HammingPairFinder.FindPairs(hashes.Select(h => h[method]).ToArray(), maxDistance)
            .Select(p => new DuplicateLink(p.A, p.B, MatchEvidence.Hash, p.Distance));

    /// <summary>Pairs of positions where one image's rotated or mirrored pHash is within <paramref name="maxDistance"/>
    /// of the other's plain pHash, and their plain pHashes are not (those are ordinary hash links). Each pair once, A &lt; B,
    /// with the smallest distance over the turns.</summary>
    public static IEnumerable<DuplicateLink> FindTurnedLinks(IReadOnlyList<ImageHashes> hashes, int maxDistance)
    {
        var turns = TurnedPHashes.Transforms.Length;
        var queries = new ulong[hashes.Count * turns];
        for (int i = 0; i < hashes.Count; i++) hashes[i].TurnedPHash.ToArray().CopyTo(queries, i * turns);
        var targets = hashes.Select(h => h.PHash).ToArray();
        var closest = new Dictionary<(int, int), int>();
        foreach (var (query, target, distance) in HammingPairFinder.FindMatches(queries, targets, maxDistance))
        {
            var source = query / turns;
            if (source == target || ImageHashes.Distance(targets[source], targets[target]) <= maxDistance) continue;
            var key = (Math.Min(source, target), Math.Max(source, target));
            closest[key] = Math.Min(distance, closest.GetValueOrDefault(key, int.MaxValue));
        }
        return closest.Select(c => new DuplicateLink(c.Key.Item1, c.Key.Item2, MatchEvidence.TurnedPHash, c.Value));
    }
}
