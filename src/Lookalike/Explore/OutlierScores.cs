using Lookalike.Vectors;

namespace Lookalike.Explore;

/// <summary>
/// How alone each image is: 1 − the cosine to its k-th nearest other image. An image with k close
/// look-alikes scores near 0; one unlike everything else scores high. Exact search (a flat index).
/// </summary>
public static class OutlierScores
{
    public const int DefaultNeighbour = 5;

    public static double[] Compute(EmbeddingPoints points, int neighbour = DefaultNeighbour)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbour, 1);
        var scores = new double[points.Count];
        if (points.Count < 2) return scores;
        using var index = IndexFactory.Create("Flat", points.Dimension);
        var rows = Enumerable.Range(0, points.Count).Select(i => (long)i).ToArray();
        index.Add(rows, points.Vectors);
        var k = Math.Min(neighbour, points.Count - 1);
        for (var i = 0; i < points.Count; i++)
        {
            var self = (long)i;
            var hits = index.Search(points.Row(i), k, id => id != self);
            scores[i] = 1 - hits[^1].Score;
        }
        return scores;
    }
}
