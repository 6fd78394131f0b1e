using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Lookalike.Files;

/// <summary>What sort of thing a path names, from <c>statx(2)</c>: .NET's FileInfo calls a FIFO or a device a file.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    /// <summary>The path could not be looked at (a loop of links, no permission on a folder above it).</summary>
    Unknown,
}

/// <summary>Reads a path's <see cref="FileKind"/> and size without opening it, so a FIFO is never opened by accident.</summary>
public static partial class FileKinds
{
    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1, StatxModified = 0x40, StatxSize = 0x200;
    private const int ENOENT = 2, ENOTDIR = 20;

    /// <summary>The kind of <paramref name="path"/>; with <paramref name="followLinks"/> that of what its links lead to.</summary>
    public static FileKind Of(string path, bool followLinks = false) => Stat(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow).Kind;

    /// <summary>Size and modification time of what <paramref name="path"/> leads to (links followed), as FileInfo reports them.</summary>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    internal static FileStamp StampOf(string path)
    {
        Span<byte> buffer = stackalloc byte[256];
        if (statx(AtFdCwd, path, 0, StatxSize | StatxModified, ref MemoryMarshal.GetReference(buffer)) != 0)
            throw NativeError.For(Marshal.GetLastPInvokeError(), $"cannot look at {path}");
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(buffer[112..]);
        var nanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(buffer[120..]);
        return new FileStamp((long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]),
            DateTime.UnixEpoch.AddTicks(seconds * TimeSpan.TicksPerSecond + nanoseconds / 100));
    }

    /// <summary>Kind and size of an open file descriptor.</summary>
    internal static (FileKind Kind, long Size) OfDescriptor(int descriptor) => Stat(descriptor, "", AtEmptyPath);

    /// <summary>"a FIFO", "a character device"...: for messages saying why a path was not read.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Missing => "missing",
        _ => "something that cannot be looked at",
    };

    private static (FileKind Kind, long Size) Stat(int directory, string path, int flags)
    {
        Span<byte> buffer = stackalloc byte[256]; // struct statx is 256 bytes on every architecture
        if (statx(directory, path, flags, StatxType | StatxSize, ref MemoryMarshal.GetReference(buffer)) != 0)
            return (Marshal.GetLastPInvokeError() is ENOENT or ENOTDIR ? FileKind.Missing : FileKind.Unknown, 0);
        var kind = (BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]) & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
        return (kind, (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]));
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial int statx(int dirfd, string pathname, int flags, uint mask, ref byte statxbuf);
}
