using Lookalike.Explore;

namespace Lookalike.Tests.Explore;

/// <summary>k-means, average-linkage clustering and outlier scores on small point sets worked out by hand.</summary>
public sealed class ClusteringTests
{
    private static EmbeddingPoints Points(params float[][] vectors) =>
        EmbeddingPoints.Of(vectors.Select((v, i) => ((long)i, $"p{i}", Unit(v))).ToList());

    private static EmbeddingPoints Angles(params double[] degrees) =>
        Points(degrees.Select(d => new[] { (float)Math.Cos(d * Math.PI / 180), (float)Math.Sin(d * Math.PI / 180) }).ToArray());

    [Fact]
    public void AverageLinkageDoesNotChainAcrossAGap()
    {
        // 0°, 20°, 40°, 60°: neighbours 20° apart (cosine 0.940). Single linkage at cos 25° (0.906) would chain all
        // four; average linkage joins {0°, 20°} and {40°, 60°}, whose mean cosine (0.743) is below the threshold.
        var labels = AgglomerativeClustering.Cluster(Angles(0, 20, 40, 60), Math.Cos(25 * Math.PI / 180));
        Assert.Equal(labels[0], labels[1]);
        Assert.Equal(labels[2], labels[3]);
        Assert.NotEqual(labels[0], labels[2]);
        Assert.All(AgglomerativeClustering.Cluster(Angles(0, 20, 40, 60), 0.7), l => Assert.Equal(0, l));
        Assert.Equal([0, 1, 2, 3], AgglomerativeClustering.Cluster(Angles(0, 20, 40, 60), 0.95));
    }

    [Fact]
    public void KMeansPlusPlusSeparatesThreeDirections()
    {
        var random = new Random(7);
        var rows = new List<float[]>();
        for (var group = 0; group < 3; group++)
            for (var i = 0; i < 20; i++)
                rows.Add(Enumerable.Range(0, 8).Select(d => (d == group ? 1f : 0f) + 0.05f * (random.NextSingle() - 0.5f)).ToArray());
        for (var seed = 1; seed <= 5; seed++)
        {
            var labels = KMeansClustering.Cluster(Points(rows.ToArray()), 3, seed);
            for (var group = 0; group < 3; group++) Assert.Single(labels.Skip(group * 20).Take(20).Distinct());
            Assert.Equal(3, labels.Distinct().Count());
        }
    }

    [Fact]
    public void OutlierScoreIsOneMinusTheCosineToTheKthNeighbour()
    {
        var points = Angles(0, 10, 30, 90);
        var scores = OutlierScores.Compute(points, neighbour: 1);
        Assert.Equal(1 - Math.Cos(10 * Math.PI / 180), scores[0], 5);
        Assert.Equal(1 - Math.Cos(20 * Math.PI / 180), scores[2], 5);
        Assert.Equal(1 - Math.Cos(60 * Math.PI / 180), scores[3], 5);
        Assert.Equal(1 - Math.Cos(30 * Math.PI / 180), OutlierScores.Compute(points, neighbour: 2)[0], 5);

        var report = ClusterReport.Build("test", points, [0, 0, 0, 1], outlierNeighbour: 1);
        Assert.Equal([3, 1], report.Clusters.Select(c => c.Size));
        Assert.Equal("p3", report.Outliers[0].Path);
        Assert.Equal("p1", report.Clusters[0].Members[0].Path); // 10° is the middle of 0°, 10°, 30°
    }

    private static float[] Unit(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}
