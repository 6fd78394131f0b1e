using Lookalike.Vectors;

namespace Lookalike.Explore;

/// <summary>Each image's cosine to its nearest other image in the same collection: the distribution drift compares
/// between two collections (a new camera, a new upload source, a model change).</summary>
public static class NeighbourSimilarities
{
    public static double[] Compute(EmbeddingPoints points)
    {
        if (points.Count < 2) throw new ArgumentException($"Nearest-neighbour similarities need at least two images, got {points.Count}.");
        using var index = IndexFactory.Create("Flat", points.Dimension);
        index.Add(Enumerable.Range(0, points.Count).Select(i => (long)i).ToArray(), points.Vectors);
        var result = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var self = (long)i;
            result[i] = index.Search(points.Row(i), 1, id => id != self)[0].Score;
        }
        return result;
    }
}
