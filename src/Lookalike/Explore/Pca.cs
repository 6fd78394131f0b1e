namespace Lookalike.Explore;

/// <summary>
/// Principal component analysis to a few dimensions: the points centred, projected on the top
/// eigenvectors of their covariance, found by power iteration with deflation (embeddings have at most
/// a few thousand dimensions, so the d×d covariance is small).
/// </summary>
public static class Pca
{
    /// <summary>Row-major <c>points.Count × components</c> coordinates.</summary>
    public static double[] Project(EmbeddingPoints points, int components = 2, int iterations = 200, int seed = 1)
    {
        int n = points.Count, d = points.Dimension;
        var mean = new double[d];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++) mean[j] += points.Vectors[i * d + j] / (double)n;
        var centred = new double[n * d];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++) centred[i * d + j] = points.Vectors[i * d + j] - mean[j];
        var covariance = new double[d * d];
        for (var i = 0; i < n; i++)
            for (var a = 0; a < d; a++)
            {
                var x = centred[i * d + a];
                if (x == 0) continue;
                for (var b = 0; b < d; b++) covariance[a * d + b] += x * centred[i * d + b];
            }
        var random = new Random(seed);
        var result = new double[n * components];
        for (var c = 0; c < Math.Min(components, d); c++)
        {
            var v = Enumerable.Range(0, d).Select(_ => random.NextDouble() - 0.5).ToArray();
            for (var iteration = 0; iteration < iterations; iteration++)
            {
                var next = new double[d];
                for (var a = 0; a < d; a++)
                {
                    var sum = 0.0;
                    for (var b = 0; b < d; b++) sum += covariance[a * d + b] * v[b];
                    next[a] = sum;
                }
                var norm = Math.Sqrt(next.Sum(x => x * x));
                if (norm == 0) break;
                for (var a = 0; a < d; a++) v[a] = next[a] / norm;
            }
            var eigenvalue = 0.0;
            for (var a = 0; a < d; a++)
                for (var b = 0; b < d; b++) eigenvalue += v[a] * covariance[a * d + b] * v[b];
            // Deflate so the next round finds the next component.
            for (var a = 0; a < d; a++)
                for (var b = 0; b < d; b++) covariance[a * d + b] -= eigenvalue * v[a] * v[b];
            for (var i = 0; i < n; i++)
            {
                var dot = 0.0;
                for (var a = 0; a < d; a++) dot += centred[i * d + a] * v[a];
                result[i * components + c] = dot;
            }
        }
        return result;
    }
}
