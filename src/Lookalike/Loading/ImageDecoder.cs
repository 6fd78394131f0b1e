using System.Globalization;
using System.Runtime.InteropServices;
using Lookalike.Loading.Vips;

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

    /// <summary>Reads the header (dimensions, format, EXIF date and camera) without decoding pixels.</summary>
    public static ImageHeader ReadHeader(string path, long maxPixels = DefaultMaxPixels)
    {
        CheckReadable(path);
        var loader = FindLoader(path);
        using var image = Run(path, () => VipsOperation.Call(loader, ("filename", path)));
        var swapped = image.GetInt("orientation") is >= 5 and <= 8; // 90° rotations swap the sides
        var header = new ImageHeader(
            swapped ? image.Height : image.Width,
            swapped ? image.Width : image.Height,
            FormatName(loader, image),
            ExifDate(image),
            Camera(image));
        if (header.PixelCount > maxPixels)
            throw new ImageDecodeException(path,
                $"image is {header.Width}x{header.Height} ({header.PixelCount / 1e6:0.#} MP), above the limit of {maxPixels / 1e6:0.#} MP");
        return header;
    }

    /// <summary>Decodes the image at <paramref name="path"/> to RGB at the size asked for.</summary>
    /// <param name="header">The file's header if already read, which saves reading it again.</param>
    /// <param name="failOnWarning">Fail on any decoder warning (corrupt data libvips would otherwise paper over), not only
    /// on truncation: how <see cref="Fingerprints.Fingerprinter"/> tells a damaged file from an intact one.</param>
    public static RgbImage Decode(string path, DecodeSize size, ImageHeader? header = null, long maxPixels = DefaultMaxPixels,
        bool failOnWarning = false)
    {
        header ??= ReadHeader(path, maxPixels);
        var (boxWidth, boxHeight) = Box(header, size);
        return Run(path, () =>
        {
            using var thumbnail = VipsOperation.Call("thumbnail",
                ("filename", path), ("width", boxWidth), ("height", boxHeight), ("size", "down"),
                ("fail-on", failOnWarning ? "warning" : "truncated"));
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

    private static RgbImage ToRgb(VipsImage image)
    {
        var current = image;
        var owned = new List<VipsImage>();
        try
        {
            VipsImage Step(VipsImage next) { owned.Add(next); return current = next; }

            // Greyscale, CMYK, 16-bit and other spaces to 8-bit sRGB (alpha, if any, is kept as a 4th band).
            if (current.Interpretation != VipsInterpretation.sRGB || current.Format != VipsBandFormat.UChar)
                Step(VipsOperation.Call("colourspace", ("in", current), ("space", "srgb")));
            if (current.HasAlpha)
                Step(VipsOperation.Call("flatten", ("in", current), ("background", new[] { 255.0, 255.0, 255.0 })));
            if (current.Bands > 3)
                Step(VipsOperation.Call("extract_band", ("in", current), ("band", 0), ("n", 3)));
            if (current.Format != VipsBandFormat.UChar)
                Step(VipsOperation.Call("cast", ("in", current), ("format", "uchar")));
            return new RgbImage(current.Width, current.Height, current.ToBytes());
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

    private static string FindLoader(string path)
    {
        VipsLibrary.EnsureStarted();
        var loader = VipsNative.vips_foreign_find_load(path);
        if (loader == IntPtr.Zero)
        {
            VipsLibrary.TakeError();
            throw new ImageDecodeException(path, "not a supported image format");
        }
        var typeName = Marshal.PtrToStringUTF8(loader)!;
        return Marshal.PtrToStringUTF8(VipsNative.vips_nickname_find(VipsNative.g_type_from_name(typeName)))!;
    }

    private static readonly Lock RetryLock = new();

    /// <summary>
    /// Runs a libvips step, turning failures into <see cref="ImageDecodeException"/>. libvips keeps one
    /// error buffer for the whole process, so when files fail on several threads at once a message can
    /// land on the wrong file: a failed step is therefore run once more alone, which yields its own
    /// message (failures are rare, so this costs nothing in a normal run).
    /// </summary>
    private static T Run<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (VipsException)
        {
            lock (RetryLock)
            {
                VipsLibrary.TakeError();
                try
                {
                    return action();
                }
                catch (VipsException e)
                {
                    throw new ImageDecodeException(path, Clean(e.Message, path), e);
                }
            }
        }
    }

    /// <summary>libvips repeats the file name in its messages; the exception already names it.</summary>
    private static string Clean(string message, string path) =>
        message.Replace($"\"{path}\"", "file").Replace(path, "file");

    private static string FormatName(string loader, VipsImage image)
    {
        var format = loader.EndsWith("load", StringComparison.Ordinal) ? loader[..^4] : loader;
        if (format == "nsgif") format = "gif";
        if (format == "heif" && image.GetString("heif-compression") == "av1") format = "avif";
        return format;
    }

    private static DateTime? ExifDate(VipsImage image)
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

    private static string? Camera(VipsImage image)
    {
        var make = ExifText(image, "exif-ifd0-Make");
        var model = ExifText(image, "exif-ifd0-Model");
        if (make != null && model != null && model.StartsWith(make, StringComparison.OrdinalIgnoreCase)) return model;
        var camera = string.Join(' ', new[] { make, model }.Where(s => !string.IsNullOrEmpty(s)));
        return camera.Length == 0 ? null : camera;
    }

    /// <summary>libvips renders EXIF fields as "value (value, ASCII, 20 components, 20 bytes)": keep the value.</summary>
    private static string? ExifText(VipsImage image, string field)
    {
        var raw = image.GetString(field);
        if (raw == null) return null;
        var cut = raw.IndexOf(" (", StringComparison.Ordinal);
        var value = (cut >= 0 ? raw[..cut] : raw).Trim();
        return value.Length == 0 ? null : value;
    }
}
