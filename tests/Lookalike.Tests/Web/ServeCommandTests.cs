using System.Text.RegularExpressions;
using Lookalike.Tests.Support;

namespace Lookalike.Tests.Web;

/// <summary><c>lookalike serve</c> as the real CLI child process.</summary>
public sealed partial class ServeCommandTests
{
    [Fact]
    public void Refuses_an_address_others_can_reach_without_a_token()
    {
        using var folder = new TempFolder().With("china.jpg");
        var result = LookalikeCli.Run("serve", folder.Root, "--urls", "http://0.0.0.0:0", "--model", "none", "--no-index");
        Assert.Equal(3, result.ExitCode); // bad input: docs/cli.md
        Assert.Contains("--token", result.Stderr);
    }

    [Fact]
    public async Task Serves_the_folder_on_loopback_until_stopped()
    {
        using var folder = new TempFolder().With("china.jpg", "china.jpg=copy.jpg");
        using var process = LookalikeCli.Start("serve", folder.Root, "--urls", "http://127.0.0.1:0", "--model", "none");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            var url = Address().Match(line ?? "").Value;
            Assert.StartsWith("http://127.0.0.1:", url);
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            var page = await client.GetStringAsync("/");
            Assert.Contains("lookalike-antiforgery", page);
            for (var i = 0; i < 100 && (await client.GetStringAsync("/api/index/status")).Contains("\"running\":true"); i++) await Task.Delay(200);
            Assert.Contains("\"total\":1", await client.GetStringAsync("/api/review"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Address();
}
