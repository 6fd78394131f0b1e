namespace Lookalike.Catalog;

/// <summary>
/// The one rule every command (and the web app) uses to find its catalog:
/// <list type="number">
/// <item>a catalog the user named (<c>--db DIR</c>, or its other name <c>--catalog</c>, else the <c>LOOKALIKE_CATALOG</c>
/// variable): <c>DIR/catalog.db</c>, or the PostgreSQL database of a <c>postgres://</c> URL (see docs/postgres.md);</item>
/// <item>else the catalog that already holds the named files or folders: the nearest <c>.lookalike/catalog.db</c> in
/// the folder of each path or a folder above it (then above the working folder, for commands that name no path);</item>
/// <item>else, only when indexing (<c>index</c>, <c>dupes</c>), a new one at <c>FIRST-FOLDER/.lookalike/catalog.db</c>.</item>
/// </list>
/// A path that does not exist is an error naming it, found before anything is created.
/// </summary>
public static class CatalogLocation
{
    /// <summary>The hidden folder that holds a default catalog (and its trash and vector indexes).</summary>
    public const string FolderName = ".lookalike";

    /// <summary>The variable that names the catalog (a folder or a <c>postgres://</c> URL) when no <c>--db</c> is given.</summary>
    public const string Variable = "LOOKALIKE_CATALOG";

    /// <summary>Opens the catalog for indexing <paramref name="paths"/>, creating it at the default place if none holds them.</summary>
    /// <exception cref="BadInputException">A path does not exist.</exception>
    /// <exception cref="CatalogException">The catalog cannot be opened, or the paths lie in different catalogs.</exception>
    public static ImageCatalog OpenForIndexing(IReadOnlyList<string> paths, string? databaseDirectory) =>
        ImageCatalog.Open(ForIndexing(paths, databaseDirectory));

    /// <summary>Opens the catalog that must already exist for <paramref name="paths"/> (may be empty).</summary>
    /// <exception cref="BadInputException">A path does not exist.</exception>
    /// <exception cref="CatalogException">No catalog holds the paths, or it cannot be opened.</exception>
    public static ImageCatalog OpenExisting(IReadOnlyList<string> paths, string? databaseDirectory) =>
        ImageCatalog.Open(Existing(paths, databaseDirectory));

    /// <summary>The catalog file (or PostgreSQL URL) <see cref="OpenForIndexing"/> opens.</summary>
    public static string ForIndexing(IReadOnlyList<string> paths, string? databaseDirectory)
    {
        if (paths.Count == 0) throw new BadInputException("no folder given to index");
        var full = Existing(paths);
        databaseDirectory = Named(databaseDirectory);
        if (databaseDirectory != null) return PostgresAddress.Is(databaseDirectory) ? databaseDirectory : InDirectory(databaseDirectory);
        return Holding(full) ?? Path.Combine(FolderOf(full[0]), FolderName, ImageCatalog.FileName);
    }

    /// <summary>The catalog file (or PostgreSQL URL) <see cref="OpenExisting"/> opens.</summary>
    public static string Existing(IReadOnlyList<string> paths, string? databaseDirectory)
    {
        var full = Existing(paths);
        databaseDirectory = Named(databaseDirectory);
        if (databaseDirectory != null && PostgresAddress.Is(databaseDirectory)) return databaseDirectory;
        if (databaseDirectory != null)
        {
            var path = InDirectory(databaseDirectory);
            return File.Exists(path) ? path : throw new CatalogException($"there is no catalog in {Path.GetDirectoryName(path)} (no {ImageCatalog.FileName}); index a folder into it first");
        }
        return Holding(full) ?? Upwards(Environment.CurrentDirectory)
            ?? throw new CatalogException(full.Count > 0
                ? $"no catalog holds {full[0]}: none in {FolderOf(full[0])} or a folder above it (nor above the working folder {Environment.CurrentDirectory}); index the folder first"
                : $"no catalog in {Environment.CurrentDirectory} or a folder above it; index a folder first");
    }

    /// <summary>The nearest <c>.lookalike/catalog.db</c> in <paramref name="directory"/> or a folder above it, or null.</summary>
    public static string? Upwards(string directory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FolderName, ImageCatalog.FileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The catalog the user named: <c>--db</c>, else <see cref="Variable"/>, else null.</summary>
    private static string? Named(string? databaseDirectory) =>
        databaseDirectory ?? (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } named ? named : null);

    private static string InDirectory(string databaseDirectory) => Path.Combine(Path.GetFullPath(databaseDirectory), ImageCatalog.FileName);

    /// <summary>Absolute paths, all of which exist.</summary>
    private static List<string> Existing(IReadOnlyList<string> paths)
    {
        var full = paths.Select(p => Path.GetFullPath(p)).ToList();
        var missing = full.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0)
            throw new BadInputException(missing.Count == 1 ? $"{missing[0]}: no such file or folder" : $"no such files or folders: {string.Join(", ", missing)}");
        return full;
    }

    /// <summary>The one catalog found above the paths, or null when none is; two different ones are an error.</summary>
    private static string? Holding(IReadOnlyList<string> paths)
    {
        var found = paths.Select(p => (Path: p, Catalog: Upwards(FolderOf(p)))).Where(f => f.Catalog != null).ToList();
        var distinct = found.Select(f => f.Catalog).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > 1)
            throw new CatalogException($"{found[0].Path} and {found.First(f => f.Catalog != found[0].Catalog).Path} belong to different catalogs " +
                                       $"({distinct[0]} and {distinct[1]})");
        return distinct.SingleOrDefault();
    }

    private static string FolderOf(string path) => Directory.Exists(path) ? path : Path.GetDirectoryName(path)!;
}
