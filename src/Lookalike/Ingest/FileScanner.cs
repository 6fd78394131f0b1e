using Lookalike.Files;
using Lookalike.Loading;

namespace Lookalike.Ingest;

/// <summary>
/// Lists the image files below some folders: by extension, skipping hidden entries (and with them the
/// catalog's own .lookalike folder) and folders marked as Lookalike's own (the trash, see <see cref="NotIndexedMarker"/>).
/// Only regular files are listed (links resolved): a FIFO, device or socket
/// named like an image is reported and skipped, because reading it would block or never end. Links to folders
/// are followed only while they stay inside the real paths of the roots (see <see cref="PathPolicy"/>), or
/// anywhere with <c>followLinks</c>; never into a loop. A bad entry is reported on its own and never hides the
/// rest of its folder.
/// </summary>
public static class FileScanner
{
    /// <summary>Extensions of the formats the loaded libvips reads (probed, see <see cref="ImageFormats"/>).</summary>
    public static IReadOnlySet<string> ImageExtensions => ImageFormats.Extensions;

    public static bool IsImageName(string path) => ImageExtensions.Contains(Path.GetExtension(path));

    /// <summary>Absolute paths of image files, sorted; entries and folders that cannot be read go to <paramref name="onError"/>, one line each.</summary>
    /// <param name="followLinks">Follow links to folders outside the roots too (actions still refuse what lies outside).</param>
    public static List<string> Scan(IEnumerable<string> roots, Action<string, string> onError, bool followLinks = false)
    {
        var absolute = roots.Select(Path.GetFullPath).ToList();
        var policy = new PathPolicy(absolute);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        foreach (var root in absolute)
        {
            switch (FileKinds.Of(root, followLinks: true))
            {
                case FileKind.Directory: pending.Push(root); break;
                case FileKind.Missing: onError(root, "no such file or folder"); break;
                default: AddFile(root, files, onError); break;
            }
        }
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            var real = RealPath.Of(folder);
            if (real == null || !visited.Add(real)) continue; // a link loop, or a folder seen through another link
            if (NotIndexedMarker.IsMarked(folder)) continue;
            IEnumerable<string> entries;
            try
            {
                entries = RawDirectory.Entries(folder); // names that are not UTF-8 come back as their exact bytes (RawName)
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                onError(folder, e.Message);
                continue;
            }
            foreach (var entry in entries)
            {
                if (Path.GetFileName(entry).StartsWith('.')) continue;
                try
                {
                    Visit(entry, policy, followLinks, files, pending, onError);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    onError(entry, e.Message);
                }
            }
        }
        return files.ToList();
    }

    private static void Visit(string entry, PathPolicy policy, bool followLinks, SortedSet<string> files, Stack<string> pending,
        Action<string, string> onError)
    {
        var kind = FileKinds.Of(entry);
        if (kind == FileKind.Directory)
        {
            pending.Push(entry);
            return;
        }
        if (kind != FileKind.SymbolicLink)
        {
            if (IsImageName(entry)) AddFile(entry, files, onError);
            return;
        }
        var target = RealPath.Of(entry);
        if (target is null)
        {
            if (IsImageName(entry)) onError(entry, "a symbolic link that leads nowhere (missing target, or a loop of links); skipped");
            return;
        }
        if (FileKinds.Of(target) == FileKind.Directory)
        {
            if (followLinks || policy.Contains(target)) pending.Push(entry);
            else onError(entry, $"a link to the folder {target}, outside the folders given; not followed (--follow-links follows it)");
        }
        else if (IsImageName(entry))
        {
            AddFile(entry, files, onError);
        }
    }

    private static void AddFile(string path, SortedSet<string> files, Action<string, string> onError)
    {
        if (RegularFile.WhyNotRegular(path) is { } problem) onError(path, problem);
        else if (IsImageName(path)) files.Add(path);
    }
}
