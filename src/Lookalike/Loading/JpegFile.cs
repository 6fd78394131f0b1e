using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Lookalike.Files;
using NetVips;

namespace Lookalike.Loading;

/// <summary>How a baseline colour JPEG was encoded, as far as an encoder can repeat it: the IJG quality its
/// quantisation tables were scaled from (libjpeg's jpeg_set_quality, which libvips, ImageMagick, PIL and most
/// command-line tools use) and whether its chroma is subsampled 2x2 (4:2:0) or not (4:4:4).</summary>
public sealed record JpegSettings(int Quality, bool Subsampled);

/// <summary>
/// What the keeper needs of a JPEG beyond its decoded picture: the settings it was saved with (<see cref="ReadSettings(string)"/>,
/// from the file's own DQT and SOF segments), its coded pixels (<see cref="DecodeCoded"/>: no EXIF rotation, no colour
/// profile applied, so the pixel grid is the encoder's 8x8 block grid) and what saving pixels with given settings
/// gives back (<see cref="Reencode"/>).
/// </summary>
public static class JpegFile
{
    /// <summary>The settings, or null when the file is not a colour JPEG with tables libjpeg's quality scaling
    /// makes (a camera's or an editor's own tables, 4:2:2, greyscale, CMYK) or cannot be read now.</summary>
    public static JpegSettings? ReadSettings(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return ReadSettings(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Walks the marker segments up to the first scan; reads DQT (tables 0 and 1) and SOF (sampling).</summary>
    public static JpegSettings? ReadSettings(Stream stream)
    {
        Span<byte> marker = stackalloc byte[4];
        if (stream.Read(marker[..2]) != 2 || marker[0] != 0xFF || marker[1] != 0xD8) return null;
        var tables = new int[2][];
        bool? subsampled = null;
        while (stream.ReadAtLeast(marker, 4, throwOnEndOfStream: false) == 4 && marker[0] == 0xFF)
        {
            var kind = marker[1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(marker[2..]) - 2;
            if (length < 0 || kind == 0xDA) break; // start of scan: every table the first scan needs came before it
            var body = new byte[length];
            if (stream.ReadAtLeast(body, length, throwOnEndOfStream: false) != length) return null;
            if (kind == 0xDB && !ReadTables(body, tables)) return null;
            if (kind is 0xC0 or 0xC1 or 0xC2) subsampled = Sampling(body);
            else if (kind is >= 0xC3 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC) return null; // lossless, hierarchical, arithmetic
        }
        if (subsampled is not { } sub || tables[0] is not { } luma || tables[1] is not { } chroma) return null;
        for (var quality = 1; quality <= 100; quality++)
            if (Matches(luma, LumaBase, quality) && Matches(chroma, ChromaBase, quality)) return new JpegSettings(quality, sub);
        return null;
    }

    /// <summary>The decoded pixels in the file's own orientation and colours: libjpeg's output, nothing applied after it.</summary>
    /// <exception cref="ImageDecodeException">The file does not decode as a 3-band JPEG.</exception>
    public static RgbImage DecodeCoded(string path)
    {
        using var library = LibraryPath.Of(path);
        Libvips.EnsureStarted(); // before DecodeStarted, which names NetVips types, is compiled (see Libvips.Run)
        return Libvips.Run(path, () => DecodeStarted(library.Path));
    }

    /// <summary><paramref name="image"/> saved as a JPEG with <paramref name="settings"/> (libjpeg's defaults otherwise,
    /// as libvips saves), decoded again.</summary>
    public static RgbImage Reencode(RgbImage image, JpegSettings settings)
    {
        Libvips.EnsureStarted();
        return ReencodeStarted(image, settings);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RgbImage DecodeStarted(string path)
    {
        using var image = Image.Jpegload(path, autorotate: false, failOn: Enums.FailOn.Truncated);
        if (image.Bands != 3 || image.Format != Enums.BandFormat.Uchar) throw new ImageDecodeException(path, $"a {image.Bands}-band JPEG, not YCbCr");
        return new RgbImage(image.Width, image.Height, image.WriteToMemory<byte>());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RgbImage ReencodeStarted(RgbImage image, JpegSettings settings)
    {
        using var pixels = Image.NewFromMemory(image.Pixels, image.Width, image.Height, 3, Enums.BandFormat.Uchar);
        var bytes = pixels.JpegsaveBuffer(q: settings.Quality,
            subsampleMode: settings.Subsampled ? Enums.ForeignSubsample.On : Enums.ForeignSubsample.Off, keep: Enums.ForeignKeep.None);
        using var decoded = Image.JpegloadBuffer(bytes);
        return new RgbImage(decoded.Width, decoded.Height, decoded.WriteToMemory<byte>());
    }

    /// <summary>Stores tables 0 and 1 (in the file's zigzag order); false for a table id above 3 or a cut segment.</summary>
    private static bool ReadTables(byte[] body, int[][] tables)
    {
        var at = 0;
        while (at < body.Length)
        {
            var (precision, id) = (body[at] >> 4, body[at] & 15);
            var size = precision == 0 ? 64 : 128;
            if (id > 3 || at + 1 + size > body.Length) return false;
            var table = new int[64];
            for (var k = 0; k < 64; k++)
                table[k] = precision == 0 ? body[at + 1 + k] : BinaryPrimitives.ReadUInt16BigEndian(body.AsSpan(at + 1 + 2 * k));
            if (id < 2) tables[id] = table;
            at += 1 + size;
        }
        return true;
    }

    /// <summary>True for 4:2:0 (luma 2x2, both chroma 1x1), false for 4:4:4, null for anything else (4:2:2, grey, CMYK).</summary>
    private static bool? Sampling(byte[] body)
    {
        if (body.Length < 6 || body[5] != 3 || body.Length < 6 + 3 * 3) return null;
        int Factors(int component) => body[6 + 3 * component + 1];
        var (y, cb, cr) = (Factors(0), Factors(1), Factors(2));
        if (cb != 0x11 || cr != 0x11) return null;
        return y switch { 0x22 => true, 0x11 => false, _ => null };
    }

    /// <summary>Whether a table (zigzag order) is <paramref name="natural"/> scaled to <paramref name="quality"/> as
    /// jpeg_set_quality does it (baseline: steps clamped to 1..255).</summary>
    private static bool Matches(int[] zigzag, int[] natural, int quality)
    {
        var scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
        for (var k = 0; k < 64; k++)
            if (zigzag[k] != Math.Clamp((natural[ZigzagToNatural[k]] * scale + 50) / 100, 1, 255)) return false;
        return true;
    }

    /// <summary>The JPEG standard's example tables (Annex K), which libjpeg scales by quality, in natural order.</summary>
    private static readonly int[] LumaBase =
    [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ];

    private static readonly int[] ChromaBase =
    [
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    ];

    private static readonly int[] ZigzagToNatural =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];
}
