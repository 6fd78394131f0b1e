using System.Numerics.Tensors;

namespace Lookalike.Explore;

/// <summary>
/// Exact t-SNE (van der Maaten and Hinton, 2008) to two dimensions with cosine distances: perplexity-
/// calibrated Gaussian affinities, Student-t similarities in the map, gradient descent with momentum and
/// early exaggeration. O(n²) per iteration: fine up to a few thousand points.
/// </summary>
public static class Tsne
{
    public const int MaxPoints = 5000;

    /// <summary>Row-major <c>points.Count × 2</c> coordinates.</summary>
    public static double[] Project(EmbeddingPoints points, double perplexity = 30, int iterations = 750, int seed = 1)
    {
        var n = points.Count;
        if (n > MaxPoints) throw new ArgumentException($"Exact t-SNE is limited to {MaxPoints} points, got {n}: use PCA or a folder subset.");
        var y = new double[n * 2];
        if (n < 3) return y;
        perplexity = Math.Min(perplexity, (n - 1) / 3.0);
        var p = Affinities(points, perplexity);
        var random = new Random(seed);
        for (var i = 0; i < y.Length; i++) y[i] = 1e-4 * Gaussian(random);
        var velocity = new double[n * 2];
        var gains = Enumerable.Repeat(1.0, n * 2).ToArray();
        var q = new double[n * n];
        var gradient = new double[n * 2];
        var learningRate = Math.Max(n / 12.0, 50);
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var exaggeration = iteration < 250 ? 12.0 : 1.0;
            var momentum = iteration < 250 ? 0.5 : 0.8;
            var sum = 0.0;
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++)
                {
                    double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                    var t = 1 / (1 + dx * dx + dy * dy);
                    q[i * n + j] = q[j * n + i] = t;
                    sum += 2 * t;
                }
            Array.Clear(gradient);
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                {
                    if (i == j) continue;
                    var t = q[i * n + j];
                    var force = 4 * (exaggeration * p[i * n + j] - t / sum) * t;
                    gradient[2 * i] += force * (y[2 * i] - y[2 * j]);
                    gradient[2 * i + 1] += force * (y[2 * i + 1] - y[2 * j + 1]);
                }
            for (var i = 0; i < y.Length; i++)
            {
                gains[i] = Math.Sign(gradient[i]) != Math.Sign(velocity[i]) ? gains[i] + 0.2 : Math.Max(gains[i] * 0.8, 0.01);
                velocity[i] = momentum * velocity[i] - learningRate * gains[i] * gradient[i];
                y[i] += velocity[i];
            }
        }
        return y;
    }

    /// <summary>Symmetric joint probabilities p_ij from conditional Gaussians whose widths match the perplexity (binary search per point).</summary>
    private static double[] Affinities(EmbeddingPoints points, double perplexity)
    {
        var n = points.Count;
        var distance = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                distance[i * n + j] = distance[j * n + i] = Math.Max(0, 1 - TensorPrimitives.Dot(points.Row(i), points.Row(j)));
        var conditional = new double[n * n];
        var target = Math.Log(perplexity);
        var row = new double[n];
        for (var i = 0; i < n; i++)
        {
            double beta = 1, low = 0, high = double.PositiveInfinity;
            for (var step = 0; step < 100; step++)
            {
                double total = 0, weighted = 0;
                for (var j = 0; j < n; j++)
                {
                    row[j] = j == i ? 0 : Math.Exp(-beta * distance[i * n + j]);
                    total += row[j];
                    weighted += row[j] * distance[i * n + j];
                }
                if (total <= 0) { high = beta; beta = (low + beta) / 2; continue; }
                var entropy = Math.Log(total) + beta * weighted / total;
                if (Math.Abs(entropy - target) < 1e-5) break;
                if (entropy > target) { low = beta; beta = double.IsPositiveInfinity(high) ? beta * 2 : (beta + high) / 2; }
                else { high = beta; beta = (beta + low) / 2; }
            }
            var sum = row.Sum();
            for (var j = 0; j < n; j++) conditional[i * n + j] = sum > 0 ? row[j] / sum : 0;
        }
        var joint = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) joint[i * n + j] = Math.Max((conditional[i * n + j] + conditional[j * n + i]) / (2 * n), 1e-12);
        return joint;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
