namespace Lookalike.Vectors.Impl;

internal static class Parallelism
{
    /// <summary>Options for <c>Parallel.For</c>: <paramref name="threads"/> workers, 0 meaning all cores.</summary>
    public static ParallelOptions Options(int threads) =>
        new() { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
}
