using Lookalike.Catalog;
using Lookalike.Dedup.Actions;
using Lookalike.Dedup.Keep;

namespace Lookalike.Tests.Dedup;

/// <summary>Issue 13 defect 1: with <c>in/zdir -> out/odir</c>, every action destroyed or replaced <c>out/odir/x.jpg</c>.</summary>
public class ActionPathPolicyTests : IDisposable
{
    private readonly CatalogedFolder _in = new();
    private readonly CatalogedFolder _out = new();
    private readonly CatalogedFolder _trashParent = new();
    private readonly ManifestSeal _seal = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static byte[] Bytes(int length, byte seed) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + seed)).ToArray();

    private DedupActionRunner Runner() => new(new TrashFolder(_trashParent["trash"]), _seal);

    private static KeepChoice Choose(params ImageRecord[] files) => new KeepBestSelector(KeepPolicy.Default).Choose(files);

    public static TheoryData<DedupAction> Actions => [DedupAction.MoveToTrash, DedupAction.Hardlink, DedupAction.Symlink, DedupAction.Delete];

    [Theory]
    [MemberData(nameof(Actions))]
    public void AFileReachedThroughAFolderLinkOutOfTheRootsIsLeftAlone(DedupAction action)
    {
        var keeper = _in.Write("keeper.jpg", Bytes(5000, 1), 400, 300);
        var outsideBytes = Bytes(3000, 2);
        _out.Write("odir/x.jpg", outsideBytes, 200, 150);
        Directory.CreateSymbolicLink(_in["zdir"], _out["odir"]);
        var throughLink = CatalogedFolder.Catalog(_in["zdir/x.jpg"], 200, 150);

        var outcome = Runner().Run([Choose(keeper, throughLink)], action, new ActionOptions { Roots = [_in.Path], DeleteConfirmed = true });

        Assert.Empty(outcome.Done);
        Assert.Equal(1, outcome.LeftUndone);
        Assert.Contains($"leads through a link to {_out["odir/x.jpg"]}, outside the folders given", outcome.Skipped.Single().Reason);
        Assert.Equal(outsideBytes, File.ReadAllBytes(_out["odir/x.jpg"]));
        Assert.False(new FileInfo(_out["odir/x.jpg"]).LinkTarget is not null);
        Assert.Equal(5000, new FileInfo(keeper.Path).Length);
    }

    [Fact]
    public void AKeeperOutsideTheRootsIsNeverLinkedToAndItsDuplicateStays()
    {
        _out.Write("odir/keeper.jpg", Bytes(5000, 1), 400, 300);
        Directory.CreateSymbolicLink(_in["zdir"], _out["odir"]);
        var keeper = CatalogedFolder.Catalog(_in["zdir/keeper.jpg"], 400, 300);
        var duplicate = _in.Write("dup.jpg", Bytes(3000, 2), 200, 150);

        var outcome = Runner().Run([Choose(keeper, duplicate)], DedupAction.Symlink, new ActionOptions { Roots = [_in.Path] });
        Assert.Empty(outcome.Done);
        Assert.Contains("its keeper", outcome.Skipped.Single().Reason);
        Assert.Equal(Bytes(3000, 2), File.ReadAllBytes(duplicate.Path));
    }

    [Fact]
    public void TheKeeperItselfSeenThroughAnInRootLinkIsNotItsOwnDuplicate()
    {
        var keeper = _in.Write("real/a.jpg", Bytes(5000, 1), 400, 300);
        Directory.CreateSymbolicLink(_in["alias"], _in["real"]);
        var sameFile = CatalogedFolder.Catalog(_in["alias/a.jpg"], 300, 200);

        var outcome = Runner().Run([Choose(keeper, sameFile)], DedupAction.Delete, new ActionOptions { Roots = [_in.Path], DeleteConfirmed = true });
        Assert.Empty(outcome.Done);
        Assert.Contains("is its keeper", outcome.Skipped.Single().Reason);
        Assert.Equal(Bytes(5000, 1), File.ReadAllBytes(keeper.Path));
    }

    [Fact]
    public void AnInRootFolderLinkIsActedOnByItsRealPath()
    {
        var keeper = _in.Write("keeper.jpg", Bytes(5000, 1), 400, 300);
        _in.Write("real/dup.jpg", Bytes(3000, 2), 200, 150);
        Directory.CreateSymbolicLink(_in["alias"], _in["real"]);
        var throughAlias = CatalogedFolder.Catalog(_in["alias/dup.jpg"], 200, 150);

        var outcome = Runner().Run([Choose(keeper, throughAlias)], DedupAction.MoveToTrash, new ActionOptions { Roots = [_in.Path] });
        Assert.Equal(_in["real/dup.jpg"], outcome.Done.Single().Path);
        Assert.False(File.Exists(_in["real/dup.jpg"]));
        Runner().Undo();
        Assert.Equal(Bytes(3000, 2), File.ReadAllBytes(_in["real/dup.jpg"]));
    }

    [Fact]
    public void AnActionWithoutRootsIsRefused() =>
        Assert.Throws<ArgumentException>(() => Runner().Run([], DedupAction.MoveToTrash, new ActionOptions()));

    public void Dispose()
    {
        _in.Dispose();
        _out.Dispose();
        _trashParent.Dispose();
    }
}
