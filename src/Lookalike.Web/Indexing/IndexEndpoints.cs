using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lookalike.Web.Indexing;

/// <summary>/api/index: start, follow (the page polls) and cancel indexing of the served folders.</summary>
public static class IndexEndpoints
{
    public static void Map(IEndpointRouteBuilder app, IndexJob job, ServeOptions options)
    {
        app.MapGet("/api/index/status", (int? since) => Results.Ok(job.Read(since ?? 0)));
        app.MapPost("/api/index/start", () =>
            options.Folders.Count == 0 ? Results.Json(new { error = "the server was started without folders to index" }, statusCode: StatusCodes.Status409Conflict)
            : job.Start() ? Results.Accepted("/api/index/status", job.Read())
            : Results.Json(new { error = "indexing is already running" }, statusCode: StatusCodes.Status409Conflict));
        app.MapPost("/api/index/cancel", () =>
        {
            job.Cancel();
            return Results.Ok(job.Read());
        });
    }
}
