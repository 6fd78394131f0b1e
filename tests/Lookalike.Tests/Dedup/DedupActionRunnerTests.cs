using Lookalike.Catalog;
using Lookalike.Dedup.Actions;
using Lookalike.Dedup.Decisions;
using Lookalike.Dedup.Keep;

namespace Lookalike.Tests.Dedup;

public class DedupActionRunnerTests : IDisposable
{
    private readonly CatalogedFolder _photos = new();
    private readonly CatalogedFolder _trashParent = new();
    private readonly TrashFolder _trash;
    private readonly ManifestSeal _seal = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public DedupActionRunnerTests() => _trash = new TrashFolder(_trashParent["trash"]);

    private static byte[] Bytes(int length, byte seed) => Enumerable.Range(0, length).Select(i => (byte)(i * 31 + seed)).ToArray();

    /// <summary>A keeper (bigger) and two duplicates in subfolders, as keep-best would choose them.</summary>
    private (KeepChoice Choice, ImageRecord Keeper, ImageRecord A, ImageRecord B) Group(string under = "")
    {
        var keeper = _photos.Write(Path.Combine(under, "album/keeper.jpg"), Bytes(5000, 1), 400, 300);
        var a = _photos.Write(Path.Combine(under, "album/copies/a.jpg"), Bytes(3000, 2), 200, 150);
        var b = _photos.Write(Path.Combine(under, "other/b.jpg"), Bytes(2000, 3), 100, 75);
        return (new KeepBestSelector(KeepPolicy.Default).Choose([a, b, keeper]), keeper, a, b);
    }

    private DedupActionRunner Runner(IFileSystemCalls? fs = null) => new(_trash, _seal, fs);

    private static void AssertRestoredExactly(ImageRecord record, byte[] bytes, FileStatus before)
    {
        Assert.Equal(bytes, File.ReadAllBytes(record.Path));
        var after = LinuxFileSystemCalls.Instance.Status(record.Path)!.Value;
        Assert.False(after.IsSymbolicLink);
        Assert.Equal((before.ModifiedSeconds, before.ModifiedNanoseconds), (after.ModifiedSeconds, after.ModifiedNanoseconds));
    }

    [Fact]
    public void MoveToTrashKeepsRelativePathsAndUndoRestoresBytesAndNanosecondMtimes()
    {
        var (choice, keeper, a, b) = Group();
        var statusA = LinuxFileSystemCalls.Instance.Status(a.Path)!.Value;
        var statusB = LinuxFileSystemCalls.Instance.Status(b.Path)!.Value;
        Assert.Equal(123_456_789u, statusA.ModifiedNanoseconds);

        var outcome = Runner().Run([choice], DedupAction.MoveToTrash, new ActionOptions { Roots = [_photos.Path], Root = _photos.Path });
        Assert.Empty(outcome.Skipped);
        Assert.Equal(2, outcome.Done.Count);
        Assert.False(File.Exists(a.Path));
        Assert.False(File.Exists(b.Path));
        Assert.True(File.Exists(keeper.Path));
        var trashedA = Path.Combine(_trash.Root, outcome.ActionId, "album", "copies", "a.jpg");
        Assert.Equal(Bytes(3000, 2), File.ReadAllBytes(trashedA));
        Assert.Equal(trashedA, outcome.Done.Single(d => d.Path == a.Path).TrashPath);
        var manifestLines = File.ReadAllLines(_trash.Manifest.Path);
        Assert.Equal(2, manifestLines.Length);
        Assert.Contains("\"action\":\"move-to-trash\"", manifestLines[0]);
        Assert.Contains($"\"sha256\":\"{a.ContentHash}\"", string.Join('\n', manifestLines));

        var undo = Runner().Undo();
        Assert.Equal(outcome.ActionId, undo.ActionId);
        Assert.Empty(undo.Skipped);
        AssertRestoredExactly(a, Bytes(3000, 2), statusA);
        AssertRestoredExactly(b, Bytes(2000, 3), statusB);
        Assert.False(Directory.Exists(Path.Combine(_trash.Root, outcome.ActionId)));
        Assert.Throws<InvalidOperationException>(() => Runner().Undo());
    }

    [Fact]
    public void TrashRootDefaultsToTheCommonFolderOfTheDuplicates()
    {
        var (choice, _, _, _) = Group();
        var outcome = Runner().Run([choice], DedupAction.MoveToTrash, new ActionOptions { Roots = [_photos.Path] });
        Assert.Equal(Path.Combine(_trash.Root, outcome.ActionId, "album", "copies", "a.jpg"), outcome.Done.Single(d => d.Path.EndsWith("a.jpg")).TrashPath);
        Assert.Equal(_photos.Path, CommonRoot.Of(outcome.Done.Select(d => d.Path)));
    }

    [Fact]
    public void RefusesFilesChangedSinceFingerprinting()
    {
        var (choice, _, a, b) = Group();
        // a: same size and mtime, different bytes (only the SHA-256 can tell); b: different size.
        var sameSize = Bytes(3000, 9);
        File.WriteAllBytes(a.Path, sameSize);
        LinuxFileSystemCalls.Instance.SetModified(a.Path, 1_600_003_000, 123_456_789);
        File.AppendAllText(b.Path, "x");

        var outcome = Runner().Run([choice], DedupAction.MoveToTrash, new ActionOptions { Roots = [_photos.Path] });
        Assert.Empty(outcome.Done);
        Assert.Equal($"{a.Path}: content changed since it was fingerprinted (SHA-256 differs)", outcome.Skipped.Single(s => s.Path == a.Path).Reason);
        Assert.StartsWith($"{b.Path}: size changed since it was fingerprinted", outcome.Skipped.Single(s => s.Path == b.Path).Reason);
        Assert.Equal(sameSize, File.ReadAllBytes(a.Path));
    }

    [Fact]
    public void RefusesTouchedOrMissingFilesAndAnythingWhoseKeeperChanged()
    {
        var (choice, keeper, a, b) = Group();
        LinuxFileSystemCalls.Instance.SetModified(a.Path, 1_700_000_000, 0);
        File.Delete(b.Path);
        var outcome = Runner().Run([choice], DedupAction.Symlink, new ActionOptions { Roots = [_photos.Path] });
        Assert.Contains("modified since it was fingerprinted", outcome.Skipped.Single(s => s.Path == a.Path).Reason);
        Assert.Equal($"{b.Path}: missing since it was fingerprinted", outcome.Skipped.Single(s => s.Path == b.Path).Reason);

        var (choice2, keeper2, a2, _) = Group("second");
        File.WriteAllBytes(keeper2.Path, Bytes(10, 0));
        var outcome2 = Runner().Run([choice2], DedupAction.MoveToTrash, new ActionOptions { Roots = [_photos.Path] });
        Assert.Empty(outcome2.Done);
        Assert.StartsWith($"{a2.Path}: keeper {keeper2.Path}: size changed", outcome2.Skipped.Single(s => s.Path == a2.Path).Reason);
        Assert.True(File.Exists(a2.Path));
    }

    [Fact]
    public void HardlinkReplacesDuplicatesByRealLinksAndUndoRestoresOriginals()
    {
        var (choice, keeper, a, b) = Group();
        var statusA = LinuxFileSystemCalls.Instance.Status(a.Path)!.Value;
        var outcome = Runner().Run([choice], DedupAction.Hardlink, new ActionOptions { Roots = [_photos.Path] });
        Assert.Empty(outcome.Skipped);
        var keeperStatus = LinuxFileSystemCalls.Instance.Status(keeper.Path)!.Value;
        var linked = LinuxFileSystemCalls.Instance.Status(a.Path)!.Value;
        Assert.True(linked.IsSameFileAs(keeperStatus));
        Assert.Equal(3u, keeperStatus.LinkCount);
        Assert.Equal(Bytes(3000, 2), File.ReadAllBytes(outcome.Done.Single(d => d.Path == a.Path).TrashPath!));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(a.Path)!, "*.tmp"));

        // A second hardlink run finds nothing left to do.
        var again = Runner().Run([choice], DedupAction.Hardlink, new ActionOptions { Roots = [_photos.Path] });
        Assert.Empty(again.Done);

        Runner().Undo(outcome.ActionId);
        AssertRestoredExactly(a, Bytes(3000, 2), statusA);
        Assert.Equal(Bytes(2000, 3), File.ReadAllBytes(b.Path));
        Assert.Equal(1u, LinuxFileSystemCalls.Instance.Status(keeper.Path)!.Value.LinkCount);
    }

    [Fact]
    public void SymlinkReplacesDuplicatesByRealSymlinksAndUndoRestoresOriginals()
    {
        var (choice, keeper, a, _) = Group();
        var statusA = LinuxFileSystemCalls.Instance.Status(a.Path)!.Value;
        Runner().Run([choice], DedupAction.Symlink, new ActionOptions { Roots = [_photos.Path] });
        Assert.True(LinuxFileSystemCalls.Instance.Status(a.Path)!.Value.IsSymbolicLink);
        Assert.Equal(keeper.Path, new FileInfo(a.Path).LinkTarget);
        Assert.Equal(File.ReadAllBytes(keeper.Path), File.ReadAllBytes(a.Path));

        var undo = Runner().Undo();
        Assert.Equal(2, undo.Restored.Count);
        AssertRestoredExactly(a, Bytes(3000, 2), statusA);
    }

    [Fact]
    public void UndoLeavesTheTrashCopyWhenSomethingElseTookThePath()
    {
        var (choice, _, a, b) = Group();
        var outcome = Runner().Run([choice], DedupAction.MoveToTrash, new ActionOptions { Roots = [_photos.Path] });
        File.WriteAllText(a.Path, "a new file the user put here");
        var undo = Runner().Undo();
        var skipped = Assert.Single(undo.Skipped);
        Assert.StartsWith($"{a.Path}: something else is there now", skipped.Reason);
        Assert.Equal("a new file the user put here", File.ReadAllText(a.Path));
        Assert.True(File.Exists(outcome.Done.Single(d => d.Path == a.Path).TrashPath));
        Assert.True(File.Exists(b.Path));

        // Once the path is free again, undoing the same action restores the rest.
        File.Delete(a.Path);
        Assert.Equal([a.Path], Runner().Undo().Restored);
        Assert.Equal(Bytes(3000, 2), File.ReadAllBytes(a.Path));
    }

    [Fact]
    public void UndoListsActionsAndUndoesAChosenOne()
    {
        var (first, _, a, _) = Group();
        var firstRun = Runner().Run([first], DedupAction.MoveToTrash, new ActionOptions { Roots = [_photos.Path] });
        var (second, _, a2, _) = Group("later");
        var secondRun = Runner().Run([second], DedupAction.Symlink, new ActionOptions { Roots = [_photos.Path] });

        var listed = _trash.Manifest.Actions(_seal);
        Assert.Equal([firstRun.ActionId, secondRun.ActionId], listed.Select(l => l.ActionId));
        Assert.Equal((DedupAction.MoveToTrash, 2, 5000L, true), (listed[0].Action, listed[0].Files, listed[0].Bytes, listed[0].CanUndo));

        Runner().Undo(firstRun.ActionId);
        Assert.True(File.Exists(a.Path));
        Assert.True(LinuxFileSystemCalls.Instance.Status(a2.Path)!.Value.IsSymbolicLink);
        Assert.False(_trash.Manifest.Actions(_seal)[0].CanUndo);
        Assert.Contains("already undone", Assert.Throws<InvalidOperationException>(() => Runner().Undo(firstRun.ActionId)).Message);
        Assert.Equal(secondRun.ActionId, Runner().Undo().ActionId);
        Assert.Throws<InvalidOperationException>(() => Runner().Undo("20000101T000000Z-000000"));
    }

    [Fact]
    public void DeleteNeedsExplicitConfirmationAndCannotBeUndone()
    {
        var (choice, keeper, a, b) = Group();
        Assert.Throws<InvalidOperationException>(() => Runner().Run([choice], DedupAction.Delete, new ActionOptions { Roots = [_photos.Path] }));
        Assert.True(File.Exists(a.Path));
        Assert.Throws<ArgumentException>(() => Runner().Run([choice], DedupAction.Report, new ActionOptions { Roots = [_photos.Path] }));

        var outcome = Runner().Run([choice], DedupAction.Delete, new ActionOptions { Roots = [_photos.Path], DeleteConfirmed = true });
        Assert.Equal(2, outcome.Done.Count);
        Assert.False(File.Exists(a.Path));
        Assert.False(File.Exists(b.Path));
        Assert.True(File.Exists(keeper.Path));
        Assert.False(_trash.Manifest.Actions(_seal).Single().CanUndo);
        Assert.Throws<InvalidOperationException>(() => Runner().Undo());
    }

    [Fact]
    public void RememberedDecisionsProtectDuplicates()
    {
        var (choice, keeper, a, b) = Group();
        var decisions = new DecisionSet([new PairDecision(keeper.ContentHash, a.ContentHash, DuplicateDecision.KeepBoth, DateTime.UtcNow)]);
        var outcome = Runner().Run([choice], DedupAction.MoveToTrash, new ActionOptions { Roots = [_photos.Path], Decisions = decisions });
        Assert.Equal([b.Path], outcome.Done.Select(d => d.Path));
        Assert.Contains("marked keep-both with", outcome.Skipped.Single().Reason);
        Assert.True(File.Exists(a.Path));
    }

    [Fact]
    public void CrossDeviceMovesCopyVerifyAndDeleteBothWays()
    {
        var devices = new SimulatedDevices(_trash.Root);
        var (choice, _, a, b) = Group();
        var statusA = LinuxFileSystemCalls.Instance.Status(a.Path)!.Value;
        var outcome = Runner(devices).Run([choice], DedupAction.MoveToTrash, new ActionOptions { Roots = [_photos.Path] });
        Assert.Equal(2, outcome.Done.Count);
        Assert.Equal(2, devices.CrossDeviceFailures);
        Assert.False(File.Exists(a.Path));
        var trashed = LinuxFileSystemCalls.Instance.Status(outcome.Done.Single(d => d.Path == a.Path).TrashPath!)!.Value;
        Assert.Equal((statusA.ModifiedSeconds, statusA.ModifiedNanoseconds), (trashed.ModifiedSeconds, trashed.ModifiedNanoseconds));

        Runner(devices).Undo();
        Assert.Equal(4, devices.CrossDeviceFailures);
        AssertRestoredExactly(a, Bytes(3000, 2), statusA);
        Assert.Equal(Bytes(2000, 3), File.ReadAllBytes(b.Path));
        Assert.Empty(Directory.GetFiles(_photos.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void CrossDeviceSymlinkKeepsACopyAndHardlinkIsRefusedCleanly()
    {
        var devices = new SimulatedDevices(_trash.Root);
        var (choice, _, a, _) = Group();
        var symlinked = Runner(devices).Run([choice], DedupAction.Symlink, new ActionOptions { Roots = [_photos.Path] });
        Assert.Equal(2, symlinked.Done.Count);
        Assert.Equal(Bytes(3000, 2), File.ReadAllBytes(symlinked.Done.Single(d => d.Path == a.Path).TrashPath!));
        Runner(devices).Undo();
        Assert.Equal(Bytes(3000, 2), File.ReadAllBytes(a.Path));

        // The keeper on another file system than the duplicate: a hard link is impossible, nothing changes.
        var elsewhere = new CatalogedFolder(_trash.Root);
        var keeper = elsewhere.Write("keeper.jpg", Bytes(5000, 1), 400, 300);
        var choice2 = new KeepBestSelector(KeepPolicy.Default).Choose([keeper, CatalogedFolder.Catalog(a.Path, 10, 10)]);
        var refused = Runner(devices).Run([choice2], DedupAction.Hardlink, new ActionOptions { Roots = [_photos.Path, elsewhere.Path] });
        Assert.Empty(refused.Done);
        Assert.Contains("cannot be hard-linked", refused.Skipped.Single().Reason);
        Assert.Equal(Bytes(3000, 2), File.ReadAllBytes(a.Path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(a.Path)!, "*.tmp"));
    }

    [Fact]
    public void RealCrossFileSystemMoveWhenShmIsAnotherFileSystem()
    {
        // Where /dev/shm is missing or shares the file system (not so on the CI machine: tmpfs vs the root disk),
        // the injected-EXDEV tests above still cover the copy path.
        if (!Directory.Exists("/dev/shm")) return;
        using var shm = new CatalogedFolder("/dev/shm");
        var (choice, _, a, _) = Group();
        if (LinuxFileSystemCalls.Instance.Status(shm.Path)!.Value.Device == LinuxFileSystemCalls.Instance.Status(a.Path)!.Value.Device) return;
        var statusA = LinuxFileSystemCalls.Instance.Status(a.Path)!.Value;
        var runner = new DedupActionRunner(new TrashFolder(shm["trash"]), _seal);
        var outcome = runner.Run([choice], DedupAction.MoveToTrash, new ActionOptions { Roots = [_photos.Path] });
        Assert.Equal(2, outcome.Done.Count);
        Assert.StartsWith(shm.Path, outcome.Done[0].TrashPath);
        var trashed = LinuxFileSystemCalls.Instance.Status(outcome.Done.Single(d => d.Path == a.Path).TrashPath!)!.Value;
        Assert.NotEqual(statusA.Device, trashed.Device);
        Assert.Equal((statusA.ModifiedSeconds, statusA.ModifiedNanoseconds), (trashed.ModifiedSeconds, trashed.ModifiedNanoseconds));
        Assert.False(File.Exists(a.Path));
        runner.Undo();
        AssertRestoredExactly(a, Bytes(3000, 2), statusA);
    }

    public void Dispose()
    {
        _photos.Dispose();
        _trashParent.Dispose();
    }
}
