using Lookalike.Loading;

namespace Lookalike.Web.Images;

/// <summary>
/// Where two pictures differ, after aligning the second onto the first: the placement of B (scale, keeping its aspect,
/// and offset in A's frame) that makes the two most alike is searched on small grey copies, so a crop, a border or a
/// resize lines up and only real changes (overlays, edits) light up. The result is A in dim grey with differences in
/// red; parts of A that B does not cover are tinted blue.
/// </summary>
public static class DifferenceImage
{
    private const int SearchWidth = 48;

    public readonly record struct Placement(double X, double Y, double Width, double Height);

    public static RgbImage Render(RgbImage a, RgbImage b)
    {
        var placement = Align(a, b);
        var greyB = Grey(b);
        var pixels = new byte[a.Width * a.Height * 3];
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var i = (y * a.Width + x) * 3;
                var ga = Luma(a.Pixels, i);
                var u = (x - placement.X) / placement.Width * b.Width;
                var v = (y - placement.Y) / placement.Height * b.Height;
                if (u < 0 || v < 0 || u >= b.Width || v >= b.Height)
                {
                    pixels[i] = (byte)(ga / 3);
                    pixels[i + 1] = (byte)(ga / 3);
                    pixels[i + 2] = (byte)Math.Min(255, 120 + ga / 2);
                    continue;
                }
                var gb = greyB[(int)v * b.Width + (int)u];
                var difference = Math.Min(255, Math.Abs(ga - gb) * 3);
                var background = ga / 4;
                pixels[i] = (byte)Math.Min(255, background + difference);
                pixels[i + 1] = (byte)background;
                pixels[i + 2] = (byte)background;
            }
        }
        return new RgbImage(a.Width, a.Height, pixels);
    }

    /// <summary>B's rectangle in A's pixels that makes the grey copies differ least (over an overlap of at least half of A).</summary>
    public static Placement Align(RgbImage a, RgbImage b)
    {
        var smallA = Shrink(a, SearchWidth);
        var smallB = Shrink(b, SearchWidth);
        int aw = SearchWidth, ah = smallA.Length / SearchWidth, bw = SearchWidth, bh = smallB.Length / SearchWidth;
        var best = (Cost: double.MaxValue, X: 0.0, Y: 0.0, W: (double)aw, H: (double)ah);
        // B's width in A's frame, from B being a crop (narrower) to A being a crop of B (wider).
        for (var scale = 0.5; scale <= 1.6001; scale += 0.05)
        {
            var w = aw * scale;
            var h = w * bh / bw;
            for (var x = Math.Min(0, aw - w); x <= Math.Max(0, aw - w) + 0.001; x += 1)
            {
                for (var y = Math.Min(0, ah - h); y <= Math.Max(0, ah - h) + 0.001; y += 1)
                {
                    var cost = Cost(smallA, aw, ah, smallB, bw, bh, x, y, w, h);
                    if (cost < best.Cost) best = (cost, x, y, w, h);
                }
            }
        }
        double fx = (double)a.Width / aw, fy = (double)a.Height / ah;
        return new Placement(best.X * fx, best.Y * fy, best.W * fx, best.H * fy);
    }

    private static double Cost(float[] a, int aw, int ah, float[] b, int bw, int bh, double x0, double y0, double w, double h)
    {
        double sum = 0;
        var count = 0;
        for (var y = 0; y < ah; y++)
        {
            var v = (y - y0) / h * bh;
            if (v < 0 || v >= bh) continue;
            for (var x = 0; x < aw; x++)
            {
                var u = (x - x0) / w * bw;
                if (u < 0 || u >= bw) continue;
                sum += Math.Abs(a[y * aw + x] - b[(int)v * bw + (int)u]);
                count++;
            }
        }
        return count * 2 < aw * ah ? double.MaxValue : sum / count;
    }

    /// <summary>Grey copy <paramref name="width"/> pixels wide, by box averaging.</summary>
    private static float[] Shrink(RgbImage image, int width)
    {
        var height = Math.Max(1, (int)Math.Round((double)image.Height * width / image.Width));
        var sums = new float[width * height];
        var counts = new int[width * height];
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
        {
            var cell = y * height / image.Height * width + x * width / image.Width;
            sums[cell] += Luma(image.Pixels, (y * image.Width + x) * 3);
            counts[cell]++;
        }
        for (var i = 0; i < sums.Length; i++) sums[i] /= Math.Max(1, counts[i]);
        return sums;
    }

    private static int[] Grey(RgbImage image)
    {
        var grey = new int[image.Width * image.Height];
        for (var i = 0; i < grey.Length; i++) grey[i] = Luma(image.Pixels, i * 3);
        return grey;
    }

    private static int Luma(byte[] rgb, int i) => (rgb[i] * 299 + rgb[i + 1] * 587 + rgb[i + 2] * 114) / 1000;
}
