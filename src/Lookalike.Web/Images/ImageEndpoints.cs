using Lookalike.Loading;
using Lookalike.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lookalike.Web.Images;

/// <summary>/api/images/ID/...: pixels by catalog id only; an id that is unknown, gone, or outside the served folders is 404.</summary>
public static class ImageEndpoints
{
    public static void Map(IEndpointRouteBuilder app, CatalogHost host, ImageFiles files, ImageAccess access)
    {
        app.MapGet("/api/images/{id:long}/thumbnail", (long id) => Png(files, id, ImageFiles.ThumbnailSide));
        app.MapGet("/api/images/{id:long}/preview", (long id) => Png(files, id, ImageFiles.PreviewSide));
        app.MapGet("/api/images", (string? q, int? limit) => host.Use(catalog => Results.Ok(new
        {
            images = host.Images(catalog)
                .Where(i => string.IsNullOrWhiteSpace(q) || Path.GetFileName(i.Path).Contains(q.Trim(), StringComparison.OrdinalIgnoreCase))
                .Where(i => access.Readable(i) is not null)
                .Take(Math.Clamp(limit ?? 24, 1, 200))
                .Select(i => ImageView.Of(i, host.Options.Folders)),
        })));
        app.MapGet("/api/images/{id:long}", (long id) =>
            host.Use(c => c.GetImage(id)) is { } image && access.Readable(image) is not null
                ? Results.Ok(ImageView.Of(image, host.Options.Folders))
                : Results.NotFound());
        app.MapGet("/api/difference/{a:long}/{b:long}", (long a, long b) =>
        {
            var (first, second) = host.Use(c => (c.GetImage(a), c.GetImage(b)));
            if (first is null || second is null) return Results.NotFound();
            try
            {
                // Both at the smaller one's size, so neither is blown up and its blur counted as a difference.
                var side = Math.Min(512, Math.Min(Math.Max(first.Width, first.Height), Math.Max(second.Width, second.Height)));
                var pa = files.Pixels(first, side);
                var pb = files.Pixels(second, side);
                if (pa is null || pb is null) return Results.NotFound();
                return Results.Bytes(PngEncoding.Encode(DifferenceImage.Render(pa, pb)), "image/png");
            }
            catch (ImageDecodeException e)
            {
                return Results.Problem(e.Reason, statusCode: StatusCodes.Status422UnprocessableEntity);
            }
        });
    }

    private static IResult Png(ImageFiles files, long id, int side)
    {
        try
        {
            return files.Png(id, side) is { } path
                ? Results.File(path, "image/png", enableRangeProcessing: false)
                : Results.NotFound();
        }
        catch (ImageDecodeException e)
        {
            return Results.Problem(e.Reason, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }
}
