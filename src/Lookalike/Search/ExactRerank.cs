using System.Numerics.Tensors;
using Lookalike.Vectors;

namespace Lookalike.Search;

/// <summary>
/// Searching an index whose stored vectors are lossy (SQ8): its scores are approximate, so a longer
/// shortlist is fetched and re-scored with the exact vectors. Shared by catalog search and evaluation so
/// both measure the same thing.
/// </summary>
public static class ExactRerank
{
    /// <summary>Candidates fetched per result.</summary>
    public const int Factor = 4;

    /// <summary>Whether an index of this description needs re-scoring.</summary>
    public static bool Needed(string description) => IndexFactory.Parse(description).Storage == "SQ8";

    /// <summary>The <paramref name="k"/> best hits; when <paramref name="rerank"/>, shortlisted and re-scored by
    /// <paramref name="exactVector"/> (an id it has no vector for is dropped).</summary>
    public static SearchHit[] Search(IVectorIndex index, ReadOnlySpan<float> query, int k, Func<long, bool>? filter, bool rerank,
        Func<long, float[]?> exactVector)
    {
        if (!rerank) return index.Search(query, k, filter);
        var shortlist = index.Search(query, k * Factor, filter);
        var rescored = new List<SearchHit>(shortlist.Length);
        foreach (var hit in shortlist)
            if (exactVector(hit.Id) is { } vector) rescored.Add(new SearchHit(hit.Id, TensorPrimitives.Dot(query, vector)));
        return rescored.OrderByDescending(h => h.Score).Take(k).ToArray();
    }
}
