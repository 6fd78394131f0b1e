using Lookalike.Catalog;

namespace Lookalike.Dedup.Decisions;

/// <summary>
/// Applies "not duplicates" decisions to groups that were formed without them: re-links each group's members by
/// the pairs that still match, minus the marked ones, and keeps the connected parts of two or more files.
/// Groups without two marked contents are returned untouched, so the common case costs one set lookup per file.
/// </summary>
public static class DecisionGroupSplitter
{
    /// <param name="matchScore">The score of two files that match, null when they do not (e.g. Hamming distance over the threshold).</param>
    public static List<IReadOnlyList<ImageRecord>> Split(IEnumerable<IReadOnlyList<ImageRecord>> groups, DecisionSet decisions,
        Func<ImageRecord, ImageRecord, double?> matchScore)
    {
        var marked = decisions.HashesMarkedNotDuplicates;
        var result = new List<IReadOnlyList<ImageRecord>>();
        foreach (var group in groups)
        {
            if (group.Count(f => marked.Contains(f.ContentHash)) < 2)
            {
                result.Add(group);
                continue;
            }
            var byId = group.ToDictionary(f => f.Id);
            var filter = new DecisionFilter(decisions, group.Select(f => (f.Id, f.ContentHash)));
            var pairs = new List<ScoredPair>();
            for (var i = 0; i < group.Count; i++)
                for (var j = i + 1; j < group.Count; j++)
                    if (matchScore(group[i], group[j]) is { } score)
                        pairs.Add(new ScoredPair(group[i].Id, group[j].Id, score));
            result.AddRange(PairGrouper.Group(filter.Apply(pairs)).Select(part => (IReadOnlyList<ImageRecord>)part.Ids.Select(id => byId[id]).ToList()));
        }
        return result;
    }
}
