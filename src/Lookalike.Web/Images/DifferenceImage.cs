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

    /// <summary>Rounding slack, so the identity placement maps every pixel onto itself.</summary>
    private const double Epsilon = 1e-6;

    private const int NoiseFloor = 12;

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
                var u = Math.Floor((x - placement.X) / placement.Width * b.Width + Epsilon);
                var v = Math.Floor((y - placement.Y) / placement.Height * b.Height + Epsilon);
                if (u < 0 || v < 0 || u >= b.Width || v >= b.Height)
                {
                    pixels[i] = (byte)(ga / 3);
                    pixels[i + 1] = (byte)(ga / 3);
                    pixels[i + 2] = (byte)Math.Min(255, 120 + ga / 2);
                    continue;
                }
                var gb = greyB[(int)v * b.Width + (int)u];
                // Recompression and resampling leave a few levels of noise everywhere: only more than that lights up.
                var difference = Math.Min(255, Math.Max(0, Math.Abs(ga - gb) - NoiseFloor) * 4);
                var background = ga / 4;
                pixels[i] = (byte)Math.Min(255, background + difference);
                pixels[i + 1] = (byte)background;
                pixels[i + 2] = (byte)background;
            }
        }
        return new RgbImage(a.Width, a.Height, pixels);
    }

    /// <summary>B's rectangle in A's pixels that makes the grey copies differ least (over an overlap of at least half of the smaller).</summary>
    public static Placement Align(RgbImage a, RgbImage b)
    {
        var smallA = Shrink(a, SearchWidth);
        var smallB = Shrink(b, SearchWidth);
        int aw = SearchWidth, ah = smallA.Length / SearchWidth, bw = SearchWidth, bh = smallB.Length / SearchWidth;
        var best = (Cost: double.MaxValue, X: 0.0, Y: 0.0, Scale: 1.0);
        void Try(double scale, double x, double y)
        {
            var w = aw * scale;
            var cost = Cost(smallA, aw, ah, smallB, bw, bh, x, y, w, w * bh / bw);
            if (cost < best.Cost) best = (cost, x, y, scale);
        }
        // Coarse: B's width in A's frame from half (B is a crop) to 1.6 times (A is a crop of B), whole small pixels.
        for (var step = 0; step <= 22; step++)
        {
            var scale = 0.5 + step * 0.05;
            double w = aw * scale, h = w * bh / bw;
            for (var x = Math.Min(0, aw - w); x <= Math.Max(0, aw - w) + 1e-9; x += 1)
                for (var y = Math.Min(0, ah - h); y <= Math.Max(0, ah - h) + 1e-9; y += 1)
                    Try(scale, x, y);
        }
        // Fine: around the coarse best, a fifth of the steps.
        var coarse = best;
        for (var ds = -0.05; ds <= 0.05 + 1e-9; ds += 0.01)
            for (var dx = -1.0; dx <= 1.0 + 1e-9; dx += 0.25)
                for (var dy = -1.0; dy <= 1.0 + 1e-9; dy += 0.25)
                    Try(coarse.Scale + ds, coarse.X + dx, coarse.Y + dy);
        var bestW = aw * best.Scale;
        double fx = (double)a.Width / aw, fy = (double)a.Height / ah;
        return new Placement(best.X * fx, best.Y * fy, bestW * fx, bestW * bh / bw * fy);
    }

    private static double Cost(float[] a, int aw, int ah, float[] b, int bw, int bh, double x0, double y0, double w, double h)
    {
        double sum = 0;
        var count = 0;
        for (var y = 0; y < ah; y++)
        {
            var v = Math.Floor((y - y0) / h * bh + Epsilon);
            if (v < 0 || v >= bh) continue;
            for (var x = 0; x < aw; x++)
            {
                var u = Math.Floor((x - x0) / w * bw + Epsilon);
                if (u < 0 || u >= bw) continue;
                sum += Math.Abs(a[y * aw + x] - b[(int)v * bw + (int)u]);
                count++;
            }
        }
        // At least half of the smaller picture must overlap, or a sliver of sky could win.
        return count * 2 < Math.Min(aw * ah, w * h) ? double.MaxValue : sum / count;
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
