using Lookalike.Dedup.Actions;

namespace Lookalike.Tests.Dedup;

/// <summary>
/// The real Linux calls, except that everything under <paramref name="otherDevice"/> counts as another file system:
/// renames and hard links across that border fail with EXDEV, as they would with the trash on another disk.
/// </summary>
internal sealed class SimulatedDevices(string otherDevice) : IFileSystemCalls
{
    private readonly IFileSystemCalls _real = LinuxFileSystemCalls.Instance;

    public int CrossDeviceFailures { get; private set; }

    public void RenameNoReplace(string from, string to) { Border(from, to); _real.RenameNoReplace(from, to); }

    public void RenameReplace(string from, string to) { Border(from, to); _real.RenameReplace(from, to); }

    public void HardLink(string existing, string newPath) { Border(existing, newPath); _real.HardLink(existing, newPath); }

    public FileStatus? Status(string path) => _real.Status(path);

    public void SetModified(string path, long seconds, uint nanoseconds) => _real.SetModified(path, seconds, nanoseconds);

    private void Border(string a, string b)
    {
        if (IsOther(a) == IsOther(b)) return;
        CrossDeviceFailures++;
        throw new CrossDeviceException(a, b);
    }

    private bool IsOther(string path) => path.StartsWith(otherDevice + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
