namespace Lookalike.Tests.Support;

/// <summary>
/// ../shared/labelled indexed once with the default model into a temporary catalog, shared by every test
/// of the <see cref="LabelledCatalogCollection"/> (indexing 306 images is the slow part).
/// </summary>
public sealed class LabelledCatalog : IDisposable
{
    private readonly TempFolder _folder = new();

    public LabelledCatalog()
    {
        var result = LookalikeCli.Run("index", TestFiles.SharedLabelled, "--db", Database, "--json");
        if (result.ExitCode != 0) throw new InvalidOperationException($"indexing {TestFiles.SharedLabelled} failed: {result.Stderr}");
    }

    /// <summary>The directory holding catalog.db (for --db).</summary>
    public string Database => _folder["db"];

    public static string Labels => Path.Combine(TestFiles.SharedLabelled, "LABELS.tsv");

    /// <summary>A scratch folder for outputs (plots, label files), removed with the catalog.</summary>
    public string Scratch(string name)
    {
        var path = _folder[name];
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose() => _folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class LabelledCatalogCollection : ICollectionFixture<LabelledCatalog>
{
    public const string Name = "labelled catalog";
}
