using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

public class DupesCommandTests
{
    private static List<string[]> Groups(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("groups").EnumerateArray()
            .Select(g => g.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToArray()).ToList();

    [Fact]
    public void JsonListsGroupsOfAbsolutePathsAndNothingElseOnStdout()
    {
        using var folder = new TempFolder().With("china.jpg", "china-resized.jpg", "china-q40.jpg", "flower.jpg", "empty.jpg", "truncated.jpg");
        var result = LookalikeCli.Run("dupes", folder.Root, "--json");
        Assert.Equal(0, result.ExitCode);
        var groups = Groups(result.Stdout); // stdout must be exactly one JSON document
        var group = Assert.Single(groups);
        Assert.Equal(new[] { "china-q40.jpg", "china-resized.jpg", "china.jpg" }, group.Select(Path.GetFileName).Order());
        Assert.All(group, f => Assert.True(Path.IsPathRooted(f) && File.Exists(f)));
        Assert.Contains($"{folder["empty.jpg"]}: empty file", result.Stderr);
        Assert.Contains($"{folder["truncated.jpg"]}: ", result.Stderr);
    }

    [Fact]
    public void FindsTheKnownGroupsInTheSharedPhotosAndNoFalseOnes()
    {
        using var db = new TempFolder();
        var result = LookalikeCli.Run("dupes", TestFiles.SharedPhotos, "--db", db.Root, "--json");
        Assert.Equal(0, result.ExitCode);
        var groups = Groups(result.Stdout).Select(g => g.Select(Path.GetFileName).ToHashSet()).ToList();

        // The truth: NEARDUP_GROUPS.tsv. Every group we report must lie inside one true group.
        var truth = File.ReadAllLines(Path.Combine(TestFiles.SharedPhotos, "NEARDUP_GROUPS.tsv")).Skip(1)
            .Select(line => line.Split('\t')).ToDictionary(f => f[0], f => f[3].Split(',').ToHashSet());
        foreach (var group in groups)
            Assert.Contains(truth.Values, t => group.IsSubsetOf(t));
        // Tone edits of one photo are copies; video frames and stereo views are not (the content verifier: the
        // default groups at most two franck frames that barely differ, of 11, and never the motorcycle stereo pair).
        Assert.Contains(groups, g => g.SetEquals(truth["bluebells"]));
        Assert.DoesNotContain(groups, g => g.IsSubsetOf(truth["franck"]) && g.Count > 2);
        Assert.DoesNotContain(groups, g => g.Overlaps(truth["motorcycle"]));
        // The damage check (decode failing on libvips warnings) flags none of these intact photos.
        Assert.All(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("groups").EnumerateArray(),
            g => Assert.Empty(g.GetProperty("damaged").EnumerateArray()));
    }

    [Fact]
    public void HumanOutputShowsATablePerGroup()
    {
        using var folder = new TempFolder().With("china.jpg", "china-resized.jpg", "flower.jpg");
        var result = LookalikeCli.Run("dupes", folder.Root);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Group 1 (copy): 2 files", result.Stdout);
        Assert.Contains("160x107", result.Stdout);
        Assert.Contains("1 groups, 2 of 3 images", result.Stdout);
    }

    [Fact]
    public void JsonGivesEachGroupItsLevelAndTheLinksOfEachLevel()
    {
        using var folder = new TempFolder().With("china.jpg", "china-resized.jpg", "flower.jpg");
        var group = JsonDocument.Parse(LookalikeCli.Run("dupes", folder.Root, "--json").Stdout).RootElement.GetProperty("groups")[0];
        Assert.Equal("copy", group.GetProperty("level").GetString());
        var level = Assert.Single(group.GetProperty("levels").EnumerateArray());
        Assert.Equal("copy", level.GetProperty("level").GetString());
        Assert.True(level.GetProperty("links").GetInt32() >= 1);
    }

    [Fact]
    public void OtherMethodsAndThresholdsAreHonoured()
    {
        using var folder = new TempFolder().With("china.jpg", "china-resized.jpg", "flower.jpg");
        Assert.DoesNotContain(Groups(LookalikeCli.Run("dupes", folder.Root, "--json", "--max-distance", "0", "--method", "dhash").Stdout),
            g => g.Contains(folder["flower.jpg"]));
        Assert.Single(Groups(LookalikeCli.Run("dupes", folder.Root, "--json", "--method", "whash").Stdout));
        var bad = LookalikeCli.Run("dupes", folder.Root, "--method", "sha1");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'sha1'", bad.Stderr);
    }

    [Fact]
    public void EmbeddingMethodGroupsCopiesIncludingTheMirror()
    {
        using var folder = new TempFolder().With("china.jpg", "china-mirror.jpg", "china-q40.jpg", "flower.jpg");
        var result = LookalikeCli.Run("dupes", folder.Root, "--method", "embedding", "--json");
        Assert.Equal(0, result.ExitCode);
        var group = Assert.Single(Groups(result.Stdout));
        Assert.Equal(new[] { "china-mirror.jpg", "china-q40.jpg", "china.jpg" }, group.Select(Path.GetFileName).Order());
        var none = LookalikeCli.Run("dupes", folder.Root, "--method", "embedding", "--model", "none");
        Assert.Equal(3, none.ExitCode);
        Assert.Contains("embedding method needs a model", none.Stderr);
    }

    [Fact]
    public void DefaultFindsMirroredCopiesAndSaysWhichFingerprintsLinkThem()
    {
        using var folder = new TempFolder().With("china.jpg", "china-mirror.jpg", "china-q40.jpg", "flower.jpg");
        var result = LookalikeCli.Run("dupes", folder.Root, "--json");
        Assert.Equal(0, result.ExitCode);
        var group = Assert.Single(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("groups").EnumerateArray().ToList());
        Assert.Equal(new[] { "china-mirror.jpg", "china-q40.jpg", "china.jpg" },
            group.GetProperty("files").EnumerateArray().Select(f => Path.GetFileName(f.GetString())).Order());
        Assert.Equal("combined", JsonDocument.Parse(result.Stdout).RootElement.GetProperty("summary").GetProperty("method").GetString());
        var kinds = group.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("turned-phash", kinds);
        Assert.Contains("phash", kinds);

        var similarByHash = LookalikeCli.Run("dupes", folder.Root, "--method", "phash", "--similar");
        Assert.Equal(2, similarByHash.ExitCode);
        Assert.Contains("--similar works with --method combined only", similarByHash.Stderr);
    }

    [Fact]
    public void NothingReadableIsAnError()
    {
        using var folder = new TempFolder().With("empty.jpg", "not-an-image.jpg");
        var result = LookalikeCli.Run("dupes", folder.Root, "--json");
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(Groups(result.Stdout)); // still valid JSON
    }
}
