namespace Lookalike.Dedup.Actions;

/// <summary>What <c>statx(2)</c> says about a path (not following a final symlink).</summary>
/// <param name="Device">Device id; two paths on different devices cannot be renamed or hard-linked into each other.</param>
/// <param name="Inode">Inode number; equal (Device, Inode) means the same file (a hard link).</param>
/// <param name="ModifiedSeconds">Modification time, seconds since the Unix epoch.</param>
/// <param name="ModifiedNanoseconds">Sub-second part, kept so that restores are nanosecond-exact.</param>
public readonly record struct FileStatus(
    ulong Device,
    ulong Inode,
    uint LinkCount,
    long Size,
    bool IsSymbolicLink,
    long ModifiedSeconds,
    uint ModifiedNanoseconds)
{
    public DateTime ModifiedUtc =>
        DateTime.UnixEpoch.AddTicks(ModifiedSeconds * TimeSpan.TicksPerSecond + ModifiedNanoseconds / 100);

    public bool IsSameFileAs(FileStatus other) => Device == other.Device && Inode == other.Inode;
}
