using System.Runtime.InteropServices;

namespace Lookalike.Files;

/// <summary>Canonical paths: every link resolved, at any depth (the C library's realpath).</summary>
public static class RealPath
{
    /// <summary>The canonical path of a folder or file, or null if it cannot be resolved (missing, a loop of links).</summary>
    public static string? Of(string path)
    {
        var resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero) return null;
        try { return Marshal.PtrToStringUTF8(resolved); }
        finally { free(resolved); }
    }

    [DllImport("libc", CharSet = CharSet.Ansi)]
    private static extern IntPtr realpath(string path, IntPtr resolved);

    [DllImport("libc")]
    private static extern void free(IntPtr pointer);
}
