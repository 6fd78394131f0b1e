using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lookalike.Catalog;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Web;

/// <summary>The search, compare, explore, tag and index APIs through the real server (one server for the class: the only
/// writes are tags that no other test here reads).</summary>
public sealed class PagesApiTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task More_like_this_ranks_the_copies_first_and_leaves_the_query_out()
    {
        var china = await _server.IdOf("china.jpg");
        var results = (await _server.GetJson($"/api/search/like/{china}?k=3")).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.DoesNotContain(results, r => r.GetProperty("image").GetProperty("id").GetInt64() == china);
        Assert.All(results, r => Assert.StartsWith("china", r.GetProperty("image").GetProperty("name").GetString()));
        Assert.True(results[0].GetProperty("score").GetDouble() >= results[2].GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Metadata_conditions_filter_more_like_this_and_a_malformed_one_is_a_clear_400()
    {
        var china = await _server.IdOf("china.jpg");
        var flower = await _server.IdOf("flower.jpg");
        using (var catalog = ImageCatalog.Open(_server.CatalogPath)) new ImageTags(catalog).SetValue(flower, "shop", "north");
        var results = (await _server.GetJson($"/api/search/like/{china}?k=3&where={Uri.EscapeDataString("shop=north")}"))
            .GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([flower], results.Select(r => r.GetProperty("image").GetProperty("id").GetInt64()));

        using var bad = await _server.Client.GetAsync($"/api/search/like/{china}?where=shop");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("key=value", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_uploaded_picture_finds_its_cataloged_copies_and_the_folder_filter_applies()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(TestFiles.Path("china.jpg"))), "image", "query.jpg" } };
        using var response = await _server.Client.PostAsync($"/api/search/image?k=2&folder={Uri.EscapeDataString(_server.Photos)}", form);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var top = body.GetProperty("results")[0];
        Assert.Equal(1.0, top.GetProperty("score").GetDouble(), 3);
        Assert.StartsWith("china", top.GetProperty("image").GetProperty("name").GetString());

        using var elsewhere = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(TestFiles.Path("china.jpg"))), "image", "query.jpg" } };
        using var refused = await _server.Client.PostAsync("/api/search/image?folder=/etc", elsewhere);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode); // only served folders can be filtered by
    }

    [Fact]
    public async Task Text_search_says_the_model_has_no_text_tower()
    {
        using var response = await _server.Client.PostAsync("/api/search/text",
            new StringContent("""{"text":"a pagoda"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("text tower", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Compare_calls_a_resize_a_near_duplicate_and_two_photos_different()
    {
        var china = await _server.IdOf("china.jpg");
        var resized = await _server.IdOf("copies/china-resized.jpg");
        var chelsea = await _server.IdOf("chelsea.tif");
        var same = (await _server.GetJson($"/api/compare/{china}/{resized}")).GetProperty("result");
        Assert.Equal("near-duplicate", same.GetProperty("verdict").GetString());
        Assert.Equal(6, same.GetProperty("hashes").GetArrayLength());
        Assert.Equal(JsonValueKind.Object, same.GetProperty("embedding").ValueKind);
        var other = (await _server.GetJson($"/api/compare/{china}/{chelsea}")).GetProperty("result");
        Assert.Equal("different", other.GetProperty("verdict").GetString());
        Assert.False(string.IsNullOrEmpty(other.GetProperty("explanation").GetString()));
    }

    [Theory]
    [InlineData("pca")]
    [InlineData("tsne")]
    public async Task The_map_places_every_served_image_and_copies_land_together(string method)
    {
        var map = await _server.GetJson($"/api/explore/map?method={method}");
        Assert.Equal(method, map.GetProperty("method").GetString());
        var points = map.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(RunningServer.PhotoFiles.Length, points.Count);
        var at = points.ToDictionary(p => p.GetProperty("image").GetProperty("name").GetString()!,
            p => (X: p.GetProperty("x").GetDouble(), Y: p.GetProperty("y").GetDouble()));
        double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
        var nearest = at.Keys.Where(n => n != "china.jpg").MinBy(n => Distance(at["china.jpg"], at[n]));
        Assert.StartsWith("china", nearest);
        Assert.True(Distance(at["china.jpg"], at["china-q40.jpg"]) < Distance(at["china.jpg"], at["chelsea.tif"]));
        // Clusters are k-means of the embeddings: byte-identical copies have one embedding, so one cluster.
        var cluster = points.ToDictionary(p => p.GetProperty("image").GetProperty("name").GetString()!, p => p.GetProperty("cluster").GetInt32());
        Assert.Equal(cluster["china.jpg"], cluster["china-copy.jpg"]);
        Assert.Contains("embeddings", map.GetProperty("clusters").GetString());
    }

    [Fact]
    public async Task Without_a_model_the_map_and_outliers_come_from_the_pHash_bits()
    {
        await using var server = await RunningServer.StartAsync(withModel: false);
        var map = await server.GetJson("/api/explore/map?method=tsne");
        Assert.Contains("pHash", map.GetProperty("source").GetString());
        var points = map.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("image").GetProperty("name").GetString()!);
        Assert.Equal(RunningServer.PhotoFiles.Length, points.Count);
        // Byte-identical files have one hash: the same cluster, and (hash cosine = 1 − 2·Hamming/64) the same outlier score.
        Assert.Equal(points["china.jpg"].GetProperty("cluster").GetInt32(), points["china-copy.jpg"].GetProperty("cluster").GetInt32());
        Assert.Equal(points["china.jpg"].GetProperty("outlier").GetDouble(), points["china-copy.jpg"].GetProperty("outlier").GetDouble());
        Assert.All(points.Values, p => Assert.InRange(p.GetProperty("outlier").GetDouble(), 0, 2));
    }

    [Fact]
    public async Task The_map_refuses_an_unknown_projection()
    {
        using var response = await _server.Client.GetAsync("/api/explore/map?method=umap");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("pca or tsne", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Each_outlier_score_is_one_minus_the_cosine_to_the_fifth_nearest_image_and_the_list_is_the_highest()
    {
        var map = await _server.GetJson("/api/explore/map");
        var neighbour = map.GetProperty("outlierNeighbour").GetInt32();
        var points = map.GetProperty("points").EnumerateArray().ToList();
        var ids = points.Select(p => p.GetProperty("image").GetProperty("id").GetInt64()).ToList();
        var cosines = (await _server.GetJson($"/api/explore/matrix?ids={string.Join(',', ids)}")).GetProperty("cosines");
        for (var i = 0; i < ids.Count; i++)
        {
            var others = Enumerable.Range(0, ids.Count).Where(j => j != i).Select(j => cosines[i][j].GetDouble()).OrderDescending().ToList();
            Assert.Equal(1 - others[neighbour - 1], points[i].GetProperty("outlier").GetDouble(), tolerance: 1e-3); // the matrix shows 3 decimals
        }
        var score = points.ToDictionary(p => p.GetProperty("image").GetProperty("id").GetInt64(), p => p.GetProperty("outlier").GetDouble());
        var listed = map.GetProperty("outliers").EnumerateArray().Select(e => e.GetInt64()).ToList();
        Assert.Equal(score.OrderByDescending(s => s.Value).Take(listed.Count).Select(s => s.Value), listed.Select(id => score[id]));
    }

    [Fact]
    public async Task Tagging_by_ids_adds_the_tag_in_the_catalog_once()
    {
        var ids = new[] { await _server.IdOf("chelsea.tif"), await _server.IdOf("flower.jpg") };
        var first = await _server.PostJson("/api/tags/add", new { ids, tag = " api-tagged " });
        Assert.Equal(2, first.GetProperty("tagged").GetInt32());
        Assert.Equal("api-tagged", first.GetProperty("tag").GetString());
        var again = await _server.PostJson("/api/tags/add", new { ids, tag = "api-tagged" });
        Assert.Equal(0, again.GetProperty("tagged").GetInt32());
        Assert.Equal(2, again.GetProperty("already").GetInt32());
        Assert.Equal(ids.ToHashSet(), TaggedInCatalog("api-tagged"));
        await _server.PostJson("/api/tags/add", new { ids, tag = "  " }, expected: 400);
        await _server.PostJson("/api/tags/add", new { ids = Array.Empty<long>(), tag = "x" }, expected: 400);
    }

    [Fact]
    public async Task Tagging_refuses_a_request_without_the_anti_forgery_header_and_unknown_ids_and_tags_nothing()
    {
        var chelsea = await _server.IdOf("chelsea.tif");
        using (var client = new HttpClient { BaseAddress = _server.Client.BaseAddress })
        using (var forged = await client.PostAsJsonAsync("/api/tags/add", new { ids = new[] { chelsea }, tag = "forged" }))
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var unknown = await _server.PostJson("/api/tags/add", new { ids = new[] { chelsea, 987_654_321L }, tag = "half" }, expected: 404);
        Assert.Equal(987_654_321L, unknown.GetProperty("unknown")[0].GetInt64());
        Assert.Empty(TaggedInCatalog("forged"));
        Assert.Empty(TaggedInCatalog("half")); // all or nothing: the known id was not tagged either
    }

    private HashSet<long> TaggedInCatalog(string tag)
    {
        using var catalog = ImageCatalog.Open(_server.CatalogPath);
        return new ImageTags(catalog).IdsWithTag(tag);
    }

    [Fact]
    public async Task The_similarity_matrix_is_symmetric_with_ones_on_the_diagonal_and_bounded_in_size()
    {
        var ids = new[] { await _server.IdOf("china.jpg"), await _server.IdOf("chelsea.tif"), await _server.IdOf("flower.jpg") };
        var cosines = (await _server.GetJson($"/api/explore/matrix?ids={string.Join(',', ids)}")).GetProperty("cosines");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1.0, cosines[i][i].GetDouble(), 2);
            for (var j = 0; j < 3; j++) Assert.Equal(cosines[i][j].GetDouble(), cosines[j][i].GetDouble(), 3);
        }
        using var tooMany = await _server.Client.GetAsync($"/api/explore/matrix?ids={string.Join(',', Enumerable.Range(1, 41))}");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task Indexing_runs_once_at_a_time_and_reports_what_it_found()
    {
        await _server.PostJson("/api/index/start", expected: 202);
        await _server.Server.Indexing.Completion;
        var status = await _server.GetJson("/api/index/status");
        Assert.False(status.GetProperty("running").GetBoolean());
        Assert.Equal(RunningServer.PhotoFiles.Length, status.GetProperty("report").GetProperty("unchanged").GetInt32());
        Assert.Equal(status.GetProperty("total").GetInt32(), status.GetProperty("done").GetInt32());
    }
}
