using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary><c>lookalike tag add|remove|list|import</c> through the real CLI.</summary>
public class TagCommandTests
{
    private static JsonElement Json(LookalikeCli.Result result, int exitCode = 0)
    {
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}: {result.Stderr}");
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void AddRemoveListAndImportRoundTrip()
    {
        using var folder = new TempFolder().With("china.jpg", "flower.jpg", "coffee.gif");
        Assert.Equal(0, LookalikeCli.Run("index", folder.Root, "--model", "none").ExitCode);
        var db = folder[".lookalike"];

        var added = Json(LookalikeCli.Run("tag", "add", "red", folder["china.jpg"], folder["flower.jpg"], folder["nope.jpg"], "--db", db, "--json"), 1);
        Assert.Equal([folder["china.jpg"], folder["flower.jpg"]], Strings(added.GetProperty("added")));
        Assert.Equal([folder["nope.jpg"]], Strings(added.GetProperty("notCataloged")));
        var again = Json(LookalikeCli.Run("tag", "add", "red", folder["china.jpg"], "--db", db, "--json"));
        Assert.Equal([folder["china.jpg"]], Strings(again.GetProperty("already")));

        var removed = Json(LookalikeCli.Run("tag", "remove", "red", folder["flower.jpg"], folder["coffee.gif"], "--db", db, "--json"));
        Assert.Equal([folder["flower.jpg"]], Strings(removed.GetProperty("removed")));
        Assert.Equal([folder["coffee.gif"]], Strings(removed.GetProperty("absent")));

        File.WriteAllText(folder["tags.csv"], "file,tag\ncoffee.gif,drink\nflower.jpg,\"plant, green\"\nmissing.jpg,drink\ncoffee.gif\n");
        var import = LookalikeCli.Run("tag", "import", folder["tags.csv"], "--db", db, "--json");
        var report = Json(import, 1);
        Assert.Equal(2, report.GetProperty("tagged").GetInt32());
        Assert.Equal([4, 5], report.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("line").GetInt32()));
        Assert.Contains($"{folder["missing.jpg"]}: not in the catalog: run lookalike index first", import.Stderr);
        Assert.Contains("expected 2 fields, got 1 (line 5", import.Stderr);
        File.WriteAllText(folder["meta.csv"], $"file,key,value\n{folder["coffee.gif"]},origin,Kenya\n");
        Assert.Equal(1, Json(LookalikeCli.Run("tag", "import", folder["meta.csv"], "--db", db, "--json")).GetProperty("valuesSet").GetInt32());

        // Without --db: found above the current directory or beside the files.
        var counts = Json(LookalikeCli.Run("tag", "list", folder["coffee.gif"], "--json"));
        var coffee = counts.GetProperty("files").EnumerateArray().Single();
        Assert.Equal(["drink"], Strings(coffee.GetProperty("tags")));
        Assert.Equal("Kenya", coffee.GetProperty("metadata").GetProperty("origin").GetString());
        var all = Json(LookalikeCli.Run("tag", "list", "--db", db, "--json")).GetProperty("tags").EnumerateArray()
            .Select(t => (t.GetProperty("tag").GetString(), t.GetProperty("count").GetInt32()));
        Assert.Equal([("drink", 1), ("plant, green", 1), ("red", 1)], all);

        var table = LookalikeCli.Run("tag", "list", "--db", db);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("plant, green", table.Stdout);
    }

    [Fact]
    public void AFileOutsideTheCatalogIsNamed()
    {
        using var folder = new TempFolder().With("china.jpg");
        Assert.Equal(0, LookalikeCli.Run("index", folder.Root, "--model", "none").ExitCode);
        File.Copy(folder["china.jpg"], folder["later.jpg"]);
        var run = LookalikeCli.Run("tag", "add", "x", folder["later.jpg"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{folder["later.jpg"]}: not in the catalog: run lookalike index first", run.Stderr);
    }
}
