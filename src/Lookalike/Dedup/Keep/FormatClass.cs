namespace Lookalike.Dedup.Keep;

/// <summary>
/// How much of the original picture a file format can hold, best first. WebP, HEIF and JPEG XL also have
/// lossless modes, but the catalog's format name cannot tell them apart, so they rank as lossy.
/// </summary>
public enum FormatClass
{
    /// <summary>Formats we do not know: rank below everything we do.</summary>
    Unknown = 0,

    /// <summary>Palette or otherwise reduced: GIF (256 colours).</summary>
    Limited = 1,

    /// <summary>Lossy codecs: JPEG, HEIF/HEIC/AVIF, WebP, JPEG XL, JPEG 2000.</summary>
    Lossy = 2,

    /// <summary>Lossless raster: PNG, TIFF, BMP, PNM, OpenEXR, Radiance, FITS, VIPS.</summary>
    Lossless = 3,

    /// <summary>Camera raw sensor data (DNG, CR2, NEF, ...): more bit depth and latitude than any rendering.</summary>
    Raw = 4,
}

/// <summary>Maps a catalog format name (libvips loader family, e.g. "jpeg", "pngload", or an extension) to its class.</summary>
public static class FormatClasses
{
    public static FormatClass Of(string format)
    {
        var name = format.Trim().ToLowerInvariant();
        var load = name.IndexOf("load", StringComparison.Ordinal); // libvips loader names: "jpegload", "pngload_source"
        if (load > 0) name = name[..load];
        return name switch
        {
            "dng" or "raw" or "dcraw" or "cr2" or "cr3" or "nef" or "arw" or "orf" or "rw2" or "raf" or "pef" or "srw" => FormatClass.Raw,
            "png" or "spng" or "tiff" or "tif" or "bmp" or "ppm" or "pnm" or "pgm" or "pbm" or "pfm" or "exr" or "openexr" or "rad" or "fits" or "vips"
                => FormatClass.Lossless,
            "jpeg" or "jpg" or "heif" or "heic" or "avif" or "webp" or "jxl" or "jp2k" or "jp2" or "jpeg2000" => FormatClass.Lossy,
            "gif" => FormatClass.Limited,
            _ => FormatClass.Unknown,
        };
    }

    public static string Describe(FormatClass formatClass) => formatClass switch
    {
        FormatClass.Raw => "RAW",
        FormatClass.Lossless => "lossless",
        FormatClass.Lossy => "lossy",
        FormatClass.Limited => "palette",
        _ => "unknown format",
    };
}
