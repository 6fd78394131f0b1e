using Lookalike.Vectors.Impl;

namespace Lookalike.Explore;

/// <summary>
/// Spherical k-means (k-means++ seeds) over embeddings, through the same <see cref="KMeans"/> that trains
/// IVF cells: cluster labels 0..k-1, one per point.
/// </summary>
public static class KMeansClustering
{
    public static int[] Cluster(EmbeddingPoints points, int k, int seed = 1, int iterations = 25)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (k > points.Count) throw new ArgumentException($"--k {k} is more than the {points.Count} images.", nameof(k));
        var centroids = KMeans.Train(points.Vectors, points.Dimension, k, iterations, spherical: true, seed, threads: 1, plusPlus: true);
        var labels = new int[points.Count];
        KMeans.Assign(points.Vectors, points.Dimension, centroids, labels, threads: 1);
        return labels;
    }
}
