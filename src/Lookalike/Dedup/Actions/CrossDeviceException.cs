namespace Lookalike.Dedup.Actions;

/// <summary>rename(2) or link(2) failed with EXDEV: source and destination are on different file systems.</summary>
public sealed class CrossDeviceException(string from, string to)
    : IOException($"'{from}' and '{to}' are on different file systems")
{
}
