using Lookalike.Dedup;

namespace Lookalike.Evaluation;

/// <summary>
/// Cross-validation folds by source photo: a photo, all its copies and every photo the truth relates to it (one
/// duplicate cluster, or similar families) stay in one fold, so that a fold's hard negatives are tested in that fold and
/// no copy of a held-out photo is seen in tuning. Units are dealt round-robin in family-name order: folds of about
/// equal size, the same on every run.
/// </summary>
public static class SourceFolds
{
    /// <summary>The fold (0..<paramref name="folds"/>-1) of each image, by position in <paramref name="paths"/>
    /// (every path must be labelled).</summary>
    public static int[] Assign(DedupGroundTruth truth, IReadOnlyList<string> paths, int folds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var labelled = paths.Select(p => truth.ByPath[p]).ToList();
        var families = labelled.Select(l => l.Family).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = families.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i);
        var first = families.ToDictionary(f => f, f => labelled.First(l => l.Family == f));
        var related = new List<(int, int)>();
        for (int a = 0; a < families.Count; a++)
            for (int b = a + 1; b < families.Count; b++)
                if (truth.RelationOf(first[families[a]], first[families[b]]) != PairRelation.Different) related.Add((a, b));
        var unitOf = new int[families.Count];
        for (int f = 0; f < families.Count; f++) unitOf[f] = f;
        foreach (var group in DuplicateGrouper.Group(families.Count, related)) foreach (var f in group) unitOf[f] = group[0];
        var units = unitOf.Distinct().Order().ToList();
        var foldOfUnit = units.Select((u, i) => (u, i % folds)).ToDictionary(p => p.u, p => p.Item2);
        return labelled.Select(l => foldOfUnit[unitOf[index[l.Family]]]).ToArray();
    }
}
