using System.Diagnostics;
using System.Text.Json;
using Lookalike.Loading;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary>Issue 13's defects through the real CLI: hangs on FIFOs and devices, a looping link hiding its folder,
/// raw control characters on the terminal, a damaged keeper, readers and writers at once, failed actions exiting 0.</summary>
public class HostileInputCliTests
{
    private static JsonElement Json(LookalikeCli.Result result) => JsonDocument.Parse(result.Stdout).RootElement;

    [Fact]
    public void IndexSkipsFifosDeviceLinksAndLoopsWithOneLineEachAndFinishes()
    {
        using var folder = new TempFolder().With("china.jpg", "flower.jpg");
        SpecialFiles.MakeFifo(folder["x.jpg"]);
        File.CreateSymbolicLink(folder["zero.jpg"], "/dev/zero");
        File.CreateSymbolicLink(folder["urandom.jpg"], "/dev/urandom");
        File.CreateSymbolicLink(folder["loop.jpg"], folder["loop.jpg"]);

        var run = LookalikeCli.Run("index", folder.Root, "--model", "none", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(2, Json(run).GetProperty("indexed").GetInt32());
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains(folder["x.jpg"]) && l.Contains("FIFO"));
        Assert.Contains(lines, l => l.Contains(folder["zero.jpg"]) && l.Contains("character device"));
        Assert.Contains(lines, l => l.Contains(folder["loop.jpg"]) && l.Contains("leads nowhere"));
    }

    [Fact]
    public void DupesFinishesTooBesideAFifoAndEndlessDeviceLinks()
    {
        // Defect 3 hung dupes as well as index: content hashing of /dev/zero never ended, and opening the FIFO blocked.
        using var folder = new TempFolder().With("china.jpg", "china-resized.jpg");
        SpecialFiles.MakeFifo(folder["x.jpg"]);
        File.CreateSymbolicLink(folder["zero.jpg"], "/dev/zero");
        File.CreateSymbolicLink(folder["urandom.jpg"], "/dev/urandom");

        var run = LookalikeCli.Run("dupes", folder.Root, "--model", "none", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Single(Json(run).GetProperty("groups").EnumerateArray());
        Assert.Equal(3, run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void ControlCharactersInNamesAreEscapedAndEachErrorStaysOneLine()
    {
        using var folder = new TempFolder().With("china.jpg", "not-an-image.jpg=bad\u001b]0;owned\u0007\nlookalike: fake.jpg");
        var run = LookalikeCli.Run("index", folder.Root, "--model", "none");
        Assert.DoesNotContain('\u001b', run.Stderr);
        Assert.DoesNotContain('\u0007', run.Stderr);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(@"bad\x1b]0;owned\x07\nlookalike: fake.jpg", line);
        Assert.StartsWith("lookalike: ", line);
    }

    [Fact]
    public void ADamagedFileIsFlaggedAndNeverKeptEvenWhenItHasMorePixels()
    {
        using var folder = new TempFolder().With("china.jpg=big-damaged.jpg", "china-resized.jpg");
        // Two bytes flipped near the end of the entropy-coded data: libvips decodes it only by overlooking corrupt data.
        var bytes = File.ReadAllBytes(folder["big-damaged.jpg"]);
        bytes[^40] ^= 0xff;
        bytes[^39] ^= 0xff;
        File.WriteAllBytes(folder["big-damaged.jpg"], bytes);

        var run = LookalikeCli.Run("dupes", folder.Root, "--model", "none", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var group = Json(run).GetProperty("groups").EnumerateArray().Single();
        Assert.Equal(folder["china-resized.jpg"], group.GetProperty("keep").GetString());
        Assert.Equal([folder["big-damaged.jpg"]], group.GetProperty("damaged").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public void ABitFlippedGifWhoseHeaderClaimsMorePixelsIsDamagedAndNeverKept()
    {
        // Issue 13 defect 5 as found: a GIF of a real photo with one bit flipped in the logical screen's width (384 -> 400)
        // decodes through libvips with a black strip and no warning, and used to beat intact 384x288 copies on pixel count.
        using var folder = new TempFolder().With("bluebells.jpg", "bluebells.webp", "bluebells.gif=bluebells-wide.gif");
        File.WriteAllBytes(folder["bluebells.png"], PngEncoding.Encode(ImageDecoder.Decode(folder["bluebells.jpg"], DecodeSize.Fit(384))));
        var gif = File.ReadAllBytes(folder["bluebells-wide.gif"]);
        gif[6] ^= 0x10;
        File.WriteAllBytes(folder["bluebells-wide.gif"], gif);
        Assert.Equal(400, ImageDecoder.ReadHeader(folder["bluebells-wide.gif"]).Width);

        var run = LookalikeCli.Run("dupes", folder.Root, "--model", "none", "--json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var group = Json(run).GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("files").EnumerateArray()
            .Any(f => f.GetString()!.Contains("bluebells-wide.gif", StringComparison.Ordinal)));
        Assert.NotEqual(folder["bluebells-wide.gif"], group.GetProperty("keep").GetString());
        Assert.Equal([folder["bluebells-wide.gif"]], group.GetProperty("damaged").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public void ANameThatIsNotUtf8IsIndexedFoundMovedToTheTrashAndRestoredByteForByte()
    {
        // Issue 13 defect 10: .NET's listing turns the bytes E9 FF into U+FFFD, and the name it gives opens nothing.
        using var folder = new TempFolder().With("china.jpg");
        const string name = @"latin1-\351\377.jpg"; // printf's octal: the bytes E9 FF
        RawNames.CopyAs(TestFiles.Path("china-resized.jpg"), folder.Root, name);
        var asString = folder["latin1-\uf7e9\uf7ff.jpg"]; // its lossless string form (Files/RawName)

        var index = LookalikeCli.Run("index", folder.Root, "--model", "none", "--json");
        Assert.True(index.ExitCode == 0, index.Stderr);
        Assert.Equal(2, Json(index).GetProperty("indexed").GetInt32());
        var human = LookalikeCli.Run("dupes", folder.Root, "--model", "none");
        Assert.Contains(@"latin1-\xe9\xff.jpg", human.Stdout);

        var moved = LookalikeCli.Run("dupes", folder.Root, "--model", "none", "--action", "move-to-trash", "--json");
        Assert.True(moved.ExitCode == 0, moved.Stderr);
        var group = Json(moved).GetProperty("groups").EnumerateArray().Single();
        Assert.Equal(folder["china.jpg"], group.GetProperty("keep").GetString());
        Assert.Equal([folder["china.jpg"], asString], group.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal([asString], Json(moved).GetProperty("action").GetProperty("done").EnumerateArray().Select(d => d.GetProperty("path").GetString()));
        Assert.Equal(["china.jpg"], RawNames.List(folder.Root));

        var undo = LookalikeCli.Run("undo", "--in", folder.Root);
        Assert.True(undo.ExitCode == 0, undo.Stderr);
        Assert.Equal(["china.jpg", name], RawNames.List(folder.Root));
        Assert.True(RawNames.SameBytes(TestFiles.Path("china-resized.jpg"), folder.Root, name));
    }

    [Fact]
    public void AnActionThatCouldNotDoEverythingExitsNonZeroAndSaysWhatIsLeft()
    {
        using var folder = new TempFolder().With("china.jpg", "china-resized.jpg");
        File.WriteAllText(folder["not-a-folder"], "a file where the trash folder should go");
        var run = LookalikeCli.Run("dupes", folder.Root, "--model", "none", "--action", "move-to-trash", "--trash", folder["not-a-folder"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("1 of 1 planned files were left as they were", run.Stderr);
        Assert.True(File.Exists(folder["china-resized.jpg"]));
    }

    [Fact]
    public void DeleteNeverReachesThroughAFolderLinkOutOfTheFolderGiven()
    {
        using var photos = new TempFolder().With("china.jpg");
        using var outside = new TempFolder().With("china-resized.jpg=odir/x.jpg");
        Directory.CreateSymbolicLink(photos["zdir"], outside["odir"]);

        var plain = LookalikeCli.Run("dupes", photos.Root, "--model", "none", "--delete", "--yes");
        Assert.Contains("not followed (--follow-links follows it)", plain.Stderr);
        Assert.True(File.Exists(outside["odir/x.jpg"]));

        var followed = LookalikeCli.Run("dupes", photos.Root, "--model", "none", "--follow-links", "--delete", "--yes");
        Assert.Equal(1, followed.ExitCode);
        Assert.Contains("outside the folders given", followed.Stderr);
        Assert.True(File.Exists(outside["odir/x.jpg"]));
        Assert.True(File.Exists(photos["china.jpg"]));
    }

    [Fact]
    public void UndoRefusesAPlantedManifest()
    {
        using var folder = new TempFolder().With("china.jpg", "china-resized.jpg");
        using var outside = new TempFolder();
        Assert.Equal(0, LookalikeCli.Run("dupes", folder.Root, "--model", "none", "--action", "move-to-trash").ExitCode);
        var manifest = folder[".lookalike/trash/manifest.jsonl"];
        var line = File.ReadAllLines(manifest).Single().Replace(folder["china-resized.jpg"], outside["planted.jpg"]);
        File.WriteAllText(manifest, line + "\n");
        var undo = LookalikeCli.Run("undo", "--db", folder[".lookalike"]);
        Assert.Equal(3, undo.ExitCode); // bad input: docs/cli.md
        Assert.Contains("not sealed by this catalog", undo.Stderr);
        Assert.False(File.Exists(outside["planted.jpg"]));
    }

    [Fact]
    public void ReadersSeeCommittedStateWhileAnIndexRunsAndASecondIndexIsToldSo()
    {
        // 5,000 distinct files (bytes appended after the JPEG's end), each decoded and embedded: a writer that runs for
        // well over the ten seconds the checks below take, even on an idle machine (800 were done in under ten).
        using var photos = new TempFolder();
        var source = File.ReadAllBytes(TestFiles.Path("china.jpg"));
        for (var i = 0; i < 5000; i++) File.WriteAllBytes(photos[$"p{i:0000}.jpg"], [.. source, .. BitConverter.GetBytes(i)]);
        using var db = new TempFolder();
        using var writer = LookalikeCli.Start("index", photos.Root, "--db", db.Root);
        _ = writer.StandardError.ReadToEndAsync(); // drained, so the writer never blocks on a full pipe
        try
        {
            var catalog = Path.Combine(db.Root, "catalog.db");
            var clock = Stopwatch.StartNew();
            while (!File.Exists(catalog + ".index-lock") && !writer.HasExited && clock.Elapsed < TimeSpan.FromMinutes(1)) Thread.Sleep(100);
            Thread.Sleep(2000); // let it commit a few batches
            Assert.False(writer.HasExited, "the index finished (or failed) before the readers could run");

            var second = LookalikeCli.Run("index", photos.Root, "--db", db.Root);
            Assert.Equal(4, second.ExitCode); // the catalog cannot be written now: docs/cli.md
            Assert.Contains("another 'lookalike index'", second.Stderr);

            var search = LookalikeCli.Run("search", TestFiles.Path("china.jpg"), "--db", db.Root, "-k", "2", "--json");
            Assert.True(search.ExitCode == 0, search.Stderr);
            var dupes = LookalikeCli.Run("dupes", photos.Root, "--db", db.Root, "--json");
            Assert.True(dupes.ExitCode == 0, dupes.Stderr);
            Assert.Contains("using what it has committed so far", dupes.Stderr);
            Assert.False(writer.HasExited, "the readers must have run while the index was still writing");
        }
        finally
        {
            writer.Kill(entireProcessTree: true);
            writer.WaitForExit();
        }
    }
}
