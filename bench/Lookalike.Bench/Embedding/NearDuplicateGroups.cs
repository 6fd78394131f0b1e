namespace Lookalike.Bench.Embedding;

/// <summary>Reads ../shared/photos/NEARDUP_GROUPS.tsv (group, relation, description, comma-separated files).</summary>
internal static class NearDuplicateGroups
{
    /// <summary>
    /// Per photo (by file name without extension): its group index, or -1 when it is in no group.
    /// Every listed relation keeps its photos out of the "unrelated" set; only near-duplicate
    /// relations count as true matches (<paramref name="isNearDuplicate"/>).
    /// </summary>
    public static int[] Load(string tsvPath, string[] photoNames, out bool[] isNearDuplicate)
    {
        var groupOf = Enumerable.Repeat(-1, photoNames.Length).ToArray();
        var nearDuplicate = new List<bool>();
        var index = photoNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        foreach (var line in File.ReadLines(tsvPath).Skip(1))
        {
            var fields = line.Split('\t');
            if (fields.Length < 4) continue;
            int group = nearDuplicate.Count;
            nearDuplicate.Add(fields[1].StartsWith("near-duplicate", StringComparison.Ordinal));
            foreach (var file in fields[3].Split(','))
                if (index.TryGetValue(Path.GetFileNameWithoutExtension(file.Trim()), out var photo)) groupOf[photo] = group;
        }
        isNearDuplicate = nearDuplicate.ToArray();
        return groupOf;
    }
}
