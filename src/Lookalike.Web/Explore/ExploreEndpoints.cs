using Lookalike.Catalog;
using Lookalike.Explore;
using Lookalike.Fingerprints.Embeddings;
using Lookalike.Web.Images;
using Lookalike.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lookalike.Web.Explore;

/// <summary>/api/explore: the 2-D map of the served images (the library's PCA or t-SNE, k-means clusters of the
/// embeddings, outlier scores) and a similarity matrix for a chosen few.</summary>
public static class ExploreEndpoints
{
    public const int MaxMatrix = 40;

    /// <summary>The page has ten colours; more clusters than that would repeat them.</summary>
    public const int MaxClusters = 10;

    public const int OutliersListed = 12;

    public static void Map(IEndpointRouteBuilder app, CatalogHost host, ImageAccess access)
    {
        app.MapGet("/api/explore/map", (string? method) =>
        {
            method ??= "pca";
            if (method is not ("pca" or "tsne")) return Results.BadRequest(new { error = $"method '{method}': use pca or tsne" });
            // Read under the catalog lock, project outside it: t-SNE of thousands of images must not stall other requests.
            var (images, points, source) = host.Use(catalog => Load(catalog, host, access));
            if (method == "tsne" && points.Count > Tsne.MaxPoints)
                return Results.BadRequest(new { error = $"t-SNE is exact here and limited to {Tsne.MaxPoints} images; these folders hold {points.Count}: use PCA" });
            var xy = points.Count == 0 ? [] : method == "tsne" ? Tsne.Project(points) : Pca.Project(points);
            var k = Math.Clamp((int)Math.Round(Math.Sqrt(points.Count / 2.0)), 1, MaxClusters);
            var report = points.Count == 0 ? null : ClusterReport.Build($"k-means, k = {k}", points, KMeansClustering.Cluster(points, k));
            var cluster = report?.NumberByPath() ?? [];
            var outlier = report?.Clusters.SelectMany(c => c.Members).ToDictionary(m => m.Path, m => m.Outlier) ?? [];
            var idOf = Enumerable.Range(0, points.Count).ToDictionary(i => points.Paths[i], i => points.Ids[i]);
            return Results.Ok(new
            {
                method,
                source = $"{(method == "tsne" ? "t-SNE" : "PCA")} of {source}",
                clusters = $"k-means of the {(host.ModelKey is null ? "hashes" : "embeddings")}, k = {k}",
                outlierNeighbour = report?.OutlierNeighbour ?? OutlierScores.DefaultNeighbour,
                points = images.Select((image, i) => new
                {
                    image = ImageView.Of(image, host.Options.Folders),
                    x = Math.Round(xy[2 * i], 5),
                    y = Math.Round(xy[2 * i + 1], 5),
                    cluster = cluster[image.Path],
                    outlier = outlier[image.Path],
                }),
                outliers = report?.Outliers.Take(OutliersListed).Select(m => idOf[m.Path]) ?? [],
            });
        });
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

    /// <summary>The readable served images that have a vector, and their vectors as the library's points (same order).</summary>
    private static (List<ImageRecord> Images, EmbeddingPoints Points, string Source) Load(ImageCatalog catalog, CatalogHost host, ImageAccess access)
    {
        var images = host.Images(catalog).Where(i => access.Readable(i) is not null).ToList();
        var embeddings = host.ModelKey is { } model ? catalog.GetEmbeddings(model) : [];
        // Without embeddings the map falls back to the 64 pHash bits, which still puts copies together.
        var hashes = embeddings.Count > 0 ? null : catalog.GetHashes();
        var placed = images.Where(i => embeddings.ContainsKey(i.Id) || hashes?.ContainsKey(i.Id) == true).ToList();
        var rows = placed.Select(i => (i.Id, i.Path, embeddings.TryGetValue(i.Id, out var v) ? v : Bits(hashes![i.Id].PHash))).ToList();
        return (placed, EmbeddingPoints.Of(rows), embeddings.Count > 0 ? $"the {host.ModelKey} embeddings" : "the pHash bits (no embeddings)");
    }

    /// <summary>The hash as a unit vector of ±1/8: its cosine to another is 1 − 2·Hamming/64, so the library's cosine
    /// methods (t-SNE, spherical k-means, outliers) measure what the hashes measure.</summary>
    private static float[] Bits(ulong hash) => [.. Enumerable.Range(0, 64).Select(b => ((hash >> b) & 1) == 1 ? 0.125f : -0.125f)];
}
