using Lookalike.Vectors.Impl;
namespace Lookalike.Testing;

/// <summary>
/// Synthetic embeddings for tests and benchmarks, shaped like real image embeddings: L2-normalised,
/// grouped into clusters of uneven size and spread (themes, near-duplicate bursts), inside a low-rank
/// subspace so dimensions are correlated the way learnt features are.
/// </summary>
public sealed class ClusteredVectors
{
    private readonly int _dimension;
    private readonly float[] _centres;
    private readonly float[] _spread;
    private readonly float[] _basis;   // rank x dimension: the subspace most variation lives in
    private readonly int _rank;
    private readonly Random _random;

    public ClusteredVectors(int dimension, int clusters, int seed)
    {
        _dimension = dimension;
        _random = new Random(seed);
        _rank = Math.Max(4, dimension / 4);
        _basis = Gaussian(_rank * dimension);
        _centres = new float[clusters * dimension];
        for (var c = 0; c < clusters; c++) InSubspace(Gaussian(_rank), 1f, _centres.AsSpan(c * dimension, dimension));
        // Cluster spread varies tenfold: some clusters are tight bursts of near-duplicates, some loose themes.
        _spread = Enumerable.Range(0, clusters).Select(_ => 0.15f + 1.35f * _random.NextSingle()).ToArray();
    }

    /// <summary><paramref name="count"/> vectors, row-major.</summary>
    public float[] Next(int count)
    {
        var vectors = new float[count * _dimension];
        var clusters = _spread.Length;
        for (var i = 0; i < count; i++)
        {
            // Skewed cluster popularity (squared uniform), like photo collections.
            var u = _random.NextDouble();
            var c = (int)(u * u * clusters);
            var row = vectors.AsSpan(i * _dimension, _dimension);
            _centres.AsSpan(c * _dimension, _dimension).CopyTo(row);
            var noise = new float[_dimension];
            InSubspace(Gaussian(_rank), _spread[c], noise);
            for (var d = 0; d < _dimension; d++) row[d] += noise[d] + 0.05f * _spread[c] * Gaussian1();
            KMeans.Normalise(row);
        }
        return vectors;
    }

    /// <summary>
    /// Near-duplicate bursts: about <paramref name="share"/> of the rows are overwritten with 1-5 noisy copies
    /// of another row, each at a cosine drawn from [<paramref name="minCosine"/>, <paramref name="maxCosine"/>]
    /// to its original (isotropic noise of norm √(1/c² − 1), then re-normalised), like re-encoded or resized copies.
    /// </summary>
    public static void PlantNearCopies(float[] vectors, int dimension, double share, float minCosine, float maxCosine, int seed)
    {
        var random = new Random(seed);
        var count = vectors.Length / dimension;
        var noise = new float[dimension];
        for (var planted = 0; planted < share * count;)
        {
            var original = vectors.AsSpan(random.Next(count) * dimension, dimension);
            for (var copies = random.Next(1, 6); copies > 0; copies--, planted++)
            {
                var cosine = minCosine + (maxCosine - minCosine) * random.NextSingle();
                for (var d = 0; d < dimension; d++) noise[d] = Gaussian1(random);
                var scale = MathF.Sqrt((1 / (cosine * cosine) - 1) / dimension);
                var copy = vectors.AsSpan(random.Next(count) * dimension, dimension);
                if (copy.Overlaps(original)) continue;
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(noise, scale, original, copy);
                KMeans.Normalise(copy);
            }
        }
    }

    private void InSubspace(float[] coefficients, float scale, Span<float> destination)
    {
        destination.Clear();
        for (var r = 0; r < coefficients.Length; r++)
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(
                _basis.AsSpan(r * _dimension, _dimension), scale * coefficients[r] / MathF.Sqrt(_rank), destination, destination);
    }

    private float[] Gaussian(int count) => Enumerable.Range(0, count).Select(_ => Gaussian1()).ToArray();

    private float Gaussian1() => Gaussian1(_random);

    private static float Gaussian1(Random random) =>
        MathF.Sqrt(-2 * MathF.Log(1 - random.NextSingle())) * MathF.Cos(2 * MathF.PI * random.NextSingle());
}
