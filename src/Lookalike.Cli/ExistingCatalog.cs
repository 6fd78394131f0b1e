using Lookalike.Catalog;

namespace Lookalike.Cli;

/// <summary>Opens a catalog that must already exist (for commands that read it rather than index folders):
/// --db DIR, else the nearest .lookalike/catalog.db above the current directory, then above each hint folder.</summary>
internal static class ExistingCatalog
{
    public static ImageCatalog Open(string? databaseDirectory, params IEnumerable<string?> hintFolders)
    {
        string? path;
        if (databaseDirectory != null)
        {
            path = ImageCatalog.DefaultPath([], databaseDirectory);
            if (!File.Exists(path)) throw new CliException($"no catalog at {path}: run 'lookalike index FOLDER --db {databaseDirectory}' first.");
        }
        else
        {
            var start = new[] { Environment.CurrentDirectory }.Concat(hintFolders.OfType<string>());
            path = start.Select(ImageCatalog.FindUpwards).FirstOrDefault(p => p != null)
                ?? throw new CliException(
                    $"no catalog found in {Environment.CurrentDirectory} or a folder above it (nor beside the files given): pass --db DIR, the folder holding catalog.db.");
        }
        return CatalogFile.Open(path);
    }
}
