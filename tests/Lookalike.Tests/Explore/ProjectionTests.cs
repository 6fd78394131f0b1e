using Lookalike.Explore;

namespace Lookalike.Tests.Explore;

/// <summary>PCA and t-SNE on point sets whose answer is known.</summary>
public sealed class ProjectionTests
{
    [Fact]
    public void PcaFindsTheDirectionOfMostSpreadFirst()
    {
        // A grid along (1, 1, 0)/√2 (t) and (0, 0, 1) (z), centred and uncorrelated: the first component is t·√2
        // (up to sign), the second z.
        float[] ts = [-1, -0.5f, 0.5f, 1];
        float[] zs = [-0.1f, 0.1f];
        var grid = ts.SelectMany(t => zs.Select(z => (T: t, Z: z))).ToList();
        var xy = Pca.Project(EmbeddingPoints.Of(grid.Select((g, i) => ((long)i, $"p{i}", new[] { g.T, g.T, g.Z })).ToList()));
        for (var i = 0; i < grid.Count; i++)
        {
            Assert.Equal(Math.Abs(grid[i].T * Math.Sqrt(2)), Math.Abs(xy[2 * i]), 4);
            Assert.Equal(0.1, Math.Abs(xy[2 * i + 1]), 4);
        }
    }

    [Fact]
    public void TsneKeepsSeparateGroupsApart()
    {
        var random = new Random(5);
        var rows = new List<(long, string, float[])>();
        for (var group = 0; group < 3; group++)
            for (var i = 0; i < 15; i++)
            {
                var v = Enumerable.Range(0, 6).Select(d => (d == group ? 1f : 0f) + 0.1f * random.NextSingle()).ToArray();
                var norm = MathF.Sqrt(v.Sum(x => x * x));
                rows.Add((rows.Count, $"p{rows.Count}", v.Select(x => x / norm).ToArray()));
            }
        var xy = Tsne.Project(EmbeddingPoints.Of(rows), perplexity: 10);
        double Distance(int a, int b) => Math.Sqrt(Math.Pow(xy[2 * a] - xy[2 * b], 2) + Math.Pow(xy[2 * a + 1] - xy[2 * b + 1], 2));
        // Every point's nearest neighbour on the map is of its own group, and the groups' centres lie apart.
        for (var a = 0; a < rows.Count; a++)
        {
            var nearest = Enumerable.Range(0, rows.Count).Where(b => b != a).MinBy(b => Distance(a, b));
            Assert.True(nearest / 15 == a / 15, $"point {a} of group {a / 15}: nearest is {nearest}");
        }
        var spread = Enumerable.Range(0, rows.Count).Average(a => Enumerable.Range(0, rows.Count).Where(b => b / 15 == a / 15).Average(b => Distance(a, b)));
        var apart = Enumerable.Range(0, rows.Count).Average(a => Enumerable.Range(0, rows.Count).Where(b => b / 15 != a / 15).Average(b => Distance(a, b)));
        Assert.True(apart > 2 * spread, $"mean distance within groups {spread}, between {apart}");
    }
}
