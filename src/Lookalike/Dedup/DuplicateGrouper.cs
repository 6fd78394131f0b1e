using Lookalike.Catalog;

namespace Lookalike.Dedup;

/// <summary>
/// Turns links between images into groups where no single weak link can merge two groups. A link counts only when it
/// is <em>confirmed</em>: the two files share neighbours, or the less connected one has few other links, so that at
/// least half of that file's links are this one or lead to a common neighbour (2 x (shared + 1) &gt; its degree).
/// Then groups are the connected components of the confirmed links. Effect: a file joins a group through a file it
/// matches that the rest of its own links agree with (a copy of the group's original, whose other copies it matches
/// too, or a file with no other match); a link between two files that each sit in their own dense group (a bridge),
/// or the middle link of a chain a-b-c-d, is dropped; and a file with a single link into a group of three or more
/// must link to the group's anchor (its most linked file). Memory is proportional to the images and links, never to all pairs.
/// </summary>
public static class DuplicateGrouper
{
    /// <summary>Connected components of the pairs, each of two or more item indices, largest first, each sorted
    /// (union-find with path halving). Plain components: <see cref="GroupConfirmed"/> is what dupes uses.</summary>
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

    /// <summary>Groups by confirmed links only (see the class summary).</summary>
    public static List<int[]> GroupConfirmed(int count, IEnumerable<(int A, int B)> pairs)
    {
        var unique = UniquePairs(pairs);
        var confirmed = Confirmed(count, unique).Select(i => unique[i]).ToList();
        return Group(count, WithoutStrayLeaves(count, confirmed));
    }

    /// <summary>
    /// Drops the link of a file that hangs on a group by one link to a member other than the group's anchor (its most
    /// linked file, in practice the original every copy matches): such a file matches one copy, not the group. Groups
    /// of two are left alone.
    /// </summary>
    private static IEnumerable<(int A, int B)> WithoutStrayLeaves(int count, List<(int A, int B)> links)
    {
        var degree = new int[count];
        foreach (var (a, b) in links) { degree[a]++; degree[b]++; }
        var components = Group(count, links);
        var anchorOf = new int[count];
        Array.Fill(anchorOf, -1);
        foreach (var component in components)
        {
            if (component.Length < 3) continue;
            var anchor = component.MaxBy(i => degree[i]);
            foreach (var member in component) anchorOf[member] = anchor;
        }
        return links.Where(l => anchorOf[l.A] < 0
            || !(degree[l.A] == 1 && l.B != anchorOf[l.A]) && !(degree[l.B] == 1 && l.A != anchorOf[l.B]));
    }

    /// <summary>Each unordered pair once (A &lt; B), self-pairs dropped, sorted.</summary>
    private static (int A, int B)[] UniquePairs(IEnumerable<(int A, int B)> pairs)
    {
        var list = pairs.Where(p => p.A != p.B).Select(p => p.A < p.B ? p : (p.B, p.A)).ToArray();
        Array.Sort(list);
        int n = 0;
        for (int i = 0; i < list.Length; i++)
            if (i == 0 || list[i] != list[i - 1]) list[n++] = list[i];
        return list[..n];
    }

    /// <summary>Indices of the confirmed pairs of <paramref name="pairs"/> (unique, sorted): neighbour lists in one
    /// array (compressed rows, sorted), then one merge of the two lists per pair.</summary>
    private static IEnumerable<int> Confirmed(int count, (int A, int B)[] pairs)
    {
        var start = new int[count + 1];
        foreach (var (a, b) in pairs) { start[a + 1]++; start[b + 1]++; }
        for (int i = 0; i < count; i++) start[i + 1] += start[i];
        var neighbours = new int[start[count]];
        var fill = start[..count];
        foreach (var (a, b) in pairs) { neighbours[fill[a]++] = b; neighbours[fill[b]++] = a; }
        for (int i = 0; i < count; i++) Array.Sort(neighbours, start[i], start[i + 1] - start[i]);
        for (int p = 0; p < pairs.Length; p++)
        {
            var (a, b) = pairs[p];
            int degree = Math.Min(start[a + 1] - start[a], start[b + 1] - start[b]);
            // Degree 1 or 2 at the weaker end needs nothing shared (2 x 1 > 1) or one shared neighbour (2 x 2 > 2).
            if (2 * (Shared(neighbours, start[a], start[a + 1], start[b], start[b + 1]) + 1) > degree) yield return p;
        }
    }

    private static int Shared(int[] neighbours, int i, int iEnd, int j, int jEnd)
    {
        int shared = 0;
        while (i < iEnd && j < jEnd)
        {
            if (neighbours[i] == neighbours[j]) { shared++; i++; j++; }
            else if (neighbours[i] < neighbours[j]) i++;
            else j++;
        }
        return shared;
    }

    /// <summary>Groups of <paramref name="items"/> (two or more each) joined by confirmed <paramref name="links"/>
    /// between positions, each with the range of every kind of evidence and the levels of the links inside it.</summary>
    public static List<DuplicateGroup> Build(IReadOnlyList<ImageRecord> items, IReadOnlyList<DuplicateLink> links)
    {
        var groups = GroupConfirmed(items.Count, links.Select(l => (l.A, l.B)));
        // Arrays by position and by (group, kind): this runs over every link of a million-image collection.
        var groupOf = new int[items.Count];
        Array.Fill(groupOf, -1);
        for (int g = 0; g < groups.Count; g++) foreach (var member in groups[g]) groupOf[member] = g;
        var kinds = Enum.GetValues<MatchEvidence>();
        DuplicateLevel[] levels = [DuplicateLevel.Exact, DuplicateLevel.SamePixels, DuplicateLevel.Copy, DuplicateLevel.Similar];
        var ranges = new (int Count, int Min, int Max)[groups.Count, kinds.Length];
        var levelCounts = new int[groups.Count, levels.Length];
        var content = new ContentCheck?[groups.Count];
        var checkedPairs = new HashSet<(int, int)>();
        foreach (var link in links)
        {
            // A link dropped as unconfirmed between two groups (or to a file in none) belongs to neither.
            var g = groupOf[link.A];
            if (g < 0 || groupOf[link.B] != g) continue;
            ref var range = ref ranges[g, (int)link.Evidence];
            range = range.Count == 0
                ? (1, link.Distance, link.Distance)
                : (range.Count + 1, Math.Min(range.Min, link.Distance), Math.Max(range.Max, link.Distance));
            levelCounts[g, Array.IndexOf(levels, link.Level)]++;
            if (link.Content is { } e && checkedPairs.Add((Math.Min(link.A, link.B), Math.Max(link.A, link.B))))
                content[g] = content[g] is not { } c ? new ContentCheck(1, e.Inliers, e.Agreement, e.CellsMoved)
                    : new ContentCheck(c.Pairs + 1, Math.Min(c.MinInliers, e.Inliers), Math.Min(c.MinAgreement, e.Agreement), Math.Max(c.MaxMovedCells, e.CellsMoved));
        }
        return groups.Select((members, g) =>
            {
                var counts = levels.Where(level => levelCounts[g, Array.IndexOf(levels, level)] > 0)
                    .Select(level => new LevelCount(level, levelCounts[g, Array.IndexOf(levels, level)])).ToList();
                return new DuplicateGroup(
                    members.Select(m => items[m]).ToList(),
                    kinds.Where(kind => ranges[g, (int)kind].Count > 0)
                        .Select(kind => new EvidenceRange(kind, ranges[g, (int)kind].Count, ranges[g, (int)kind].Min, ranges[g, (int)kind].Max))
                        .ToList(),
                    counts.Count == 0 ? DuplicateLevel.Copy : counts.Max(c => c.Level),
                    counts,
                    content[g]);
            })
            .ToList();
    }
}
