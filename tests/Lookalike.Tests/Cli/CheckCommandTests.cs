using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary><c>lookalike check</c> through the real CLI: hash lists from <c>lookalike hash</c>, flagged folders, exit codes.</summary>
public class CheckCommandTests
{
    private static string Pdq(string relative) => Path.Combine(TestFiles.SharedPdq, relative);

    private static string Dih => Pdq("reg-test-input/dih");

    private static List<JsonElement> JsonLines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    [Fact]
    public void HashOutputIsAListThatCheckReadsAndRotatedCopiesMatchThroughTheVariants()
    {
        using var folder = new TempFolder();
        var original = Pdq("reg-test-input/dih/bridge-1-original.jpg");
        var flaggedOther = Pdq("reg-test-input/labelme-subset/q0122.jpg");
        var unrelated = Pdq("reg-test-input/labelme-subset/q0291.jpg");
        var hashed = LookalikeCli.Run("hash", original, "--method", "pdq");
        Assert.Equal(0, hashed.ExitCode);
        var otherHash = LookalikeCli.Run("hash", flaggedOther).Stdout.Split(',')[0];
        // The list: the hash tool's line, a bare hash, a hash,quality,label line, a comment and a line that is no hash.
        File.WriteAllText(folder["flagged.pdq"],
            hashed.Stdout + $"{otherHash}\n# known bad\n{otherHash},100,case 1234, second copy\nnot a hash\n");

        var run = LookalikeCli.Run(["check", Dih, unrelated, flaggedOther, "--against", folder["flagged.pdq"], "--json"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{folder["flagged.pdq"]}:5: not a PDQ hash", run.Stderr);
        var results = JsonLines(run.Stdout).ToDictionary(r => Path.GetFileName(r.GetProperty("file").GetString()!));
        Assert.Equal(10, results.Count);
        var expected = new Dictionary<string, string>
        {
            ["bridge-1-original.jpg"] = "identity",
            ["bridge-2-rotate-90.jpg"] = "rotate270", // the reference's file is turned counter-clockwise
            ["bridge-3-rotate-180.jpg"] = "rotate180",
            ["bridge-4-rotate-270.jpg"] = "rotate90",
            ["bridge-5-flipx.jpg"] = "mirrorTopBottom",
            ["bridge-6-flipy.jpg"] = "mirrorLeftRight",
            ["bridge-7-flip-plus-1.jpg"] = "transpose",
            ["bridge-8-flip-minus-1.jpg"] = "antiTranspose",
        };
        foreach (var (file, transform) in expected)
        {
            var result = results[file];
            Assert.True(result.GetProperty("matched").GetBoolean(), file);
            var match = result.GetProperty("matches").EnumerateArray().Single();
            Assert.Equal(original, match.GetProperty("entry").GetString()); // the path the hash tool wrote
            Assert.Equal(transform, match.GetProperty("transform").GetString());
            Assert.InRange(match.GetProperty("distance").GetInt32(), 0, 31);
        }
        Assert.False(results["q0291.jpg"].GetProperty("matched").GetBoolean());
        Assert.Empty(results["q0291.jpg"].GetProperty("matches").EnumerateArray());
        var other = results["q0122.jpg"].GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("entry").GetString()).ToList();
        Assert.Equal([$"{folder["flagged.pdq"]}:2", "case 1234, second copy"], other);
        Assert.All(results.Values, r => Assert.Equal(64, r.GetProperty("hash").GetString()!.Length));
    }

    [Fact]
    public void ExitCodeIsZeroWhenCleanOneWhenMatchedTwoWhenSomethingCouldNotBeRead()
    {
        using var folder = new TempFolder().With("truncated.jpg");
        File.WriteAllText(folder["list.txt"], LookalikeCli.Run("hash", Pdq("reg-test-input/labelme-subset/q0746.jpg")).Stdout);
        var clean = Pdq("reg-test-input/labelme-subset/q2821.jpg");

        var none = LookalikeCli.Run("check", clean, "--against", folder["list.txt"]);
        Assert.Equal((0, $"{clean}: no match"), (none.ExitCode, none.Stdout.Trim()));

        var unreadable = LookalikeCli.Run("check", clean, folder["truncated.jpg"], "--against", folder["list.txt"], "--json");
        Assert.Equal(2, unreadable.ExitCode);
        Assert.Contains($"lookalike: {folder["truncated.jpg"]}: ", unreadable.Stderr);
        Assert.Single(JsonLines(unreadable.Stdout)); // the run went on: the readable image has its line

        var copy = LookalikeCli.Run("check", folder["truncated.jpg"], Pdq("reg-test-input/labelme-subset/q0746.jpg"), "--against", folder["list.txt"]);
        Assert.Equal(1, copy.ExitCode); // a match outweighs an unreadable file
        Assert.Contains("q0746.jpg: MATCH", copy.Stdout);

        var noList = LookalikeCli.Run("check", clean, "--against", folder["missing.pdq"]);
        Assert.Equal(2, noList.ExitCode);
        Assert.Contains("no such hash list, folder or image", noList.Stderr);
    }

    [Fact]
    public void AFlaggedFolderIsHashedInMemoryAndNoCatalogIsWritten()
    {
        using var flagged = new TempFolder();
        File.Copy(Pdq("reg-test-input/dih/bridge-1-original.jpg"), flagged["bridge.jpg"]);
        File.Copy(Pdq("reg-test-input/labelme-subset/q0122.jpg"), flagged["q0122.jpg"]);
        using var uploads = new TempFolder();
        File.Copy(Pdq("reg-test-input/dih/bridge-8-flip-minus-1.jpg"), uploads["upload.jpg"]);
        File.Copy(Pdq("reg-test-input/labelme-subset/q1050.jpg"), uploads["other.jpg"]);

        var run = LookalikeCli.Run("check", uploads.Root, "--against", flagged.Root);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{uploads["upload.jpg"]}: MATCH {flagged["bridge.jpg"]} (", run.Stdout);
        Assert.Contains("the flagged picture after antiTranspose)", run.Stdout);
        Assert.Contains($"{uploads["other.jpg"]}: no match", run.Stdout);
        Assert.False(Directory.Exists(flagged[".lookalike"]));
        Assert.False(Directory.Exists(uploads[".lookalike"]));
    }

    [Fact]
    public void FlatPicturesAreNotMatchedUnlessAskedFor()
    {
        // q0003 is nearly flat (PDQ quality 3): the reference advises not to trust such hashes.
        using var folder = new TempFolder();
        var flat = Pdq("reg-test-input/labelme-subset/q0003.jpg");
        File.WriteAllText(folder["list.pdq"], LookalikeCli.Run("hash", flat).Stdout);
        var skipped = LookalikeCli.Run("check", flat, "--against", folder["list.pdq"], "--json");
        Assert.Equal(2, skipped.ExitCode); // no usable hash: the list's one entry is left out too
        Assert.Contains("flagged hashes of quality below 50 left out", skipped.Stderr);
        var asked = LookalikeCli.Run("check", flat, "--against", folder["list.pdq"], "--min-quality", "0", "--json");
        Assert.Equal(1, asked.ExitCode);
        Assert.Equal(0, JsonLines(asked.Stdout).Single().GetProperty("matches")[0].GetProperty("distance").GetInt32());

        File.WriteAllText(folder["bare.pdq"], LookalikeCli.Run("hash", flat).Stdout.Split(',')[0] + "\n"); // no quality: kept
        var bare = JsonLines(LookalikeCli.Run("check", flat, "--against", folder["bare.pdq"], "--json").Stdout).Single();
        Assert.Contains("quality 3 below 50", bare.GetProperty("skipped").GetString());
        Assert.False(bare.GetProperty("matched").GetBoolean());
    }
}
