namespace Lookalike.Evaluation;

/// <summary>Scores a dedup grouping pair by pair against the truth of an evaluation set (docs/dedup-evaluation.md).</summary>
public static class DedupScorer
{
    /// <summary>Files missing from <paramref name="groups"/> are singletons; files the truth does not know are
    /// counted and ignored. A file in two groups is an error.</summary>
    public static DedupScore Score(DedupGroundTruth truth, IReadOnlyList<PredictedGroup> groups)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int unlabelled = 0;
        long truePairs = 0, falsePairs = 0, similarGrouped = 0, sameClassGrouped = 0, withOriginal = 0, keptOriginal = 0;
        long copyPairsFound = 0, crossFamilyFound = 0;
        var foundByTransform = new Dictionary<string, long>();
        var falseByTransform = new Dictionary<string, long>();
        var falseGroups = new List<FalseGroup>();
        foreach (var group in groups)
        {
            var members = new List<LabelledImage>();
            foreach (var file in group.Files)
            {
                if (!seen.Add(file)) throw new InvalidDataException($"{file} is in more than one group");
                if (truth.ByPath.TryGetValue(file, out var image)) members.Add(image);
                else unlabelled++;
            }
            // Keeper: of the groups that hold an original, those whose suggested keeper is one.
            if (group.Keep is not null && members.Any(m => m.IsOriginal))
            {
                withOriginal++;
                if (truth.ByPath.TryGetValue(group.Keep, out var kept) && kept.IsOriginal) keptOriginal++;
            }
            long different = 0;
            for (int i = 0; i < members.Count; i++)
                for (int j = i + 1; j < members.Count; j++)
                {
                    var (a, b) = (members[i], members[j]);
                    switch (truth.RelationOf(a, b))
                    {
                        case PairRelation.Duplicate:
                            truePairs++;
                            if (a.Family != b.Family) crossFamilyFound++;
                            else if (a.IsOriginal || b.IsOriginal) Add(foundByTransform, a.IsOriginal ? b.Transform : a.Transform);
                            else copyPairsFound++;
                            break;
                        case PairRelation.Similar:
                            similarGrouped++;
                            break;
                        default:
                            falsePairs++;
                            different++;
                            if (truth.IsHardNegative(a, b)) sameClassGrouped++;
                            Add(falseByTransform, a.Transform);
                            if (b.Transform != a.Transform) Add(falseByTransform, b.Transform);
                            break;
                    }
                }
            if (different > 0)
                falseGroups.Add(new FalseGroup(group,
                    members.GroupBy(m => m.Family).Select(f => (f.Key, f.Count())).OrderByDescending(f => f.Item2).ThenBy(f => f.Key, StringComparer.Ordinal).ToList(),
                    different));
        }

        var (duplicatePairs, similarPairs, copyPairs, crossFamilyPairs, originalCopyPairs, sameClassPairs) = CountTruePairs(truth);
        return new DedupScore(
            truth.Images.Count, groups.Count, unlabelled, truePairs, falsePairs, duplicatePairs,
            new PairRecall(similarGrouped, similarPairs),
            originalCopyPairs.ToDictionary(t => t.Key, t => new PairRecall(foundByTransform.GetValueOrDefault(t.Key), t.Value)),
            falseByTransform,
            new PairRecall(copyPairsFound, copyPairs),
            new PairRecall(crossFamilyFound, crossFamilyPairs),
            falseGroups.OrderByDescending(g => g.DifferentPairs).ToList(),
            new PairRecall(sameClassGrouped, sameClassPairs),
            new PairRecall(keptOriginal, withOriginal));
    }

    /// <summary>Each level's groups scored on their own (a group counts at the level of its loosest link; groups of
    /// unknown level under "-"): what "measured precision" of a level means in docs/dedup-evaluation.md.</summary>
    public static IReadOnlyDictionary<string, DedupScore> ScoreByLevel(DedupGroundTruth truth, IReadOnlyList<PredictedGroup> groups) =>
        groups.GroupBy(g => g.Level ?? "-").ToDictionary(l => l.Key, l => Score(truth, l.ToList()));

    private static void Add(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>Pairs the truth holds, counted by family sizes rather than over all pairs of images.</summary>
    private static (long Duplicate, long Similar, long CopyPairs, long CrossFamily, Dictionary<string, long> OriginalCopyByTransform, long SameClass)
        CountTruePairs(DedupGroundTruth truth)
    {
        var families = truth.Images.GroupBy(i => i.Family).ToList();
        long copyPairs = 0, crossFamily = 0, similar = 0, sameClass = 0;
        var originalCopy = new Dictionary<string, long>();
        foreach (var family in families)
        {
            var copies = family.Where(i => !i.IsOriginal).ToList();
            long originals = family.Count() - copies.Count;
            copyPairs += (long)copies.Count * (copies.Count - 1) / 2;
            foreach (var copy in copies) originalCopy[copy.Transform] = originalCopy.GetValueOrDefault(copy.Transform) + originals;
        }
        for (int i = 0; i < families.Count; i++)
            for (int j = i + 1; j < families.Count; j++)
            {
                long pairs = (long)families[i].Count() * families[j].Count();
                switch (truth.RelationOf(families[i].First(), families[j].First()))
                {
                    case PairRelation.Duplicate: crossFamily += pairs; break;
                    case PairRelation.Similar: similar += pairs; break;
                    case PairRelation.Different when truth.IsHardNegative(families[i].First(), families[j].First()): sameClass += pairs; break;
                }
            }
        long duplicate = copyPairs + crossFamily + originalCopy.Values.Sum();
        return (duplicate, similar, copyPairs, crossFamily, originalCopy, sameClass);
    }
}
