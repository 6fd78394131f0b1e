using Lookalike.Fingerprints.Embeddings;
using Lookalike.Web.Images;
using Lookalike.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lookalike.Web.Explore;

/// <summary>/api/explore: the 2-D map of the served images and a similarity matrix for a chosen few.</summary>
public static class ExploreEndpoints
{
    public const int MaxMatrix = 40;

    public static void Map(IEndpointRouteBuilder app, CatalogHost host, ImageAccess access)
    {
        app.MapGet("/api/explore/map", () => host.Use(catalog =>
        {
            var images = host.Images(catalog).Where(i => access.Readable(i) is not null).ToList();
            var embeddings = host.ModelKey is { } model ? catalog.GetEmbeddings(model) : [];
            // Without embeddings the map falls back to the 64 pHash bits, which still puts copies together.
            var hashes = embeddings.Count > 0 ? null : catalog.GetHashes();
            var placed = images.Where(i => embeddings.ContainsKey(i.Id) || hashes?.ContainsKey(i.Id) == true).ToList();
            var rows = placed.Select(i => embeddings.TryGetValue(i.Id, out var v) ? v : Bits(hashes![i.Id].PHash)).ToList();
            var points = Pca.Project(rows);
            var clusters = MapClusters.Assign(points, (int)Math.Clamp(Math.Sqrt(placed.Count / 2.0), 1, 10));
            return Results.Ok(new
            {
                source = embeddings.Count > 0 ? $"PCA of the {host.ModelKey} embeddings" : "PCA of the pHash bits (no embeddings)",
                points = placed.Select((image, i) => new
                {
                    image = ImageView.Of(image, host.Options.Folders),
                    x = points[i].X,
                    y = points[i].Y,
                    cluster = clusters[i],
                }),
            });
        }));
        app.MapGet("/api/explore/matrix", (string ids) => host.Use(catalog =>
        {
            var chosen = ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.TryParse(s, out var id) ? id : -1).Distinct().ToList();
            if (chosen.Count is < 2 or > MaxMatrix || chosen.Contains(-1))
                return Results.BadRequest(new { error = $"choose between 2 and {MaxMatrix} images" });
            if (host.ModelKey is not { } model) return Results.Json(new { error = "the similarity matrix needs an embedding model" }, statusCode: StatusCodes.Status409Conflict);
            var images = chosen.Select(catalog.GetImage).ToList();
            if (images.Any(i => i is null || access.Readable(i) is null)) return Results.NotFound();
            var vectors = chosen.Select(id => catalog.GetEmbedding(id, model)).ToList();
            if (vectors.Any(v => v is null)) return Results.Json(new { error = "some images have no embedding yet" }, statusCode: StatusCodes.Status409Conflict);
            return Results.Ok(new
            {
                images = images.Select(i => ImageView.Of(i!, host.Options.Folders)),
                cosines = vectors.Select(a => vectors.Select(b => Math.Round(Similarity.Cosine(a!, b!), 3))),
            });
        }));
    }

    private static float[] Bits(ulong hash) => [.. Enumerable.Range(0, 64).Select(b => (float)((hash >> b) & 1))];
}
