namespace Lookalike.Loading;

/// <summary>
/// Finds the content rectangle inside flat margins (added borders, letterbox bars, screenshot frames),
/// so a bordered copy is hashed and embedded from the same pixels as its original. An edge row or column is
/// "flat" when every pixel is within <see cref="Tolerance"/> of that line's mean colour. The four
/// edges are peeled repeatedly until none moves, and nothing is trimmed when less than
/// <see cref="MinKeptFraction"/> of a side would remain (a nearly uniform image is left whole).
/// Both the hashes and the embedder look only at the content, so borders change neither.
/// </summary>
internal static class MarginTrimmer
{
    public const int Tolerance = 24;
    public const double MinKeptFraction = 0.25;

    public static PixelRect ContentRect(RgbImage image)
    {
        int left = 0, top = 0, right = image.Width, bottom = image.Height;
        bool moved = true;
        while (moved)
        {
            moved = false;
            while (bottom - top > 1 && IsFlat(image, left, right, top, horizontal: true)) { top++; moved = true; }
            while (bottom - top > 1 && IsFlat(image, left, right, bottom - 1, horizontal: true)) { bottom--; moved = true; }
            while (right - left > 1 && IsFlat(image, top, bottom, left, horizontal: false)) { left++; moved = true; }
            while (right - left > 1 && IsFlat(image, top, bottom, right - 1, horizontal: false)) { right--; moved = true; }
        }
        int width = right - left, height = bottom - top;
        if (width < image.Width * MinKeptFraction || height < image.Height * MinKeptFraction) return PixelRect.Whole(image);
        return new PixelRect(left, top, width, height);
    }

    /// <summary>Whether the line at <paramref name="at"/> (a row when horizontal) between from..to is one colour.</summary>
    private static bool IsFlat(RgbImage image, int from, int to, int at, bool horizontal)
    {
        var pixels = image.Pixels;
        int step = horizontal ? 3 : image.Width * 3;
        int start = horizontal ? (at * image.Width + from) * 3 : (from * image.Width + at) * 3;
        int n = to - from;
        long sumR = 0, sumG = 0, sumB = 0;
        for (int i = 0, p = start; i < n; i++, p += step) { sumR += pixels[p]; sumG += pixels[p + 1]; sumB += pixels[p + 2]; }
        int meanR = (int)(sumR / n), meanG = (int)(sumG / n), meanB = (int)(sumB / n);
        for (int i = 0, p = start; i < n; i++, p += step)
        {
            if (Math.Abs(pixels[p] - meanR) > Tolerance || Math.Abs(pixels[p + 1] - meanG) > Tolerance || Math.Abs(pixels[p + 2] - meanB) > Tolerance)
                return false;
        }
        return true;
    }
}
