using Lookalike.Catalog;

namespace Lookalike.Cli;

/// <summary>Opens the catalog file at a path for any command, turning what can go wrong (unwritable place, not a
/// SQLite file, a catalog from a newer Lookalike) into one line naming the file.</summary>
internal static class CatalogFile
{
    public static ImageCatalog Open(string path, string advice = "")
    {
        try
        {
            return ImageCatalog.Open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new CliException($"cannot open the catalog {path}: {e.Message}{advice}");
        }
    }
}
