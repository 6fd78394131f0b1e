using Lookalike.Dedup;
using Lookalike.Web.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lookalike.Web.Review;

/// <summary>/api/review: the duplicate groups a page at a time, and the actions on them.</summary>
public static class ReviewEndpoints
{
    public const int MaxPageSize = 200;

    public sealed record KeepRequest(long? Keeper);

    public sealed record BulkRequest(double MinScore, string? Level);

    public static void Map(IEndpointRouteBuilder app, ReviewService review, ServeOptions options)
    {
        app.MapGet("/api/review", (int? offset, int? limit, bool? pending) =>
        {
            var snapshot = review.Snapshot();
            var groups = pending == true ? [.. snapshot.Groups.Where(g => !g.KeptAll)] : snapshot.Groups;
            var start = Math.Clamp(offset ?? 0, 0, groups.Count);
            var count = Math.Clamp(limit ?? 50, 1, MaxPageSize);
            return Results.Ok(new
            {
                total = groups.Count,
                images = snapshot.ImageCount,
                offset = start,
                levels = snapshot.Groups.GroupBy(g => g.Level).ToDictionary(g => g.Key, g => g.Count()),
                groups = groups.Skip(start).Take(count).Select(g => View(g, options.Folders)),
            });
        });
        app.MapPost("/api/review/{key}/keep", (string key, KeepRequest? request) => Run(() => review.Keep(key, request?.Keeper)));
        app.MapPost("/api/review/{key}/keep-all", (string key) => Run(() => review.KeepAll(key)));
        app.MapPost("/api/review/{key}/not-duplicates", (string key) => Run(() => review.NotDuplicates(key)));
        app.MapPost("/api/review/bulk", (BulkRequest request) => Run(() => review.KeepSuggestedInAll(request.MinScore, request.Level)));
        app.MapPost("/api/review/undo", () => Run(review.Undo));
    }

    private static IResult Run(Func<ReviewOutcome> action)
    {
        try
        {
            return Results.Ok(action());
        }
        catch (ReviewException e)
        {
            return Results.Json(new { error = e.Message }, statusCode: e.NotFound ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        }
    }

    private static object View(ReviewGroup g, IReadOnlyList<string> roots) => new
    {
        key = g.Key,
        level = g.Level,
        score = Math.Round(g.Score, 3),
        keptAll = g.KeptAll,
        reason = g.Choice.Reason,
        evidence = g.Group.Evidence.Select(e => new
        {
            kind = e.Evidence switch { MatchEvidence.Hash => "phash", MatchEvidence.TurnedPHash => "turned-phash", _ => "embedding" },
            links = e.Count,
            min = e.MinDistance,
            max = e.MaxDistance,
        }),
        files = g.Choice.Files.Select(f => new
        {
            image = ImageView.Of(f, roots),
            keep = f.Id == g.Choice.Keep.Id,
            whyNot = g.Choice.Duplicates.FirstOrDefault(d => d.File.Id == f.Id)?.WhyNotKept,
        }),
    };
}
