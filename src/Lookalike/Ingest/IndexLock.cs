namespace Lookalike.Ingest;

/// <summary>
/// Lets one index run at a time write a catalog: an exclusive lock (flock, which .NET takes for FileShare.None) on
/// <c>catalog.db.index-lock</c> beside it, held for the whole run and dropped by the kernel when the process ends,
/// however it ends. SQLite alone would let a second run interleave its writes with the first one's.
/// </summary>
public sealed class IndexLock : IDisposable
{
    private readonly FileStream _lock;

    private IndexLock(FileStream held) => _lock = held;

    /// <exception cref="IndexBusyException">Another process holds the lock.</exception>
    public static IndexLock Take(string databasePath)
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
