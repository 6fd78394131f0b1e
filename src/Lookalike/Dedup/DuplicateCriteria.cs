using Lookalike.Fingerprints.Hashes;

namespace Lookalike.Dedup;

/// <summary>
/// What links two images as duplicates: a close hash, a close rotated/mirrored pHash, or a close embedding (under
/// one of the <see cref="EmbeddingRules"/>); a limit left null turns that kind of link off. <see cref="Combined"/>
/// is what <c>lookalike dupes</c> uses when no method is named. Calibration: docs/dedup-evaluation.md.
/// </summary>
public sealed record DuplicateCriteria
{
    /// <summary>The hash compared for <see cref="MatchEvidence.Hash"/> links.</summary>
    public HashMethod Hash { get; init; } = HashMethod.PHash;

    /// <summary>Largest Hamming distance of a hash link; null: no hash links.</summary>
    public int? HashMaxDistance { get; init; }

    /// <summary>When both images of a hash link have embeddings, the link also needs this cosine: a hash radius wide
    /// enough for edited copies lets unrelated pictures collide at scale, and the embedding tells them apart. (Turned
    /// links are not confirmed: the embedding of a turned picture is not the embedding of the picture.)</summary>
    public float? ConfirmMinSimilarity { get; init; }

    /// <summary>Largest distance between one image's turned/mirrored pHash and the other's pHash; null: no turned links.</summary>
    public int? TurnedMaxDistance { get; init; }

    /// <summary>Embedding links: a pair passing any rule is linked; empty: no embedding links.</summary>
    public IReadOnlyList<EmbeddingRule> EmbeddingRules { get; init; } = [];

    /// <summary>When set (<c>--similar</c>), these wider criteria link too, and a link that only they make is of level
    /// <see cref="DuplicateLevel.Similar"/>; when null, similar links (including bursts told by EXIF) are not grouped.
    /// They must be at least as wide as the criteria themselves.</summary>
    public DuplicateCriteria? Similar { get; init; }

    /// <summary>With a content verifier (<c>--verify content</c>), the wider criteria whose links are candidates: the
    /// verifier, not these limits, says which are copies, which similar and which no link. Null: the criteria's own links.</summary>
    public DuplicateCriteria? Candidates { get; init; }

    /// <summary>Whether the criteria need embeddings at all.</summary>
    public bool UsesEmbeddings => EmbeddingRules.Count > 0 || ConfirmMinSimilarity is not null || Similar?.UsesEmbeddings == true
                                  || Candidates?.UsesEmbeddings == true;

    /// <summary>The links these criteria make between two images, as <see cref="DuplicateFinder"/> would (it finds the
    /// same links with indexes instead of pair by pair); empty when they are not duplicates.</summary>
    /// <param name="cosine">Their embedding cosine, or null when either has no embedding.</param>
    public IReadOnlyList<MatchEvidence> Judge(ImageHashes a, ImageHashes b, float? cosine)
    {
        var links = new List<MatchEvidence>();
        if (ImageHashes.Distance(a[Hash], b[Hash]) <= HashMaxDistance && !(cosine < ConfirmMinSimilarity)) links.Add(MatchEvidence.Hash);
        var phash = ImageHashes.Distance(a.PHash, b.PHash);
        if (phash > TurnedMaxDistance && ImageHashes.TurnedDistance(a, b) <= TurnedMaxDistance) links.Add(MatchEvidence.TurnedPHash);
        if (cosine is { } c && EmbeddingRules.Any(rule => rule.Accepts(c, phash))) links.Add(MatchEvidence.Embedding);
        return links;
    }

    /// <summary>Why <see cref="Judge"/> links the two images or not, one sentence per kind of link these criteria make,
    /// naming the numbers and limits; what <c>lookalike compare</c> prints when fingerprints disagree.</summary>
    public IReadOnlyList<string> Explain(ImageHashes a, ImageHashes b, float? cosine)
    {
        var lines = new List<string>();
        var name = Hash.ToString().ToLowerInvariant();
        var phash = ImageHashes.Distance(a.PHash, b.PHash);
        var cos = cosine is { } c ? c.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : null;
        if (HashMaxDistance is { } limit)
        {
            var distance = ImageHashes.Distance(a[Hash], b[Hash]);
            lines.Add(distance > limit ? $"{name} {distance} bits > {limit}: the hash does not link them"
                : cosine < ConfirmMinSimilarity ? $"{name} {distance} bits <= {limit}, but cosine {cos} < {ConfirmMinSimilarity:0.###} vetoes it: the layout matches, the content does not"
                : $"{name} {distance} bits <= {limit}" + (cos is null || ConfirmMinSimilarity is null ? "" : $" and cosine {cos} >= {ConfirmMinSimilarity:0.###}")
                    + ": linked as a copy (resized, re-encoded, tone-edited, framed)");
        }
        if (TurnedMaxDistance is { } turned)
        {
            var distance = ImageHashes.TurnedDistance(a, b);
            lines.Add(phash <= turned ? $"turned pHash: not needed (plain pHash {phash} bits)"
                : distance <= turned ? $"turned pHash {distance} bits <= {turned}: linked as a rotated or mirrored copy"
                : $"turned pHash {distance} bits > {turned}: not a rotated or mirrored copy");
        }
        if (EmbeddingRules.Count > 0)
        {
            if (cosine is not { } value) lines.Add("embedding: one of the images has none");
            else if (EmbeddingRules.FirstOrDefault(r => r.Accepts(value, phash)) is { } rule)
                lines.Add($"cosine {cos} >= {rule.MinSimilarity:0.###}" + (rule.MaxPHashDistance is { } g ? $" with pHash {phash} <= {g}" : "") + ": linked as a copy (crops, overlays)");
            else if (EmbeddingRules.Any(r => value >= r.MinSimilarity))
                lines.Add($"cosine {cos} is high, but pHash {phash} bits is beyond every embedding rule's limit ("
                    + string.Join(", ", EmbeddingRules.Select(r => $"{r.MinSimilarity:0.###} needs <= {r.MaxPHashDistance}")) + "): unrelated photos reach such cosines, so the embedding alone does not decide");
            else lines.Add($"cosine {cos} < {EmbeddingRules.Min(r => r.MinSimilarity):0.###}: the embedding does not link them");
        }
        return lines;
    }

    /// <summary>Candidate limits for the verifier (tuning set: docs/dedup-evaluation.md, "Verifier").</summary>
    public const int CandidateMaxPHashDistance = 16, CandidateTurnedMaxDistance = 10;

    /// <summary>Candidate embedding cosine for the verifier, with no pHash limit.</summary>
    public const float CandidateMinSimilarity = 0.97f;

    public static DuplicateCriteria HashOnly(HashMethod method, int maxDistance) => new() { Hash = method, HashMaxDistance = maxDistance };

    /// <summary>The default limit of <c>--method embedding</c> with the built-in model: above the closest unrelated
    /// photos of the tuning set (cosine 0.989), so that a single link means a copy; groups are of confirmed links.</summary>
    public const float EmbeddingOnlyMinSimilarity = 0.994f;

    public static DuplicateCriteria EmbeddingOnly(float minSimilarity) => new() { EmbeddingRules = [new EmbeddingRule(minSimilarity)] };

    /// <summary>
    /// The default, calibrated for the built-in model on the dedup evaluation set (docs/dedup-evaluation.md):
    /// pHash for resized, re-encoded, tone-edited, blurred, greyscale, watermarked and bordered copies (confirmed by the
    /// embedding); turned pHashes for rotated and mirrored ones; the embedding, with the pHash partly agreeing, for
    /// crops. Unrelated photos reached cosine 0.989 with this model, so an embedding link needs 0.992 and a pHash within
    /// 18 bits, or 0.995 and 26 bits (light crops move the pHash 14-24 bits). <paramref name="similar"/> also groups
    /// what is merely alike (bursts, the same scene): a wider pHash and an embedding rule up to 26 bits at 0.99.
    /// Without a model (<paramref name="hasModel"/> false) only the hashes link.
    /// </summary>
    public static DuplicateCriteria Combined(bool hasModel, bool similar = false)
    {
        var copies = new DuplicateCriteria
        {
            HashMaxDistance = HashDuplicateFinder.DefaultMaxDistance(HashMethod.PHash),
            ConfirmMinSimilarity = hasModel ? 0.95f : null,
            TurnedMaxDistance = HashDuplicateFinder.TurnedPHashMaxDistance,
            EmbeddingRules = hasModel ? [new EmbeddingRule(0.992f, 18), new EmbeddingRule(0.995f, 26)] : [],
        };
        var similarCriteria = copies with
        {
            HashMaxDistance = 12,
            ConfirmMinSimilarity = hasModel ? 0.9f : null,
            EmbeddingRules = hasModel ? [.. copies.EmbeddingRules, new EmbeddingRule(0.99f, 26)] : [],
        };
        // Candidates for the verifier: wide enough for off-centre crops and small rotations (which move the pHash 20+
        // bits and the cosine down to CandidateMinSimilarity), still found by the same indexes.
        copies = copies with
        {
            Candidates = similarCriteria with
            {
                HashMaxDistance = CandidateMaxPHashDistance,
                ConfirmMinSimilarity = hasModel ? 0.8f : null,
                TurnedMaxDistance = CandidateTurnedMaxDistance,
                EmbeddingRules = hasModel ? [.. similarCriteria.EmbeddingRules, new EmbeddingRule(CandidateMinSimilarity)] : [],
            },
        };
        return !similar ? copies : copies with { Similar = similarCriteria };
    }
}

/// <summary>An embedding link: cosine at least <see cref="MinSimilarity"/>, and pHashes at most
/// <see cref="MaxPHashDistance"/> apart when that is set (unrelated pictures can share an embedding neighbourhood,
/// rarely that and a pHash too).</summary>
public sealed record EmbeddingRule(float MinSimilarity, int? MaxPHashDistance = null)
{
    public bool Accepts(float cosine, int phashDistance) => cosine >= MinSimilarity && !(phashDistance > MaxPHashDistance);
}
