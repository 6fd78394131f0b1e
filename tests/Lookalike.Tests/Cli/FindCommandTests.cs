using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary><c>lookalike find</c> through the real CLI, on a real catalog of real photos with EXIF capture times and cameras.</summary>
public class FindCommandTests
{
    private static readonly string[] Photos =
    [
        "opencv-doc__leuvenA.jpg", // Apple iPhone 6, 2019-04-14 13:46:10
        "opencv-doc__leuvenB.jpg", // Apple iPhone 6, 2019-04-14 13:45:56
        "opencv-doc__scenetext04.jpg", // SONY DSC-T10, 2012-06-30 03:30:22
        "lxqt-themes__fog.jpg", // Hewlett-Packard hp photosmart 735, 2004-09-15 08:10:55
        "lxqt-themes__Valendas.png", // no EXIF
    ];

    private static string[] Found(TempFolder folder, params string[] filters)
    {
        var run = LookalikeCli.Run([.. filters, "--db", folder[".lookalike"], "--json"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var root = JsonDocument.Parse(run.Stdout).RootElement;
        var files = root.GetProperty("images").EnumerateArray().Select(i => Path.GetFileName(i.GetProperty("file").GetString()!)).ToArray();
        Assert.Equal(files.Length, root.GetProperty("count").GetInt32());
        return files;
    }

    [Fact]
    public void FiltersByTagsMetadataCameraAndCaptureTime()
    {
        using var folder = new TempFolder();
        foreach (var photo in Photos) File.Copy(Path.Combine(TestFiles.SharedPhotos, photo), folder[photo]);
        Assert.Equal(0, LookalikeCli.Run("index", folder.Root, "--model", "none").ExitCode);
        var db = folder[".lookalike"];
        Assert.Equal(0, LookalikeCli.Run("tag", "add", "city", folder["opencv-doc__leuvenA.jpg"], folder["opencv-doc__leuvenB.jpg"], "--db", db).ExitCode);
        Assert.Equal(0, LookalikeCli.Run("tag", "add", "weather", folder["lxqt-themes__fog.jpg"], folder["opencv-doc__leuvenB.jpg"], "--db", db).ExitCode);
        File.WriteAllText(folder["meta.csv"], "file,key,value\nlxqt-themes__Valendas.png,place,Valendas\nopencv-doc__leuvenB.jpg,place,Leuven\n");
        Assert.Equal(0, LookalikeCli.Run("tag", "import", folder["meta.csv"], "--db", db).ExitCode);

        Assert.Equal(Photos.Order(StringComparer.Ordinal), Found(folder, "find"));
        Assert.Equal(["opencv-doc__leuvenA.jpg", "opencv-doc__leuvenB.jpg"], Found(folder, "find", "--camera", "iphone"));
        Assert.Equal(["lxqt-themes__fog.jpg"], Found(folder, "find", "--camera", "Photosmart"));
        Assert.Equal(["opencv-doc__leuvenB.jpg"], Found(folder, "find", "--tag", "city", "--tag", "weather"));
        Assert.Equal(["lxqt-themes__Valendas.png"], Found(folder, "find", "--where", "place=Valendas"));
        Assert.Equal(["opencv-doc__leuvenB.jpg"], Found(folder, "find", "--where", "place=Leuven", "--camera", "apple"));
        Assert.Empty(Found(folder, "find", "--where", "place=Valendas", "--camera", "apple"));

        // Capture time: a day, a minute (13:45 holds 13:45:56 but not 13:46:10), open-ended and closed ranges.
        Assert.Equal(["opencv-doc__leuvenA.jpg", "opencv-doc__leuvenB.jpg"], Found(folder, "find", "--taken", "2019-04-14"));
        Assert.Equal(["opencv-doc__leuvenB.jpg"], Found(folder, "find", "--taken", "2019-04-14T13:45"));
        Assert.Equal(["lxqt-themes__fog.jpg", "opencv-doc__scenetext04.jpg"], Found(folder, "find", "--taken", "..2012"));
        Assert.Equal(["opencv-doc__scenetext04.jpg"], Found(folder, "find", "--taken", "2005..2012-06"));
        Assert.Equal(["opencv-doc__leuvenA.jpg", "opencv-doc__leuvenB.jpg"], Found(folder, "find", "--taken", "2019-04-14T13:45:56.."));
        Assert.Equal(["lxqt-themes__fog.jpg"], Found(folder, "find", "--taken", "2004", "--tag", "weather"));

        // The EXIF fields themselves, as the indexer stored them; an image without EXIF has none.
        var all = JsonDocument.Parse(LookalikeCli.Run("find", "--db", db, "--json").Stdout).RootElement.GetProperty("images").EnumerateArray()
            .ToDictionary(i => Path.GetFileName(i.GetProperty("file").GetString()!));
        Assert.Equal("2019-04-14T13:45:56", all["opencv-doc__leuvenB.jpg"].GetProperty("taken").GetString());
        Assert.Equal("Apple iPhone 6", all["opencv-doc__leuvenB.jpg"].GetProperty("camera").GetString());
        Assert.Equal("Leuven", all["opencv-doc__leuvenB.jpg"].GetProperty("metadata").GetProperty("place").GetString());
        Assert.False(all["lxqt-themes__Valendas.png"].TryGetProperty("taken", out _));

        var table = LookalikeCli.Run("find", "--db", db, "--camera", "sony");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("2012-06-30 03:30:22", table.Stdout);
        Assert.Contains("1 image", table.Stdout);

        var bad = LookalikeCli.Run("find", "--db", db, "--taken", "2019-04-14..2019-04-01");
        Assert.Equal(3, bad.ExitCode); // bad input: docs/cli.md
        Assert.Contains("ends before it starts", bad.Stderr);
    }
}
