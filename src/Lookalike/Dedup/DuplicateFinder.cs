using Lookalike.Catalog;
using Lookalike.Dedup.Decisions;
using Lookalike.Dedup.Verify;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Fingerprints.Hashes;

namespace Lookalike.Dedup;

/// <summary>
/// Near-duplicate groups: links from every fingerprint the criteria ask for (each found by an index, never by
/// comparing all pairs), each given a <see cref="DuplicateLevel"/>, minus the pairs the user marked "not duplicates"
/// and the similar links when the criteria do not ask for them, then groups of confirmed links
/// (<see cref="DuplicateGrouper"/>: one weak link cannot merge two groups). With a content verifier the links come
/// from the wider <see cref="DuplicateCriteria.Candidates"/> and the verifier, not the fingerprints, decides each
/// candidate pair's level (copy, similar, or no link), except exact and same-pixels pairs.
/// </summary>
public static class DuplicateFinder
{
    /// <param name="embeddings">Embeddings by image id (one model), or null when none are available; images without
    /// one are linked by their hashes alone.</param>
    /// <param name="verify">The content verifier for candidate pairs (null: the fingerprints decide); it returns null
    /// when it cannot read a file, and then the fingerprints decide that pair.</param>
    public static List<DuplicateGroup> Find(IReadOnlyList<ImageRecord> images, IReadOnlyDictionary<long, ImageHashes> hashes,
        IReadOnlyDictionary<long, float[]>? embeddings, DuplicateCriteria criteria, DecisionSet? decisions = null,
        Func<ImageRecord, ImageRecord, PairEvidence?>? verify = null) =>
        Trace(images, hashes, embeddings, criteria, decisions, verify).Groups;

    /// <summary>What each stage of <see cref="Find"/> kept, by position in <see cref="Items"/>: the candidate links
    /// (before the verifier), the pairs the verifier judged (after the per-file cap), the links grouped, and the
    /// groups. For finding where a pair that should be grouped is lost (bench verify-pairs --catalog).</summary>
    internal sealed record FinderTrace(List<ImageRecord> Items, List<DuplicateLink> Candidates, HashSet<(int, int)> VerifiedPairs,
        List<DuplicateLink> Grouped, List<DuplicateGroup> Groups);

    internal static FinderTrace Trace(IReadOnlyList<ImageRecord> images, IReadOnlyDictionary<long, ImageHashes> hashes,
        IReadOnlyDictionary<long, float[]>? embeddings, DuplicateCriteria criteria, DecisionSet? decisions,
        Func<ImageRecord, ImageRecord, PairEvidence?>? verify)
    {
        var items = images.Where(i => hashes.ContainsKey(i.Id)).ToList();
        var codes = items.Select(i => hashes[i.Id]).ToList();
        var vectors = items.Select(i => embeddings?.GetValueOrDefault(i.Id)).ToList();
        var candidates = verify is not null && criteria.Candidates is { } wider ? wider : criteria.Similar ?? criteria;
        var links = FindLinks(codes, vectors, candidates)
            .Select(l => l with { Level = LevelOf(l, items, codes, vectors, criteria) })
            .ToList();
        var candidateLinks = links;
        var verified = new HashSet<(int, int)>();
        if (verify is not null) links = Verified(links, items, codes, vectors, criteria, verify, verified);
        links = links.Where(l => l.Level == DuplicateLevel.Similar ? criteria.Similar is not null : l.Level != NotLinked).ToList();
        var kept = decisions is null ? links : new DecisionFilter(decisions, items).Apply(links).ToList();
        return new FinderTrace(items, candidateLinks, verified, kept, DuplicateGrouper.Build(items, kept));
    }

    /// <summary>A candidate the verifier rejected, or that no criteria link: dropped before grouping.</summary>
    private const DuplicateLevel NotLinked = (DuplicateLevel)99;

    /// <summary>Each candidate pair once through the verifier (in parallel; features are cached per file by the
    /// verifier), its verdict setting the level of all the pair's links. Exact and same-pixels pairs, and separate
    /// shots told by EXIF, keep their level; a pair the verifier cannot read keeps what the fingerprints say.</summary>
    private static List<DuplicateLink> Verified(List<DuplicateLink> links, List<ImageRecord> items, List<ImageHashes> codes, List<float[]?> vectors,
        DuplicateCriteria criteria, Func<ImageRecord, ImageRecord, PairEvidence?> verify, HashSet<(int, int)> verifiedPairs)
    {
        var pairs = NearestCandidates(links.Where(l => l.Level is DuplicateLevel.Copy or DuplicateLevel.Similar)
            .Select(l => (Math.Min(l.A, l.B), Math.Max(l.A, l.B))).Distinct().ToList(), codes, vectors);
        var verdicts = new System.Collections.Concurrent.ConcurrentDictionary<(int, int), PairEvidence?>();
        Parallel.ForEach(pairs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            pair => verdicts[pair] = verify(items[pair.Item1], items[pair.Item2]));
        verifiedPairs.UnionWith(pairs);
        return links.Select(link =>
        {
            if (link.Level is not (DuplicateLevel.Copy or DuplicateLevel.Similar)) return link;
            if (!verdicts.TryGetValue((Math.Min(link.A, link.B), Math.Max(link.A, link.B)), out var evidence)) return link with { Level = NotLinked };
            if (evidence is null) return link with { Level = FingerprintLevel(link, codes, vectors, criteria) };
            var level = evidence.Verdict switch
            {
                ContentVerdict.Copy => link.Level == DuplicateLevel.Similar && DuplicateLevels.AreSeparateShots(items[link.A], items[link.B])
                    ? DuplicateLevel.Similar : DuplicateLevel.Copy,
                ContentVerdict.Similar => DuplicateLevel.Similar,
                _ => NotLinked,
            };
            return link with { Level = level, Content = evidence };
        }).ToList();
    }

    /// <summary>Candidate pairs verified per file and per measure at most: a pair is verified when it is among the
    /// nearest of either file by cosine or by pHash distance. The wide candidate limits let a file of a large family,
    /// or of a crowded part of the collection, have hundreds of candidates; its copies are still among its nearest few
    /// by one measure or the other (blur moves the embedding towards other blurred pictures but keeps the pHash; a
    /// crop moves the pHash but keeps the embedding), and a group of many copies stays whole through the members'
    /// links to each other. This bounds the verifier's work to about files x 2 x <see cref="VerifiedPerFile"/> pairs.</summary>
    public const int VerifiedPerFile = 8;

    /// <summary>The candidate pairs among the <see cref="VerifiedPerFile"/> nearest of either of their files, by
    /// cosine (when both have an embedding) and by pHash distance (turns included).</summary>
    private static List<(int, int)> NearestCandidates(List<(int A, int B)> pairs, List<ImageHashes> codes, List<float[]?> vectors)
    {
        var cosines = pairs.Select(p => vectors[p.A] is { } va && vectors[p.B] is { } vb ? Similarity.Cosine(va, vb) : float.NegativeInfinity).ToList();
        // Turned pHashes count too: a quarter turn is far in the plain pHash and in the embedding.
        var bits = pairs.Select(p => Math.Min(ImageHashes.Distance(codes[p.A].PHash, codes[p.B].PHash), ImageHashes.TurnedDistance(codes[p.A], codes[p.B]))).ToList();
        var byFile = new Dictionary<int, List<int>>();
        for (int k = 0; k < pairs.Count; k++)
            foreach (var file in new[] { pairs[k].A, pairs[k].B })
            {
                if (!byFile.TryGetValue(file, out var list)) byFile[file] = list = [];
                list.Add(k);
            }
        var chosen = new HashSet<int>();
        foreach (var list in byFile.Values)
        {
            chosen.UnionWith(list.Where(k => cosines[k] > float.NegativeInfinity).OrderByDescending(k => cosines[k]).ThenBy(k => k).Take(VerifiedPerFile));
            chosen.UnionWith(list.OrderBy(k => bits[k]).ThenBy(k => k).Take(VerifiedPerFile));
        }
        return chosen.Order().Select(k => pairs[k]).ToList();
    }

    /// <summary>What the copy criteria alone say of a candidate link the verifier could not read.</summary>
    private static DuplicateLevel FingerprintLevel(DuplicateLink link, List<ImageHashes> codes, List<float[]?> vectors, DuplicateCriteria criteria)
    {
        float? cosine = vectors[link.A] is { } va && vectors[link.B] is { } vb ? Similarity.Cosine(va, vb) : null;
        if ((criteria with { Similar = null }).Judge(codes[link.A], codes[link.B], cosine).Count > 0) return link.Level;
        return criteria.Similar is { } similar && similar.Judge(codes[link.A], codes[link.B], cosine).Count > 0 ? DuplicateLevel.Similar : NotLinked;
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
