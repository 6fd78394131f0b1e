using Lookalike.Catalog;
using Lookalike.Explore;

namespace Lookalike.Cli.Commands;

/// <summary>The catalog's stored embeddings (optionally only below some folders) for the exploring commands
/// (clusters, map), which never run the model.</summary>
internal static class ExplorePoints
{
    public static EmbeddingPoints Load(string? database, string? model, string[] folders)
    {
        var roots = folders.Select(Path.GetFullPath).ToList();
        foreach (var root in roots.Where(r => !Directory.Exists(r))) throw new BadInputException($"{root}: no such folder.");
        using var catalog = CatalogLocation.OpenExisting(roots.Take(1).ToList(), database);
        var key = ModelKey.Resolve(model);
        var points = EmbeddingPoints.FromCatalog(catalog, key, roots.Count == 0 ? null : roots);
        if (points.Count == 0)
            throw new BadInputException($"no images with embeddings of {key} in {catalog.DatabasePath}{(roots.Count == 0 ? "" : " below " + string.Join(", ", roots))}: run 'lookalike index FOLDER' first.");
        return points;
    }
}
