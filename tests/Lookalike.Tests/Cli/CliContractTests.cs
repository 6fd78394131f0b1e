using System.Text.Json;
using Json.Schema;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Cli;

/// <summary>
/// What issue 9 promised a new user, through the real CLI: one catalog found from the files from any working folder,
/// strict arguments (exit 2, nothing written), missing folders named and never created, no stack traces, one report
/// document for --json and --export.
/// </summary>
public class CliContractTests
{
    private static JsonElement Json(LookalikeCli.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private static int GroupCount(LookalikeCli.Result result) => Json(result).GetProperty("groups").GetArrayLength();

    /// <summary>Every file and folder below <paramref name="root"/>, relative, hidden ones included.</summary>
    private static List<string> Tree(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p)).Order().ToList();

    private static void AssertNoStackTrace(LookalikeCli.Result result)
    {
        var output = result.Stdout + result.Stderr;
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
        Assert.DoesNotContain("System.", output);
        Assert.DoesNotContain("`1", output);
    }

    [Fact]
    public void DecisionMadeFromAnotherWorkingFolderIsHonouredByTheNextDupes()
    {
        using var photos = new TempFolder().With("china.jpg", "china-resized.jpg", "flower.jpg");
        using var elsewhere = new TempFolder();
        Assert.Equal(1, GroupCount(LookalikeCli.RunIn(elsewhere.Root, "dupes", photos.Root, "--json")));

        var decided = LookalikeCli.RunIn(elsewhere.Root, "decide", "not-duplicates", photos["china.jpg"], photos["china-resized.jpg"]);
        Assert.True(decided.ExitCode == 0, decided.Stderr);
        Assert.Contains(photos[".lookalike/catalog.db"], decided.Stdout);
        Assert.Empty(Tree(elsewhere.Root)); // no stray catalog in the working folder

        Assert.Equal(0, GroupCount(LookalikeCli.RunIn(elsewhere.Root, "dupes", photos.Root, "--json")));
        // tag, and undo or trash with --in, from the same place find the same catalog through the files.
        var tagged = LookalikeCli.RunIn(elsewhere.Root, "tag", "add", "holiday", photos["flower.jpg"]);
        Assert.True(tagged.ExitCode == 0, tagged.Stderr);
        Assert.Equal(photos[".lookalike/trash"], Json(LookalikeCli.RunIn(elsewhere.Root, "trash", "list", "--in", photos.Root, "--json")).GetProperty("trash").GetString());
        var undo = LookalikeCli.RunIn(elsewhere.Root, "undo", "--in", photos.Root);
        Assert.Equal(3, undo.ExitCode); // found the catalog's trash, which has nothing to undo
        Assert.Contains($"nothing to undo in {photos[".lookalike/trash"]}", undo.Stderr);
        Assert.Empty(Tree(elsewhere.Root));
    }

    [Theory]
    [InlineData("--max-distnce", "2")]
    [InlineData("--metod", "phash")]
    public void MistypedOptionExitsTwoAndWritesNothing(string option, string value)
    {
        using var photos = new TempFolder().With("china.jpg", "china-resized.jpg");
        var before = Tree(photos.Root);
        var result = LookalikeCli.Run("dupes", photos.Root, option, value, "--action", "move-to-trash");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"unknown option '{option}'", result.Stderr);
        AssertNoStackTrace(result);
        Assert.Equal(before, Tree(photos.Root)); // no catalog, nothing moved
    }

    [Fact]
    public void ExtraWordsAreRefused()
    {
        using var photos = new TempFolder().With("china.jpg", "china-resized.jpg");
        var result = LookalikeCli.Run("decide", "keep-both", photos["china.jpg"], photos["china-resized.jpg"], photos["china.jpg"]);
        Assert.Equal(2, result.ExitCode);
        AssertNoStackTrace(result);
    }

    [Fact]
    public void MissingFolderIsNamedAndNothingIsCreated()
    {
        using var work = new TempFolder().With("china.jpg=photos/china.jpg");
        var dupes = LookalikeCli.RunIn(work.Root, "dupes", "NOPE");
        Assert.NotEqual(0, dupes.ExitCode);
        Assert.Contains(work["NOPE"], dupes.Stderr);
        AssertNoStackTrace(dupes);

        var index = LookalikeCli.RunIn(work.Root, "index", "NOPE", "photos");
        Assert.NotEqual(0, index.ExitCode);
        Assert.Contains("NOPE", index.Stderr);
        Assert.Equal(["photos", "photos/china.jpg"], Tree(work.Root));

        var decide = LookalikeCli.RunIn(work.Root, "decide", "keep-both", "photos/china.jpg", "NOPE.jpg");
        Assert.NotEqual(0, decide.ExitCode);
        Assert.Contains(work["NOPE.jpg"], decide.Stderr);
        Assert.Equal(["photos", "photos/china.jpg"], Tree(work.Root));
    }

    public static TheoryData<string[]> BadValues => new()
    {
        new[] { "dupes", "{photos}", "--max-distance", "-1" },
        new[] { "dupes", "{photos}", "--max-distance", "100" },
        new[] { "dupes", "{photos}", "--max-distance", "abc" },
        new[] { "dupes", "{photos}", "--min-similarity", "5" },
        new[] { "dupes", "{photos}", "--min-similarity", "NaN" },
        new[] { "dupes", "{photos}", "--export", "{photos}/missing/x.json" },
        new[] { "dupes", "{photos}", "--export", "{photos}/x.txt" },
        new[] { "dupes", "{photos}", "--method", "sha1" },
        new[] { "dupes", "{photos}", "--action", "shred" },
        new[] { "search", "{photos}/china.jpg", "--min-score", "97" },
        new[] { "search", "{photos}/china.jpg", "-k", "0" },
        new[] { "compare", "{photos}/china.jpg", "{photos}/china.jpg", "--match", "2" },
        new[] { "trash", "purge", "--older-than", "soon" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadValueExitsTwoWithoutAStackTraceAndWritesNothing(string[] template)
    {
        using var photos = new TempFolder().With("china.jpg", "china-resized.jpg");
        var before = Tree(photos.Root);
        var result = LookalikeCli.Run([.. template.Select(a => a.Replace("{photos}", photos.Root))]);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("lookalike: ", result.Stderr);
        AssertNoStackTrace(result);
        Assert.Equal(before, Tree(photos.Root));
    }

    [Fact]
    public void CommandsThatNeedACatalogSayWhereTheyLookedWithoutAStackTrace()
    {
        using var work = new TempFolder().With("china.jpg", "china-resized.jpg");
        foreach (var args in new[] { new[] { "search", work["china.jpg"] }, ["tag", "list"], ["undo"], ["trash", "list"] })
        {
            var result = LookalikeCli.RunIn(work.Root, args);
            Assert.Equal(4, result.ExitCode);
            Assert.Contains("no catalog", result.Stderr);
            AssertNoStackTrace(result);
        }
        Assert.Equal(["china-resized.jpg", "china.jpg"], Tree(work.Root));
    }

    [Fact]
    public void JsonAndExportJsonAreTheSameDocumentAndMatchTheSchema()
    {
        using var photos = new TempFolder().With("china.jpg", "china-resized.jpg", "china-q40.jpg", "flower.jpg");
        using var output = new TempFolder();
        var printed = LookalikeCli.Run("dupes", photos.Root, "--json", "--export", output["report.json"]);
        Assert.True(printed.ExitCode == 0, printed.Stderr);
        Assert.Equal(printed.Stdout, File.ReadAllText(output["report.json"]));

        var report = JsonDocument.Parse(printed.Stdout).RootElement;
        var summary = report.GetProperty("summary");
        Assert.Equal((4, 1, 3, 2), (summary.GetProperty("images").GetInt32(), summary.GetProperty("groups").GetInt32(),
            summary.GetProperty("filesInGroups").GetInt32(), summary.GetProperty("filesThatCouldGo").GetInt32()));
        var group = report.GetProperty("groups")[0];
        var duplicates = group.GetProperty("files").EnumerateArray().Skip(1).Select(f => new FileInfo(f.GetString()!).Length).Sum();
        Assert.Equal(duplicates, summary.GetProperty("bytesReclaimable").GetInt64());
        Assert.Equal(group.GetProperty("keep").GetString(), group.GetProperty("files")[0].GetString());

        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "dupes-report.schema.json")));
        var results = schema.Evaluate(report, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));

        // A document missing a required field is caught, so the check above means something.
        var broken = JsonDocument.Parse(printed.Stdout.Replace("\"filesThatCouldGo\"", "\"renamed\"")).RootElement;
        Assert.False(schema.Evaluate(broken).IsValid);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Lookalike.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Tests must run from inside the checkout.");
    }
}
