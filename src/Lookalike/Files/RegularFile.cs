using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Lookalike.Files;

/// <summary>
/// Opens files for reading only when they are regular files within a size limit. The open itself uses O_NONBLOCK,
/// so a path swapped for a FIFO after it was listed returns at once instead of blocking until a writer comes,
/// and the type is checked on the open descriptor, so what is read is what was checked.
/// </summary>
public static partial class RegularFile
{
    /// <summary>Default size limit: no photo comes near it, and it stops a link to a huge or endless file.</summary>
    public const long DefaultMaxBytes = 4L << 30;

    private const int ORdOnly = 0, ONonBlock = 0x800, OCloExec = 0x80000;

    /// <exception cref="IOException">The path is not a regular file, is larger than <paramref name="maxBytes"/>, or cannot be opened (the message says which).</exception>
    public static FileStream OpenRead(string path, long maxBytes = DefaultMaxBytes)
    {
        var descriptor = open(path, ORdOnly | ONonBlock | OCloExec);
        if (descriptor < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == 13 // EACCES
                ? new UnauthorizedAccessException($"permission denied: {Marshal.GetPInvokeErrorMessage(errno)}")
                : new IOException(Marshal.GetPInvokeErrorMessage(errno));
        }
        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        try
        {
            var (kind, size) = FileKinds.OfDescriptor(descriptor);
            if (kind != FileKind.Regular) throw new IOException($"not a regular file but {FileKinds.Describe(kind)}; not read");
            if (size > maxBytes) throw new IOException($"{size} bytes, larger than the limit of {maxBytes} bytes; not read");
            return new FileStream(handle, FileAccess.Read, 1 << 16);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Null when <paramref name="path"/> (links resolved) is a regular file, else why it will not be read.</summary>
    public static string? WhyNotRegular(string path)
    {
        var kind = FileKinds.Of(path, followLinks: true);
        return kind == FileKind.Regular ? null : $"not a regular file but {FileKinds.Describe(kind)}; skipped";
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial int open(string pathname, int flags);
}
