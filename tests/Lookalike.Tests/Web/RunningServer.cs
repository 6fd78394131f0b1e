using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Tests.Support;
using Lookalike.Web;

namespace Lookalike.Tests.Web;

/// <summary>
/// A real <c>lookalike serve</c> server (Kestrel on a free loopback port, in this process) over a real folder of copies
/// of the test images, indexed with the default model before the test talks to it; and an HTTP client that sends the
/// page's anti-forgery header on POSTs, as the pages' scripts do.
/// </summary>
internal sealed partial class RunningServer : IAsyncDisposable
{
    /// <summary>Makes groups: china.jpg twice (byte-identical), recompressed and resized; a mirror; unrelated pictures.</summary>
    public static readonly string[] PhotoFiles =
    [
        "china.jpg=photos/china.jpg", "china.jpg=photos/copies/china-copy.jpg", "china-q40.jpg=photos/copies/china-q40.jpg",
        "china-resized.jpg=photos/copies/china-resized.jpg", "chelsea.tif=photos/chelsea.tif", "astronaut.webp=photos/astronaut.webp",
        "flower.jpg=photos/flower.jpg", "coffee.gif=photos/coffee.gif",
    ];

    private RunningServer(TempFolder folder, LookalikeServer server, HttpClient client, string antiForgery)
    {
        Folder = folder;
        Server = server;
        Client = client;
        AntiForgery = antiForgery;
    }

    public TempFolder Folder { get; }
    public LookalikeServer Server { get; }
    public HttpClient Client { get; }
    public string AntiForgery { get; }
    public string BaseAddress => Client.BaseAddress!.ToString().TrimEnd('/');
    public string Photos => Folder["photos"];
    public string CatalogPath => Path.Combine(Photos, ".lookalike", "catalog.db");

    public static async Task<RunningServer> StartAsync(Func<ServeOptions, ServeOptions>? configure = null, Action<TempFolder>? prepare = null, bool withModel = true)
    {
        var folder = new TempFolder().With(PhotoFiles);
        prepare?.Invoke(folder);
        var photos = folder["photos"];
        var options = new ServeOptions([photos], Path.Combine(photos, ".lookalike", "catalog.db"), ["http://127.0.0.1:0"],
            ModelDirectory: withModel ? ModelStore.BuiltInDefaultDirectory() ?? throw new InvalidOperationException("run scripts/bootstrap.sh: no default model") : null);
        options = configure?.Invoke(options) ?? options;
        var server = await LookalikeServer.StartAsync(options);
        await server.Indexing.Completion;
        var client = new HttpClient { BaseAddress = new Uri(server.Urls[0].Replace("0.0.0.0", "127.0.0.1")), Timeout = TimeSpan.FromMinutes(2) };
        if (options.Token is { } token) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var page = await client.GetStringAsync("/");
        var antiForgery = AntiForgeryMeta().Match(page).Groups[1].Value;
        client.DefaultRequestHeaders.Add("X-Lookalike-Csrf", antiForgery);
        return new RunningServer(folder, server, client, antiForgery);
    }

    public async Task<JsonElement> GetJson(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> PostJson(string url, object? body = null, int expected = 200)
    {
        using var response = await Client.PostAsJsonAsync(url, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"POST {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The groups of the review page, all of them.</summary>
    public async Task<List<JsonElement>> Groups() =>
        [.. (await GetJson("/api/review?limit=200")).GetProperty("groups").EnumerateArray()];

    /// <summary>The catalog id of the file at <paramref name="relative"/> (below the served folder).</summary>
    public async Task<long> IdOf(string relative)
    {
        var name = Path.GetFileName(relative);
        var images = (await GetJson($"/api/images?q={Uri.EscapeDataString(name)}&limit=200")).GetProperty("images").EnumerateArray();
        return images.Single(i => i.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Folder.Dispose();
    }

    [GeneratedRegex("name=\"lookalike-antiforgery\" content=\"([0-9A-F]+)\"")]
    private static partial Regex AntiForgeryMeta();
}
