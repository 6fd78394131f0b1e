using System.Diagnostics;
using Lookalike.Testing;
using Lookalike.Vectors;

namespace Lookalike.Bench.Indexing;

/// <summary>
/// Base vectors, queries and exact top-100 ground truth as base.fvecs / query.fvecs / groundtruth.ivecs in
/// one folder. Any standard dataset in that layout can be benchmarked; when the folder is empty a realistic
/// clustered, L2-normalised one is generated (and kept for the next run).
/// </summary>
internal sealed class AnnDataset
{
    public const int TruthDepth = 100;

    public required string Folder { get; init; }
    public required float[] Base { get; init; }
    public required float[] Queries { get; init; }
    public required int[] Truth { get; init; }
    public required int Dimension { get; init; }

    public int Count => Base.Length / Dimension;
    public int QueryCount => Queries.Length / Dimension;

    public long[] TruthRow(int q) => Truth.AsSpan(q * TruthDepth, TruthDepth).ToArray().Select(i => (long)i).ToArray();

    public static AnnDataset LoadOrGenerate(string folder, int count, int dimension, int queries)
    {
        var basePath = Path.Combine(folder, "base.fvecs");
        var queryPath = Path.Combine(folder, "query.fvecs");
        var truthPath = Path.Combine(folder, "groundtruth.ivecs");
        if (!File.Exists(basePath))
        {
            Directory.CreateDirectory(folder);
            var clock = Stopwatch.StartNew();
            var generator = new ClusteredVectors(dimension, clusters: Math.Max(16, count / 100), seed: 2026);
            var baseVectors = generator.Next(count);
            var queryVectors = generator.Next(queries);
            VecsFile.Write<float>(basePath, baseVectors, dimension);
            VecsFile.Write<float>(queryPath, queryVectors, dimension);
            VecsFile.Write<int>(truthPath, ExactTruth(baseVectors, queryVectors, dimension), TruthDepth);
            Console.Error.WriteLine($"generated {count} x {dimension} base, {queries} queries and exact top-{TruthDepth} in {clock.Elapsed.TotalSeconds:F1} s -> {folder}");
        }
        var (b, dim) = VecsFile.Read<float>(basePath);
        var (q, queryDim) = VecsFile.Read<float>(queryPath);
        var (t, depth) = VecsFile.Read<int>(truthPath);
        if (queryDim != dim || depth < TruthDepth || t.Length / depth != q.Length / dim)
            throw new InvalidDataException($"{folder}: base, query and ground truth files do not match (need top-{TruthDepth} truth).");
        var truth = new int[q.Length / dim * TruthDepth];
        for (var row = 0; row < q.Length / dim; row++) t.AsSpan(row * depth, TruthDepth).CopyTo(truth.AsSpan(row * TruthDepth));
        return new AnnDataset { Folder = folder, Base = b, Queries = q, Truth = truth, Dimension = dim };
    }

    /// <summary>Ground truth by exact search: ids are row numbers, as fvecs ground truth files expect.</summary>
    private static int[] ExactTruth(float[] baseVectors, float[] queries, int dimension)
    {
        using var exact = new FlatIndex(dimension);
        exact.Add(Enumerable.Range(0, baseVectors.Length / dimension).Select(i => (long)i).ToArray(), baseVectors);
        return exact.SearchBatch(queries, TruthDepth).SelectMany(hits => hits.Select(h => (int)h.Id)).ToArray();
    }
}
