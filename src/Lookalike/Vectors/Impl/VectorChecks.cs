namespace Lookalike.Vectors.Impl;

/// <summary>Argument checks shared by every index, so bad input fails with the same clear message.</summary>
internal static class VectorChecks
{
    public static void RequireShape(ReadOnlySpan<long> ids, ReadOnlySpan<float> vectors, int dimension)
    {
        if (vectors.Length != ids.Length * dimension)
            throw new ArgumentException(
                $"Expected {ids.Length} vectors of {dimension} floats ({ids.Length * dimension}), got {vectors.Length} floats.", nameof(vectors));
    }

    public static void RequireQuery(ReadOnlySpan<float> query, int dimension, int k)
    {
        if (query.Length != dimension)
            throw new ArgumentException($"Query has {query.Length} dimensions, the index has {dimension}.", nameof(query));
        if (k <= 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be positive.");
    }
}
