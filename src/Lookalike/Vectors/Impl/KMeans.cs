using System.Numerics.Tensors;

namespace Lookalike.Vectors.Impl;

/// <summary>
/// Lloyd's k-means on a sample, used to train IVF cells and PQ codebooks. Points are assigned to the
/// centroid c maximising x·c − |c|²/2 (the same as the nearest in L2, but a dot product); with
/// <c>spherical</c> the centroids are re-normalised each round, which suits cosine/dot-product search.
/// Seeds are random points (enough for training IVF cells on large samples) or, with <c>plusPlus</c>,
/// k-means++ (each next seed drawn with probability proportional to its squared distance from the seeds
/// so far), which clustering a collection for people to look at needs: random seeds often put two in one
/// natural group and none in another.
/// </summary>
internal static class KMeans
{
    /// <summary>From this many dimensions on, per-centroid dot products are efficient enough.</summary>
    private const int WideDimension = 32;

    public static float[] Train(ReadOnlySpan<float> points, int dimension, int k, int iterations, bool spherical, int seed, int threads,
        bool plusPlus = false)
    {
        var n = points.Length / dimension;
        if (n < k) throw new ArgumentException($"k-means needs at least {k} training vectors, got {n}.");
        var data = points.ToArray();
        var random = new Random(seed);
        var centroids = new float[k * dimension];
        var picks = plusPlus ? PlusPlusSeeds(data, dimension, k, random) : Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(k).ToArray();
        for (var c = 0; c < k; c++) data.AsSpan(picks[c] * dimension, dimension).CopyTo(centroids.AsSpan(c * dimension));

        var assignment = new int[n];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            Assign(data, dimension, centroids, assignment, threads);
            var sums = new double[k * dimension];
            var sizes = new int[k];
            for (var i = 0; i < n; i++)
            {
                var c = assignment[i];
                sizes[c]++;
                for (var d = 0; d < dimension; d++) sums[c * dimension + d] += data[i * dimension + d];
            }
            for (var c = 0; c < k; c++)
            {
                if (sizes[c] == 0) continue;
                for (var d = 0; d < dimension; d++) centroids[c * dimension + d] = (float)(sums[c * dimension + d] / sizes[c]);
            }
            SplitLargestIntoEmpty(centroids, sizes, dimension, random);
            if (spherical)
                for (var c = 0; c < k; c++) Normalise(centroids.AsSpan(c * dimension, dimension));
        }
        return centroids;
    }

    private static int[] PlusPlusSeeds(float[] data, int dimension, int k, Random random)
    {
        var n = data.Length / dimension;
        var picks = new int[k];
        picks[0] = random.Next(n);
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        for (var c = 1; c < k; c++)
        {
            var last = data.AsSpan(picks[c - 1] * dimension, dimension);
            var total = 0.0;
            for (var i = 0; i < n; i++)
            {
                double distance = TensorPrimitives.Distance(data.AsSpan(i * dimension, dimension), last);
                nearest[i] = Math.Min(nearest[i], distance * distance);
                total += nearest[i];
            }
            // All remaining points coincide with seeds: any unpicked point will do.
            if (total <= 0) { picks[c] = Enumerable.Range(0, n).First(i => !picks.AsSpan(0, c).Contains(i)); continue; }
            var target = random.NextDouble() * total;
            var chosen = n - 1;
            for (var i = 0; i < n; i++)
            {
                target -= nearest[i];
                if (target < 0) { chosen = i; break; }
            }
            picks[c] = chosen;
        }
        return picks;
    }

    /// <summary>For each point, the index of its nearest centroid.</summary>
    public static void Assign(float[] points, int dimension, float[] centroids, int[] assignment, int threads)
    {
        var k = centroids.Length / dimension;
        var halfNorms = new float[k];
        for (var c = 0; c < k; c++)
        {
            var centroid = centroids.AsSpan(c * dimension, dimension);
            halfNorms[c] = TensorPrimitives.Dot(centroid, centroid) / 2;
        }
        if (dimension >= WideDimension)
        {
            Parallel.For(0, assignment.Length, Parallelism.Options(threads), i =>
                assignment[i] = Nearest(points.AsSpan(i * dimension, dimension), centroids, halfNorms));
            return;
        }
        // Short vectors (PQ sub-vectors): one dot product per centroid would be all call overhead, so
        // score a point against every centroid at once through the transposed centroid matrix.
        var transposed = new float[dimension * k];
        for (var c = 0; c < k; c++)
            for (var d = 0; d < dimension; d++) transposed[d * k + c] = centroids[c * dimension + d];
        Parallel.For(0, assignment.Length, Parallelism.Options(threads), () => new float[k], (i, _, scores) =>
        {
            TensorPrimitives.Negate(halfNorms, scores);
            for (var d = 0; d < dimension; d++)
                TensorPrimitives.MultiplyAdd(transposed.AsSpan(d * k, k), points[i * dimension + d], scores, scores);
            assignment[i] = TensorPrimitives.IndexOfMax(scores);
            return scores;
        }, _ => { });
    }

    public static int Nearest(ReadOnlySpan<float> point, ReadOnlySpan<float> centroids, ReadOnlySpan<float> halfNorms)
    {
        var dimension = point.Length;
        var best = 0;
        var bestScore = float.NegativeInfinity;
        for (var c = 0; c < halfNorms.Length; c++)
        {
            var score = TensorPrimitives.Dot(point, centroids.Slice(c * dimension, dimension)) - halfNorms[c];
            if (score > bestScore) (best, bestScore) = (c, score);
        }
        return best;
    }

    public static void Normalise(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
    }

    /// <summary>An empty cluster takes a slightly perturbed copy of the largest one, which then splits (as FAISS does).</summary>
    private static void SplitLargestIntoEmpty(float[] centroids, int[] sizes, int dimension, Random random)
    {
        for (var empty = 0; empty < sizes.Length; empty++)
        {
            if (sizes[empty] > 0) continue;
            var largest = Array.IndexOf(sizes, sizes.Max());
            for (var d = 0; d < dimension; d++)
            {
                var value = centroids[largest * dimension + d];
                var nudge = 1e-4f * (random.NextSingle() - 0.5f);
                centroids[empty * dimension + d] = value + nudge;
                centroids[largest * dimension + d] = value - nudge;
            }
            sizes[empty] = sizes[largest] / 2;
            sizes[largest] -= sizes[empty];
        }
    }
}
