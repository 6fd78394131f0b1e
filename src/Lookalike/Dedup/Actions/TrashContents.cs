using Lookalike.Files;

namespace Lookalike.Dedup.Actions;

/// <summary>One action's files still in the trash.</summary>
/// <param name="Files">Files the action took, restored or not.</param>
/// <param name="InTrash">Of those, the ones whose bytes are still in the trash.</param>
/// <param name="BytesInTrash">Their size.</param>
/// <param name="BytesFreedByPurge">What purging them would really free: files with no other hard link elsewhere.</param>
public sealed record TrashedAction(string ActionId, DedupAction Action, DateTime StartedUtc, int Files, int InTrash, long BytesInTrash, long BytesFreedByPurge);

/// <summary>What a purge did.</summary>
/// <param name="BytesFreed">Bytes of the files deleted that no other hard link holds: the space really given back.</param>
/// <param name="BytesStillLinked">Bytes of files deleted from the trash that another hard link still holds.</param>
/// <param name="FreeBytesBefore">Free space on the trash's file system before the purge, as the system reports it.</param>
public sealed record PurgeOutcome(IReadOnlyList<string> Actions, int Files, long BytesFreed, long BytesStillLinked, long FreeBytesBefore, long FreeBytesAfter,
    IReadOnlyList<SkippedFile> Skipped);

/// <summary>
/// Lists what the trash holds per action, and purges (deletes for good) the files of actions older than some age. A
/// file's bytes are in the trash while its trash copy exists; a purged action can no longer be undone.
/// </summary>
public static class TrashContents
{
    public static IReadOnlyList<TrashedAction> List(TrashFolder trash, ManifestSeal seal) =>
        Actions(trash, seal).Select(a => new TrashedAction(a.Id, a.Action, a.Started, a.Files, a.InTrash.Count,
            a.InTrash.Sum(f => f.Size), a.InTrash.Where(f => f.LinkCount <= 1).Sum(f => f.Size))).ToList();

    /// <summary>Deletes the trash copies of every action started before <paramref name="nowUtc"/> minus <paramref name="olderThan"/>.</summary>
    public static PurgeOutcome Purge(TrashFolder trash, ManifestSeal seal, TimeSpan olderThan, DateTime nowUtc)
    {
        var before = FreeBytes(trash.Root);
        var purged = new List<string>();
        var skipped = new List<SkippedFile>();
        int files = 0;
        long freed = 0, stillLinked = 0;
        foreach (var action in Actions(trash, seal).Where(a => a.Started <= nowUtc - olderThan && a.InTrash.Count > 0))
        {
            foreach (var file in action.InTrash)
            {
                try
                {
                    RawFiles.Delete(file.Path);
                    files++;
                    if (file.LinkCount <= 1) freed += file.Size;
                    else stillLinked += file.Size;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    skipped.Add(new SkippedFile(file.Path, $"{file.Path}: {e.Message}"));
                }
            }
            DedupActionRunner.RemoveEmptyFolders(Path.Combine(trash.Root, action.Id));
            purged.Add(action.Id);
        }
        return new PurgeOutcome(purged, files, freed, stillLinked, before, FreeBytes(trash.Root), skipped);
    }

    /// <summary>Reads an age such as 30d, 12h, 90m or 0 (everything).</summary>
    /// <exception cref="BadInputException">Not such an age.</exception>
    public static TimeSpan ParseAge(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed == "0") return TimeSpan.Zero;
        if (trimmed.Length >= 2 && int.TryParse(trimmed[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            switch (trimmed[^1])
            {
                case 'd': return TimeSpan.FromDays(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'm': return TimeSpan.FromMinutes(n);
            }
        }
        throw new BadInputException($"'{text}' is not an age: write a whole number of days, hours or minutes such as 30d, 12h or 90m (0 for everything)");
    }

    private sealed record TrashFile(string Path, long Size, uint LinkCount);

    private sealed record ActionFiles(string Id, DedupAction Action, DateTime Started, int Files, IReadOnlyList<TrashFile> InTrash);

    /// <summary>The actions of a manifest sealed by the catalog (a planted manifest could otherwise name any file to purge).</summary>
    private static IEnumerable<ActionFiles> Actions(TrashFolder trash, ManifestSeal seal)
    {
        var fs = LinuxFileSystemCalls.Instance;
        return trash.Manifest.ReadAll(seal).OfType<FileActed>().GroupBy(r => r.ActionId).Select(g => new ActionFiles(
            g.Key, g.First().Action, g.First().TimeUtc, g.Count(),
            g.Where(r => r.TrashPath is not null)
                .Select(r => (r.TrashPath, Status: fs.Status(r.TrashPath!)))
                .Where(f => f.Status is { IsSymbolicLink: false })
                .Select(f => new TrashFile(f.TrashPath!, f.Status!.Value.Size, f.Status.Value.LinkCount)).ToList()));
    }

    private static long FreeBytes(string folder)
    {
        var existing = new DirectoryInfo(folder);
        while (existing is { Exists: false }) existing = existing.Parent;
        return existing is null ? 0 : new DriveInfo(existing.FullName).AvailableFreeSpace;
    }
}
