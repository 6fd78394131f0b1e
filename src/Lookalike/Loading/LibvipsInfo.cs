namespace Lookalike.Loading;

/// <summary>Which libvips this process decodes with and what it reads (for <c>lookalike doctor</c>).</summary>
/// <param name="Version">libvips' version, e.g. "8.14.1".</param>
/// <param name="Build">System (Debian libvips42) or bundled (NetVips.Native).</param>
/// <param name="Path">The shared library file the process mapped.</param>
/// <param name="Formats">Each format Lookalike knows, read or not, and why not.</param>
public sealed record LibvipsInfo(string Version, LibvipsBuild Build, string? Path, IReadOnlyList<ImageFormat> Formats)
{
    /// <summary>Starts libvips if needed and describes it.</summary>
    public static LibvipsInfo OfThisProcess()
    {
        var build = Libvips.EnsureStarted();
        var formats = ImageFormats.Formats;
        return new LibvipsInfo(Libvips.Version(), build, NativeLibvips.LoadedPath(), formats);
    }
}
