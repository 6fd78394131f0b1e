using Lookalike.Catalog;
using Lookalike.Files;

namespace Lookalike.Web.Security;

/// <summary>
/// Which catalog images may be read: only by id, and only when the file, with every link resolved, is still inside one
/// of the served folders (also resolved). A symlink planted in a folder that points out of it is refused.
/// </summary>
public sealed class ImageAccess
{
    private readonly IReadOnlyList<string> _roots;

    public ImageAccess(IReadOnlyList<string> folders) =>
        _roots = [.. folders.Select(f => RealPath.Of(f) ?? Path.GetFullPath(f)).Select(r => r.TrimEnd('/') + "/")];

    /// <summary>The file's real path when it may be read, else null.</summary>
    public string? Readable(ImageRecord image)
    {
        if (_roots.Count == 0) return null;
        var real = RealPath.Of(image.Path);
        if (real is null || !File.Exists(real)) return null;
        return _roots.Any(r => real.StartsWith(r, StringComparison.Ordinal) || real + "/" == r) ? real : null;
    }
}
