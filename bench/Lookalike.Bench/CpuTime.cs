using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Lookalike.Bench;

/// <summary>CPU time of the whole process (all threads): with other jobs on the machine, wall time alone misleads.</summary>
internal static partial class CpuTime
{
    public static double Seconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>User + system CPU seconds of all child processes this process has waited for (getrusage RUSAGE_CHILDREN):
    /// the cost of a peer or of the CLI run as a child, read as a difference before and after.</summary>
    public static double ChildrenSeconds()
    {
        const int children = -1;
        if (GetRusage(children, out var usage) != 0) throw new InvalidOperationException($"getrusage failed ({Marshal.GetLastPInvokeError()})");
        return usage.UserSeconds + usage.UserMicroseconds / 1e6 + usage.SystemSeconds + usage.SystemMicroseconds / 1e6;
    }

    /// <summary>The leading fields of Linux x86-64 struct rusage (two struct timevals), padded to its full size.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public RusageCounters Rest;
    }

    /// <summary>The 14 long counters after the two timevals (unused here, but getrusage writes them).</summary>
    [System.Runtime.CompilerServices.InlineArray(14)]
    private struct RusageCounters { private long _first; }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusage(int who, out Rusage usage);
}
