using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary><c>lookalike map</c>, <c>matrix</c> and <c>drift</c> through the real CLI on ../shared/labelled.</summary>
[Collection(LabelledCatalogCollection.Name)]
public sealed class ExploreCommandTests(LabelledCatalog labelled)
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    [Fact]
    public void MapWritesPcaAndTsnePicturesColouredByClass()
    {
        var folder = labelled.Scratch("map");
        var pca = LookalikeCli.Run("map", "--db", labelled.Database, "--labels", LabelledCatalog.Labels, "--out", Path.Combine(folder, "pca.svg"), "--json");
        Assert.True(pca.ExitCode == 0, pca.Stderr);
        var points = JsonDocument.Parse(pca.Stdout).RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(306, points.Count);
        Assert.Equal(14, points.Select(p => p.GetProperty("group").GetString()).Distinct().Count());
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(folder, "pca.svg")));
        Assert.Contains("animals-mammals (67)", File.ReadAllText(Path.Combine(folder, "pca.svg"))); // the legend

        var tsne = LookalikeCli.Run("map", TestFiles.SharedLabelled, "--db", labelled.Database, "--method", "tsne", "--out", Path.Combine(folder, "tsne.png"));
        Assert.True(tsne.ExitCode == 0, tsne.Stderr);
        Assert.Equal(PngSignature, File.ReadAllBytes(Path.Combine(folder, "tsne.png")).Take(4));

        var bad = LookalikeCli.Run("map", "--db", labelled.Database, "--out", Path.Combine(folder, "map.jpg"));
        Assert.Equal(3, bad.ExitCode); // bad input: docs/cli.md
        Assert.Contains(".png or .svg", bad.Stderr);
    }

    [Fact]
    public void MatrixHoldsTheCosinesOfEveryPairAndReportsUnreadableFiles()
    {
        var folder = labelled.Scratch("matrix");
        var birds = Directory.GetFiles(Path.Combine(TestFiles.SharedLabelled, "animals-birds")).Order().Take(2);
        var house = Directory.GetFiles(Path.Combine(TestFiles.SharedLabelled, "town-houses")).Order().First();
        string[] files = [.. birds, house, TestFiles.Path("not-an-image.jpg")];
        var result = LookalikeCli.Run(["matrix", .. files, "--out", Path.Combine(folder, "m.png"), "--json"]);
        Assert.Equal(1, result.ExitCode); // one file could not be read
        Assert.Contains("not-an-image.jpg", result.Stderr);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(files.Take(3), json.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        var cosine = json.GetProperty("cosine").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetDouble()).ToArray()).ToArray();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1.0, cosine[i][i], 3);
            for (var j = 0; j < 3; j++) Assert.Equal(cosine[i][j], cosine[j][i], 4);
        }
        Assert.Equal(PngSignature, File.ReadAllBytes(Path.Combine(folder, "m.png")).Take(4));
    }

    [Fact]
    public void DriftFlagsAShiftBetweenScoreFilesAndComparesFolders()
    {
        var folder = labelled.Scratch("drift");
        var random = new Random(11);
        File.WriteAllLines(Path.Combine(folder, "a.txt"), ["score", .. Enumerable.Range(0, 300).Select(_ => $"{0.80 + 0.1 * random.NextDouble():0.0000}")]);
        File.WriteAllLines(Path.Combine(folder, "b.txt"), Enumerable.Range(0, 300).Select(_ => $"{0.85 + 0.1 * random.NextDouble():0.0000}"));
        File.WriteAllLines(Path.Combine(folder, "c.txt"), Enumerable.Range(0, 300).Select(_ => $"{0.80 + 0.1 * random.NextDouble():0.0000}"));
        var plots = Path.Combine(folder, "plots");

        var shifted = LookalikeCli.Run("drift", "--baseline", Path.Combine(folder, "a.txt"), "--current", Path.Combine(folder, "b.txt"), "--plots", plots, "--json");
        Assert.Equal(1, shifted.ExitCode);
        var json = JsonDocument.Parse(shifted.Stdout).RootElement;
        Assert.True(json.GetProperty("shifted").GetBoolean());
        Assert.InRange(json.GetProperty("ks").GetProperty("statistic").GetDouble(), 0.35, 0.65); // uniform ranges overlapping by half
        Assert.Equal(4, json.GetProperty("plots").GetArrayLength());
        Assert.Equal(PngSignature, File.ReadAllBytes(Path.Combine(plots, "drift-ecdf.png")).Take(4));

        var steady = LookalikeCli.Run("drift", "--baseline", Path.Combine(folder, "a.txt"), "--current", Path.Combine(folder, "c.txt"));
        Assert.True(steady.ExitCode == 0, steady.Stdout + steady.Stderr);
        Assert.Contains("no shift detected", steady.Stdout);

        var folders = LookalikeCli.Run("drift", "--baseline", Path.Combine(TestFiles.SharedLabelled, "animals-mammals"),
            "--current", Path.Combine(TestFiles.SharedLabelled, "town-houses"), "--db", labelled.Database, "--json");
        Assert.True(folders.ExitCode is 0 or 1, folders.Stderr);
        var ks = JsonDocument.Parse(folders.Stdout).RootElement.GetProperty("ks");
        Assert.Equal(67, ks.GetProperty("countA").GetInt32());
        Assert.Equal(32, ks.GetProperty("countB").GetInt32());
    }
}
