namespace Lookalike.Evaluation;

/// <summary>
/// Retrieval quality of one ranked result list, as pure functions. A ranking is given as one flag per
/// result, best first: true where the result is relevant to the query. <c>relevantCount</c> is how many
/// relevant items exist in all (found or not), which recall and average precision divide by.
/// </summary>
public static class RetrievalMetrics
{
    /// <summary>Relevant results among the first <paramref name="k"/>, divided by k (results missing past the
    /// end of a short list count as not relevant, as in the usual definition).</summary>
    public static double PrecisionAtK(IReadOnlyList<bool> ranking, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return HitsInTop(ranking, k) / (double)k;
    }

    /// <summary>Relevant results among the first <paramref name="k"/>, divided by all relevant items (0 when there are none).</summary>
    public static double RecallAtK(IReadOnlyList<bool> ranking, int k, int relevantCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        return relevantCount == 0 ? 0 : HitsInTop(ranking, k) / (double)relevantCount;
    }

    /// <summary>Mean of the precision at each relevant result's rank, over all relevant items (a relevant item
    /// never retrieved contributes 0). 0 when there are no relevant items.</summary>
    public static double AveragePrecision(IReadOnlyList<bool> ranking, int relevantCount)
    {
        if (relevantCount == 0) return 0;
        var hits = 0;
        var sum = 0.0;
        for (var i = 0; i < ranking.Count; i++)
        {
            if (!ranking[i]) continue;
            hits++;
            sum += hits / (double)(i + 1);
        }
        return sum / relevantCount;
    }

    /// <summary>The <paramref name="fraction"/> quantile (0.5 = median) of <paramref name="values"/>, linearly
    /// interpolated between the closest ranks.</summary>
    public static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        var sorted = values.Order().ToArray();
        var position = fraction * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    /// <summary>Share of <paramref name="truth"/>'s first <paramref name="k"/> ids that <paramref name="found"/>'s first k
    /// also hold: an approximate index's recall against the exact one, as ANN benchmarks define it.</summary>
    public static double OverlapAtK(IReadOnlyList<long> found, IReadOnlyList<long> truth, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var expected = truth.Take(k).ToHashSet();
        return expected.Count == 0 ? 1 : found.Take(k).Count(expected.Contains) / (double)expected.Count;
    }

    private static int HitsInTop(IReadOnlyList<bool> ranking, int k)
    {
        var hits = 0;
        for (var i = 0; i < Math.Min(k, ranking.Count); i++) if (ranking[i]) hits++;
        return hits;
    }
}
