namespace Lookalike.Dedup.Actions;

/// <summary>
/// The few POSIX calls the dedup actions are built from. An interface so tests can inject EXDEV
/// (cross-device) failures without needing two mounted file systems.
/// </summary>
public interface IFileSystemCalls
{
    /// <summary>rename(2) that fails (IOException) if <paramref name="to"/> exists. Throws <see cref="CrossDeviceException"/> on EXDEV.</summary>
    void RenameNoReplace(string from, string to);

    /// <summary>rename(2) that atomically replaces <paramref name="to"/>. Throws <see cref="CrossDeviceException"/> on EXDEV.</summary>
    void RenameReplace(string from, string to);

    /// <summary>link(2). Throws <see cref="CrossDeviceException"/> on EXDEV.</summary>
    void HardLink(string existing, string newPath);

    /// <summary>statx(2) without following a final symlink; null when the path does not exist.</summary>
    FileStatus? Status(string path);

    /// <summary>Sets the modification time with nanosecond precision (access time untouched).</summary>
    void SetModified(string path, long seconds, uint nanoseconds);
}
