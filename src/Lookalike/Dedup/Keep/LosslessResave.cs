using Lookalike.Catalog;
using Lookalike.Loading;

namespace Lookalike.Dedup.Keep;

/// <summary>
/// Tells a lossless re-save of a lossy file (a PNG saved from a decoded JPEG) from a lossless master: the re-save holds
/// exactly the JPEG's decoded pixels, while a JPEG made from a lossless master differs from it by the JPEG's loss (many
/// levels somewhere in the picture). So "lossless beats lossy" only holds when the two differ. Checked only for a
/// lossless and a lossy file of the same size, up to <see cref="MaxPixels"/>, both decoded whole. The same check tells
/// two lossless files that hold one picture (a PNG re-saved as PNG): then their sizes say nothing about which came first.
/// </summary>
public static class LosslessResave
{
    /// <summary>Larger pairs are not decoded whole; the format rule then ranks them by class as before.</summary>
    public const long MaxPixels = 4_000_000;

    /// <summary>Decoders round the inverse DCT differently by a level or two; a JPEG's own loss is far larger somewhere.</summary>
    public const int MaxDifference = 3;

    /// <summary>Whether the check can apply: <paramref name="file"/> lossless, <paramref name="of"/> lossy, same size.</summary>
    public static bool Applies(ImageRecord file, ImageRecord of) =>
        FormatClasses.Of(file.Format) == FormatClass.Lossless && FormatClasses.Of(of.Format) == FormatClass.Lossy
        && file.Width == of.Width && file.Height == of.Height && file.PixelCount is > 0 and <= MaxPixels;

    /// <summary>Whether two lossless files of the same size (up to <see cref="MaxPixels"/>) could hold the same pixels:
    /// only then is <see cref="Holds"/> worth decoding them for.</summary>
    public static bool BothLossless(ImageRecord a, ImageRecord b) =>
        FormatClasses.Of(a.Format) == FormatClass.Lossless && FormatClasses.Of(b.Format) == FormatClass.Lossless
        && a.Width == b.Width && a.Height == b.Height && a.PixelCount is > 0 and <= MaxPixels;

    /// <summary>Whether every decoded pixel of <paramref name="file"/> is within <see cref="MaxDifference"/> of
    /// <paramref name="of"/>'s; false when either cannot be decoded now.</summary>
    public static bool Holds(ImageRecord file, ImageRecord of)
    {
        try
        {
            var size = DecodeSize.Fit(Math.Max(file.Width, file.Height));
            var (a, b) = (ImageDecoder.Decode(file.Path, size), ImageDecoder.Decode(of.Path, size));
            if (a.Width != b.Width || a.Height != b.Height) return false;
            var (pa, pb) = (a.Pixels, b.Pixels);
            for (int i = 0; i < pa.Length; i++)
                if (Math.Abs(pa[i] - pb[i]) > MaxDifference) return false;
            return true;
        }
        catch (Exception e) when (e is ImageDecodeException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
