namespace Lookalike.Evaluation;

/// <summary>One image of an evaluation set: its family (the photo it was made from) and how it was made.</summary>
/// <param name="Transform">"original" for the photo itself, else the edit (e.g. "rot90", "jpeg_q40").</param>
/// <param name="Class">What the picture shows (e.g. "animals-birds"), when the set says: different pictures of one
/// class are hard negatives.</param>
public sealed record LabelledImage(string Path, string Family, string Transform, string? Class = null)
{
    public const string Original = "original";

    public bool IsOriginal => Transform == Original;
}

/// <summary>What the truth says about two images.</summary>
public enum PairRelation
{
    /// <summary>Should be grouped: same family, or families listed together as duplicates (tone edits of one photo).</summary>
    Duplicate,

    /// <summary>Related but not a duplicate (video frames, stereo pairs, same scene): left out of precision and recall.</summary>
    Similar,

    /// <summary>Must not be grouped.</summary>
    Different,
}

/// <summary>
/// The truth for a dedup evaluation set: labels (file, family, transform) plus the relations between families
/// from NEARDUP_GROUPS.tsv. Families of a group named in <c>duplicateGroups</c> are one duplicate cluster;
/// families of any other group are "similar", except groups marked "NOT duplicate", which stay different.
/// </summary>
public sealed class DedupGroundTruth
{
    private readonly Dictionary<string, int> _clusterOfFamily;
    private readonly HashSet<(string, string)> _similarFamilies;

    private DedupGroundTruth(IReadOnlyList<LabelledImage> images, Dictionary<string, int> clusterOfFamily, HashSet<(string, string)> similarFamilies)
    {
        Images = images;
        _clusterOfFamily = clusterOfFamily;
        _similarFamilies = similarFamilies;
        ByPath = images.ToDictionary(i => i.Path, StringComparer.Ordinal);
    }

    public IReadOnlyList<LabelledImage> Images { get; }

    public IReadOnlyDictionary<string, LabelledImage> ByPath { get; }

    /// <summary>Duplicate cluster of a family: its own, or shared with the families it is a duplicate of.</summary>
    public int ClusterOf(string family) => _clusterOfFamily[family];

    /// <summary>Different pictures that look alike on purpose: same class (when labelled) or similar families.</summary>
    public bool IsHardNegative(LabelledImage a, LabelledImage b) => RelationOf(a, b) switch
    {
        PairRelation.Similar => true,
        PairRelation.Different => a.Class is not null && a.Class == b.Class,
        _ => false,
    };

    /// <summary>The same truth over a subset of the images (a cross-validation fold).</summary>
    public DedupGroundTruth Restrict(Func<LabelledImage, bool> keep) =>
        new(Images.Where(keep).ToList(), _clusterOfFamily, _similarFamilies);

    public PairRelation RelationOf(LabelledImage a, LabelledImage b)
    {
        if (ClusterOf(a.Family) == ClusterOf(b.Family)) return PairRelation.Duplicate;
        return _similarFamilies.Contains((a.Family, b.Family)) ? PairRelation.Similar : PairRelation.Different;
    }

    /// <summary>Reads labels.tsv (paths relative to the set folder, as make-dedup-set.sh writes it) and,
    /// when given, NEARDUP_GROUPS.tsv, whose file names match families by name without extension.</summary>
    public static DedupGroundTruth Load(string setDirectory, string labelsPath, string? nearDuplicateGroupsPath, IReadOnlySet<string> duplicateGroups)
    {
        var images = new List<LabelledImage>();
        foreach (var (line, number) in File.ReadLines(labelsPath).Select((l, i) => (l, i + 1)).Skip(1))
        {
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length < 3) throw new InvalidDataException($"{labelsPath}:{number}: expected file, family, transform[, class]");
            images.Add(new LabelledImage(Path.GetFullPath(Path.Combine(setDirectory, fields[0])), fields[1], fields[2],
                fields.Length > 3 && fields[3].Length > 0 ? fields[3] : null));
        }
        var groups = nearDuplicateGroupsPath is null ? [] : NearDuplicateGroupList.Read(nearDuplicateGroupsPath);
        return Create(images, groups, duplicateGroups);
    }

    public static DedupGroundTruth Create(IReadOnlyList<LabelledImage> images, IReadOnlyList<NearDuplicateGroupEntry> groups, IReadOnlySet<string> duplicateGroups)
    {
        var duplicatePath = images.GroupBy(i => i.Path).FirstOrDefault(g => g.Count() > 1);
        if (duplicatePath is not null) throw new InvalidDataException($"{duplicatePath.Key} is labelled twice");
        // One original per family: every other duplicate pair is then original-copy, copy-copy or cross-family.
        var twoOriginals = images.Where(i => i.IsOriginal).GroupBy(i => i.Family).FirstOrDefault(g => g.Count() > 1);
        if (twoOriginals is not null) throw new InvalidDataException($"Family {twoOriginals.Key} has more than one original");
        var unknown = duplicateGroups.Where(name => groups.Count > 0 && groups.All(g => g.Name != name)).ToList();
        if (unknown.Count > 0) throw new InvalidDataException($"No near-duplicate group named {string.Join(", ", unknown)}");
        var families = images.Select(i => i.Family).Distinct().ToList();
        var clusterOfFamily = families.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i);
        var similarFamilies = new HashSet<(string, string)>();
        for (int g = 0; g < groups.Count; g++)
        {
            var members = groups[g].Files.Select(Path.GetFileNameWithoutExtension).Where(f => clusterOfFamily.ContainsKey(f!)).Select(f => f!).ToList();
            if (groups[g].IsNotDuplicate || members.Count == 0) continue;
            if (duplicateGroups.Contains(groups[g].Name))
            {
                // Merge the members' clusters (a family may sit in more than one duplicate group).
                var target = clusterOfFamily[members[0]];
                foreach (var member in members)
                {
                    var old = clusterOfFamily[member];
                    foreach (var family in families.Where(f => clusterOfFamily[f] == old)) clusterOfFamily[family] = target;
                }
            }
            else
                foreach (var a in members)
                    foreach (var b in members.Where(b => b != a)) similarFamilies.Add((a, b));
        }
        return new DedupGroundTruth(images, clusterOfFamily, similarFamilies);
    }
}
