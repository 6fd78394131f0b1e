namespace Lookalike.Vectors.Impl;

/// <summary>Helpers that turn per-thread pair lists (where a pair may be found from both ends) into one list.</summary>
internal static class SimilarPairs
{
    public static SimilarPair Ordered(long a, long b, float score) => a < b ? new(a, b, score) : new(b, a, score);

    /// <summary>Merges the lists, keeping each (A, B) once, sorted by A then B.</summary>
    public static IReadOnlyList<SimilarPair> Distinct(IEnumerable<List<SimilarPair>> lists)
    {
        var all = lists.SelectMany(l => l).ToList();
        all.Sort((x, y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        var result = new List<SimilarPair>(all.Count);
        foreach (var pair in all)
            if (result.Count == 0 || result[^1].A != pair.A || result[^1].B != pair.B) result.Add(pair);
        return result;
    }
}
