using System.Runtime.InteropServices;

namespace Lookalike.Files;

/// <summary>An errno as the exception .NET's own file calls would throw, so callers catch the same two kinds.</summary>
internal static class NativeError
{
    private const int EPERM = 1, ENOENT = 2, EACCES = 13;

    public static Exception For(int errno, string what) => errno switch
    {
        EACCES or EPERM => new UnauthorizedAccessException($"{what}: permission denied"),
        ENOENT => new FileNotFoundException($"{what}: {Marshal.GetPInvokeErrorMessage(errno)}"),
        _ => new IOException($"{what}: {Marshal.GetPInvokeErrorMessage(errno)}"),
    };
}
