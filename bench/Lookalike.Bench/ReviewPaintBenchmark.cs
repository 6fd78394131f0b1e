using System.Diagnostics;
using Lookalike.Loading;
using Lookalike.Web;
using Microsoft.Playwright;

namespace Lookalike.Bench;

/// <summary>
/// <c>review-paint [GROUPS]</c>: how soon the review page shows something with many duplicate groups. A synthetic
/// folder of distinct small pictures, each with one byte-identical copy (so GROUPS exact groups), is indexed (hashes
/// only) and served; headless Chromium opens the review page twice (cold: groups found and thumbnails made on this
/// visit; warm: both cached) and reports first contentful paint, the first group on screen and all of the first page's
/// thumbnails loaded. The peer in the same run is the same page over 10 groups, so what grows with the collection shows.
/// </summary>
internal static class ReviewPaintBenchmark
{
    public static async Task<int> Run(string[] args)
    {
        var groups = args.Length > 0 ? int.Parse(args[0]) : 1000;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Console.WriteLine("groups  visit  index_s  fcp_ms  first_group_ms  thumbnails_ms  groups_shown  api_ms  scripts_ms  rendered_ms");
        foreach (var count in new[] { 10, groups })
        {
            var folder = Path.Combine(Path.GetTempPath(), $"lookalike-review-paint-{Guid.NewGuid():N}");
            try
            {
                WritePictures(folder, count);
                var clock = Stopwatch.StartNew();
                await using var server = await LookalikeServer.StartAsync(new ServeOptions([folder], Path.Combine(folder, ".lookalike", "catalog.db"), ["http://127.0.0.1:0"]));
                await server.Indexing.Completion;
                var indexSeconds = clock.Elapsed.TotalSeconds;
                foreach (var visit in new[] { "cold", "warm" })
                {
                    var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
                    var start = Stopwatch.StartNew();
                    await page.GotoAsync(server.Urls[0] + "/#review");
                    await page.WaitForSelectorAsync(".group");
                    var firstGroup = start.Elapsed.TotalMilliseconds;
                    await page.WaitForFunctionAsync("() => [...document.images].filter(i => i.getBoundingClientRect().top < innerHeight).every(i => i.complete)");
                    var thumbnails = start.Elapsed.TotalMilliseconds;
                    var fcp = await page.EvaluateAsync<double>("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1");
                    var api = await page.EvaluateAsync<double>("() => performance.getEntriesByType('resource').find(e => e.name.includes('/api/review'))?.duration ?? -1");
                    var scripts = await page.EvaluateAsync<double>("() => Math.max(...performance.getEntriesByType('resource').filter(e => e.name.endsWith('.js')).map(e => e.responseEnd))");
                    var rendered = await page.EvaluateAsync<double>("() => performance.getEntriesByName('lookalike-groups-rendered')[0]?.startTime ?? -1");
                    var shown = await page.Locator(".group").CountAsync();
                    var summary = await page.Locator(".summary").First.TextContentAsync();
                    Console.WriteLine($"{count,6}  {visit,5}  {indexSeconds,7:0.0}  {fcp,6:0}  {firstGroup,14:0}  {thumbnails,13:0}  {shown,12}  {api,6:0}  {scripts,10:0}  {rendered,11:0}   ({summary})");
                    await page.CloseAsync();
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        Console.WriteLine("(first_group and thumbnails: from navigation start, by the harness; fcp, api (the /api/review call) scripts (last script loaded) and rendered (groups on the page, a performance mark in review.js): by Chromium.)");
        return 0;
    }

    /// <summary><paramref name="count"/> distinct 64x64 pictures of random 8x8 colour blocks, each with an identical copy.</summary>
    private static void WritePictures(string folder, int count)
    {
        Directory.CreateDirectory(Path.Combine(folder, "originals"));
        Directory.CreateDirectory(Path.Combine(folder, "copies"));
        var random = new Random(42);
        for (var i = 0; i < count; i++)
        {
            var pixels = new byte[64 * 64 * 3];
            var blocks = new byte[8 * 8 * 3];
            random.NextBytes(blocks);
            for (var y = 0; y < 64; y++)
                for (var x = 0; x < 64; x++)
                    for (var c = 0; c < 3; c++) pixels[(y * 64 + x) * 3 + c] = blocks[(y / 8 * 8 + x / 8) * 3 + c];
            var png = PngEncoding.Encode(new RgbImage(64, 64, pixels));
            File.WriteAllBytes(Path.Combine(folder, "originals", $"picture-{i:D5}.png"), png);
            File.WriteAllBytes(Path.Combine(folder, "copies", $"picture-{i:D5}.png"), png);
        }
    }
}
