using NetVips;

namespace Lookalike.Loading;

/// <summary>One image format and whether the loaded libvips decodes it.</summary>
/// <param name="Name">The name <see cref="ImageHeader.Format"/> uses ("jpeg", "heif" for HEIC, "avif", ...).</param>
/// <param name="Loader">The libvips loader (its nickname, e.g. "heifload").</param>
/// <param name="Extensions">File name extensions the scanner lists for it.</param>
/// <param name="Readable">Whether this libvips decoded a sample of the format.</param>
/// <param name="Why">When not readable: libvips' reason (no loader, blocked as untrusted, no codec).</param>
public sealed record ImageFormat(string Name, string Loader, IReadOnlyList<string> Extensions, bool Readable, string? Why);

/// <summary>
/// The formats Lookalike catalogues: photo formats only, each read by a loader of its own and probed once
/// per process by decoding a tiny embedded sample, so the extension list and <c>lookalike doctor</c> say
/// what this libvips build really reads (the bundled one has no HEVC decoder, so no HEIC; Debian's marks
/// JPEG 2000 and JPEG XL untrusted, so they stay blocked). A file is catalogued only when the loader
/// libvips picks from its bytes is one of these.
/// </summary>
public static class ImageFormats
{
    private sealed record Known(string Name, string Loader, string LoaderClass, string Sample, string[] Extensions);

    private static readonly Known[] All =
    [
        new("jpeg", "jpegload", "VipsForeignLoadJpeg", "sample.jpg", [".jpg", ".jpeg", ".jpe", ".jfif"]),
        new("png", "pngload", "VipsForeignLoadPng", "sample.png", [".png"]),
        new("webp", "webpload", "VipsForeignLoadWebp", "sample.webp", [".webp"]),
        new("gif", "gifload", "VipsForeignLoadNsgif", "sample.gif", [".gif"]),
        new("tiff", "tiffload", "VipsForeignLoadTiff", "sample.tif", [".tif", ".tiff"]),
        new("heif", "heifload", "VipsForeignLoadHeif", "sample.heic", [".heic", ".heif"]),
        new("avif", "heifload", "VipsForeignLoadHeif", "sample.avif", [".avif"]),
        new("jp2k", "jp2kload", "VipsForeignLoadJp2k", "sample.jp2", [".jp2", ".j2k"]),
        new("jxl", "jxlload", "VipsForeignLoadJxl", "sample.jxl", [".jxl"]),
    ];

    /// <summary>Loaders that read a photo format but need no sample of their own: libvips 8.18 reads
    /// JPEGs that carry an Ultra HDR gain map with uhdrload.</summary>
    private static readonly Dictionary<string, (string Format, string LoaderClass)> Aliases = new(StringComparer.Ordinal)
    {
        ["uhdrload"] = ("jpeg", "VipsForeignLoadUhdr"),
    };

    private static readonly Lazy<IReadOnlyList<ImageFormat>> Probed = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<IReadOnlySet<string>> ReadableExtensions = new(() =>
        new HashSet<string>(Probed.Value.Where(f => f.Readable).SelectMany(f => f.Extensions), StringComparer.OrdinalIgnoreCase));

    /// <summary>Every format Lookalike knows, with whether the loaded libvips reads it.</summary>
    public static IReadOnlyList<ImageFormat> Formats => Probed.Value;

    /// <summary>Extensions of the formats the loaded libvips reads (case-insensitive, with the dot).</summary>
    public static IReadOnlySet<string> Extensions => ReadableExtensions.Value;

    /// <summary>The format family a loader reads, or null when Lookalike does not catalogue what it reads.</summary>
    internal static string? FormatOfLoader(string loader) =>
        All.FirstOrDefault(f => f.Loader == loader)?.Name ?? (Aliases.TryGetValue(loader, out var alias) ? alias.Format : null);

    /// <summary>Loader classes to leave unblocked: those known here that this libvips has and trusts.</summary>
    internal static IEnumerable<string> TrustedLoaderClasses() =>
        All.Select(f => (f.Loader, f.LoaderClass)).Concat(Aliases.Select(a => (a.Key, a.Value.LoaderClass))).Distinct()
            .Where(loader => IsTrusted(loader.Item1)).Select(loader => loader.Item2);

    private static bool IsTrusted(string loader)
    {
        if (NetVips.NetVips.TypeFind("VipsOperation", loader) == IntPtr.Zero) return false;
        using var operation = Operation.NewFromName(loader);
        return !operation.GetFlags().HasFlag(Enums.OperationFlags.UNTRUSTED);
    }

    private static List<ImageFormat> Probe()
    {
        Libvips.EnsureStarted();
        return All.Select(format =>
        {
            var (readable, why) = TryDecodeSample(format);
            return new ImageFormat(format.Name, format.Loader, format.Extensions, readable, why);
        }).ToList();
    }

    private static (bool, string?) TryDecodeSample(Known format)
    {
        if (NetVips.NetVips.TypeFind("VipsOperation", format.Loader) == IntPtr.Zero) return (false, "this libvips has no " + format.Loader);
        using (var operation = Operation.NewFromName(format.Loader))
        {
            if (operation.GetFlags().HasFlag(Enums.OperationFlags.BLOCKED))
                return (false, $"{format.Loader} is blocked (libvips marks it untrusted)");
        }
        using var stream = typeof(ImageFormats).Assembly.GetManifestResourceStream($"Lookalike.Loading.Samples.{format.Sample}")
                           ?? throw new InvalidOperationException($"sample {format.Sample} is not embedded");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        try
        {
            var pixels = Libvips.Run(format.Sample, () =>
            {
                using var image = Image.NewFromBuffer(bytes, failOn: Enums.FailOn.Error);
                return image.WriteToMemory<byte>();
            });
            return pixels.Length > 0 ? (true, null) : (false, "sample decoded to no pixels");
        }
        catch (ImageDecodeException e)
        {
            return (false, e.Reason);
        }
    }
}
