using Lookalike.Loading;

namespace Lookalike.Fingerprints.Hashes;

/// <summary>A small luminance image, the common input of the grey-level hashes.</summary>
internal sealed class GreyImage
{
    private GreyImage(int width, int height, float[] pixels) { Width = width; Height = height; Pixels = pixels; }

    public int Width { get; }
    public int Height { get; }
    /// <summary>Luma 0..255, row by row.</summary>
    public float[] Pixels { get; }

    public float this[int x, int y] => Pixels[y * Width + x];

    /// <summary>This (square) image rotated or mirrored.</summary>
    public GreyImage Transform(Dihedral transform)
    {
        if (Width != Height) throw new InvalidOperationException("Only square grey images are rotated.");
        var pixels = new float[Pixels.Length];
        for (int y = 0; y < Height; y++)
        for (int x = 0; x < Width; x++)
        {
            var (sx, sy) = DihedralMap.Source(transform, x, y, Width);
            pixels[y * Width + x] = this[sx, sy];
        }
        return new GreyImage(Width, Height, pixels);
    }

    /// <summary>
    /// Luma (ITU-R 601, as PIL's "L" mode that imagehash uses) resampled to exactly width x height by area
    /// averaging: every source pixel contributes in proportion to how much of it a target pixel covers.
    /// Hashes squash the aspect ratio on purpose, like imagehash.
    /// </summary>
    public static GreyImage From(RgbImage image, int width, int height)
    {
        var luma = new float[image.Width * image.Height];
        var rgb = image.Pixels;
        for (int i = 0, p = 0; i < luma.Length; i++, p += 3)
            luma[i] = rgb[p] * 0.299f + rgb[p + 1] * 0.587f + rgb[p + 2] * 0.114f;
        return new GreyImage(width, height, AreaResample(luma, image.Width, image.Height, width, height));
    }

    private static float[] AreaResample(float[] source, int sourceWidth, int sourceHeight, int width, int height)
    {
        var xSpans = Spans(sourceWidth, width);
        var ySpans = Spans(sourceHeight, height);
        var result = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            foreach (var (sy, wy) in ySpans[y])
            {
                var row = sy * sourceWidth;
                for (int x = 0; x < width; x++)
                {
                    float sum = 0;
                    foreach (var (sx, wx) in xSpans[x]) sum += source[row + sx] * wx;
                    result[y * width + x] += sum * wy;
                }
            }
        }
        return result;
    }

    /// <summary>For each target index, the source indices it covers and their weights (summing to 1).
    /// Enlarging works too: each target pixel then covers part of one or two source pixels.</summary>
    private static (int Index, float Weight)[][] Spans(int sourceLength, int targetLength)
    {
        var scale = (double)sourceLength / targetLength;
        var spans = new (int, float)[targetLength][];
        for (int t = 0; t < targetLength; t++)
        {
            double start = t * scale, end = (t + 1) * scale;
            var list = new List<(int, float)>();
            for (int s = (int)Math.Floor(start); s < Math.Min(sourceLength, (int)Math.Ceiling(end)); s++)
            {
                var overlap = Math.Min(end, s + 1) - Math.Max(start, s);
                if (overlap > 1e-9) list.Add((s, (float)(overlap / scale)));
            }
            spans[t] = list.ToArray();
        }
        return spans;
    }
}
