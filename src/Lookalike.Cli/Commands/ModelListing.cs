using Lookalike.Fingerprints.Embeddings;

namespace Lookalike.Cli.Commands;

/// <summary>One row of <c>lookalike models list</c>.</summary>
internal sealed record ModelListing(string Name, string Kind, string Status, long? SizeBytes, int Dimension, string? Description, string? Path)
{
    /// <summary>The built-in models (the default first), then every preset (installed or not), then other installed models.</summary>
    public static List<ModelListing> Build(ModelStore store)
    {
        var rows = new List<ModelListing>();
        foreach (var name in ModelStore.BuiltInModelNames)
            rows.Add(ModelStore.BuiltInDirectory(name) is { } builtIn
                ? FromFolder(builtIn, "built-in", "ready")
                : new(name, "built-in", "not built: run scripts/bootstrap.sh", null, 0, null, null));
        var installed = store.Installed().ToDictionary(d => System.IO.Path.GetFileName(d)!, StringComparer.OrdinalIgnoreCase);
        foreach (var preset in ModelPresets.All)
        {
            rows.Add(installed.Remove(preset.Name, out var folder)
                ? FromFolder(folder, "preset", "installed")
                : new(preset.Name, "preset", preset.Download is null ? "not installed (no published export known: models add)" : "not installed (models pull)",
                    preset.Download?.ListedBytes, preset.Manifest.Image.EmbeddingSize, preset.Manifest.Description, null));
        }
        rows.AddRange(installed.Values.Select(folder => FromFolder(folder, "installed", "installed")));
        return rows;
    }

    private static ModelListing FromFolder(string folder, string kind, string status)
    {
        try
        {
            var manifest = ModelManifest.Load(folder);
            var size = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            return new(manifest.Name, kind, status, size, manifest.Image.EmbeddingSize, manifest.Description, folder);
        }
        catch (ModelException e)
        {
            return new(System.IO.Path.GetFileName(folder), kind, "broken: " + e.Message, null, 0, null, folder);
        }
    }
}
