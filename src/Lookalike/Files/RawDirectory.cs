using System.Runtime.InteropServices;

namespace Lookalike.Files;

/// <summary>Lists a folder through readdir(3), so every name comes back as its exact bytes (<see cref="RawName"/>):
/// .NET's listing replaces bytes that are not UTF-8, and the name it returns opens nothing.</summary>
public static unsafe partial class RawDirectory
{
    private const int NameOffset = 19; // struct dirent on 64-bit Linux: d_ino, d_off (8 bytes each), d_reclen (2), d_type (1), d_name

    /// <summary>Full paths of the entries of <paramref name="folder"/> ("." and ".." left out), in no particular order.</summary>
    /// <exception cref="UnauthorizedAccessException">No permission to list it.</exception>
    /// <exception cref="IOException">It cannot be listed (missing, not a folder...); the message says why.</exception>
    public static List<string> Entries(string folder)
    {
        var directory = opendir(folder);
        if (directory == null) throw NativeError.For(Marshal.GetLastPInvokeError(), "cannot be listed"); // the caller names the folder
        try
        {
            var entries = new List<string>();
            for (byte* entry; (entry = readdir(directory)) != null;)
            {
                var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entry + NameOffset);
                if (name is [(byte)'.'] or [(byte)'.', (byte)'.']) continue;
                entries.Add(Path.Join(folder, RawName.Text(name)));
            }
            return entries;
        }
        finally
        {
            _ = closedir(directory);
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Custom, StringMarshallingCustomType = typeof(RawNameMarshaller))]
    private static partial void* opendir(string name);

    [LibraryImport("libc", SetLastError = true)]
    private static partial byte* readdir(void* directory);

    [LibraryImport("libc")]
    private static partial int closedir(void* directory);
}
