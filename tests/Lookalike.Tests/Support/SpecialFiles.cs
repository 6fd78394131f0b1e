using System.Runtime.InteropServices;

namespace Lookalike.Tests.Support;

/// <summary>Hostile file-system entries for tests: FIFOs (.NET has no API to make one).</summary>
internal static partial class SpecialFiles
{
    public static void MakeFifo(string path)
    {
        if (mkfifo(path, Convert.ToUInt32("644", 8)) != 0)
            throw new IOException($"mkfifo {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkfifo(string path, uint mode);
}
