using Lookalike.Catalog;

namespace Lookalike.Dedup;

/// <summary>Turns links between images into groups: connected components, by union-find with path halving.
/// Memory is proportional to the images and links, never to all pairs.</summary>
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

    /// <summary>Groups of <paramref name="items"/> (two or more each) joined by <paramref name="links"/> between
    /// positions, each with the range of every kind of evidence inside it.</summary>
    public static List<DuplicateGroup> Build(IReadOnlyList<ImageRecord> items, IReadOnlyList<DuplicateLink> links)
    {
        var groups = Group(items.Count, links.Select(l => (l.A, l.B)));
        // Arrays by position and by (group, kind): this runs over every link of a million-image collection.
        var groupOf = new int[items.Count];
        for (int g = 0; g < groups.Count; g++) foreach (var member in groups[g]) groupOf[member] = g;
        var kinds = Enum.GetValues<MatchEvidence>();
        var ranges = new (int Count, int Min, int Max)[groups.Count, kinds.Length];
        foreach (var link in links)
        {
            ref var range = ref ranges[groupOf[link.A], (int)link.Evidence];
            range = range.Count == 0
                ? (1, link.Distance, link.Distance)
                : (range.Count + 1, Math.Min(range.Min, link.Distance), Math.Max(range.Max, link.Distance));
        }
        return groups.Select((members, g) => new DuplicateGroup(
                members.Select(m => items[m]).ToList(),
                kinds.Where(kind => ranges[g, (int)kind].Count > 0)
                    .Select(kind => new EvidenceRange(kind, ranges[g, (int)kind].Count, ranges[g, (int)kind].Min, ranges[g, (int)kind].Max))
                    .ToList()))
            .ToList();
    }
}
