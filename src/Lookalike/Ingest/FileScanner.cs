using Lookalike.Files;
using Lookalike.Loading;

namespace Lookalike.Ingest;

/// <summary>
/// Lists the image files below some folders: by extension, skipping hidden entries (and with them the
/// catalog's own .lookalike folder), following symbolic links to folders but never into a loop.
/// </summary>
public static class FileScanner
{
    /// <summary>Extensions of the formats the loaded libvips reads (probed, see <see cref="ImageFormats"/>).</summary>
    public static IReadOnlySet<string> ImageExtensions => ImageFormats.Extensions;

    public static bool IsImageName(string path) => ImageExtensions.Contains(Path.GetExtension(path));

    /// <summary>Absolute paths of image files, sorted; folders that cannot be listed go to <paramref name="onError"/>.</summary>
    public static List<string> Scan(IEnumerable<string> roots, Action<string, string> onError)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        foreach (var root in roots)
        {
            var full = Path.GetFullPath(root);
            if (File.Exists(full)) { if (IsImageName(full)) files.Add(full); }
            else if (Directory.Exists(full)) pending.Push(full);
            else onError(full, "no such file or folder");
        }
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            var real = RealPath.Of(folder);
            if (real == null || !visited.Add(real)) continue; // a link loop, or a folder seen through another link
            try
            {
                foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
                {
                    if (entry.Name.StartsWith('.')) continue;
                    if (entry is DirectoryInfo) pending.Push(entry.FullName);
                    else if (IsImageName(entry.Name) && IsFile(entry)) files.Add(entry.FullName);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                onError(folder, e.Message);
            }
        }
        return files.ToList();
    }

    /// <summary>A regular file, or a link that resolves to one (a dangling link is left out).</summary>
    private static bool IsFile(FileSystemInfo entry) =>
        entry.LinkTarget == null || entry.ResolveLinkTarget(returnFinalTarget: true) is FileInfo { Exists: true };
}
