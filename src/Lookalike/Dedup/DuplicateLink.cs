namespace Lookalike.Dedup;

/// <summary>
/// Evidence that two images are duplicates: their positions in the list being grouped, the fingerprint that
/// matched and how closely. <see cref="Distance"/> is in that fingerprint's unit: Hamming bits (of 64) for
/// hashes, 1000 x (1 - cosine) for embeddings; smaller is always closer.
/// </summary>
public readonly record struct DuplicateLink(int A, int B, MatchEvidence Evidence, int Distance)
{
    /// <summary>What the link says about the pair (set by <see cref="DuplicateFinder"/>; copy unless shown otherwise).</summary>
    public DuplicateLevel Level { get; init; }

    /// <summary>What the content verifier found for the pair, when it judged it.</summary>
    public Verify.PairEvidence? Content { get; init; }

    /// <summary>An embedding similarity as a link distance (1000 x (1 - cosine), rounded).</summary>
    public static int EmbeddingDistance(float cosine) => (int)Math.Round((1 - cosine) * 1000);
}

/// <summary>Which fingerprint linked two images.</summary>
public enum MatchEvidence
{
    /// <summary>A perceptual hash (the one asked for; pHash in the default mode) within its distance.</summary>
    Hash,
    /// <summary>One image's rotated or mirrored pHash close to the other's plain pHash.</summary>
    TurnedPHash,
    /// <summary>Embedding cosine at or above the limit.</summary>
    Embedding,
}
