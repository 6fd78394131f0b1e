using Lookalike.Catalog;
using Lookalike.Dedup.Keep;
using Lookalike.Files;

namespace Lookalike.Dedup.Actions;

/// <summary>
/// Carries out move-to-trash, hardlink, symlink and (confirmed) delete on the duplicates of keep-best choices, and
/// undoes them from the trash manifest. Files that changed since the catalog fingerprinted them are skipped, and so
/// is every file whose real path (links resolved) lies outside the folders the action was given
/// (<see cref="PathPolicy"/>). Each file's manifest line is sealed (<see cref="ManifestSeal"/>) and written before the
/// file is touched; undo trusts only sealed lines, takes files only from inside its trash, puts them only at the
/// recorded path when nothing else is there, and checks their SHA-256 before they land.
/// </summary>
public sealed class DedupActionRunner
{
    private readonly TrashFolder _trash;
    private readonly ManifestSeal _seal;
    private readonly IFileSystemCalls _fs;
    private readonly SafeFileMover _mover;

    public DedupActionRunner(TrashFolder trash, ManifestSeal seal, IFileSystemCalls? fileSystem = null)
    {
        _trash = trash;
        _seal = seal;
        _fs = fileSystem ?? LinuxFileSystemCalls.Instance;
        _mover = new SafeFileMover(_fs);
    }

    /// <exception cref="ArgumentException"><paramref name="action"/> is <see cref="DedupAction.Report"/>, which touches nothing (use
    /// <see cref="ActionPlan.From"/>), or <see cref="ActionOptions.Roots"/> names no existing folder.</exception>
    /// <exception cref="InvalidOperationException">Delete without <see cref="ActionOptions.DeleteConfirmed"/>.</exception>
    public ActionOutcome Run(IEnumerable<KeepChoice> choices, DedupAction action, ActionOptions options)
    {
        if (action == DedupAction.Report)
            throw new ArgumentException("'report' touches no files; use ActionPlan.From to list what an action would do", nameof(action));
        if (action == DedupAction.Delete && !options.DeleteConfirmed)
            throw new InvalidOperationException("deleting duplicates for good needs explicit confirmation (--delete --yes)");
        var policy = new PathPolicy(options.Roots);
        if (policy.RealRoots.Count == 0)
            throw new ArgumentException("an action needs the folders it may act in (ActionOptions.Roots), and none of them exists", nameof(options));

        var plan = ActionPlan.From(choices, options.Decisions);
        var actionId = TrashFolder.NewActionId();
        var done = new List<FileActed>();
        var skipped = plan.Skipped.ToList();
        var steps = new List<PlannedStep>();
        foreach (var step in plan.Steps)
        {
            if (Inside(step, policy, out var problem) is { } inside) steps.Add(inside);
            else skipped.Add(new SkippedFile(step.Duplicate.Path, problem));
        }
        var root = options.Root is { } given ? RealPath.Of(Path.GetFullPath(given)) ?? Path.GetFullPath(given)
            : steps.Count > 0 ? CommonRoot.Of(steps.Select(s => s.Duplicate.Path)) : "/";
        var keeperProblems = new Dictionary<string, string?>();
        foreach (var (duplicate, keeper) in steps)
        {
            try
            {
                if (!keeperProblems.TryGetValue(keeper.Path, out var keeperProblem))
                    keeperProblems[keeper.Path] = keeperProblem = FileChangeCheck.WhyChanged(keeper, _fs);
                var problem = keeperProblem is null ? FileChangeCheck.WhyChanged(duplicate, _fs) : $"{duplicate.Path}: keeper {keeperProblem}";
                if (problem is null && action == DedupAction.Hardlink && _fs.Status(duplicate.Path)!.Value.IsSameFileAs(_fs.Status(keeper.Path)!.Value))
                    problem = $"{duplicate.Path}: already a hard link to {keeper.Path}";
                if (problem is not null)
                {
                    skipped.Add(new SkippedFile(duplicate.Path, problem));
                    continue;
                }
                var record = Record(action, actionId, duplicate, keeper, root);
                _trash.Manifest.Append(record, _seal);
                try
                {
                    Act(record);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _trash.Manifest.Append(new FileAbandoned(actionId, DateTime.UtcNow, record.Path, e.Message), _seal);
                    throw;
                }
                done.Add(record);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                skipped.Add(new SkippedFile(duplicate.Path, $"{duplicate.Path}: {e.Message}"));
            }
        }
        return new ActionOutcome(actionId, action, done, skipped, plan.Skipped.Count);
    }

    /// <summary>The step with both paths replaced by their real paths when both lie inside the roots and are two files; else null and why.</summary>
    private static PlannedStep? Inside(PlannedStep step, PathPolicy policy, out string problem)
    {
        var (duplicate, keeper) = step;
        problem = "";
        // A path that does not resolve (gone, a loop of links) goes on unchanged: FileChangeCheck says what became of it.
        if (RealPath.Of(duplicate.Path) is null || RealPath.Of(keeper.Path) is null) return step;
        if (policy.Resolve(duplicate.Path, out var why) is not { } duplicateReal)
        {
            problem = $"{why}; left alone";
            return null;
        }
        if (policy.Resolve(keeper.Path, out why) is not { } keeperReal)
        {
            problem = $"{duplicate.Path}: its keeper {why}; left alone";
            return null;
        }
        if (duplicateReal == keeperReal)
        {
            problem = $"{duplicate.Path}: is its keeper {keeper.Path} itself, reached through a link; left alone";
            return null;
        }
        return new PlannedStep(duplicate with { Path = duplicateReal }, keeper with { Path = keeperReal });
    }

    private FileActed Record(DedupAction action, string actionId, ImageRecord duplicate, ImageRecord keeper, string root)
    {
        var status = _fs.Status(duplicate.Path)!.Value;
        var trashPath = action == DedupAction.Delete ? null : _trash.PathFor(actionId, duplicate.Path, root);
        return new FileActed(actionId, DateTime.UtcNow, action, duplicate.Path, trashPath, keeper.Path, keeper.ContentHash,
            status.Size, duplicate.ContentHash.ToLowerInvariant(), status.ModifiedSeconds, status.ModifiedNanoseconds);
    }

    private void Act(FileActed record)
    {
        switch (record.Action)
        {
            case DedupAction.MoveToTrash:
                _mover.Move(record.Path, record.TrashPath!);
                break;
            case DedupAction.Hardlink:
                ReplaceByLink(record.Path, record.TrashPath!, temporary => _fs.HardLink(record.Keeper, temporary));
                break;
            case DedupAction.Symlink:
                ReplaceByLink(record.Path, record.TrashPath!, temporary => RawFiles.CreateSymbolicLink(temporary, record.Keeper));
                break;
            case DedupAction.Delete:
                RawFiles.Delete(record.Path);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(record));
        }
    }

    /// <summary>
    /// Creates the link under a temporary name beside the duplicate, keeps the duplicate's bytes in the trash, then
    /// renames the link over the duplicate: the path always holds either the old file or the finished link.
    /// </summary>
    private void ReplaceByLink(string duplicate, string trashPath, Action<string> createLink)
    {
        var temporary = SafeFileMover.TemporarySibling(duplicate);
        try
        {
            createLink(temporary);
        }
        catch (CrossDeviceException)
        {
            throw new IOException("the keeper is on another file system, so it cannot be hard-linked here; left alone");
        }
        var preserved = false;
        try
        {
            _mover.Preserve(duplicate, trashPath);
            preserved = true;
            _fs.RenameReplace(temporary, duplicate);
        }
        catch
        {
            RawFiles.Delete(temporary);
            if (preserved) RawFiles.Delete(trashPath); // the duplicate is still in place, so the trash copy is surplus
            throw;
        }
    }

    /// <summary>Restores the files of <paramref name="actionId"/> (default: the latest action with anything left to restore).</summary>
    /// <exception cref="InvalidOperationException">Nothing to undo, or no such action in the manifest.</exception>
    /// <exception cref="InvalidDataException">The manifest has a line not sealed by this catalog (edited, planted, foreign).</exception>
    public UndoOutcome Undo(string? actionId = null)
    {
        var records = _trash.Manifest.ReadAll(_seal);
        actionId ??= _trash.Manifest.Actions(_seal).LastOrDefault(a => a.CanUndo)?.ActionId
            ?? throw new InvalidOperationException($"nothing to undo in {_trash.Manifest.Path}");
        var abandoned = records.OfType<FileAbandoned>().Where(r => r.ActionId == actionId).Select(r => r.Path).ToHashSet();
        var acted = records.OfType<FileActed>().Where(r => r.ActionId == actionId && !abandoned.Contains(r.Path)).ToList();
        if (acted.Count == 0) throw new InvalidOperationException($"no action '{actionId}' in {_trash.Manifest.Path}");
        var alreadyRestored = records.OfType<FileRestored>().Where(r => r.ActionId == actionId).Select(r => r.Path).ToHashSet();
        if (acted.All(r => alreadyRestored.Contains(r.Path)))
            throw new InvalidOperationException($"action '{actionId}' is already undone");

        var trashRoot = RealPath.Of(_trash.Root);
        var restored = new List<string>();
        var skipped = new List<SkippedFile>();
        foreach (var record in Enumerable.Reverse(acted).Where(r => !alreadyRestored.Contains(r.Path)))
        {
            try
            {
                if (Restore(record, trashRoot) is { } problem)
                {
                    skipped.Add(new SkippedFile(record.Path, problem));
                    continue;
                }
                _trash.Manifest.Append(new FileRestored(actionId, DateTime.UtcNow, record.Path), _seal);
                restored.Add(record.Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                skipped.Add(new SkippedFile(record.Path, $"{record.Path}: {e.Message}"));
            }
        }
        RemoveEmptyFolders(Path.Combine(_trash.Root, actionId));
        return new UndoOutcome(actionId, restored, skipped);
    }

    /// <summary>Puts one file back exactly (bytes and nanosecond mtime); null when done, else why not.</summary>
    private string? Restore(FileActed record, string? trashRoot)
    {
        if (record.TrashPath is null) return $"{record.Path}: was deleted for good; nothing to restore";
        if (WhyNotInTrash(record.TrashPath, trashRoot) is { } outside) return $"{record.Path}: {outside}; left alone";
        if (WhyNotRestorableTo(record.Path) is { } elsewhere) return $"{record.Path}: {elsewhere}; the original stays in {record.TrashPath}";
        var current = _fs.Status(record.Path);
        var trashCopy = _fs.Status(record.TrashPath);
        if (current is { IsSymbolicLink: false } here && Sha256File.Of(record.Path) == record.Sha256)
        {
            // The run stopped (or failed) between writing the manifest and finishing the action: the original is in place.
            if (trashCopy is { } copy && copy.IsSameFileAs(here)) RawFiles.Delete(record.TrashPath);
            return null;
        }
        if (trashCopy is null) return $"{record.Path}: its trash copy {record.TrashPath} is missing";
        if (Sha256File.Of(record.TrashPath) != record.Sha256)
            return $"{record.Path}: its trash copy {record.TrashPath} changed (SHA-256 differs); left there";
        if (current is { } now && !IsTheLinkWeMade(record, now))
            return $"{record.Path}: something else is there now; the original stays in {record.TrashPath}";

        var temporary = SafeFileMover.TemporarySibling(record.Path);
        _mover.Move(record.TrashPath, temporary);
        try
        {
            if (Sha256File.Of(temporary) != record.Sha256)
                throw new IOException($"the bytes moved out of {record.TrashPath} do not match the recorded SHA-256; put back in the trash");
            _fs.SetModified(temporary, record.ModifiedSeconds, record.ModifiedNanoseconds);
            if (current is null) _fs.RenameNoReplace(temporary, record.Path);
            else ReplaceOurLink(temporary, record.Path);
        }
        catch
        {
            _mover.Move(temporary, record.TrashPath);
            throw;
        }
        return null;
    }

    /// <summary>Moves the link the action made aside, then the original into its place without overwriting anything.</summary>
    private void ReplaceOurLink(string original, string path)
    {
        var aside = SafeFileMover.TemporarySibling(path);
        _fs.RenameNoReplace(path, aside);
        try
        {
            _fs.RenameNoReplace(original, path);
        }
        catch
        {
            _fs.RenameNoReplace(aside, path);
            throw;
        }
        RawFiles.Delete(aside);
    }

    /// <summary>Null when <paramref name="trashPath"/> is a regular file inside the trash, reached through no link.</summary>
    private string? WhyNotInTrash(string trashPath, string? trashRoot)
    {
        var relative = Path.GetRelativePath(_trash.Root, trashPath);
        if (trashRoot is null || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) || relative == ".")
            return $"its recorded trash copy {trashPath} is not inside the trash {_trash.Root}";
        var expected = Path.Combine(trashRoot, relative);
        var kind = FileKinds.Of(trashPath);
        if (kind == FileKind.Missing) return null; // reported as missing (or as already in place) by the caller
        if (kind != FileKind.Regular || RealPath.Of(trashPath) != expected)
            return $"its trash copy {trashPath} is {FileKinds.Describe(kind)} or reached through a link, not a file kept by the action";
        return null;
    }

    /// <summary>Null when <paramref name="path"/> is where the action took the file from: an absolute path whose nearest
    /// existing folder is reached through no link (so the restore cannot land anywhere else).</summary>
    private static string? WhyNotRestorableTo(string path)
    {
        if (!Path.IsPathFullyQualified(path) || Path.GetFullPath(path) != path) return "not an absolute, normal path";
        var folder = Path.GetDirectoryName(path);
        while (folder != null && FileKinds.Of(folder) == FileKind.Missing) folder = Path.GetDirectoryName(folder);
        if (folder is null || FileKinds.Of(folder) != FileKind.Directory || !PathPolicy.IsReal(folder))
            return $"its folder {folder} is now a link or not a folder, so the restore could land elsewhere";
        return null;
    }

    /// <summary>Whether the path still holds the link the action put there (so replacing it loses nothing).</summary>
    private static bool IsTheLinkWeMade(FileActed record, FileStatus current) => record.Action switch
    {
        DedupAction.Symlink => current.IsSymbolicLink && RawFiles.LinkTarget(record.Path) == record.Keeper,
        DedupAction.Hardlink => !current.IsSymbolicLink && Sha256File.Of(record.Path) == record.KeeperSha256.ToLowerInvariant(),
        _ => false,
    };

    /// <summary>Removes <paramref name="folder"/> and the folders below it that hold nothing (undo and purge leave them).</summary>
    internal static void RemoveEmptyFolders(string folder)
    {
        if (FileKinds.Of(folder) != FileKind.Directory) return;
        // Only real folders: a link planted in the trash must not lead the clean-up to folders elsewhere.
        foreach (var child in RawDirectory.Entries(folder).Where(c => FileKinds.Of(c) == FileKind.Directory)) RemoveEmptyFolders(child);
        if (RawDirectory.Entries(folder).Count == 0) RawFiles.DeleteEmptyFolder(folder);
    }
}
