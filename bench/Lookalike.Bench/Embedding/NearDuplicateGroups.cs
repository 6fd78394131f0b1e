using Lookalike.Evaluation;

namespace Lookalike.Bench.Embedding;

/// <summary>The groups of ../shared/photos/NEARDUP_GROUPS.tsv as indexes over a list of photos.</summary>
internal static class NearDuplicateGroups
{
    /// <summary>
    /// Per photo (by file name without extension): its group index, or -1 when it is in no group.
    /// Every listed relation keeps its photos out of the "unrelated" set; only near-duplicate
    /// relations count as true matches (<paramref name="isNearDuplicate"/>).
    /// </summary>
    public static int[] Load(string tsvPath, string[] photoNames, out bool[] isNearDuplicate)
    {
        var entries = NearDuplicateGroupList.Read(tsvPath);
        var groupOf = Enumerable.Repeat(-1, photoNames.Length).ToArray();
        var index = photoNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        for (int group = 0; group < entries.Count; group++)
            foreach (var file in entries[group].Files)
                if (index.TryGetValue(Path.GetFileNameWithoutExtension(file), out var photo)) groupOf[photo] = group;
        isNearDuplicate = entries.Select(e => e.Relation.StartsWith("near-duplicate", StringComparison.Ordinal)).ToArray();
        return groupOf;
    }
}
