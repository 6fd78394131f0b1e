using System.Diagnostics;

namespace Lookalike.Bench;

/// <summary>CPU time of the whole process (all threads): with other jobs on the machine, wall time alone misleads.</summary>
internal static class CpuTime
{
    public static double Seconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
