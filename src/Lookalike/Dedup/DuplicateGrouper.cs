using Lookalike.Catalog;

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

    /// <summary>Groups of <paramref name="items"/> (two or more each) linked by <paramref name="pairs"/> of
    /// positions, each with the smallest and largest distance among the pairs inside it.</summary>
    public static List<DuplicateGroup> Build(IReadOnlyList<ImageRecord> items, IReadOnlyList<(int A, int B, int Distance)> pairs)
    {
        var groups = Group(items.Count, pairs.Select(p => (p.A, p.B)));
        var groupOf = new Dictionary<int, int>();
        for (int g = 0; g < groups.Count; g++) foreach (var member in groups[g]) groupOf[member] = g;
        var range = new (int Min, int Max)[groups.Count];
        Array.Fill(range, (int.MaxValue, int.MinValue));
        foreach (var (a, _, distance) in pairs)
        {
            var g = groupOf[a];
            range[g] = (Math.Min(range[g].Min, distance), Math.Max(range[g].Max, distance));
        }
        return groups.Select((members, g) => new DuplicateGroup(members.Select(m => items[m]).ToList(), range[g].Min, range[g].Max)).ToList();
    }
}
