using System.Globalization;
using System.Runtime.CompilerServices;
using Lookalike.Files;
using NetVips;

namespace Lookalike.Loading;

/// <summary>
/// Decodes image files into 8-bit sRGB through libvips: shrink-on-load to the size asked for, EXIF
/// orientation applied, alpha flattened on white, CMYK / greyscale / 16-bit converted.
/// Thread-safe; decode one file per core.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Default guard against decompression bombs: 100 megapixels.</summary>
    public const long DefaultMaxPixels = 100_000_000;

    /// <summary>Reads the header (dimensions, format, EXIF date, camera and software) without decoding pixels.</summary>
    public static ImageHeader ReadHeader(string path, long maxPixels = DefaultMaxPixels)
    {
        using var library = LibraryPath.Of(path); // a name that is not UTF-8 reaches libvips as /proc/self/fd/N
        path = library.Path;
        Libvips.EnsureStarted(); // before FindLoader, which names NetVips types, is compiled
        CheckReadable(path);
        var (loader, format) = FindLoader(path);
        return Libvips.Run(path, () =>
        {
            using var image = (Image)Operation.Call(loader, path);
            var swapped = GetInt(image, "orientation") is >= 5 and <= 8; // 90° rotations swap the sides
            var header = new ImageHeader(
                swapped ? image.Height : image.Width,
                swapped ? image.Width : image.Height,
                format == "heif" && GetString(image, "heif-compression") == "av1" ? "avif" : format,
                ExifDate(image),
                Camera(image),
                ExifText(image, "exif-ifd0-Software"));
            if (header.PixelCount > maxPixels)
                throw new ImageDecodeException(path,
                    $"image is {header.Width}x{header.Height} ({header.PixelCount / 1e6:0.#} MP), above the limit of {maxPixels / 1e6:0.#} MP");
            return header;
        });
    }

    /// <summary>Decodes the image at <paramref name="path"/> to RGB at the size asked for.</summary>
    /// <param name="header">The file's header if already read, which saves reading it again.</param>
    /// <param name="failOnWarning">Fail on any decoder warning (corrupt data libvips would otherwise paper over), not only
    /// on truncation: how <see cref="Fingerprints.Fingerprinter"/> tells a damaged file from an intact one.</param>
    public static RgbImage Decode(string path, DecodeSize size, ImageHeader? header = null, long maxPixels = DefaultMaxPixels,
        bool failOnWarning = false)
    {
        using var library = LibraryPath.Of(path); // a name that is not UTF-8 reaches libvips as /proc/self/fd/N
        path = library.Path;
        header ??= ReadHeader(path, maxPixels);
        var (boxWidth, boxHeight) = Box(header, size);
        return Libvips.Run(path, () =>
        {
            using var thumbnail = Image.Thumbnail(path, boxWidth, boxHeight, Enums.Size.Down, failOn: failOnWarning ? Enums.FailOn.Warning : Enums.FailOn.Truncated);
            return ToRgb(thumbnail);
        });
    }

    /// <summary>The box libvips' thumbnail must fit the image into (it keeps the aspect ratio).</summary>
    private static (int Width, int Height) Box(ImageHeader header, DecodeSize size)
    {
        const int unbounded = 10_000_000;
        if (size.FitWithin > 0) return (size.FitWithin, size.FitWithin);
        return header.Width <= header.Height
            ? (size.ShortSideAtLeast, unbounded)
            : (unbounded, size.ShortSideAtLeast);
    }

    private static RgbImage ToRgb(Image image)
    {
        var current = image;
        var owned = new List<Image>();
        try
        {
            void Step(Image next) { owned.Add(next); current = next; }

            // Greyscale, CMYK, 16-bit and other spaces to 8-bit sRGB (alpha, if any, is kept as a 4th band).
            if (current.Interpretation != Enums.Interpretation.Srgb || current.Format != Enums.BandFormat.Uchar)
                Step(current.Colourspace(Enums.Interpretation.Srgb));
            if (current.HasAlpha())
                Step(current.Flatten([255.0, 255.0, 255.0]));
            if (current.Bands > 3)
                Step(current.ExtractBand(0, 3));
            if (current.Format != Enums.BandFormat.Uchar)
                Step(current.Cast(Enums.BandFormat.Uchar));
            return new RgbImage(current.Width, current.Height, current.WriteToMemory<byte>());
        }
        finally
        {
            foreach (var step in owned) step.Dispose();
        }
    }

    private static void CheckReadable(string path)
    {
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (!file.Exists) throw new ImageDecodeException(path, "file not found");
            if (file.Length == 0) throw new ImageDecodeException(path, "empty file (0 bytes)");
            using var stream = file.OpenRead(); // surfaces permission problems with the OS's own words
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(path, e.Message, e);
        }
    }

    /// <summary>The loader libvips picks from the file's bytes (not its name), if it reads a catalogued format.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // see ReadHeader
    private static (string Loader, string Format) FindLoader(string path)
    {
        // libvips names the loader class (VipsForeignLoadJpegFile); operations are called by nickname (jpegload).
        var loaderClass = Libvips.Run(path, () => Image.FindLoad(path));
        if (loaderClass == null) throw new ImageDecodeException(path, "not a supported image format");
        var loader = NetVips.NetVips.NicknameFind(NetVips.NetVips.TypeFromName(loaderClass));
        var format = ImageFormats.FormatOfLoader(loader)
                     ?? throw new ImageDecodeException(path, $"not a supported image format (libvips would read it with {loader})");
        return (loader, format);
    }

    private static int? GetInt(Image image, string field) =>
        image.GetTypeOf(field) != IntPtr.Zero && image.Get(field) is int value ? value : null;

    /// <summary>A text field, whether libvips stored it as a plain or a reference-counted string.</summary>
    private static string? GetString(Image image, string field) =>
        image.GetTypeOf(field) != IntPtr.Zero && image.Get(field) is string value ? value : null;

    private static DateTime? ExifDate(Image image)
    {
        foreach (var field in new[] { "exif-ifd2-DateTimeOriginal", "exif-ifd0-DateTime" })
        {
            var value = ExifText(image, field);
            if (value != null && DateTime.TryParseExact(value, "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var date))
                return date;
        }
        return null;
    }

    private static string? Camera(Image image)
    {
        var make = ExifText(image, "exif-ifd0-Make");
        var model = ExifText(image, "exif-ifd0-Model");
        if (make != null && model != null && model.StartsWith(make, StringComparison.OrdinalIgnoreCase)) return model;
        var camera = string.Join(' ', new[] { make, model }.Where(s => !string.IsNullOrEmpty(s)));
        return camera.Length == 0 ? null : camera;
    }

    /// <summary>libvips renders EXIF fields as "value (value, ASCII, 20 components, 20 bytes)": keep the value.</summary>
    private static string? ExifText(Image image, string field)
    {
        var raw = GetString(image, field);
        if (raw == null) return null;
        var cut = raw.IndexOf(" (", StringComparison.Ordinal);
        var value = (cut >= 0 ? raw[..cut] : raw).Trim();
        return value.Length == 0 ? null : value;
    }
}
