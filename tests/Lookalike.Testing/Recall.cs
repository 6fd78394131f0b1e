using Lookalike.Vectors;
namespace Lookalike.Testing;

/// <summary>Recall of approximate answers against exact ground truth, as ANN benchmarks define it.</summary>
public static class Recall
{
    /// <summary>Mean over queries of |found top-k ∩ true top-k| / k.</summary>
    public static double AtK(IReadOnlyList<SearchHit[]> found, IReadOnlyList<long[]> truth, int k)
    {
        var total = 0.0;
        for (var q = 0; q < found.Count; q++)
        {
            var expected = truth[q].Take(k).ToHashSet();
            total += found[q].Take(k).Count(h => expected.Contains(h.Id)) / (double)Math.Min(k, expected.Count);
        }
        return total / found.Count;
    }
}
