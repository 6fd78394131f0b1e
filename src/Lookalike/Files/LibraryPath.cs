using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Lookalike.Files;

/// <summary>
/// A path a library that takes UTF-8 path strings (libvips) can open. Most paths are passed on as they are; one whose
/// name holds escaped bytes (<see cref="RawName"/>) is opened by its bytes (O_PATH: no read, no blocking on a FIFO) and
/// passed on as <c>/proc/self/fd/N</c>, which the kernel resolves to that same file for as long as this is not disposed.
/// </summary>
public sealed partial class LibraryPath : IDisposable
{
    private const int OPath = 0x200000, OCloExec = 0x80000;

    /// <summary>The /proc paths handed out and not yet disposed, with the path each stands for (for error messages).</summary>
    private static readonly ConcurrentDictionary<string, string> Substitutes = new(StringComparer.Ordinal);

    private readonly SafeFileHandle? _handle;

    private LibraryPath(string path, SafeFileHandle? handle)
    {
        Path = path;
        _handle = handle;
    }

    /// <summary>What to give the library.</summary>
    public string Path { get; }

    /// <summary>For <paramref name="path"/>; when it cannot be opened, the path itself, so the library reports why.</summary>
    public static LibraryPath Of(string path)
    {
        if (!RawName.HasEscapes(path)) return new LibraryPath(path, null);
        var descriptor = open(path, OPath | OCloExec);
        if (descriptor < 0) return new LibraryPath(path, null);
        var substitute = "/proc/self/fd/" + descriptor.ToString(CultureInfo.InvariantCulture);
        Substitutes[substitute] = path;
        return new LibraryPath(substitute, new SafeFileHandle(descriptor, ownsHandle: true));
    }

    /// <summary>The path <paramref name="path"/> stands for, if it is a substitute handed out here; else itself.</summary>
    public static string Original(string path) => Substitutes.TryGetValue(path, out var original) ? original : path;

    public void Dispose()
    {
        if (_handle is null) return;
        Substitutes.TryRemove(Path, out _);
        _handle.Dispose();
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial int open(string path, int flags);
}
