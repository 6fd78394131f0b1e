using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary>The trash through the real CLI: beside the catalog, never indexed, listed and purged with the space it frees;
/// links only to keepers that look exactly the same.</summary>
public class TrashCliTests
{
    private static JsonElement Json(LookalikeCli.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    [Fact]
    public void TrashInsideTheIndexedFolderIsNeverIndexedAndPurgeFreesItsBytes()
    {
        // --db photos: the catalog, and so the trash, sit inside the folder being indexed.
        using var photos = new TempFolder().With("china.jpg", "china-resized.jpg", "china-q40.jpg", "flower.jpg");
        var trashed = new FileInfo(photos["china-resized.jpg"]).Length + new FileInfo(photos["china-q40.jpg"]).Length;
        var moved = Json(LookalikeCli.Run("dupes", photos.Root, "--db", photos.Root, "--json", "--action", "move-to-trash"));
        Assert.Equal(photos["trash"], moved.GetProperty("action").GetProperty("trash").GetString());
        Assert.Equal(2, moved.GetProperty("action").GetProperty("done").GetArrayLength());

        var again = Json(LookalikeCli.Run("dupes", photos.Root, "--db", photos.Root, "--json"));
        Assert.Equal(2, again.GetProperty("summary").GetProperty("images").GetInt32()); // the trashed copies are not indexed again
        Assert.Equal(0, again.GetProperty("groups").GetArrayLength());

        var listed = Json(LookalikeCli.Run("trash", "list", "--db", photos.Root, "--json"));
        Assert.Equal(trashed, listed.GetProperty("bytesInTrash").GetInt64());
        Assert.Equal(trashed, listed.GetProperty("bytesFreedByPurge").GetInt64());
        var action = listed.GetProperty("actions").EnumerateArray().Single();
        Assert.Equal(2, action.GetProperty("inTrash").GetInt32());

        var young = Json(LookalikeCli.Run("trash", "purge", "--older-than", "1d", "--db", photos.Root, "--json"));
        Assert.Equal(0, young.GetProperty("files").GetInt32()); // the action is minutes old
        Assert.Equal(trashed, Json(LookalikeCli.Run("trash", "list", "--db", photos.Root, "--json")).GetProperty("bytesInTrash").GetInt64());

        var purged = Json(LookalikeCli.Run("trash", "purge", "--db", photos.Root, "--json"));
        Assert.Equal(2, purged.GetProperty("files").GetInt32());
        Assert.Equal(trashed, purged.GetProperty("bytesFreed").GetInt64());
        Assert.Equal(0, Json(LookalikeCli.Run("trash", "list", "--db", photos.Root, "--json")).GetProperty("bytesInTrash").GetInt64());
        Assert.True(File.Exists(photos["china.jpg"]) && File.Exists(photos["flower.jpg"]));
        Assert.Empty(Directory.EnumerateFiles(photos["trash"], "*.jpg", SearchOption.AllDirectories));
    }

    [Fact]
    public void PurgeCountsTrashedFilesStillHeldByAnotherHardLinkAsNotFreed()
    {
        using var photos = new TempFolder().With("china.jpg", "china-resized.jpg");
        using var outside = new TempFolder();
        var size = new FileInfo(photos["china-resized.jpg"]).Length;
        Json(LookalikeCli.Run("dupes", photos.Root, "--json", "--action", "move-to-trash"));
        var trashCopy = Directory.EnumerateFiles(photos[".lookalike/trash"], "china-resized.jpg", SearchOption.AllDirectories).Single();
        HardLink(trashCopy, outside["kept-elsewhere.jpg"]);

        var listed = Json(LookalikeCli.Run("trash", "list", "--db", photos[".lookalike"], "--json"));
        Assert.Equal((size, 0L), (listed.GetProperty("bytesInTrash").GetInt64(), listed.GetProperty("bytesFreedByPurge").GetInt64()));
        var purged = Json(LookalikeCli.Run("trash", "purge", "--db", photos[".lookalike"], "--json"));
        Assert.Equal((0L, size), (purged.GetProperty("bytesFreed").GetInt64(), purged.GetProperty("bytesStillLinked").GetInt64()));
        Assert.True(File.Exists(outside["kept-elsewhere.jpg"]));
    }

    [Fact]
    public void LinksReplaceOnlyDuplicatesThatLookExactlyLikeTheirKeeperUnlessForced()
    {
        using var photos = new TempFolder().With("china.jpg", "china.jpg=copy.jpg", "china-resized.jpg");
        var resized = File.ReadAllBytes(photos["china-resized.jpg"]);
        var run = LookalikeCli.Run("dupes", photos.Root, "--json", "--action", "hardlink");
        // A refused link is a planned file left as it was: the run says so and exits 1.
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("1 of 2 planned files were left as they were", run.Stderr);
        var action = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("action");
        Assert.Equal(1, action.GetProperty("leftUndone").GetInt32());
        var done = action.GetProperty("done").EnumerateArray().Select(d => Path.GetFileName(d.GetProperty("path").GetString())).ToList();
        Assert.Single(done); // the byte-identical copy
        var refused = action.GetProperty("skipped").EnumerateArray().Single();
        Assert.Equal(photos["china-resized.jpg"], refused.GetProperty("path").GetString());
        Assert.Contains("pixels differ", refused.GetProperty("reason").GetString());
        Assert.Equal(resized, File.ReadAllBytes(photos["china-resized.jpg"]));

        var forced = Json(LookalikeCli.Run("dupes", photos.Root, "--json", "--action", "symlink", "--force-link"));
        Assert.Contains(forced.GetProperty("action").GetProperty("done").EnumerateArray(), d => d.GetProperty("path").GetString() == photos["china-resized.jpg"]);
        Assert.NotNull(new FileInfo(photos["china-resized.jpg"]).LinkTarget);
    }

    private static void HardLink(string existing, string newPath)
    {
        using var process = System.Diagnostics.Process.Start("ln", [existing, newPath]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
