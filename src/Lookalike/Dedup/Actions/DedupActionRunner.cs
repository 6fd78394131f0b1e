using Lookalike.Catalog;
using Lookalike.Dedup.Keep;
using Lookalike.Files;

namespace Lookalike.Dedup.Actions;

/// <summary>
/// Carries out move-to-trash, hardlink, symlink and (confirmed) delete on the duplicates of keep-best choices, and
/// undoes them from the trash manifest. Files that changed since the catalog fingerprinted them are skipped.
/// </summary>
public sealed class DedupActionRunner
{
    private readonly TrashFolder _trash;
    private readonly IFileSystemCalls _fs;
    private readonly SafeFileMover _mover;

    public DedupActionRunner(TrashFolder trash, IFileSystemCalls? fileSystem = null)
    {
        _trash = trash;
        _fs = fileSystem ?? LinuxFileSystemCalls.Instance;
        _mover = new SafeFileMover(_fs);
    }

    /// <exception cref="ArgumentException"><paramref name="action"/> is <see cref="DedupAction.Report"/>, which touches nothing (use <see cref="ActionPlan.From"/>).</exception>
    /// <exception cref="InvalidOperationException">Delete without <see cref="ActionOptions.DeleteConfirmed"/>.</exception>
    public ActionOutcome Run(IEnumerable<KeepChoice> choices, DedupAction action, ActionOptions options)
    {
        if (action == DedupAction.Report)
            throw new ArgumentException("'report' touches no files; use ActionPlan.From to list what an action would do", nameof(action));
        if (action == DedupAction.Delete && !options.DeleteConfirmed)
            throw new InvalidOperationException("deleting duplicates for good needs explicit confirmation (--delete --yes)");

        var plan = ActionPlan.From(choices, options.Decisions);
        var root = options.Root is { } given ? Path.GetFullPath(given)
            : plan.Steps.Count > 0 ? CommonRoot.Of(plan.Steps.Select(s => s.Duplicate.Path)) : "/";
        var actionId = TrashFolder.NewActionId();
        var done = new List<FileActed>();
        var skipped = plan.Skipped.ToList();
        var keeperProblems = new Dictionary<string, string?>();
        foreach (var (duplicate, keeper) in plan.Steps)
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
                var record = Act(action, actionId, duplicate, keeper, root);
                _trash.Manifest.Append(record);
                done.Add(record);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                skipped.Add(new SkippedFile(duplicate.Path, $"{duplicate.Path}: {e.Message}"));
            }
        }
        return new ActionOutcome(actionId, action, done, skipped);
    }

    private FileActed Act(DedupAction action, string actionId, ImageRecord duplicate, ImageRecord keeper, string root)
    {
        var status = _fs.Status(duplicate.Path)!.Value;
        var trashPath = action == DedupAction.Delete ? null : _trash.PathFor(actionId, duplicate.Path, root);
        switch (action)
        {
            case DedupAction.MoveToTrash:
                _mover.Move(duplicate.Path, trashPath!);
                break;
            case DedupAction.Hardlink:
                ReplaceByLink(duplicate.Path, trashPath!, temporary => _fs.HardLink(keeper.Path, temporary));
                break;
            case DedupAction.Symlink:
                ReplaceByLink(duplicate.Path, trashPath!, temporary => File.CreateSymbolicLink(temporary, keeper.Path));
                break;
            case DedupAction.Delete:
                File.Delete(duplicate.Path);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action));
        }
        return new FileActed(actionId, DateTime.UtcNow, action, duplicate.Path, trashPath, keeper.Path, keeper.ContentHash,
            status.Size, duplicate.ContentHash.ToLowerInvariant(), status.ModifiedSeconds, status.ModifiedNanoseconds);
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
            File.Delete(temporary);
            if (preserved) File.Delete(trashPath); // the duplicate is still in place, so the trash copy is surplus
            throw;
        }
    }

    /// <summary>Restores the files of <paramref name="actionId"/> (default: the latest action with anything left to restore).</summary>
    /// <exception cref="InvalidOperationException">Nothing to undo, or no such action in the manifest.</exception>
    public UndoOutcome Undo(string? actionId = null)
    {
        var records = _trash.Manifest.ReadAll();
        actionId ??= _trash.Manifest.Actions().LastOrDefault(a => a.CanUndo)?.ActionId
            ?? throw new InvalidOperationException($"nothing to undo in {_trash.Manifest.Path}");
        var acted = records.OfType<FileActed>().Where(r => r.ActionId == actionId).ToList();
        if (acted.Count == 0) throw new InvalidOperationException($"no action '{actionId}' in {_trash.Manifest.Path}");
        var alreadyRestored = records.OfType<FileRestored>().Where(r => r.ActionId == actionId).Select(r => r.Path).ToHashSet();
        if (acted.All(r => alreadyRestored.Contains(r.Path)))
            throw new InvalidOperationException($"action '{actionId}' is already undone");

        var restored = new List<string>();
        var skipped = new List<SkippedFile>();
        foreach (var record in Enumerable.Reverse(acted).Where(r => !alreadyRestored.Contains(r.Path)))
        {
            try
            {
                if (Restore(record) is { } problem)
                {
                    skipped.Add(new SkippedFile(record.Path, problem));
                    continue;
                }
                _trash.Manifest.Append(new FileRestored(actionId, DateTime.UtcNow, record.Path));
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
    private string? Restore(FileActed record)
    {
        if (record.TrashPath is null) return $"{record.Path}: was deleted for good; nothing to restore";
        if (_fs.Status(record.TrashPath) is null) return $"{record.Path}: its trash copy {record.TrashPath} is missing";
        if (Sha256File.Of(record.TrashPath) != record.Sha256)
            return $"{record.Path}: its trash copy {record.TrashPath} changed (SHA-256 differs); left there";
        var current = _fs.Status(record.Path);
        if (current is { } now && !IsTheLinkWeMade(record, now))
            return $"{record.Path}: something else is there now; the original stays in {record.TrashPath}";

        var temporary = SafeFileMover.TemporarySibling(record.Path);
        _mover.Move(record.TrashPath, temporary);
        try
        {
            _fs.SetModified(temporary, record.ModifiedSeconds, record.ModifiedNanoseconds);
            if (current is null) _fs.RenameNoReplace(temporary, record.Path);
            else _fs.RenameReplace(temporary, record.Path);
        }
        catch
        {
            _mover.Move(temporary, record.TrashPath);
            throw;
        }
        return null;
    }

    /// <summary>Whether the path still holds the link the action put there (so replacing it loses nothing).</summary>
    private static bool IsTheLinkWeMade(FileActed record, FileStatus current) => record.Action switch
    {
        DedupAction.Symlink => current.IsSymbolicLink && new FileInfo(record.Path).LinkTarget == record.Keeper,
        DedupAction.Hardlink => !current.IsSymbolicLink && Sha256File.Of(record.Path) == record.KeeperSha256.ToLowerInvariant(),
        _ => false,
    };

    /// <summary>Removes <paramref name="folder"/> and the folders below it that hold nothing (undo and purge leave them).</summary>
    internal static void RemoveEmptyFolders(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var child in Directory.EnumerateDirectories(folder)) RemoveEmptyFolders(child);
        if (!Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
    }
}
