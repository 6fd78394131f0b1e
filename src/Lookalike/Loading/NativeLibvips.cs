using System.Runtime.InteropServices;

namespace Lookalike.Loading;

/// <summary>Which libvips build the process decodes with.</summary>
public enum LibvipsBuild
{
    /// <summary>The distribution's shared libvips (Debian libvips42): has HEIC through libheif's HEVC decoder.</summary>
    System,

    /// <summary>The self-contained libvips of the NetVips.Native package: no root needed, no HEVC (so no HEIC).</summary>
    Bundled,
}

/// <summary>
/// Chooses the native libvips before NetVips binds to it. Only the system build decodes HEIC, the format
/// users of duplicate finders ask for most, so it is used when installed and the bundled one otherwise;
/// <c>LOOKALIKE_LIBVIPS=system|bundled</c> forces one (benchmarks and tests compare both).
/// How: the bundled library is copied to <c>libvips-bundled/</c> beside the app, outside .NET's native
/// search path, so NetVips' own lookup of "libvips.so.42" finds the system one. To use the bundled one
/// it is loaded first by full path; its SONAME is libvips.so.42, so the dynamic loader hands that same
/// copy to NetVips' lookup by name (never two libvips in one process).
/// </summary>
public static class NativeLibvips
{
    public const string EnvironmentVariable = "LOOKALIKE_LIBVIPS";
    private const string SoName = "libvips.so.42";

    private static readonly Lazy<LibvipsBuild> Chosen = new(Choose, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the chosen build (once); call before touching any NetVips type.</summary>
    public static LibvipsBuild Load() => Chosen.Value;

    public static string BundledPath => Path.Combine(AppContext.BaseDirectory, "libvips-bundled", SoName);

    /// <summary>The file the process has mapped as libvips, from /proc/self/maps.</summary>
    public static string? LoadedPath()
    {
        try
        {
            return File.ReadLines("/proc/self/maps")
                .Select(line => line.IndexOf('/') is var at and >= 0 ? line[at..] : "")
                .FirstOrDefault(path => Path.GetFileName(path).StartsWith("libvips.so", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static LibvipsBuild Choose()
    {
        // A method naming a NetVips type was compiled before Libvips.EnsureStarted: NetVips has bound whatever
        // libvips the default lookup finds, and a second one would now be loaded beside it.
        if (LoadedPath() is { } early)
            throw new InvalidOperationException($"libvips ({early}) was loaded before Lookalike chose one; call Libvips.EnsureStarted first");
        var wanted = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant();
        switch (wanted)
        {
            case null or "" or "auto":
                if (NativeLibrary.TryLoad(SoName, out _)) return LibvipsBuild.System;
                LoadBundled();
                return LibvipsBuild.Bundled;
            case "system":
                if (NativeLibrary.TryLoad(SoName, out _)) return LibvipsBuild.System;
                throw new InvalidOperationException(
                    $"{EnvironmentVariable}=system but the system libvips is not installed (as root: apt-get install libvips42)");
            case "bundled":
                LoadBundled();
                return LibvipsBuild.Bundled;
            default:
                throw new InvalidOperationException($"{EnvironmentVariable} must be auto, system or bundled, not '{wanted}'");
        }
    }

    private static void LoadBundled()
    {
        if (!NativeLibrary.TryLoad(BundledPath, out _))
            throw new InvalidOperationException($"the bundled libvips is missing at {BundledPath} (rebuild Lookalike)");
    }
}
