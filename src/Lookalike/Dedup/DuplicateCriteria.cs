using Lookalike.Embedding;
using Lookalike.Hashing;

namespace Lookalike.Dedup;

/// <summary>
/// What links two images as duplicates: any of a close hash, a close rotated/mirrored pHash, or a close embedding;
/// a limit left null turns that kind of link off. <see cref="Combined"/> is what <c>lookalike dupes</c> uses when
/// no method is named. Calibration: docs/dedup-evaluation.md.
/// </summary>
public sealed record DuplicateCriteria
{
    /// <summary>The hash compared for <see cref="MatchEvidence.Hash"/> links.</summary>
    public HashMethod Hash { get; init; } = HashMethod.PHash;

    /// <summary>Largest Hamming distance of a hash link; null: no hash links.</summary>
    public int? HashMaxDistance { get; init; }

    /// <summary>Largest distance between one image's turned/mirrored pHash and the other's pHash; null: no turned links.</summary>
    public int? TurnedMaxDistance { get; init; }

    /// <summary>Lowest embedding cosine of an embedding link; null: no embedding links.</summary>
    public float? EmbeddingMinSimilarity { get; init; }

    /// <summary>Embedding links also need pHashes at most this far apart: unrelated pictures can share an embedding
    /// neighbourhood (same subject, texture or layout) but rarely that and a pHash too, while light crops and
    /// borders keep the pHash within reach. Null: the embedding alone decides.</summary>
    public int? EmbeddingMaxHashDistance { get; init; }

    /// <summary>When both images of a hash link have embeddings, the link also needs this cosine: a hash radius wide
    /// enough for edited copies lets unrelated pictures collide at scale, and the embedding tells them apart. (Turned
    /// links are not confirmed: the embedding of a turned picture is not the embedding of the picture.)</summary>
    public float? ConfirmMinSimilarity { get; init; }

    /// <summary>Whether the criteria need embeddings at all.</summary>
    public bool UsesEmbeddings => EmbeddingMinSimilarity is not null || ConfirmMinSimilarity is not null;

    /// <summary>The links these criteria make between two images, as <see cref="DuplicateFinder"/> would (it finds the
    /// same links with indexes instead of pair by pair); empty when they are not duplicates.</summary>
    /// <param name="cosine">Their embedding cosine, or null when either has no embedding.</param>
    public IReadOnlyList<MatchEvidence> Judge(ImageHashes a, ImageHashes b, float? cosine)
    {
        var links = new List<MatchEvidence>();
        var distance = ImageHashes.Distance(a[Hash], b[Hash]);
        if (distance <= HashMaxDistance && !(cosine < ConfirmMinSimilarity)) links.Add(MatchEvidence.Hash);
        var phash = ImageHashes.Distance(a.PHash, b.PHash);
        if (phash > TurnedMaxDistance && ImageHashes.TurnedDistance(a, b) <= TurnedMaxDistance) links.Add(MatchEvidence.TurnedPHash);
        if (cosine >= EmbeddingMinSimilarity && !(phash > EmbeddingMaxHashDistance)) links.Add(MatchEvidence.Embedding);
        return links;
    }

    public static DuplicateCriteria HashOnly(HashMethod method, int maxDistance) => new() { Hash = method, HashMaxDistance = maxDistance };

    public static DuplicateCriteria EmbeddingOnly(float minSimilarity) => new() { EmbeddingMinSimilarity = minSimilarity };

    /// <summary>
    /// The default: pHash for resized, re-encoded, tone-edited, blurred and greyscale copies; turned pHashes for
    /// rotated and mirrored ones; the embedding (when a model is on) for crops, borders and overlays, and to confirm
    /// hash links. <paramref name="similar"/> loosens every limit to also group bursts and shots of one scene.
    /// </summary>
    public static DuplicateCriteria Combined(SimilarityThresholds? model, bool similar = false) => similar
        ? new()
        {
            HashMaxDistance = 14,
            TurnedMaxDistance = HashDuplicateFinder.TurnedPHashMaxDistance,
            EmbeddingMinSimilarity = model?.Different,
        }
        : new()
        {
            HashMaxDistance = HashDuplicateFinder.DefaultMaxDistance(HashMethod.PHash),
            TurnedMaxDistance = HashDuplicateFinder.TurnedPHashMaxDistance,
            EmbeddingMinSimilarity = model?.Match,
            ConfirmMinSimilarity = model?.Different,
        };
}
