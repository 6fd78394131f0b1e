using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary>The dedup surface of the real CLI: dupes --action/--export/--delete, undo, decide.</summary>
public class DedupCliTests
{
    private static JsonElement Json(LookalikeCli.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    [Fact]
    public void MoveToTrashThenUndoPutsTheDuplicateBack()
    {
        using var folder = new TempFolder().With("china.jpg", "china-resized.jpg", "flower.jpg");
        var original = File.ReadAllBytes(folder["china-resized.jpg"]);
        var modified = File.GetLastWriteTimeUtc(folder["china-resized.jpg"]);

        var dupes = Json(LookalikeCli.Run("dupes", folder.Root, "--json", "--action", "move-to-trash", "--export", folder["report.csv"]));
        var group = dupes.GetProperty("groups").EnumerateArray().Single();
        Assert.Equal(folder["china.jpg"], group.GetProperty("keep").GetString());
        Assert.Equal("160x107 (0.02 MP) vs 100x67 (0.01 MP)", group.GetProperty("reason").GetString());
        var done = dupes.GetProperty("action").GetProperty("done").EnumerateArray().Single();
        Assert.Equal(folder["china-resized.jpg"], done.GetProperty("path").GetString());
        Assert.False(File.Exists(folder["china-resized.jpg"]));
        Assert.Equal(original, File.ReadAllBytes(done.GetProperty("trashPath").GetString()!));
        Assert.StartsWith("group,file,keep,width,height,size,format,exif_date,reason\r\n1,", File.ReadAllText(folder["report.csv"]));

        var listed = Json(LookalikeCli.Run("undo", "--list", "--db", folder[".lookalike"], "--json")).GetProperty("actions").EnumerateArray().Single();
        Assert.Equal("move-to-trash", listed.GetProperty("action").GetString());
        Assert.True(listed.GetProperty("canUndo").GetBoolean());

        var undone = Json(LookalikeCli.Run("undo", "--db", folder[".lookalike"], "--json"));
        Assert.Equal(folder["china-resized.jpg"], undone.GetProperty("restored").EnumerateArray().Single().GetString());
        Assert.Equal(original, File.ReadAllBytes(folder["china-resized.jpg"]));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(folder["china-resized.jpg"]));

        var again = LookalikeCli.Run("undo", "--db", folder[".lookalike"]);
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("nothing to undo", again.Stderr);
    }

    [Fact]
    public void NotDuplicatesDecisionSplitsTheGroupOnLaterRuns()
    {
        using var folder = new TempFolder().With("china.jpg", "china-resized.jpg");
        Assert.Single(Json(LookalikeCli.Run("dupes", folder.Root, "--json")).GetProperty("groups").EnumerateArray());
        var decided = LookalikeCli.Run("decide", "not-duplicates", folder["china.jpg"], folder["china-resized.jpg"], "--db", folder[".lookalike"]);
        Assert.Equal(0, decided.ExitCode);
        // Renamed since the decision: it follows the content.
        File.Move(folder["china-resized.jpg"], folder["renamed.jpg"]);
        Assert.Empty(Json(LookalikeCli.Run("dupes", folder.Root, "--json")).GetProperty("groups").EnumerateArray());
    }

    [Fact]
    public void DeleteNeedsYesAndBadOptionsAreRefused()
    {
        using var folder = new TempFolder().With("china.jpg", "china-resized.jpg");
        var refused = LookalikeCli.Run("dupes", folder.Root, "--delete");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("refusing to delete without --yes", refused.Stderr);
        Assert.True(File.Exists(folder["china-resized.jpg"]));
        Assert.Contains("must come after the 'pixels' rule", LookalikeCli.Run("dupes", folder.Root, "--keep-rules", "compression,pixels").Stderr);
        Assert.NotEqual(0, LookalikeCli.Run("dupes", folder.Root, "--action", "shred").ExitCode);
    }
}
