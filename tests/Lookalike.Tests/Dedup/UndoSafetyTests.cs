using System.Text.Json;
using System.Text.Json.Nodes;
using Lookalike.Catalog;
using Lookalike.Dedup.Actions;
using Lookalike.Dedup.Keep;

namespace Lookalike.Tests.Dedup;

/// <summary>Issue 13 defect 2: undo trusted its manifest, which lives in the photo folder: planted records created files
/// outside every folder and overwrote existing files.</summary>
public class UndoSafetyTests : IDisposable
{
    private readonly CatalogedFolder _photos = new();
    private readonly CatalogedFolder _outside = new();
    private readonly CatalogedFolder _trashParent = new();
    private readonly ManifestSeal _seal = new(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly TrashFolder _trash;

    public UndoSafetyTests() => _trash = new TrashFolder(_trashParent["trash"]);

    private static byte[] Bytes(int length, byte seed) => Enumerable.Range(0, length).Select(i => (byte)(i * 13 + seed)).ToArray();

    private DedupActionRunner Runner(ManifestSeal? seal = null, IFileSystemCalls? fs = null) => new(_trash, seal ?? _seal, fs);

    private (ImageRecord Keeper, ImageRecord Duplicate, ActionOutcome Outcome) MoveOne(DedupAction action = DedupAction.MoveToTrash)
    {
        var keeper = _photos.Write("album/keeper.jpg", Bytes(5000, 1), 400, 300);
        var duplicate = _photos.Write("album/copies/a.jpg", Bytes(3000, 2), 200, 150);
        var outcome = Runner().Run([new KeepBestSelector(KeepPolicy.Default).Choose([keeper, duplicate])], action,
            new ActionOptions { Roots = [_photos.Path] });
        Assert.Single(outcome.Done);
        return (keeper, duplicate, outcome);
    }

    [Fact]
    public void APlantedRecordIsRefusedAndCreatesNothing()
    {
        var (_, _, outcome) = MoveOne();
        var planted = new FileActed(outcome.ActionId, DateTime.UtcNow, DedupAction.MoveToTrash, _outside["created.jpg"],
            outcome.Done[0].TrashPath, "/k", "00", 3000, outcome.Done[0].Sha256, 0, 0);
        File.AppendAllText(_trash.Manifest.Path, JsonSerializer.Serialize<ManifestRecord>(planted,
            new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) + "\n");

        var refused = Assert.Throws<InvalidDataException>(() => Runner().Undo());
        Assert.Contains(":2: not sealed by this catalog", refused.Message);
        Assert.False(File.Exists(_outside["created.jpg"]));
        Assert.Throws<InvalidDataException>(() => _trash.Manifest.Actions(_seal));
    }

    [Fact]
    public void AnEditedRecordIsRefused()
    {
        var (_, duplicate, _) = MoveOne();
        var lines = File.ReadAllLines(_trash.Manifest.Path);
        var edited = JsonNode.Parse(lines[0])!;
        edited["path"] = _outside["elsewhere.jpg"];
        File.WriteAllText(_trash.Manifest.Path, edited.ToJsonString() + "\n");

        Assert.Contains("not sealed by this catalog", Assert.Throws<InvalidDataException>(() => Runner().Undo()).Message);
        Assert.False(File.Exists(_outside["elsewhere.jpg"]));
        Assert.False(File.Exists(duplicate.Path));
    }

    [Fact]
    public void AManifestOfAnotherCatalogIsRefused()
    {
        MoveOne();
        var other = new ManifestSeal(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Assert.Contains("belongs to another catalog", Assert.Throws<InvalidDataException>(() => Runner(other).Undo()).Message);
    }

    [Fact]
    public void UndoNeverOverwritesAFileThatAppearedAtThePath()
    {
        var (_, duplicate, outcome) = MoveOne();
        File.WriteAllText(duplicate.Path, "new photo the user saved here");
        var undo = Runner().Undo();
        Assert.Empty(undo.Restored);
        Assert.Contains("something else is there now", undo.Skipped.Single().Reason);
        Assert.Equal("new photo the user saved here", File.ReadAllText(duplicate.Path));
        Assert.Equal(Bytes(3000, 2), File.ReadAllBytes(outcome.Done[0].TrashPath!));
    }

    [Fact]
    public void UndoDoesNotFollowAFolderSwappedForALinkOutOfItsPlace()
    {
        var (_, duplicate, outcome) = MoveOne();
        Directory.Delete(_photos["album/copies"]);
        Directory.CreateSymbolicLink(_photos["album/copies"], _outside.Path);
        var undo = Runner().Undo();
        Assert.Empty(undo.Restored);
        Assert.Contains("is now a link", undo.Skipped.Single().Reason);
        Assert.Empty(Directory.GetFileSystemEntries(_outside.Path));
        Assert.True(File.Exists(outcome.Done[0].TrashPath));
    }

    [Fact]
    public void UndoTakesOnlyRegularFilesFromInsideItsTrash()
    {
        var (_, duplicate, outcome) = MoveOne();
        var trashCopy = outcome.Done[0].TrashPath!;
        var decoy = _outside.Write("decoy.jpg", Bytes(3000, 2));
        File.Delete(trashCopy);
        File.CreateSymbolicLink(trashCopy, decoy.Path);
        var undo = Runner().Undo();
        Assert.Empty(undo.Restored);
        Assert.Contains("reached through a link", undo.Skipped.Single().Reason);
        Assert.True(File.Exists(decoy.Path));
        Assert.False(File.Exists(duplicate.Path));
    }

    [Fact]
    public void TheManifestLineIsWrittenBeforeTheFileMovesAndAFailedMoveIsRecordedAsAbandoned()
    {
        var keeper = _photos.Write("keeper.jpg", Bytes(5000, 1), 400, 300);
        var duplicate = _photos.Write("dup.jpg", Bytes(3000, 2), 200, 150);
        var watching = new ManifestWatcher(_trash.Manifest.Path);
        var outcome = Runner(fs: watching).Run([new KeepBestSelector(KeepPolicy.Default).Choose([keeper, duplicate])], DedupAction.MoveToTrash,
            new ActionOptions { Roots = [_photos.Path] });
        Assert.Empty(outcome.Done);
        Assert.Equal(1, outcome.LeftUndone);
        Assert.Equal(1, watching.LinesWhenMoved); // the record was on disk when the rename was tried
        Assert.Contains("\"type\":\"abandoned\"", File.ReadAllLines(_trash.Manifest.Path)[1]);
        Assert.Equal(Bytes(3000, 2), File.ReadAllBytes(duplicate.Path));
        Assert.Contains("nothing to undo", Assert.Throws<InvalidOperationException>(() => Runner().Undo()).Message);
    }

    [Fact]
    public void ARunKilledBetweenItsManifestLineAndTheMoveUndoesCleanly()
    {
        var duplicate = _photos.Write("dup.jpg", Bytes(3000, 2), 200, 150);
        _trash.Manifest.Append(new FileActed("20260101T000000Z-abcdef", DateTime.UtcNow, DedupAction.MoveToTrash, duplicate.Path,
            Path.Combine(_trash.Root, "20260101T000000Z-abcdef", "dup.jpg"), _photos["keeper.jpg"], "00", 3000, duplicate.ContentHash, 0, 0), _seal);
        var undo = Runner().Undo();
        Assert.Equal([duplicate.Path], undo.Restored);
        Assert.Equal(Bytes(3000, 2), File.ReadAllBytes(duplicate.Path));
    }

    /// <summary>The real calls, except that a rename first counts the manifest's lines and then fails like a full disk.</summary>
    private sealed class ManifestWatcher(string manifest) : IFileSystemCalls
    {
        private readonly IFileSystemCalls _real = LinuxFileSystemCalls.Instance;

        public int LinesWhenMoved { get; private set; } = -1;

        public void RenameNoReplace(string from, string to)
        {
            LinesWhenMoved = File.ReadAllLines(manifest).Length;
            throw new IOException("No space left on device");
        }

        public void RenameReplace(string from, string to) => _real.RenameReplace(from, to);

        public void HardLink(string existing, string newPath) => RenameNoReplace(existing, newPath);

        public FileStatus? Status(string path) => _real.Status(path);

        public void SetModified(string path, long seconds, uint nanoseconds) => _real.SetModified(path, seconds, nanoseconds);
    }

    public void Dispose()
    {
        _photos.Dispose();
        _outside.Dispose();
        _trashParent.Dispose();
    }
}
