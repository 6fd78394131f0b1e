using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Lookalike.Files;

namespace Lookalike.Dedup.Actions;

/// <summary>
/// <see cref="IFileSystemCalls"/> straight onto glibc. .NET's File.Move silently falls back to copy+delete
/// across devices and cannot refuse to overwrite atomically, and FileInfo rounds times to 100 ns, so the
/// actions talk to the kernel directly to be exact and to see EXDEV themselves. Paths go down as their exact bytes
/// (<see cref="RawName"/>), so names that are not UTF-8 are moved, linked and restored byte for byte.
/// </summary>
public sealed partial class LinuxFileSystemCalls : IFileSystemCalls
{
    public static LinuxFileSystemCalls Instance { get; } = new();

    private const int AtFdCwd = -100;
    private const uint RenameNoReplaceFlag = 1;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const long UtimeOmit = (1L << 30) - 2;
    private const int ENOENT = 2, EEXIST = 17, EXDEV = 18, EINVAL = 22, ENOSYS = 38;

    public void RenameNoReplace(string from, string to)
    {
        if (renameat2(AtFdCwd, from, AtFdCwd, to, RenameNoReplaceFlag) == 0) return;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is EINVAL or ENOSYS)
        {
            // The file system cannot do RENAME_NOREPLACE (rare: some network file systems); check, then rename.
            if (Status(to) != null) throw Fail(EEXIST, "rename", from, to);
            if (rename(from, to) == 0) return;
            errno = Marshal.GetLastPInvokeError();
        }
        throw Fail(errno, "rename", from, to);
    }

    public void RenameReplace(string from, string to)
    {
        if (rename(from, to) != 0) throw Fail(Marshal.GetLastPInvokeError(), "rename", from, to);
    }

    public void HardLink(string existing, string newPath)
    {
        if (link(existing, newPath) != 0) throw Fail(Marshal.GetLastPInvokeError(), "link", existing, newPath);
    }

    public FileStatus? Status(string path)
    {
        Span<byte> buffer = stackalloc byte[256]; // struct statx is 256 bytes on every architecture
        if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, ref MemoryMarshal.GetReference(buffer)) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == ENOENT) return null;
            throw new IOException($"cannot stat '{path}': {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]);
        return new FileStatus(
            Device: ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(buffer[140..]),
            Inode: BinaryPrimitives.ReadUInt64LittleEndian(buffer[32..]),
            LinkCount: BinaryPrimitives.ReadUInt32LittleEndian(buffer[16..]),
            Size: (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]),
            IsSymbolicLink: (mode & 0xF000) == 0xA000,
            ModifiedSeconds: BinaryPrimitives.ReadInt64LittleEndian(buffer[112..]),
            ModifiedNanoseconds: BinaryPrimitives.ReadUInt32LittleEndian(buffer[120..]));
    }

    public void SetModified(string path, long seconds, uint nanoseconds)
    {
        Span<long> times = [0, UtimeOmit, seconds, nanoseconds]; // {atime, mtime} as struct timespec[2]
        if (utimensat(AtFdCwd, path, ref MemoryMarshal.GetReference(times), 0) != 0)
            throw new IOException($"cannot set the modification time of '{path}': {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    private static IOException Fail(int errno, string call, string from, string to) => errno == EXDEV
        ? new CrossDeviceException(from, to)
        : new IOException($"{call} '{from}' -> '{to}' failed: {Marshal.GetPInvokeErrorMessage(errno)}");

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial int renameat2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial int rename(string oldpath, string newpath);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial int link(string oldpath, string newpath);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial int statx(int dirfd, string pathname, int flags, uint mask, ref byte statxbuf);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial int utimensat(int dirfd, string pathname, ref long times, int flags);
}
