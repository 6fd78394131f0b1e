namespace Lookalike.Web.Explore;

/// <summary>
/// The first two principal components of a set of vectors, by power iteration on the centred rows (never forming the
/// d x d covariance, so thousands of 1,280-d embeddings take milliseconds). Written here because the library's
/// projections (src/Lookalike/Explore) are not there yet; replace by them when they are.
/// </summary>
public static class Pca
{
    public static (float X, float Y)[] Project(IReadOnlyList<float[]> rows)
    {
        if (rows.Count == 0) return [];
        var d = rows[0].Length;
        var mean = new double[d];
        foreach (var row in rows) for (var j = 0; j < d; j++) mean[j] += row[j];
        for (var j = 0; j < d; j++) mean[j] /= rows.Count;
        var centred = rows.Select(r => r.Select((v, j) => v - mean[j]).ToArray()).ToList();
        var first = Component(centred, null);
        var second = Component(centred, first);
        return [.. centred.Select(r => ((float)Dot(r, first), (float)Dot(r, second)))];
    }

    /// <summary>The leading eigenvector of XᵀX, orthogonal to <paramref name="previous"/> when given.</summary>
    private static double[] Component(List<double[]> x, double[]? previous)
    {
        var d = x[0].Length;
        var random = new Random(17);
        var v = Enumerable.Range(0, d).Select(_ => random.NextDouble() - 0.5).ToArray();
        for (var iteration = 0; iteration < 60; iteration++)
        {
            if (previous is not null) Subtract(v, previous, Dot(v, previous));
            var next = new double[d];
            foreach (var row in x)
            {
                var projection = Dot(row, v);
                for (var j = 0; j < d; j++) next[j] += projection * row[j];
            }
            var norm = Math.Sqrt(Dot(next, next));
            if (norm < 1e-12) return v; // every row alike: any direction will do
            for (var j = 0; j < d; j++) v[j] = next[j] / norm;
        }
        if (previous is not null) Subtract(v, previous, Dot(v, previous));
        return v;
    }

    private static void Subtract(double[] v, double[] direction, double amount)
    {
        for (var j = 0; j < v.Length; j++) v[j] -= amount * direction[j];
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var j = 0; j < a.Length; j++) sum += a[j] * b[j];
        return sum;
    }
}
