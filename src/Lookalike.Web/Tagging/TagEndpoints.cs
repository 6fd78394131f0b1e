using Lookalike.Catalog;
using Lookalike.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lookalike.Web.Tagging;

/// <summary>POST /api/tags/add: tags served images chosen by catalog id (never by path), through the library's <see cref="ImageTags"/>.
/// All or nothing: one unknown or unreadable id refuses the request, so a stale page cannot half-tag a selection.</summary>
public static class TagEndpoints
{
    public const int MaxImages = 10_000;

    public sealed record AddRequest(long[]? Ids, string? Tag);

    public static void Map(IEndpointRouteBuilder app, CatalogHost host, ImageAccess access)
    {
        app.MapPost("/api/tags/add", (AddRequest request) =>
        {
            var ids = request.Ids?.Distinct().ToList() ?? [];
            if (ids.Count is 0 or > MaxImages) return Results.BadRequest(new { error = $"choose between 1 and {MaxImages} images" });
            string tag;
            try { tag = ImageTags.Clean(request.Tag ?? ""); }
            catch (ArgumentException e) { return Results.BadRequest(new { error = e.Message }); }
            return host.Use(catalog =>
            {
                var unknown = ids.Where(id => catalog.GetImage(id) is not { } image || access.Readable(image) is null).ToList();
                if (unknown.Count > 0) return Results.NotFound(new { error = $"no served image with id {string.Join(", ", unknown.Take(10))}", unknown });
                var tags = new ImageTags(catalog);
                var added = ids.Count(id => tags.Add(id, tag));
                return Results.Ok(new { tag, tagged = added, already = ids.Count - added });
            });
        });
    }
}
