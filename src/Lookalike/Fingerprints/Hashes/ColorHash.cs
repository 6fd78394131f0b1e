using Lookalike.Loading;

namespace Lookalike.Fingerprints.Hashes;

/// <summary>
/// Colour hash (imagehash's colorhash, 3 bits a bin): the share of black pixels, of grey (unsaturated)
/// pixels, and of faint and bright colours in 6 hue bins each; 14 bins x 3 bits = 42 bits, in the low bits.
/// HSV as PIL computes it, every channel 0..255.
/// </summary>
internal static class ColorHash
{
    private const int BinBits = 3, HueBins = 6;

    public static ulong Compute(RgbImage image)
    {
        var rgb = image.Pixels;
        int pixels = image.Width * image.Height, black = 0, grey = 0;
        Span<int> faint = stackalloc int[HueBins];
        Span<int> bright = stackalloc int[HueBins];
        for (int p = 0; p < rgb.Length; p += 3)
        {
            int r = rgb[p], g = rgb[p + 1], b = rgb[p + 2];
            var luma = r * 0.299f + g * 0.587f + b * 0.114f;
            int max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b));
            var saturation = max == 0 ? 0 : (max - min) * 255 / max;
            if (luma < 256 / 8) black++;
            else if (saturation < 256 / 3) grey++;
            else (saturation < 256 * 2 / 3 ? faint : bright)[Math.Min(HueBins - 1, Hue(r, g, b, max, min) * HueBins / 256)]++;
        }
        var colored = Math.Max(1, pixels - black - grey);
        ulong hash = 0;
        hash = Append(hash, (double)black / pixels);
        hash = Append(hash, (double)grey / pixels);
        foreach (var count in faint) hash = Append(hash, (double)count / colored);
        foreach (var count in bright) hash = Append(hash, (double)count / colored);
        return hash;
    }

    private static ulong Append(ulong hash, double fraction)
    {
        const int levels = 1 << BinBits;
        var value = Math.Min(levels - 1, (int)(fraction * levels));
        return (hash << BinBits) | (uint)value;
    }

    /// <summary>Hue 0..255 as PIL's RGB to HSV conversion gives it.</summary>
    private static int Hue(int r, int g, int b, int max, int min)
    {
        if (max == min) return 0;
        double delta = max - min, h;
        if (max == r) h = (g - b) / delta;
        else if (max == g) h = 2 + (b - r) / delta;
        else h = 4 + (r - g) / delta;
        h = (h / 6.0) % 1.0;
        if (h < 0) h += 1.0;
        return (int)(h * 255);
    }
}
