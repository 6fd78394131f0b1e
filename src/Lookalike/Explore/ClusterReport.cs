namespace Lookalike.Explore;

/// <summary>One image of a cluster: its outlier score (1 − cosine to its k-th neighbour) and cosine to the cluster's mean direction.</summary>
public sealed record ClusterMember(string Path, double Outlier, double Centrality);

/// <summary>A cluster, largest first: its number, size and members (most central first).</summary>
public sealed record Cluster(int Number, int Size, IReadOnlyList<ClusterMember> Members);

/// <summary>A clustering of a collection, how it was made, and its images most unlike the rest.</summary>
public sealed record ClusterReport(string Method, int Images, IReadOnlyList<Cluster> Clusters, int OutlierNeighbour, IReadOnlyList<ClusterMember> Outliers)
{
    /// <summary>Groups <paramref name="labels"/> into clusters numbered by size (0 = largest) with each member's scores.</summary>
    public static ClusterReport Build(string method, EmbeddingPoints points, int[] labels, int outlierNeighbour = OutlierScores.DefaultNeighbour, int outliersListed = 10)
    {
        var outlier = OutlierScores.Compute(points, outlierNeighbour);
        var groups = Enumerable.Range(0, points.Count).GroupBy(i => labels[i])
            .OrderByDescending(g => g.Count()).ThenBy(g => points.Paths[g.First()], StringComparer.Ordinal).ToList();
        var clusters = new List<Cluster>();
        foreach (var (group, number) in groups.Select((g, n) => (g, n)))
        {
            var mean = new float[points.Dimension];
            foreach (var i in group) System.Numerics.Tensors.TensorPrimitives.Add(mean, points.Row(i), mean);
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(mean);
            var members = group.Select(i => new ClusterMember(points.Paths[i], Math.Round(outlier[i], 4),
                    Math.Round(norm > 0 ? System.Numerics.Tensors.TensorPrimitives.Dot(points.Row(i), mean) / norm : 0, 4)))
                .OrderByDescending(m => m.Centrality).ToList();
            clusters.Add(new Cluster(number, members.Count, members));
        }
        var top = clusters.SelectMany(c => c.Members).OrderByDescending(m => m.Outlier).Take(outliersListed).ToList();
        return new ClusterReport(method, points.Count, clusters, outlierNeighbour, top);
    }

    /// <summary>Each image's cluster number (as in <see cref="Clusters"/>), by path.</summary>
    public Dictionary<string, int> NumberByPath() =>
        Clusters.SelectMany(c => c.Members.Select(m => (m.Path, c.Number))).ToDictionary(p => p.Path, p => p.Number);
}
