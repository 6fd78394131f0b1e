using Lookalike.Web.Comparing;
using Lookalike.Web.Explore;
using Lookalike.Web.Images;
using Lookalike.Web.Indexing;
using Lookalike.Web.Review;
using Lookalike.Web.Searching;
using Lookalike.Web.Security;
using Lookalike.Web.Tagging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lookalike.Web;

/// <summary>The <c>lookalike serve</c> web app: pages and JSON API over one catalog.</summary>
public sealed class LookalikeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CatalogHost _host;
    private readonly SearchService _search;

    private LookalikeServer(WebApplication app, CatalogHost host, SearchService search, IndexJob indexing)
    {
        _app = app;
        _host = host;
        _search = search;
        Indexing = indexing;
    }

    public IndexJob Indexing { get; }

    /// <summary>The addresses actually listened on (a port 0 asked for is the real port here).</summary>
    public IReadOnlyList<string> Urls => [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses];

    /// <exception cref="ArgumentException">An address other machines can reach without a token, or a malformed one.</exception>
    public static async Task<LookalikeServer> StartAsync(ServeOptions options, CancellationToken cancel = default)
    {
        if (BindingRule.Check(options.Urls, options.Token) is { } problem) throw new ArgumentException(problem);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxUploadBytes);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();

        var host = new CatalogHost(options);
        var access = new ImageAccess(options.Folders);
        var review = new ReviewService(host, access);
        var search = new SearchService(host, access);
        var indexing = new IndexJob(host, review.Invalidate);
        var guard = new AccessGuard(options.Token);

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' blob: data:; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            await next(context);
        });
        app.Use((context, next) => guard.InvokeAsync(context, ctx => next(ctx)));

        StaticAssets.Map(app, guard.AntiForgery);
        app.MapGet("/api/status", () => Results.Ok(new
        {
            catalog = host.DatabasePath,
            folders = options.Folders,
            model = host.ModelKey,
            text = host.Manifest?.Text is not null,
            indexing = indexing.Read().Running,
        }));
        ReviewEndpoints.Map(app, review, options);
        ImageEndpoints.Map(app, host, new ImageFiles(host, access), access);
        SearchEndpoints.Map(app, search, options);
        CompareEndpoints.Map(app, host, access);
        ExploreEndpoints.Map(app, host, access);
        TagEndpoints.Map(app, host, access);
        IndexEndpoints.Map(app, indexing, options);

        await app.StartAsync(cancel);
        if (options.IndexOnStart && options.Folders.Count > 0) indexing.Start();
        return new LookalikeServer(app, host, search, indexing);
    }

    /// <summary>Serves until <paramref name="cancel"/> fires (Ctrl+C in the CLI).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancel) => _app.WaitForShutdownAsync(cancel);

    public async ValueTask DisposeAsync()
    {
        Indexing.Cancel();
        await Indexing.Completion;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _search.Dispose();
        _host.Dispose();
    }
}
