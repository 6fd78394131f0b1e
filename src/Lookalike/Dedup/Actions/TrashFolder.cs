using Lookalike.Catalog;
using Lookalike.Files;

namespace Lookalike.Dedup.Actions;

/// <summary>
/// Where actions keep the files they take away: <c>ROOT/ACTION_ID/PATH-RELATIVE-TO-COMMON-ROOT</c>, plus
/// <c>ROOT/manifest.jsonl</c> recording what went where. The root is marked (<see cref="NotIndexedMarker"/>) before
/// the first file goes in, so indexing never picks the trash up again; <see cref="TrashContents"/> lists and purges it.
/// </summary>
public sealed class TrashFolder
{
    public TrashFolder(string root)
    {
        Root = Path.GetFullPath(root);
        Manifest = new ActionManifest(Path.Combine(Root, "manifest.jsonl"));
    }

    public string Root { get; }

    public ActionManifest Manifest { get; }

    /// <summary>The trash in a catalog's state folder: <c>DIR/trash</c> for <c>DIR/catalog.db</c>. With the default catalog that
    /// is inside the indexed folder's hidden <c>.lookalike</c>, on the same file system, so moves stay renames.</summary>
    public static TrashFolder ForCatalog(ImageCatalog catalog) => new(Path.Combine(catalog.StateFolder, "trash"));

    /// <summary>Where <paramref name="file"/> goes for <paramref name="actionId"/>; files outside <paramref name="commonRoot"/> keep their full path.</summary>
    public string PathFor(string actionId, string file, string commonRoot)
    {
        NotIndexedMarker.Mark(Root);
        var relative = Path.GetRelativePath(commonRoot, file);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            relative = file.TrimStart(Path.DirectorySeparatorChar);
        return Path.Combine(Root, actionId, relative);
    }

    /// <summary>Sortable and unique: UTC time of the start plus a random suffix, e.g. 20261122T041953Z-3f9a1c.</summary>
    public static string NewActionId() => $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}"[..23];
}
