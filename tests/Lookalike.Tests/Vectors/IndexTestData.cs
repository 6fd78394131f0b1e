using Lookalike.Testing;
using Lookalike.Vectors;

namespace Lookalike.Tests.Vectors;

/// <summary>A small clustered collection with queries and exact answers computed by brute force.</summary>
internal sealed class IndexTestData
{
    public int Dimension { get; }
    public long[] Ids { get; }
    public float[] Vectors { get; }
    public float[] Queries { get; }
    public int QueryCount => Queries.Length / Dimension;

    public IndexTestData(int count = 3000, int dimension = 32, int queries = 50, int seed = 7)
    {
        Dimension = dimension;
        var generator = new ClusteredVectors(dimension, clusters: 40, seed);
        Vectors = generator.Next(count);
        Queries = generator.Next(queries);
        // Ids that are not slot numbers, to catch id/slot mix-ups.
        Ids = Enumerable.Range(0, count).Select(i => 1_000_000L + 3L * i).ToArray();
    }

    public ReadOnlySpan<float> Query(int q) => Queries.AsSpan(q * Dimension, Dimension);

    public ReadOnlySpan<float> Vector(int i) => Vectors.AsSpan(i * Dimension, Dimension);

    public float Score(ReadOnlySpan<float> query, int i) => System.Numerics.Tensors.TensorPrimitives.Dot(query, Vector(i));

    /// <summary>Exact top-k ids by brute force (independent of any index code).</summary>
    public long[] ExactTop(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null)
    {
        var scored = new List<(long Id, float Score)>();
        for (var i = 0; i < Ids.Length; i++)
            if (filter == null || filter(Ids[i])) scored.Add((Ids[i], Score(query, i)));
        return scored.OrderByDescending(s => s.Score).Take(k).Select(s => s.Id).ToArray();
    }

    public long[] ExactRange(ReadOnlySpan<float> query, float minScore)
    {
        var ids = new List<long>();
        for (var i = 0; i < Ids.Length; i++)
            if (Score(query, i) >= minScore) ids.Add(Ids[i]);
        return ids.Order().ToArray();
    }

    public double RecallAt(IVectorIndex index, int k)
    {
        var found = new List<SearchHit[]>();
        var truth = new List<long[]>();
        for (var q = 0; q < QueryCount; q++)
        {
            found.Add(index.Search(Query(q), k));
            truth.Add(ExactTop(Query(q), k));
        }
        return Recall.AtK(found, truth, k);
    }

    public IVectorIndex Build(string description)
    {
        var index = IndexFactory.Create(description, Dimension);
        index.Add(Ids, Vectors);
        return index;
    }
}
