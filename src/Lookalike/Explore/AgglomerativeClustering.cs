using System.Numerics.Tensors;

namespace Lookalike.Explore;

/// <summary>
/// Average-linkage agglomerative clustering by cosine similarity, cut at a threshold: two groups merge
/// while the mean cosine between their members is at least the threshold. Average rather than single
/// linkage, so one chain of look-alikes does not glue unrelated groups together. The dendrogram is built
/// with the nearest-neighbour chain algorithm (O(n²) time and memory, a few thousand points).
/// </summary>
public static class AgglomerativeClustering
{
    /// <summary>Cluster labels 0..c-1, one per point.</summary>
    public static int[] Cluster(EmbeddingPoints points, double threshold)
    {
        var n = points.Count;
        var labels = new int[n];
        if (n == 0) return labels;
        var similarity = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = i; j < n; j++)
                similarity[i, j] = similarity[j, i] = TensorPrimitives.Dot(points.Row(i), points.Row(j));
        var size = Enumerable.Repeat(1, n).ToArray();
        var active = Enumerable.Repeat(true, n).ToArray();
        var parent = Enumerable.Range(0, n).ToArray();
        var chain = new List<int>();
        var remaining = n;
        while (remaining > 1)
        {
            if (chain.Count == 0) chain.Add(Array.IndexOf(active, true));
            var top = chain[^1];
            var previous = chain.Count > 1 ? chain[^2] : -1;
            var best = -1;
            var bestSimilarity = double.NegativeInfinity;
            for (var j = 0; j < n; j++)
            {
                if (!active[j] || j == top) continue;
                // Prefer the previous chain element on ties so reciprocal nearest neighbours are found.
                if (similarity[top, j] > bestSimilarity || (similarity[top, j] == bestSimilarity && j == previous)) (best, bestSimilarity) = (j, similarity[top, j]);
            }
            if (best != previous)
            {
                chain.Add(best);
                continue;
            }
            chain.RemoveRange(chain.Count - 2, 2);
            // Average linkage is reducible, so merges found out of order still form a monotone dendrogram:
            // cutting it at the threshold is applying exactly the merges at or above it.
            if (bestSimilarity >= threshold) parent[Find(parent, best)] = Find(parent, top);
            // Lance–Williams update for average linkage: the merged group lives on in `top`.
            for (var j = 0; j < n; j++)
            {
                if (!active[j] || j == top || j == best) continue;
                var merged = (size[top] * similarity[top, j] + size[best] * similarity[best, j]) / (size[top] + size[best]);
                similarity[top, j] = similarity[j, top] = merged;
            }
            size[top] += size[best];
            active[best] = false;
            remaining--;
        }
        var numbers = new Dictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            var root = Find(parent, i);
            if (!numbers.TryGetValue(root, out var label)) numbers[root] = label = numbers.Count;
            labels[i] = label;
        }
        return labels;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }
}
