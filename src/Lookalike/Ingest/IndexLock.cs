using Lookalike.Catalog;

namespace Lookalike.Ingest;

/// <summary>
/// Lets one index run at a time write a catalog: an exclusive lock (flock, which .NET takes for FileShare.None) on
/// <c>catalog.db.index-lock</c> beside it, held for the whole run and dropped by the kernel when the process ends,
/// however it ends. SQLite alone would let a second run interleave its writes with the first one's. A PostgreSQL
/// catalog is written from several machines, so there the lock is the server's: a session advisory lock, which the
/// server drops when the run's connection ends, however it ends.
/// </summary>
public sealed class IndexLock : IDisposable
{
    private readonly IDisposable _lock;

    private IndexLock(IDisposable held) => _lock = held;

    /// <exception cref="IndexBusyException">Another process is indexing <paramref name="catalog"/>.</exception>
    public static IndexLock Take(ImageCatalog catalog) =>
        catalog.IsShared
            ? new IndexLock(catalog.TryLockForIndexing() ?? throw new IndexBusyException(catalog.DatabasePath, new IOException("the index lock is held")))
            : Take(catalog.DatabasePath);

    /// <exception cref="IndexBusyException">Another process holds the lock on the SQLite file.</exception>
    private static IndexLock Take(string databasePath)
    {
        var path = databasePath + ".index-lock";
        try
        {
            return new IndexLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new IndexBusyException(databasePath, e);
        }
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>Another index run is writing the catalog at <paramref name="databasePath"/>.</summary>
public sealed class IndexBusyException(string databasePath, Exception inner)
    : IOException($"another 'lookalike index' (or dupes) is updating {databasePath} right now; wait for it to finish, then run again", inner)
{
    public string DatabasePath => databasePath;
}
