using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary><c>lookalike search</c> through the real CLI, on real images and the built-in default model.</summary>
public class SearchCommandTests
{
    private static readonly string[] Images =
        ["china.jpg", "china-q40.jpg", "china-resized.jpg", "china-mirror.jpg", "flower.jpg", "chelsea.tif", "coffee.gif", "china-grey.png"];

    /// <summary>A folder of the test images, indexed with the default model.</summary>
    private static TempFolder Indexed(params string[] extra)
    {
        var folder = new TempFolder().With([.. Images, .. extra]);
        var index = LookalikeCli.Run("index", folder.Root, "--json");
        Assert.True(index.ExitCode == 0, index.Stderr);
        return folder;
    }

    private static JsonElement Json(LookalikeCli.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private static List<(string File, double Score)> Results(JsonElement json) =>
        json.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("file").GetString()!, r.GetProperty("score").GetDouble())).ToList();

    [Fact]
    public void PrintsTheQueryAndItsNeighboursLeavingTheQueryOut()
    {
        using var folder = Indexed();
        // No --db: the catalog is found beside the query image.
        var json = Json(LookalikeCli.Run("search", folder["china.jpg"], "-k", "3", "--json"));

        Assert.Equal(["query", "results"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(folder["china.jpg"], json.GetProperty("query").GetString());
        var first = json.GetProperty("results")[0];
        Assert.Equal(["file", "score"], first.EnumerateObject().Select(p => p.Name).Take(2));
        var results = Results(json);
        Assert.Equal(3, results.Count);
        Assert.DoesNotContain(folder["china.jpg"], results.Select(r => r.File));
        Assert.Equal(results.OrderByDescending(r => r.Score), results);
        Assert.StartsWith(folder["china-"], results[0].File);

        var table = LookalikeCli.Run("search", folder["china.jpg"], "-k", "2");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Score", table.Stdout);
        Assert.Contains(results[0].File, table.Stdout);
    }

    [Fact]
    public void FiltersStillReturnKResultsAndMinScoreCuts()
    {
        using var folder = Indexed("astronaut.webp=sub/astronaut.webp", "china-small.png=sub/china-small.png");
        var db = folder[".lookalike"];
        Assert.Equal(0, LookalikeCli.Run("tag", "add", "other", folder["flower.jpg"], folder["chelsea.tif"], folder["coffee.gif"], folder["sub/astronaut.webp"]).ExitCode);
        File.WriteAllText(folder["meta.csv"], "file,key,value\nflower.jpg,kind,plant\nchina-grey.png,kind,plant\n");
        Assert.Equal(0, LookalikeCli.Run("tag", "import", folder["meta.csv"]).ExitCode);

        // The china copies are the nearest neighbours; all of them are filtered out and still k come back (HNSW too).
        foreach (var index in new[] { "Flat", "HNSW8" })
        {
            var tagged = Results(Json(LookalikeCli.Run("search", folder["china.jpg"], "--db", db, "-k", "3", "--tag", "other", "--index", index, "--json")));
            Assert.Equal(3, tagged.Count);
            Assert.All(tagged, r => Assert.Contains(Path.GetFileName(r.File), new[] { "flower.jpg", "chelsea.tif", "coffee.gif", "astronaut.webp" }));
        }
        var below = Results(Json(LookalikeCli.Run("search", folder["china.jpg"], "--db", db, "--folder", folder["sub"], "--json")));
        Assert.Equal([folder["sub/astronaut.webp"], folder["sub/china-small.png"]], below.Select(r => r.File).Order());
        var both = Results(Json(LookalikeCli.Run("search", folder["china.jpg"], "--db", db, "--where", "kind=plant", "--tag", "other", "--json")));
        Assert.Equal([folder["flower.jpg"]], both.Select(r => r.File));

        var all = Results(Json(LookalikeCli.Run("search", folder["china.jpg"], "--db", db, "-k", "20", "--json")));
        Assert.Equal(Images.Length + 1, all.Count);
        var cut = all[4].Score;
        var kept = Results(Json(LookalikeCli.Run("search", folder["china.jpg"], "--db", db, "-k", "20", "--min-score", cut.ToString("R"), "--json")));
        Assert.Equal(all.Where(r => r.Score >= cut).Select(r => r.File), kept.Select(r => r.File));
    }

    [Fact]
    public void SavedIndexIsReusedUntilNewImagesAreIndexed()
    {
        using var folder = Indexed();
        var db = folder[".lookalike"];
        Assert.Equal(0, LookalikeCli.Run("search", folder["china.jpg"], "--db", db, "--json").ExitCode);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(db, "indexes"), "*.idx"));
        var saved = (File.GetLastWriteTimeUtc(file), new FileInfo(file).Length);

        Assert.Equal(0, LookalikeCli.Run("search", folder["flower.jpg"], "--db", db, "--json").ExitCode);
        Assert.Equal(saved, (File.GetLastWriteTimeUtc(file), new FileInfo(file).Length));

        File.Copy(TestFiles.Path("astronaut.webp"), folder["astronaut.webp"]);
        Assert.Equal(0, LookalikeCli.Run("index", folder.Root).ExitCode);
        var results = Results(Json(LookalikeCli.Run("search", folder["china.jpg"], "--db", db, "-k", "20", "--json")));
        Assert.Contains(folder["astronaut.webp"], results.Select(r => r.File));
        Assert.NotEqual(saved, (File.GetLastWriteTimeUtc(file), new FileInfo(file).Length));
    }

    [Fact]
    public void AnImageOutsideTheCatalogIsEmbeddedAndKeepsEveryResult()
    {
        using var folder = Indexed();
        using var outside = new TempFolder().With("china-q40.jpg=query.jpg");
        var json = Json(LookalikeCli.Run("search", outside["query.jpg"], "--db", folder[".lookalike"], "-k", "2", "--json"));
        Assert.Equal(outside["query.jpg"], json.GetProperty("query").GetString());
        // Its twin in the catalog (same bytes, another path) is not the query: it comes first, at ~1.
        var top = Results(json)[0];
        Assert.Equal(folder["china-q40.jpg"], top.File);
        Assert.True(top.Score > 0.99, $"{top.Score}");
    }

    [Fact]
    public void BatchPrintsOneJsonLinePerQueryAndReportsUnreadableOnes()
    {
        using var folder = Indexed();
        using var queries = new TempFolder().With("flower.jpg", "china-resized.jpg=deeper/china.jpg", "not-an-image.jpg");
        var run = LookalikeCli.Run("search", "--queries", queries.Root, "--db", folder[".lookalike"], "-k", "2", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{queries["not-an-image.jpg"]}:", run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([queries["deeper/china.jpg"], queries["flower.jpg"]], lines.Select(l => l.GetProperty("query").GetString()));
        Assert.All(lines, l => Assert.Equal(2, l.GetProperty("results").GetArrayLength()));

        // A list file: paths relative to it; a missing one is reported and the rest still searched.
        File.WriteAllText(queries["list.txt"], $"flower.jpg\n\nmissing.jpg\n{folder["coffee.gif"]}\n");
        var listed = LookalikeCli.Run("search", "--queries", queries["list.txt"], "--db", folder[".lookalike"], "--json");
        Assert.Equal(1, listed.ExitCode);
        Assert.Contains(queries["missing.jpg"], listed.Stderr);
        Assert.Equal(2, listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void MistakesGetOneLineErrors()
    {
        using var folder = Indexed();
        using var elsewhere = new TempFolder().With("flower.jpg");
        var noCatalog = LookalikeCli.Run("search", elsewhere["flower.jpg"]);
        Assert.Equal(4, noCatalog.ExitCode);
        Assert.Contains($"no catalog holds {elsewhere["flower.jpg"]}", noCatalog.Stderr);
        Assert.Contains("--db DIR", noCatalog.Stderr);

        var text = LookalikeCli.Run("search", "--text", "a cat", "--db", folder[".lookalike"]);
        Assert.Equal(5, text.ExitCode);
        Assert.Contains("has no text tower", text.Stderr);
        Assert.DoesNotContain("   at ", text.Stderr);

        Assert.NotEqual(0, LookalikeCli.Run("search", folder["china.jpg"], "--text", "x").ExitCode);
        Assert.Contains("Unknown index description", LookalikeCli.Run("search", folder["china.jpg"], "--index", "KD3").Stderr);
    }
}
