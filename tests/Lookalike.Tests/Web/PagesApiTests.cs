using System.Net;
using System.Text.Json;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Web;

/// <summary>The search, compare, explore and index APIs through the real server (read-only: one server for the class).</summary>
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

    [Fact]
    public async Task The_map_places_every_served_image_and_copies_land_together()
    {
        var map = await _server.GetJson("/api/explore/map");
        var points = map.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(RunningServer.PhotoFiles.Length, points.Count);
        (double X, double Y) At(string name)
        {
            var p = points.Single(p => p.GetProperty("image").GetProperty("name").GetString() == name);
            return (p.GetProperty("x").GetDouble(), p.GetProperty("y").GetDouble());
        }
        double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
        var china = At("china.jpg");
        Assert.True(Distance(china, At("china-copy.jpg")) < 1e-4);
        Assert.True(Distance(china, At("china-q40.jpg")) < Distance(china, At("chelsea.tif")));
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
