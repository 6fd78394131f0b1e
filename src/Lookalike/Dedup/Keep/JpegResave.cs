using Lookalike.Catalog;
using Lookalike.Loading;

namespace Lookalike.Dedup.Keep;

/// <summary>
/// Tells which of two JPEGs of one picture at one size was saved from the other. Saving a decoded JPEG again repeats
/// the earlier file's loss almost exactly wherever nothing was changed, so re-encoding the earlier file's pixels with
/// the later file's own settings gives the later file back nearly pixel for pixel (all but an invisible watermark or
/// a small mark), while re-encoding the later file with the earlier's settings does not give the earlier back: the
/// later one lost a generation more. File sizes cannot tell this (a re-save at the same quality without optimised
/// Huffman tables is the bigger file), and neither can the picture (the watermark may be white on white).
/// Says nothing unless both files carry tables libjpeg's quality scaling makes (see <see cref="JpegSettings"/>):
/// a camera's own tables cannot be repeated here.
/// </summary>
public static class JpegResave
{
    /// <summary>Pictures up to this size are compared whole; larger ones in a central <see cref="Window"/>.</summary>
    public const long WholeUpTo = 4_000_000;

    /// <summary>Side of the central window of larger pictures, a multiple of 16 so it holds whole 4:2:0 blocks.</summary>
    public const int Window = 1024;

    /// <summary>Share of samples more than a level off at most for "gives the file back". Measured on the second set's
    /// sources and their watermarked q90 re-saves: at most 1.9 % the true way (a watermark covers more of a small
    /// picture), at least 2.7 % and 13x that the other way; two JPEGs saved from one picture at q80 and q89 or q95: 22 % and more.</summary>
    public const double MaxChanged = 0.05;

    /// <summary>Whether the check can apply: two JPEGs of one size.</summary>
    public static bool Applies(ImageRecord a, ImageRecord b) =>
        IsJpeg(a) && IsJpeg(b) && a.Width == b.Width && a.Height == b.Height && a.PixelCount > 0;

    /// <summary>Positive when <paramref name="b"/> was saved from <paramref name="a"/>, negative for the other way round,
    /// 0 when neither looks so, when both look alike (copies of one file), or when either cannot be read or repeated now.</summary>
    public static int Derivation(ImageRecord a, ImageRecord b)
    {
        if (JpegFile.ReadSettings(a.Path) is not { } sa || JpegFile.ReadSettings(b.Path) is not { } sb) return 0;
        try
        {
            var (pa, pb) = (JpegFile.DecodeCoded(a.Path), JpegFile.DecodeCoded(b.Path));
            if (pa.Width != pb.Width || pa.Height != pb.Height) return 0; // the catalog's sizes are after EXIF rotation
            var region = Region(pa);
            var (ca, cb) = (pa.Crop(region), pb.Crop(region));
            // A window's edges decode from its neighbours in the file (chroma upsampling) but not in the re-encoded window.
            var margin = region == PixelRect.Whole(pa) ? 0 : 8;
            var (bFromA, aFromB) = (Changed(JpegFile.Reencode(ca, sb), cb, margin), Changed(JpegFile.Reencode(cb, sa), ca, margin));
            return GivesBack(bFromA, aFromB) ? 1 : GivesBack(aFromB, bFromA) ? -1 : 0;
        }
        catch (Exception e) when (e is ImageDecodeException or IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Whether re-encoding gave the file back (<paramref name="forward"/> at most <see cref="MaxChanged"/>) and
    /// clearly better than the other way round: at one quality both directions nearly give the file back, and then the
    /// earlier generation is the one that moves more when saved again (a JPEG settles under repeated saves).</summary>
    private static bool GivesBack(double forward, double backward) =>
        forward <= MaxChanged && backward > Settled * forward + MinGap;

    /// <summary>The other direction must change this many times the samples, and <see cref="MinGap"/> more.</summary>
    private const double Settled = 4;

    /// <summary>Byte-for-byte copies change nothing either way: no direction.</summary>
    private const double MinGap = 0.001;

    /// <summary>The catalog's format name for JPEG (<see cref="ImageFormats"/>); a prefix test would also take "jpeg2000".</summary>
    private static bool IsJpeg(ImageRecord file) => file.Format.Equals("jpeg", StringComparison.OrdinalIgnoreCase);

    /// <summary>The whole picture, or a central window on the 16-pixel block grid (so its blocks are the file's blocks).</summary>
    private static PixelRect Region(RgbImage image)
    {
        if ((long)image.Width * image.Height <= WholeUpTo) return PixelRect.Whole(image);
        var (width, height) = (Math.Min(Window, image.Width), Math.Min(Window, image.Height));
        return new PixelRect((image.Width - width) / 2 / 16 * 16, (image.Height - height) / 2 / 16 * 16, width, height);
    }

    /// <summary>Share of samples of <paramref name="a"/> more than one level from <paramref name="b"/>'s: decoders and
    /// colour conversion round by a level, a generation of JPEG loss moves many samples by more. Rows and columns
    /// within <paramref name="margin"/> of the edge are left out.</summary>
    private static double Changed(RgbImage a, RgbImage b, int margin)
    {
        var (sa, sb) = (a.Pixels, b.Pixels);
        long changed = 0, count = 0;
        for (var y = margin; y < a.Height - margin; y++)
            for (int i = (y * a.Width + margin) * 3, end = (y * a.Width + a.Width - margin) * 3; i < end; i++, count++)
                if (Math.Abs(sa[i] - sb[i]) > 1) changed++;
        return count == 0 ? 1 : (double)changed / count;
    }
}
