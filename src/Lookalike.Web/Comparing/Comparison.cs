using Lookalike.Dedup;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Fingerprints.Hashes;

namespace Lookalike.Web.Comparing;

/// <summary>Every fingerprint's distance between two images and the verdict, worked out as <c>lookalike compare</c> does.</summary>
public static class Comparison
{
    public sealed record HashScore(string Fingerprint, int Distance, int MaxDistance, bool Match);

    public sealed record EmbeddingScore(string Model, double Cosine, double Match, double Different, string Verdict);

    public sealed record Result(IReadOnlyList<HashScore> Hashes, EmbeddingScore? Embedding, string Verdict, string Explanation);

    public static Result Of(ImageHashes a, ImageHashes b, float? cosine, string? model, SimilarityThresholds thresholds)
    {
        var hashes = Enum.GetValues<HashMethod>()
            .Select(m => (Name: m.ToString(), Distance: ImageHashes.Distance(a[m], b[m]), Max: HashDuplicateFinder.DefaultMaxDistance(m)))
            .Append(("PHash turned/mirrored", ImageHashes.TurnedDistance(a, b), HashDuplicateFinder.TurnedPHashMaxDistance))
            .Select(h => new HashScore(h.Item1, h.Item2, h.Item3, h.Item2 <= h.Item3))
            .ToList();
        var embedding = cosine is { } c
            ? new EmbeddingScore(model!, Math.Round(c, 4), Math.Round(thresholds.Match, 3), Math.Round(thresholds.Different, 3), Similarity.Verdict(c, thresholds).ToString().ToLowerInvariant())
            : null;
        var links = DuplicateCriteria.Combined(hasModel: cosine is not null).Judge(a, b, cosine);
        var (verdict, why) = links.Contains(MatchEvidence.Hash) || links.Contains(MatchEvidence.Embedding)
            ? ("near-duplicate", "The combined rules link them: " + string.Join(" and ", links.Select(Describe)) + ".")
            : links.Contains(MatchEvidence.TurnedPHash)
                ? ("near-duplicate (rotated or mirrored)", "Only the turned/mirrored pHash links them: one is a rotation or mirror of the other.")
                : ("different", "No fingerprint is within the limits 'lookalike dupes' uses, so they would not be grouped.");
        return new Result(hashes, embedding, verdict, why);
    }

    private static string Describe(MatchEvidence evidence) => evidence switch
    {
        MatchEvidence.Hash => "the pHash distance",
        MatchEvidence.TurnedPHash => "the turned pHash",
        _ => "the embedding cosine",
    };
}
