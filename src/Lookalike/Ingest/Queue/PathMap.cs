namespace Lookalike.Ingest.Queue;

/// <summary>
/// Where a worker finds a cataloged file when it sees the shared storage under another mount point: <c>FROM=TO</c> pairs
/// (<c>--map /srv/photos=/mnt/photos</c>). The catalog keeps the path as enqueued; only the reading is mapped. The
/// longest matching prefix wins, and a prefix matches whole path components only.
/// </summary>
public sealed class PathMap
{
    private readonly List<(string From, string To)> _pairs;

    private PathMap(List<(string From, string To)> pairs) => _pairs = pairs;

    public static PathMap None { get; } = new([]);

    /// <exception cref="BadInputException">A pair is not <c>FROM=TO</c> with two absolute paths.</exception>
    public static PathMap Parse(IEnumerable<string> pairs)
    {
        var parsed = new List<(string, string)>();
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=');
            var (from, to) = at < 0 ? ("", "") : (pair[..at].TrimEnd('/'), pair[(at + 1)..].TrimEnd('/'));
            if (at < 0 || !Path.IsPathRooted(pair[..at]) || !Path.IsPathRooted(pair[(at + 1)..]))
                throw new BadInputException($"--map needs FROM=TO with two absolute paths, not '{pair}'");
            parsed.Add((from, to));
        }
        return new PathMap([.. parsed.OrderByDescending(p => p.Item1.Length)]);
    }

    /// <summary>The path to read for the cataloged <paramref name="path"/>.</summary>
    public string Local(string path)
    {
        foreach (var (from, to) in _pairs)
            if (path.StartsWith(from + "/", StringComparison.Ordinal) || path == from) return to + path[from.Length..];
        return path;
    }
}
