namespace Lookalike.Dedup;

/// <summary>Turns matching pairs into groups: connected components, by union-find with path halving.</summary>
public static class DuplicateGrouper
{
    /// <summary>Groups of two or more item indices, largest first, each sorted.</summary>
    public static List<int[]> Group(int count, IEnumerable<(int A, int B)> pairs)
    {
        var parent = new int[count];
        for (int i = 0; i < count; i++) parent[i] = i;
        int Find(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        foreach (var (a, b) in pairs)
        {
            int ra = Find(a), rb = Find(b);
            if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
        var groups = new Dictionary<int, List<int>>();
        for (int i = 0; i < count; i++)
        {
            var root = Find(i);
            if (!groups.TryGetValue(root, out var members)) groups[root] = members = [];
            members.Add(i);
        }
        return groups.Values.Where(g => g.Count > 1).Select(g => g.ToArray())
            .OrderByDescending(g => g.Length).ThenBy(g => g[0]).ToList();
    }
}
