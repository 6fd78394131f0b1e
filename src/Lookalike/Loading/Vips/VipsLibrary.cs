using System.Runtime.InteropServices;

namespace Lookalike.Loading.Vips;

/// <summary>Starts libvips once per process and turns its error buffer into exceptions.</summary>
internal static class VipsLibrary
{
    private static readonly Lazy<bool> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureStarted() => _ = Started.Value;

    private static bool Start()
    {
        // libvips prints loader warnings (bad ICC profiles, ...) straight to stderr; Lookalike reports
        // files that fail itself, so silence them. It reads the variable from the C environment.
        VipsNative.setenv("VIPS_WARNING", "0", overwrite: 0);
        try
        {
            if (VipsNative.vips_init("lookalike") != 0)
                throw new InvalidOperationException("libvips failed to start: " + TakeError());
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException(
                "libvips is not installed. Run scripts/bootstrap.sh, or as root: apt-get install libvips42", e);
        }
        // Lookalike decodes many files in parallel, one per core: one libvips worker per image avoids
        // oversubscribing the cores, and caching finished operations would only hold memory.
        VipsNative.vips_concurrency_set(1);
        VipsNative.vips_cache_set_max(0);
        // Loaders libvips marks untrusted (csv, matrix, raw, svg, ...) would read text files as images.
        VipsNative.vips_block_untrusted_set(1);
        return true;
    }

    /// <summary>Reads and clears libvips' error buffer, one line per message.</summary>
    public static string TakeError()
    {
        var text = Marshal.PtrToStringUTF8(VipsNative.vips_error_buffer()) ?? "";
        VipsNative.vips_error_clear();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "unknown libvips error" : string.Join("; ", lines.Distinct());
    }
}
