namespace Lookalike.Evaluation;

/// <summary>One row of a NEARDUP_GROUPS.tsv: photos that are related, and how (e.g. "near-duplicate",
/// "same-scene, NOT duplicate").</summary>
public sealed record NearDuplicateGroupEntry(string Name, string Relation, string Description, IReadOnlyList<string> Files)
{
    /// <summary>Rows that record look-alikes which are different photos ("NOT duplicate").</summary>
    public bool IsNotDuplicate => Relation.Contains("NOT duplicate", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Reads NEARDUP_GROUPS.tsv (../shared/photos): group, relation, description, comma-separated file names.</summary>
public static class NearDuplicateGroupList
{
    public static List<NearDuplicateGroupEntry> Read(string tsvPath)
    {
        var entries = new List<NearDuplicateGroupEntry>();
        foreach (var line in File.ReadLines(tsvPath).Skip(1))
        {
            var fields = line.Split('\t');
            if (fields.Length < 4) continue;
            var files = fields[3].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            entries.Add(new NearDuplicateGroupEntry(fields[0], fields[1], fields[2], files));
        }
        return entries;
    }
}
