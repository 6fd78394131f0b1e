using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Lookalike.Files;

/// <summary>
/// The file operations the dedup actions need beyond rename and link, on a path's exact bytes (<see cref="RawName"/>),
/// where .NET's File and Directory would turn an escaped name into another one: delete, create folders, create a file
/// that must not exist yet, make and read symbolic links. Errors are the exceptions .NET's own calls throw.
/// </summary>
public static partial class RawFiles
{
    private const int ENOENT = 2, EEXIST = 17;
    private const int OWrOnly = 0x1, OCreat = 0x40, OExcl = 0x80, OCloExec = 0x80000;

    /// <summary>Deletes a file or link (never a folder); nothing happens when it is not there, as File.Delete.</summary>
    public static void Delete(string path)
    {
        if (unlink(path) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != ENOENT) throw NativeError.For(errno, $"cannot delete {path}");
    }

    /// <summary>Deletes an empty folder.</summary>
    public static void DeleteEmptyFolder(string path)
    {
        if (rmdir(path) != 0) throw NativeError.For(Marshal.GetLastPInvokeError(), $"cannot delete the folder {path}");
    }

    /// <summary>Creates <paramref name="path"/> and the folders above it that are missing, as Directory.CreateDirectory.</summary>
    public static void CreateFolder(string path)
    {
        path = Path.TrimEndingDirectorySeparator(path);
        if (path.Length == 0 || FileKinds.Of(path, followLinks: true) == FileKind.Directory) return;
        if (Path.GetDirectoryName(path) is { } parent) CreateFolder(parent);
        if (mkdir(path, Convert.ToUInt32("777", 8)) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != EEXIST)
            throw NativeError.For(errno, $"cannot create the folder {path}");
    }

    /// <summary>A new file open for writing; fails if anything is at <paramref name="path"/> already.</summary>
    public static FileStream CreateNew(string path)
    {
        var descriptor = open(path, OWrOnly | OCreat | OExcl | OCloExec, Convert.ToUInt32("666", 8));
        if (descriptor < 0) throw NativeError.For(Marshal.GetLastPInvokeError(), $"cannot create {path}");
        return new FileStream(new SafeFileHandle(descriptor, ownsHandle: true), FileAccess.Write, 1 << 16);
    }

    /// <summary>Makes <paramref name="path"/> a symbolic link to <paramref name="target"/>.</summary>
    public static void CreateSymbolicLink(string path, string target)
    {
        if (symlink(target, path) != 0) throw NativeError.For(Marshal.GetLastPInvokeError(), $"cannot make the link {path}");
    }

    /// <summary>What the link at <paramref name="path"/> points to, or null when it is no link.</summary>
    public static string? LinkTarget(string path)
    {
        var buffer = new byte[4096];
        var length = readlink(path, buffer, buffer.Length);
        return length < 0 ? null : RawName.Text(buffer.AsSpan(0, (int)length));
    }

    /// <summary>Whether anything (a link counts, dangling or not) is at <paramref name="path"/>.</summary>
    public static bool Exists(string path) => FileKinds.Of(path) != FileKind.Missing;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial int unlink(string path);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial int rmdir(string path);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial int mkdir(string path, uint mode);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial int open(string path, int flags, uint mode);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial int symlink(string target, string path);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial nint readlink(string path, byte[] buffer, nint size);
}
