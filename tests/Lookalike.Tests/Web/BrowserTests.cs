using Lookalike.Catalog;
using Microsoft.Playwright;

namespace Lookalike.Tests.Web;

/// <summary>
/// End to end in a real headless Chromium: index from the page, review and resolve a group, undo it, search by
/// image, compare, open the map, drag a selection on it and tag it. Each test fails on any console error; screenshots land in the test output's screenshots/.
/// </summary>
public sealed class BrowserTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Long = new() { Timeout = 60_000 };

    [Fact]
    public async Task Indexing_from_the_page_shows_progress_and_each_unreadable_file()
    {
        File.WriteAllText(session.Server.Folder["photos/broken.jpg"], "not a picture");
        var (page, errors) = await session.OpenAsync("index");
        try
        {
            await page.ClickAsync("#index-start");
            await Assertions.Expect(page.Locator("#index-numbers")).ToContainTextAsync("Done: 9 of 9 files", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("#index-problems li")).ToContainTextAsync("broken.jpg");
            await BrowserSession.ShotAsync(page, "index");
            Assert.Empty(errors);
        }
        finally
        {
            File.Delete(session.Server.Folder["photos/broken.jpg"]);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Reviewing_resolves_a_group_into_the_trash_and_undo_brings_it_back()
    {
        var (page, errors) = await session.OpenAsync("review");
        await Assertions.Expect(page.Locator(".group")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".group .file.keeper")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".group .why.keep")).ToContainTextAsync("KEEP:");
        await WaitForImages(page);
        await BrowserSession.ShotAsync(page, "review");

        // Enlarge a pair: side by side with the aligned difference.
        await page.Locator(".group .file:not(.keeper) img").First.ClickAsync();
        await Assertions.Expect(page.Locator("#overlay .difference img")).ToBeVisibleAsync();
        await WaitForImages(page);
        await BrowserSession.ShotAsync(page, "review-pair");
        await page.Keyboard.PressAsync("Escape");

        await page.Keyboard.PressAsync("Enter"); // keep suggested
        await Assertions.Expect(page.Locator(".toast.ok")).ToContainTextAsync("Moved 3 file(s) to the trash");
        await Assertions.Expect(page.Locator(".group")).ToHaveCountAsync(0);
        Assert.Single(ChinaFiles());
        await BrowserSession.ShotAsync(page, "review-resolved");

        await page.Keyboard.PressAsync("u");
        await Assertions.Expect(page.Locator(".toast.ok").Last).ToContainTextAsync("Restored 3 file(s)");
        await Assertions.Expect(page.Locator(".group")).ToHaveCountAsync(1);
        Assert.Equal(4, ChinaFiles().Count);
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Searching_by_an_uploaded_image_shows_scored_results_and_more_like_this()
    {
        var (page, errors) = await session.OpenAsync("search");
        await page.SetInputFilesAsync("#search-file", Support.TestFiles.Path("china.jpg"));
        await Assertions.Expect(page.Locator(".result")).Not.ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".result .name").First).ToContainTextAsync("china");
        await Assertions.Expect(page.Locator(".result .score").First).ToHaveTextAsync("1.000");
        await WaitForImages(page);
        await BrowserSession.ShotAsync(page, "search");

        await page.Locator(".result .more-like").Nth(3).ClickAsync();
        await Assertions.Expect(page.Locator("#query-info")).ToContainTextAsync("More like");
        await Assertions.Expect(page.Locator(".result")).Not.ToHaveCountAsync(0);
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Compare_gives_each_fingerprint_and_the_verdict()
    {
        var a = await session.Server.IdOf("china.jpg");
        var b = await session.Server.IdOf("copies/china-resized.jpg");
        var (page, errors) = await session.OpenAsync($"compare?a={a}&b={b}");
        await Assertions.Expect(page.Locator(".verdict")).ToContainTextAsync("Verdict: near-duplicate");
        await Assertions.Expect(page.Locator("table.scores tbody tr")).ToHaveCountAsync(7); // 5 hashes, turned pHash, cosine
        await WaitForImages(page);
        await BrowserSession.ShotAsync(page, "compare");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_map_shows_thumbnails_on_hover_a_similarity_matrix_outliers_and_tags_a_dragged_selection()
    {
        var (page, errors) = await session.OpenAsync("explore");
        var dots = page.Locator("#map circle");
        await Assertions.Expect(dots).ToHaveCountAsync(RunningServer.PhotoFiles.Length);
        await dots.Nth(0).HoverAsync();
        await Assertions.Expect(page.Locator(".map-wrap .hover")).ToBeVisibleAsync();
        for (var i = 0; i < 4; i++) await dots.Nth(i).ClickAsync(new LocatorClickOptions { Force = true });
        await page.ClickAsync("#matrix-button");
        await Assertions.Expect(page.Locator("table.matrix tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("table.matrix tbody td").First).ToHaveTextAsync("1.00");
        await Assertions.Expect(page.Locator("#outliers img")).Not.ToHaveCountAsync(0);

        // Drag a rectangle over the whole map: every dot is chosen, then tagged.
        await page.ClickAsync("#clear-button");
        await Assertions.Expect(page.Locator("#chosen-count")).ToHaveTextAsync("0 chosen");
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 2, box.Y + 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.MoveAsync(box.X + box.Width - 2, box.Y + box.Height - 2, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator("#chosen-count")).ToHaveTextAsync($"{RunningServer.PhotoFiles.Length} chosen");
        await page.FillAsync("#tag-name", "from-the-map");
        await page.ClickAsync("#tag-button");
        await Assertions.Expect(page.Locator("#tag-result")).ToContainTextAsync($"Tagged {RunningServer.PhotoFiles.Length} image(s) 'from-the-map'");
        var onMap = (await dots.EvaluateAllAsync<long[]>("dots => dots.map(d => Number(d.dataset.id))")).ToHashSet();
        using (var catalog = ImageCatalog.Open(session.Server.CatalogPath))
            Assert.Equal(onMap, new ImageTags(catalog).IdsWithTag("from-the-map"));
        await WaitForImages(page);
        await BrowserSession.ShotAsync(page, "explore");

        await page.ClickAsync("#method-tsne");
        await Assertions.Expect(page.Locator("#method-tsne.active")).ToBeVisibleAsync();
        await Assertions.Expect(dots).ToHaveCountAsync(RunningServer.PhotoFiles.Length);
        await Assertions.Expect(page.Locator(".summary")).ToContainTextAsync("t-SNE");
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    private List<string> ChinaFiles() =>
        [.. Directory.GetFiles(session.Server.Photos, "china*", SearchOption.AllDirectories).Where(p => !p.Contains("/.lookalike/"))];

    /// <summary>Waits until every image on the page has loaded (so screenshots show them, and a broken one would have logged an error).</summary>
    private static Task WaitForImages(IPage page) =>
        page.WaitForFunctionAsync("() => [...document.images].filter(i => i.offsetParent !== null).every(i => i.complete)",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
}
