using Lookalike.Fingerprints.Embeddings;
using Lookalike.Web.Images;
using Lookalike.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lookalike.Web.Comparing;

/// <summary>/api/compare/A/B: two cataloged images by id, from the fingerprints the catalog already holds.</summary>
public static class CompareEndpoints
{
    public static void Map(IEndpointRouteBuilder app, CatalogHost host, ImageAccess access)
    {
        app.MapGet("/api/compare/{a:long}/{b:long}", (long a, long b) => host.Use(catalog =>
        {
            var first = catalog.GetImage(a);
            var second = catalog.GetImage(b);
            if (first is null || second is null || access.Readable(first) is null || access.Readable(second) is null) return Results.NotFound();
            var hashes = catalog.GetHashes();
            if (!hashes.TryGetValue(a, out var ha) || !hashes.TryGetValue(b, out var hb)) return Results.NotFound();
            float? cosine = null;
            if (host.ModelKey is { } model && catalog.GetEmbedding(a, model) is { } va && catalog.GetEmbedding(b, model) is { } vb)
                cosine = Similarity.Cosine(va, vb);
            var result = Comparison.Of(ha, hb, cosine, host.ModelKey, host.Embedder?.Thresholds ?? SimilarityThresholds.Default);
            return Results.Ok(new { a = ImageView.Of(first, host.Options.Folders), b = ImageView.Of(second, host.Options.Folders), result });
        }));
    }
}
