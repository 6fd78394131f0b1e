using System.Runtime.InteropServices;

namespace Lookalike.Files;

/// <summary>Canonical paths: every link resolved, at any depth (the C library's realpath), on the path's exact bytes
/// (<see cref="RawName"/>), so a name that is not UTF-8 resolves to itself.</summary>
public static unsafe partial class RealPath
{
    /// <summary>The canonical path of a folder or file, or null if it cannot be resolved (missing, a loop of links).</summary>
    public static string? Of(string path)
    {
        var resolved = realpath(path, null);
        if (resolved == null) return null;
        try { return RawName.Text(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(resolved)); }
        finally { NativeMemory.Free(resolved); }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial byte* realpath(string path, byte* resolved);
}
