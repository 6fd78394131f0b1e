namespace Lookalike.Bench;

/// <summary>What else the machine was doing: benchmarks print it beside their figures, since a loaded 2-core machine
/// moves throughput figures far more than any change measured.</summary>
internal static class MachineLoad
{
    /// <summary>The 1, 5 and 15 minute load averages ("unknown" where /proc/loadavg is missing).</summary>
    public static string Average() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
