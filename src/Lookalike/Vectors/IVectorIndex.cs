using Lookalike.Vectors.Impl;
namespace Lookalike.Vectors;

/// <summary>
/// A searchable collection of L2-normalised vectors keyed by caller ids (catalog row ids).
/// Similarity is the dot product: higher is closer. Searches may run concurrently with each other,
/// but not with Add/Remove (the caller serialises writes).
/// </summary>
public interface IVectorIndex : IDisposable
{
    /// <summary>The factory string that creates an empty index like this one (e.g. "HNSW32").</summary>
    string Description { get; }

    int Dimension { get; }

    /// <summary>Number of live (not removed) vectors.</summary>
    int Count { get; }

    /// <summary>The ids of all live vectors.</summary>
    IEnumerable<long> Ids { get; }

    /// <summary>Adds vectors (row-major, <c>ids.Length * Dimension</c> floats). An id already present is replaced.</summary>
    void Add(ReadOnlySpan<long> ids, ReadOnlySpan<float> vectors);

    /// <summary>The k most similar vectors, best first. With a filter only ids it accepts are returned,
    /// and still k of them when that many pass.</summary>
    SearchHit[] Search(ReadOnlySpan<float> query, int k, Func<long, bool>? filter = null);

    /// <summary>All vectors with similarity at least <paramref name="minScore"/>, best first.</summary>
    SearchHit[] RangeSearch(ReadOnlySpan<float> query, float minScore, Func<long, bool>? filter = null);

    /// <summary>Copies the stored vector of <paramref name="id"/> (as the index keeps it) into <paramref name="destination"/>.</summary>
    bool TryGetVector(long id, Span<float> destination);

    /// <summary>Removes a vector; false when the id is unknown.</summary>
    bool Remove(long id);

    /// <summary>Writes the index to one file; <see cref="VectorIndex.Load"/> maps it back.</summary>
    void Save(string path);

    /// <summary>Searches many queries (row-major) on <paramref name="threads"/> threads (0 = all cores).</summary>
    SearchHit[][] SearchBatch(ReadOnlySpan<float> queries, int k, int threads = 0, Func<long, bool>? filter = null)
    {
        var count = queries.Length / Dimension;
        var results = new SearchHit[count][];
        var all = queries.ToArray();
        Parallel.For(0, count, Parallelism.Options(threads),
            q => results[q] = Search(all.AsSpan(q * Dimension, Dimension), k, filter));
        return results;
    }

    /// <summary>Every pair of stored vectors with similarity at least <paramref name="minScore"/>, i.e. the
    /// groups dedup needs. Each pair once, A &lt; B.</summary>
    IReadOnlyList<SimilarPair> FindSimilarPairs(float minScore, int threads = 0)
    {
        var ids = Ids.ToArray();
        var perThread = new System.Collections.Concurrent.ConcurrentBag<List<SimilarPair>>();
        Parallel.For(0, ids.Length, Parallelism.Options(threads),
            () => (Pairs: new List<SimilarPair>(), Vector: new float[Dimension]),
            (i, _, local) =>
            {
                if (!TryGetVector(ids[i], local.Vector)) return local;
                foreach (var hit in RangeSearch(local.Vector, minScore))
                    if (hit.Id != ids[i]) local.Pairs.Add(SimilarPairs.Ordered(ids[i], hit.Id, hit.Score));
                return local;
            },
            local => perThread.Add(local.Pairs));
        return SimilarPairs.Distinct(perThread);
    }
}
