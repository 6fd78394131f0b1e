using Lookalike.Loading;

namespace Lookalike.Dedup.Verify;

/// <summary>
/// A file as the verifier sees it: decoded small (longest side <see cref="LongSide"/>), inside its flat margins (the
/// same trim the hashes and the embedder use, so an added border or frame is not compared) and grey (colour grading,
/// sepia and greyscale copies compare as their originals).
/// </summary>
internal static class VerifyPicture
{
    /// <summary>Large enough for a few hundred keypoints on a photo, small enough to decode and describe in milliseconds.</summary>
    public const int LongSide = 320;

    /// <exception cref="ImageDecodeException">The file cannot be read.</exception>
    public static GreyImage Load(string path)
    {
        var rgb = ImageDecoder.Decode(path, DecodeSize.Fit(LongSide));
        return Grey(rgb.Crop(MarginTrimmer.ContentRect(rgb)));
    }

    public static GreyImage Grey(RgbImage rgb)
    {
        var grey = new GreyImage(rgb.Width, rgb.Height);
        var p = rgb.Pixels;
        for (int i = 0; i < grey.Pixels.Length; i++) grey.Pixels[i] = 0.299f * p[3 * i] + 0.587f * p[3 * i + 1] + 0.114f * p[3 * i + 2];
        return grey;
    }
}
