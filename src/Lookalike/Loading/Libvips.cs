using System.Runtime.CompilerServices;
using NetVips;

namespace Lookalike.Loading;

/// <summary>
/// Starts libvips once per process (the build <see cref="NativeLibvips"/> chose, then NetVips) with the
/// settings Lookalike needs, and runs libvips steps so that a failure carries libvips' message for that
/// file and no other.
/// </summary>
internal static class Libvips
{
    private static readonly Lazy<LibvipsBuild> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// libvips has one error buffer (and one warning stream) for the whole process, so a message taken
    /// after a failure can come from another file failing on another thread at the same moment. Normal
    /// steps run concurrently under the read side; a failed step is run once more under the write side,
    /// alone in the process, after clearing the buffer, so what the buffer and the warnings then hold is
    /// this file's (failures are rare, so the wait costs a normal run nothing).
    /// </summary>
    private static readonly ReaderWriterLockSlim Gate = new(LockRecursionPolicy.NoRecursion);

    /// <summary>Warnings libvips logs while a failed step is rerun alone; null at other times.</summary>
    private static List<string>? _warnings;

    // Kept in a field: libvips calls it from native code for as long as the process runs. Created in
    // Configure, not here: making a NetVips delegate starts NetVips, which must wait for NativeLibvips.
    private static Log.LogDelegate? _onWarning;

    public static LibvipsBuild EnsureStarted() => Started.Value;

    /// <summary>libvips' version, e.g. "8.18.7".</summary>
    public static string Version()
    {
        EnsureStarted();
        return VersionOfStarted();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string VersionOfStarted() => $"{NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}";

    private static LibvipsBuild Start()
    {
        var build = NativeLibvips.Load(); // before NetVips binds to a libvips
        Configure();
        return build;
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // the first NetVips access, after the native library is chosen
    private static void Configure()
    {
        if (!ModuleInitializer.VipsInitialized)
            throw new InvalidOperationException(
                "libvips failed to start: " + (ModuleInitializer.Exception?.Message ?? "unknown reason"), ModuleInitializer.Exception);
        // Lookalike decodes many files in parallel, one per core: one libvips worker per image avoids
        // oversubscribing the cores, and caching finished operations would only hold memory.
        NetVips.NetVips.Concurrency = 1;
        Cache.Max = 0;
        // Loaders outside the photo formats (matrix, csv, ppm, pdf, svg, magick, ...) would read text and
        // documents as images: only the loaders ImageFormats knows stay open, and never an untrusted one.
        NetVips.NetVips.BlockUntrusted = true;
        Operation.Block("VipsForeignLoad", true);
        foreach (var loader in ImageFormats.TrustedLoaderClasses()) Operation.Block(loader, false);
        // Loader warnings (bad ICC profiles, ...) would go to stderr; Lookalike reports the files that fail itself.
        _onWarning = (_, _, message) =>
        {
            var sink = Volatile.Read(ref _warnings);
            if (sink != null) lock (sink) sink.Add(message);
        };
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning, _onWarning);
    }

    /// <summary>Runs a libvips step on <paramref name="path"/>, turning its failure into an
    /// <see cref="ImageDecodeException"/> with libvips' own words for that file.</summary>
    public static T Run<T>(string path, Func<T> step)
    {
        EnsureStarted();
        return RunStarted(path, step);
    }

    /// <summary>
    /// Apart from <see cref="Run{T}"/> and never inlined into it: compiling a method that names a NetVips
    /// type (here VipsException) can start NetVips, which would bind the default libvips before
    /// <see cref="NativeLibvips"/> has loaded the chosen one. Every NetVips use in this folder comes after
    /// <see cref="EnsureStarted"/> in the same way.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T RunStarted<T>(string path, Func<T> step)
    {
        Gate.EnterReadLock();
        try
        {
            return step();
        }
        catch (VipsException)
        {
            // rerun alone below
        }
        finally
        {
            Gate.ExitReadLock();
        }

        Gate.EnterWriteLock();
        var warnings = new List<string>();
        try
        {
            _ = new VipsException(""); // reads and clears the error buffer: what another file left there
            Volatile.Write(ref _warnings, warnings);
            return step();
        }
        catch (VipsException e)
        {
            throw new ImageDecodeException(path, Reason(e.Message, warnings, path), e);
        }
        finally
        {
            Volatile.Write(ref _warnings, null);
            Gate.ExitWriteLock();
        }
    }

    /// <summary>
    /// NetVips' message is its own line ("unable to call thumbnail", "unable to write to memory") followed by
    /// libvips' error buffer. libvips repeats the file name, which the exception already names. When a loader
    /// gave up without filling the buffer, its warnings say why.
    /// </summary>
    private static string Reason(string message, List<string> warnings, string path)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var call = lines.Count > 0 ? lines[0] : null;
        if (call != null) lines.RemoveAt(0);
        // libheif's reader probing ("file: bad seek to 2619") says nothing about why the file failed.
        if (lines.Any(l => !l.Contains(": bad seek to ", StringComparison.Ordinal)))
            lines.RemoveAll(l => l.Contains(": bad seek to ", StringComparison.Ordinal));
        if (lines.Count == 0) lock (warnings) lines.AddRange(warnings.Select(w => w.Trim()).Where(w => w.Length > 0));
        var reason = lines.Count > 0
            ? string.Join("; ", lines.Distinct())
            : $"libvips could not decode it ({call ?? "no message"})";
        return reason.Replace($"\"{path}\"", "file").Replace(path, "file");
    }
}
