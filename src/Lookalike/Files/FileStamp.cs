namespace Lookalike.Files;

/// <summary>Size and modification time: what tells, without reading a file, that it changed.</summary>
public readonly record struct FileStamp(long Size, DateTime ModifiedUtc)
{
    public static FileStamp Of(FileInfo file) => new(file.Length, file.LastWriteTimeUtc);

    /// <summary>Read by the path's exact bytes (<see cref="RawName"/>), links followed, as <see cref="Of(FileInfo)"/> would.</summary>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    public static FileStamp Of(string path) => FileKinds.StampOf(path);

    /// <summary>
    /// The one rule for "unchanged since it was fingerprinted", used by indexing, search and the dedup actions: the same
    /// size and the same modification time to the 100-ns tick the catalog stores (what the file system reports, truncated
    /// the same way on every read). No tolerance: a file rewritten a moment later with the same size is a changed file.
    /// </summary>
    public bool IsSameAs(FileStamp other) =>
        Size == other.Size && ModifiedUtc.Ticks == other.ModifiedUtc.Ticks;
}
