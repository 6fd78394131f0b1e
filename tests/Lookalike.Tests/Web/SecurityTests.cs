using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Lookalike.Tests.Support;
using Lookalike.Web;
using Lookalike.Web.Security;

namespace Lookalike.Tests.Web;

/// <summary>
/// What a request must not be able to do: read a file that is not a served catalog image (traversal, encoded paths,
/// a symlink planted in a served folder pointing out of it, unknown ids), POST without the anti-forgery header, reach
/// the server under another host name, upload past the limits; and the binding and token rules.
/// </summary>
public sealed class SecurityTests : IAsyncLifetime
{
    private RunningServer _server = null!;
    private string _outside = null!;

    public async Task InitializeAsync()
    {
        _outside = Path.Combine(Path.GetTempPath(), $"lookalike-outside-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_outside);
        File.Copy(Support.TestFiles.Path("flower.jpg"), Path.Combine(_outside, "secret.jpg"));
        _server = await RunningServer.StartAsync(
            o => o with { MaxUploadBytes = 64 * 1024, MaxUploadPixels = 10_000 },
            folder => Directory.CreateSymbolicLink(folder["photos/escape"], _outside));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_outside, recursive: true);
    }

    [Theory]
    [InlineData("/api/images/999999/thumbnail")]
    [InlineData("/api/images/-1/preview")]
    [InlineData("/api/images/abc/thumbnail")]
    [InlineData("/api/images/1%2F..%2F..%2Fetc%2Fpasswd/thumbnail")]
    [InlineData("/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/assets/%2e%2e%2f%2e%2e%2fLookalike.Web.dll")]
    [InlineData("/assets/index.html")]
    [InlineData("/etc/passwd")]
    [InlineData("/api/difference/1/999999")]
    [InlineData("/api/compare/1/999999")]
    public async Task Anything_but_a_served_image_id_is_not_found(string path)
    {
        var (status, body) = await Raw("GET", path);
        Assert.Equal(404, status);
        Assert.DoesNotContain("root:", body);
    }

    [Theory]
    [InlineData("/../../../../etc/passwd")]
    [InlineData("/assets/../../../../etc/passwd")]
    [InlineData("/api/images/1/../../../../etc/passwd")]
    public async Task Dot_segments_sent_raw_never_reach_a_file(string path)
    {
        var (status, body) = await Raw("GET", path);
        Assert.True(status is 400 or 404, $"{path}: {status}");
        Assert.DoesNotContain("root:", body);
    }

    [Fact]
    public async Task A_symlinked_folder_pointing_out_of_the_served_folder_is_not_cataloged_and_never_served()
    {
        using (var catalog = Lookalike.Catalog.ImageCatalog.Open(_server.CatalogPath))
            Assert.DoesNotContain(catalog.GetImages(), i => i.Path.EndsWith("/escape/secret.jpg", StringComparison.Ordinal));
        // Even when the user indexes through the link on purpose (--follow-links), the server never hands the file out.
        var followed = LookalikeCli.Run("index", _server.Photos, "--follow-links", "--model", "none");
        Assert.True(followed.ExitCode == 0, followed.Stderr);
        long id;
        using (var catalog = Lookalike.Catalog.ImageCatalog.Open(_server.CatalogPath))
            id = Assert.Single(catalog.GetImages(), i => i.Path.EndsWith("/escape/secret.jpg", StringComparison.Ordinal)).Id;
        foreach (var url in new[] { $"/api/images/{id}/thumbnail", $"/api/images/{id}/preview", $"/api/images/{id}" })
            Assert.Equal(404, (await Raw("GET", url)).Status);
        Assert.DoesNotContain("secret.jpg", await _server.Client.GetStringAsync("/api/explore/map"));
    }

    [Fact]
    public async Task A_cataloged_file_swapped_for_a_symlink_out_of_the_folder_is_not_served()
    {
        var id = await _server.IdOf("coffee.gif");
        Assert.Equal(200, (await Raw("GET", $"/api/images/{id}/preview")).Status);
        var path = _server.Folder["photos/coffee.gif"];
        File.Delete(path);
        File.CreateSymbolicLink(path, Path.Combine(_outside, "secret.jpg"));
        Assert.Equal(404, (await Raw("GET", $"/api/images/{id}/thumbnail")).Status);
    }

    [Theory]
    [InlineData(null, 403)]
    [InlineData("0123456789ABCDEF", 403)]
    public async Task A_post_without_the_pages_anti_forgery_value_is_refused(string? header, int expected)
    {
        foreach (var path in new[] { "/api/review/undo", "/api/index/start", "/api/review/bulk", "/api/search/text" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            using var client = new HttpClient { BaseAddress = _server.Client.BaseAddress };
            if (header is not null) request.Headers.Add(AccessGuard.HeaderName, header);
            using var response = await client.SendAsync(request);
            Assert.Equal(expected, (int)response.StatusCode);
        }
    }

    [Fact]
    public async Task State_changes_are_not_reachable_by_get()
    {
        Assert.Equal(405, (await Raw("GET", "/api/review/undo")).Status);
        Assert.Equal(405, (await Raw("GET", "/api/index/start")).Status);
    }

    [Fact]
    public async Task Another_host_name_is_refused_against_dns_rebinding()
    {
        var (status, _) = await Raw("GET", "/api/status", host: "evil.example");
        Assert.Equal(421, status);
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_413_and_over_the_pixel_limit_is_422()
    {
        Assert.Equal(413, await Upload(new byte[100 * 1024], "big.jpg"));
        Assert.Equal(422, await Upload(File.ReadAllBytes(Support.TestFiles.Path("china.jpg")), "china.jpg")); // 160x107 > 10,000 px
        Assert.Equal(422, await Upload(File.ReadAllBytes(Support.TestFiles.Path("not-an-image.jpg")), "not-an-image.jpg"));
    }

    [Fact]
    public async Task Listening_off_loopback_needs_a_token()
    {
        Assert.Null(BindingRule.Check(["http://127.0.0.1:5000", "http://[::1]:5000", "http://localhost:5000"], null));
        Assert.Contains("--token", BindingRule.Check(["http://0.0.0.0:5000"], null));
        Assert.Contains("--token", BindingRule.Check(["http://192.168.1.20:5000"], ""));
        Assert.Null(BindingRule.Check(["http://0.0.0.0:5000"], "secret"));
        var options = new ServeOptions([], Path.Combine(Path.GetTempPath(), "unused.db"), ["http://0.0.0.0:0"]);
        await Assert.ThrowsAsync<ArgumentException>(() => LookalikeServer.StartAsync(options));
    }

    [Fact]
    public async Task With_a_token_every_request_needs_it_by_header_cookie_or_first_visit()
    {
        await using var server = await RunningServer.StartAsync(o => o with { Urls = ["http://0.0.0.0:0"], Token = "s3cret", IndexOnStart = false }, withModel: false);
        var port = new Uri(server.Server.Urls[0]).Port;
        var address = new Uri($"http://127.0.0.1:{port}");
        using (var anonymous = new HttpClient { BaseAddress = address })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/review?token=wrong")).StatusCode);
            anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/status")).StatusCode);
        }
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = address };
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/?token=s3cret")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/status")).StatusCode); // by the cookie now
    }

    private async Task<int> Upload(byte[] bytes, string name)
    {
        // Expect: 100-continue, as browsers' big uploads behave: the server answers 413 before any body is sent, rather
        // than closing the connection mid-upload (which would race with reading its answer).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/search/image")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "image", name } },
        };
        request.Headers.ExpectContinue = true;
        using var response = await _server.Client.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>Sends the request line exactly as written (HttpClient would normalise dot segments away).</summary>
    private async Task<(int Status, string Body)> Raw(string method, string path, string host = "127.0.0.1")
    {
        var uri = _server.Client.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, uri.Port);
        await using var stream = tcp.GetStream();
        var request = $"{method} {path} HTTP/1.1\r\nHost: {host}:{uri.Port}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ', 3)[1]);
        return (status, response);
    }
}
