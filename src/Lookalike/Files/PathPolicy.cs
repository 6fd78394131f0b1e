namespace Lookalike.Files;

/// <summary>
/// The folders a command may act in: the real paths (every link resolved) of the roots it was given. A path is
/// inside only when its own real path is, so a link to a folder elsewhere never lets an action or a scan reach
/// out of them.
/// </summary>
public sealed class PathPolicy
{
    private readonly List<string> _roots;

    /// <param name="roots">Folders or files; those that do not resolve (missing) are left out.</param>
    public PathPolicy(IEnumerable<string> roots) =>
        _roots = roots.Select(r => RealPath.Of(Path.GetFullPath(r))).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> RealRoots => _roots;

    /// <summary>Whether the real path <paramref name="realPath"/> is one of the roots or below one.</summary>
    public bool Contains(string realPath)
    {
        foreach (var root in _roots)
        {
            if (realPath == root) return true;
            var prefix = root.EndsWith('/') ? root : root + "/";
            if (realPath.StartsWith(prefix, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Resolves <paramref name="path"/>: its real path when that is inside, else null with why not in <paramref name="reason"/>.</summary>
    public string? Resolve(string path, out string reason)
    {
        var real = RealPath.Of(path);
        if (real is null)
        {
            reason = $"{path}: cannot be resolved (missing, or a loop of links)";
            return null;
        }
        if (!Contains(real))
        {
            reason = real == path
                ? $"{path}: outside the folders given ({string.Join(", ", _roots)})"
                : $"{path}: leads through a link to {real}, outside the folders given ({string.Join(", ", _roots)})";
            return null;
        }
        reason = "";
        return real;
    }

    /// <summary>True when no component of <paramref name="path"/> (absolute) is a link: it is its own real path.</summary>
    public static bool IsReal(string path) => RealPath.Of(path) == Path.TrimEndingDirectorySeparator(path);
}
