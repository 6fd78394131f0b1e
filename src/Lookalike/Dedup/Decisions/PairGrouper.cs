using System.Runtime.InteropServices;

namespace Lookalike.Dedup.Decisions;

/// <summary>
/// Connected components over (idA, idB, score) pairs with a union-find (union by size, path halving): near-linear
/// in the number of pairs, one pass, memory proportional to the number of distinct ids, not of pairs.
/// </summary>
public static class PairGrouper
{
    /// <summary>Groups of two or more ids, largest first, then by smallest id. Self-pairs are ignored.</summary>
    public static IReadOnlyList<PairGroup> Group(IEnumerable<ScoredPair> pairs)
    {
        var indexOf = new Dictionary<long, int>();
        var ids = new List<long>();
        var parent = new List<int>();
        var size = new List<int>();
        // Per-root running statistics, merged on union so the pairs need not be kept.
        var pairCount = new List<int>();
        var minScore = new List<double>();
        var maxScore = new List<double>();

        int Node(long id)
        {
            ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(indexOf, id, out var exists);
            if (exists) return index;
            index = ids.Count;
            ids.Add(id);
            parent.Add(index);
            size.Add(1);
            pairCount.Add(0);
            minScore.Add(double.PositiveInfinity);
            maxScore.Add(double.NegativeInfinity);
            return index;
        }

        int Find(int node)
        {
            while (parent[node] != node)
            {
                parent[node] = parent[parent[node]];
                node = parent[node];
            }
            return node;
        }

        foreach (var pair in pairs)
        {
            if (pair.A == pair.B) continue;
            var a = Find(Node(pair.A));
            var b = Find(Node(pair.B));
            if (a != b)
            {
                if (size[a] < size[b]) (a, b) = (b, a);
                parent[b] = a;
                size[a] += size[b];
                pairCount[a] += pairCount[b];
                minScore[a] = Math.Min(minScore[a], minScore[b]);
                maxScore[a] = Math.Max(maxScore[a], maxScore[b]);
            }
            pairCount[a]++;
            minScore[a] = Math.Min(minScore[a], pair.Score);
            maxScore[a] = Math.Max(maxScore[a], pair.Score);
        }

        var members = new Dictionary<int, List<long>>();
        for (var node = 0; node < ids.Count; node++)
        {
            var root = Find(node);
            if (!members.TryGetValue(root, out var list)) members[root] = list = new List<long>(size[root]);
            list.Add(ids[node]);
        }
        return members
            .Select(m =>
            {
                m.Value.Sort();
                return new PairGroup(m.Value, pairCount[m.Key], minScore[m.Key], maxScore[m.Key]);
            })
            .OrderByDescending(g => g.Ids.Count)
            .ThenBy(g => g.Ids[0])
            .ToList();
    }
}
