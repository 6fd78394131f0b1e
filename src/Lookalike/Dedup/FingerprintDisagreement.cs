namespace Lookalike.Dedup;

/// <summary>
/// What <c>lookalike compare</c> says when its single fingerprints disagree (an embedding "match" beside a hash "no"):
/// which say what, and why the verdict is none of them alone. Each fingerprint is read at its own limit (a hash at its
/// <c>--method</c> default, the embedding at the model's search limit), each blind to some edits: a mirror, a turn or a
/// crop moves every hash while the embedding keeps the subject, and unrelated photos of one kind reach high cosines.
/// </summary>
public static class FingerprintDisagreement
{
    /// <param name="says">Each fingerprint's name and whether it matches at its own limit, in table order.</param>
    /// <param name="verdict">The verdict shown (the combined method's, with the content verifier's word).</param>
    /// <param name="embeddingMatch">The cosine at which the embedding says "match" (the search limit), when shown.</param>
    /// <returns>One sentence, or null when they all agree.</returns>
    public static string? Explain(IReadOnlyList<(string Fingerprint, bool Match)> says, string verdict, float? embeddingMatch)
    {
        var match = says.Where(s => s.Match).Select(s => s.Fingerprint).ToList();
        var no = says.Where(s => !s.Match).Select(s => s.Fingerprint).ToList();
        if (match.Count == 0 || no.Count == 0) return null;
        var embedding = embeddingMatch is { } limit
            ? FormattableString.Invariant($" (the embedding's \"match\" is the search limit, cosine >= {limit:0.###}; alone, as `dupes --method embedding`, it needs >= {DuplicateCriteria.EmbeddingOnlyMinSimilarity:0.###})")
            : "";
        return $"the fingerprints disagree: {string.Join(", ", match)} say match, {string.Join(", ", no)} say no{embedding}. Each reads one aspect at its own limit "
            + "(a mirror, turn or crop moves the hashes while the embedding keeps the subject; unrelated photos of one kind reach high cosines), "
            + $"so the verdict, {verdict}, is dupes' combined rule below, with the content verifier deciding the pairs it links";
    }
}
