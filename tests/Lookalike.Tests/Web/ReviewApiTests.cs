using System.Text.Json;
using Lookalike.Catalog;
using Lookalike.Dedup.Decisions;
using Lookalike.Files;

namespace Lookalike.Tests.Web;

/// <summary>The review page's API through the real HTTP server: groups, the safe trash action and undo, decisions.</summary>
public sealed class ReviewApiTests
{
    [Fact]
    public async Task Lists_the_china_copies_as_one_group_with_the_keeper_marked_and_its_reason()
    {
        await using var server = await RunningServer.StartAsync();
        var groups = await server.Groups();
        var china = Assert.Single(groups);
        var names = china.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("image").GetProperty("name").GetString()).Order().ToList();
        Assert.Equal(["china-copy.jpg", "china-q40.jpg", "china-resized.jpg", "china.jpg"], names);
        var keeper = Assert.Single(china.GetProperty("files").EnumerateArray(), f => f.GetProperty("keep").GetBoolean());
        Assert.Contains(keeper.GetProperty("image").GetProperty("name").GetString(), new[] { "china.jpg", "china-copy.jpg" });
        Assert.False(string.IsNullOrEmpty(china.GetProperty("reason").GetString()));
        Assert.Equal("copy", china.GetProperty("level").GetString());
        Assert.Contains(china.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("kind").GetString() == "phash");
        // Images are named by id only: no path in what the page is given to put in URLs.
        Assert.All(china.GetProperty("files").EnumerateArray(), f => Assert.DoesNotContain(server.Folder.Root, f.GetProperty("image").GetProperty("folder").GetString()));
    }

    [Fact]
    public async Task Keep_suggested_moves_the_others_to_the_trash_with_a_manifest_and_undo_puts_them_back_exactly()
    {
        await using var server = await RunningServer.StartAsync();
        var group = Assert.Single(await server.Groups());
        var before = Directory.GetFiles(server.Photos, "*", SearchOption.AllDirectories).Where(p => !p.Contains("/.lookalike/"))
            .ToDictionary(p => p, p => Sha256File.Of(p));

        var outcome = await server.PostJson($"/api/review/{group.GetProperty("key").GetString()}/keep");
        Assert.Equal(3, outcome.GetProperty("done").GetArrayLength());
        Assert.Empty(outcome.GetProperty("skipped").EnumerateArray());
        Assert.Empty(await server.Groups());
        foreach (var moved in outcome.GetProperty("done").EnumerateArray()) Assert.False(File.Exists(moved.GetString()));
        Assert.Contains(outcome.GetProperty("actionId").GetString()!, File.ReadAllText(Path.Combine(server.Photos, ".lookalike", "trash", "manifest.jsonl")));

        var undone = await server.PostJson("/api/review/undo");
        Assert.Equal(3, undone.GetProperty("done").GetArrayLength());
        foreach (var (path, hash) in before) Assert.Equal(hash, Sha256File.Of(path));
        Assert.Single(await server.Groups());
    }

    [Fact]
    public async Task A_file_changed_since_indexing_is_left_alone_and_named_in_the_answer()
    {
        await using var server = await RunningServer.StartAsync();
        var group = Assert.Single(await server.Groups());
        var changed = server.Folder["photos/copies/china-q40.jpg"];
        File.AppendAllText(changed, "edited after indexing");

        var outcome = await server.PostJson($"/api/review/{group.GetProperty("key").GetString()}/keep");
        Assert.Contains(outcome.GetProperty("skipped").EnumerateArray(), s => s.GetString()!.Contains(changed));
        Assert.True(File.Exists(changed));
        Assert.Equal(2, outcome.GetProperty("done").GetArrayLength());
    }

    [Fact]
    public async Task Choosing_another_keeper_keeps_that_file_and_trashes_the_rest()
    {
        await using var server = await RunningServer.StartAsync();
        var group = Assert.Single(await server.Groups());
        var resized = await server.IdOf("copies/china-resized.jpg");

        var outcome = await server.PostJson($"/api/review/{group.GetProperty("key").GetString()}/keep", new { keeper = resized });
        Assert.Equal(3, outcome.GetProperty("done").GetArrayLength());
        Assert.True(File.Exists(server.Folder["photos/copies/china-resized.jpg"]));
        Assert.False(File.Exists(server.Folder["photos/china.jpg"]));
    }

    [Fact]
    public async Task Not_duplicates_is_remembered_in_the_catalog_splits_the_group_and_undo_forgets_it()
    {
        await using var server = await RunningServer.StartAsync();
        var group = Assert.Single(await server.Groups());
        await server.PostJson($"/api/review/{group.GetProperty("key").GetString()}/not-duplicates");

        // Byte-identical files stay duplicates whatever is decided: only china.jpg and its exact copy remain together.
        var exact = Assert.Single(await server.Groups());
        Assert.Equal("exact", exact.GetProperty("level").GetString());
        Assert.Equal(2, exact.GetProperty("files").GetArrayLength());
        Assert.NotEmpty(Decisions(server));
        await server.PostJson("/api/review/undo");
        Assert.Empty(Decisions(server));
        Assert.Single(await server.Groups());
    }

    [Fact]
    public async Task Keep_all_marks_the_group_kept_and_no_bulk_action_touches_it()
    {
        await using var server = await RunningServer.StartAsync();
        var group = Assert.Single(await server.Groups());
        await server.PostJson($"/api/review/{group.GetProperty("key").GetString()}/keep-all");
        var kept = Assert.Single(await server.Groups());
        Assert.True(kept.GetProperty("keptAll").GetBoolean());
        Assert.All(Decisions(server), d => Assert.Equal(DuplicateDecision.KeepBoth, d.Decision));

        var bulk = await server.PostJson("/api/review/bulk", new { minScore = 0.0 });
        Assert.Equal(JsonValueKind.Null, bulk.GetProperty("actionId").ValueKind);
        Assert.Equal(4, Directory.GetFiles(server.Photos, "china*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Bulk_keeps_suggested_only_in_groups_at_or_above_the_score_and_a_stale_group_is_refused()
    {
        await using var server = await RunningServer.StartAsync();
        var group = Assert.Single(await server.Groups());
        var score = group.GetProperty("score").GetDouble();

        var none = await server.PostJson("/api/review/bulk", new { minScore = Math.Min(1.0, score + 0.001) + 0.001 });
        Assert.Equal(0, none.GetProperty("done").GetArrayLength());
        var all = await server.PostJson("/api/review/bulk", new { minScore = score, level = "copy" });
        Assert.Equal(3, all.GetProperty("done").GetArrayLength());

        var stale = await server.PostJson($"/api/review/{group.GetProperty("key").GetString()}/keep", expected: 409);
        Assert.Contains("reload", stale.GetProperty("error").GetString());
    }

    private static IReadOnlyList<PairDecision> Decisions(RunningServer server)
    {
        using var catalog = ImageCatalog.Open(server.CatalogPath);
        return new DecisionStore(catalog).All();
    }
}
