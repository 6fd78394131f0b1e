namespace Lookalike.Evaluation;

/// <summary>
/// Which images count as right answers for which query, from a label file: for classes, every other
/// image of the query's class; for pairs, the images labelled "same" with it. Every image of the file is
/// a candidate answer; every image with at least one right answer is a query.
/// </summary>
public sealed class RelevanceLabels
{
    private readonly Dictionary<string, HashSet<string>> _relevant;

    private RelevanceLabels(IReadOnlyList<string> images, Dictionary<string, HashSet<string>> relevant, IReadOnlyDictionary<string, string>? classes)
    {
        Images = images;
        _relevant = relevant;
        ClassOf = classes;
    }

    /// <summary>Every labelled image (absolute paths), in file order, each once.</summary>
    public IReadOnlyList<string> Images { get; }

    /// <summary>Each image's class for a class file; null for pairs.</summary>
    public IReadOnlyDictionary<string, string>? ClassOf { get; }

    public IReadOnlySet<string> RelevantTo(string image) => _relevant.TryGetValue(image, out var set) ? set : [];

    public static RelevanceLabels From(LabelFile file)
    {
        if (file.Classes is { } classes)
        {
            var classOf = new Dictionary<string, string>();
            foreach (var image in classes) classOf.TryAdd(image.Path, image.Class);
            var members = classOf.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Key).ToList());
            var relevant = classOf.ToDictionary(p => p.Key, p => members[p.Value].Where(m => m != p.Key).ToHashSet());
            return new RelevanceLabels(classOf.Keys.ToList(), relevant, classOf);
        }
        var images = new List<string>();
        var seen = new HashSet<string>();
        var same = new Dictionary<string, HashSet<string>>();
        foreach (var pair in file.Pairs!)
        {
            if (seen.Add(pair.PathA)) images.Add(pair.PathA);
            if (seen.Add(pair.PathB)) images.Add(pair.PathB);
            if (!pair.Same || pair.PathA == pair.PathB) continue;
            SetOf(same, pair.PathA).Add(pair.PathB);
            SetOf(same, pair.PathB).Add(pair.PathA);
        }
        return new RelevanceLabels(images, same, null);
    }

    private static HashSet<string> SetOf(Dictionary<string, HashSet<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var set)) map[key] = set = [];
        return set;
    }
}
