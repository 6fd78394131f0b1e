using System.Runtime.Intrinsics;

namespace Lookalike.Dedup.Verify;

/// <summary>
/// ORB-like features: Harris corners on a scale pyramid (so a crop, which enlarges what is left, still meets its
/// original at some level), spread over a grid (a textured corner must not take every keypoint), each oriented by
/// its intensity centroid and described by BRIEF comparisons rotated to that orientation (so turned copies match).
/// Hand-written rather than taken from a library: the NuGet packages that offer ORB wrap OpenCV's native build
/// (hundreds of MB, another native dependency beside libvips) for about 200 lines of code that this needs.
/// </summary>
internal static class KeypointDetector
{
    public const int MaxKeypoints = 500;
    internal const int Levels = 5;
    internal const float LevelScale = 1.25f;
    internal const int PatchRadius = 15;
    internal const int GridCells = 8;
    /// <summary>Harris response below this (on 0..255 grey with 5x5 sums of gradient products) is noise or flat paint:
    /// near-empty pictures then have few keypoints, which is what keeps them from verifying as copies.</summary>
    internal const float MinResponse = 2e4f;

    public static List<Keypoint> Detect(GreyImage picture)
    {
        var keypoints = new List<Keypoint>();
        var level = picture;
        float scale = 1;
        double totalArea = 0;
        for (int l = 0; l < Levels; l++) totalArea += picture.Width * picture.Height / Math.Pow(LevelScale, 2 * l);
        for (int l = 0; l < Levels && level.Width > 2 * PatchRadius + 8 && level.Height > 2 * PatchRadius + 8; l++)
        {
            int budget = (int)(MaxKeypoints * level.Width * level.Height * scale * scale / totalArea) + 1;
            var smooth = level.Blurred(1.2f);
            foreach (var (x, y) in Corners(level, budget))
            {
                var angle = Orientation(smooth, x, y);
                keypoints.Add(new Keypoint(x * scale, y * scale, scale, angle, Describe(smooth, x, y, angle)));
            }
            level = level.Shrunk(LevelScale);
            scale *= LevelScale;
        }
        return keypoints;
    }

    /// <summary>The strongest local maxima of the Harris response, at most budget / cells per grid cell.</summary>
    private static List<(int X, int Y)> Corners(GreyImage image, int budget)
    {
        int w = image.Width, h = image.Height;
        var (xx, yy, xy) = GradientProducts(image.Pixels, w, h);
        var response = HarrisResponse(xx, yy, xy, w, h);
        int margin = PatchRadius + 2;
        var candidates = new List<(float R, int X, int Y)>();
        for (int y = margin; y < h - margin; y++)
        for (int x = margin; x < w - margin; x++)
        {
            float r = response[y * w + x];
            if (r < MinResponse) continue;
            bool peak = true;
            for (int dy = -2; dy <= 2 && peak; dy++)
            for (int dx = -2; dx <= 2; dx++)
            {
                if ((dx != 0 || dy != 0) && response[(y + dy) * w + x + dx] >= r && (response[(y + dy) * w + x + dx] > r || dy < 0 || (dy == 0 && dx < 0))) { peak = false; break; }
            }
            if (peak) candidates.Add((r, x, y));
        }
        candidates.Sort((a, b) => b.R.CompareTo(a.R));
        int perCell = Math.Max(2, budget / (GridCells * GridCells) * 2);
        var taken = new int[GridCells * GridCells];
        var corners = new List<(int, int)>();
        foreach (var (_, x, y) in candidates)
        {
            int cell = y * GridCells / h * GridCells + x * GridCells / w;
            if (taken[cell] >= perCell) continue;
            taken[cell]++;
            corners.Add((x, y));
            if (corners.Count >= budget) break;
        }
        return corners;
    }

    // The two loops below run eight pixels of a row at a time. Each lane adds and multiplies the same values in the same
    // order as one pixel at a time did (no fused multiply-add), so the responses, and hence the corners, are the same to
    // the bit (FeatureSpeedupTests); the last pixels of a row that do not fill a vector go one by one.

    /// <summary>Products of the Sobel gradients (divided by 8) at every inner pixel: gx², gy², gx·gy.</summary>
    private static (float[] XX, float[] YY, float[] XY) GradientProducts(float[] p, int w, int h)
    {
        var xx = new float[w * h];
        var yy = new float[w * h];
        var xy = new float[w * h];
        int lanes = Vector256<float>.Count;
        var two = Vector256.Create(2f);
        var eighth = Vector256.Create(0.125f);
        for (int y = 1; y < h - 1; y++)
        {
            int x = 1;
            if (Vector256.IsHardwareAccelerated)
                for (; x + lanes <= w - 1; x += lanes)
                {
                    int i = y * w + x;
                    var gx = ((Load(p, i + 1) - Load(p, i - 1)) * two + Load(p, i - w + 1) - Load(p, i - w - 1) + Load(p, i + w + 1) - Load(p, i + w - 1)) * eighth;
                    var gy = ((Load(p, i + w) - Load(p, i - w)) * two + Load(p, i + w - 1) - Load(p, i - w - 1) + Load(p, i + w + 1) - Load(p, i - w + 1)) * eighth;
                    (gx * gx).CopyTo(xx, i);
                    (gy * gy).CopyTo(yy, i);
                    (gx * gy).CopyTo(xy, i);
                }
            for (; x < w - 1; x++)
            {
                int i = y * w + x;
                float gx = (p[i + 1] - p[i - 1]) * 2 + p[i - w + 1] - p[i - w - 1] + p[i + w + 1] - p[i + w - 1];
                float gy = (p[i + w] - p[i - w]) * 2 + p[i + w - 1] - p[i - w - 1] + p[i + w + 1] - p[i - w + 1];
                gx *= 0.125f; gy *= 0.125f;
                xx[i] = gx * gx; yy[i] = gy * gy; xy[i] = gx * gy;
            }
        }
        return (xx, yy, xy);
    }

    /// <summary>The Harris response (k = 0.04) of the 5x5 sums of gradient products, inside the patch margin.</summary>
    private static float[] HarrisResponse(float[] xx, float[] yy, float[] xy, int w, int h)
    {
        var response = new float[w * h];
        int margin = PatchRadius + 2, lanes = Vector256<float>.Count;
        var k = Vector256.Create(0.04f);
        for (int y = margin; y < h - margin; y++)
        {
            int x = margin;
            if (Vector256.IsHardwareAccelerated)
                for (; x + lanes <= w - margin; x += lanes)
                {
                    Vector256<float> a = Vector256<float>.Zero, b = Vector256<float>.Zero, c = Vector256<float>.Zero;
                    for (int dy = -2; dy <= 2; dy++)
                    for (int dx = -2; dx <= 2; dx++)
                    {
                        int j = (y + dy) * w + x + dx;
                        a += Load(xx, j); b += Load(yy, j); c += Load(xy, j);
                    }
                    (a * b - c * c - k * (a + b) * (a + b)).CopyTo(response, y * w + x);
                }
            for (; x < w - margin; x++)
            {
                float a = 0, b = 0, c = 0;
                for (int dy = -2; dy <= 2; dy++)
                for (int dx = -2; dx <= 2; dx++)
                {
                    int j = (y + dy) * w + x + dx;
                    a += xx[j]; b += yy[j]; c += xy[j];
                }
                response[y * w + x] = a * b - c * c - 0.04f * (a + b) * (a + b);
            }
        }
        return response;
    }

    private static Vector256<float> Load(float[] values, int at) => Vector256.Create(values.AsSpan(at, Vector256<float>.Count));

    /// <summary>The direction from the corner to the intensity centroid of the disc around it.</summary>
    private static float Orientation(GreyImage image, int x, int y)
    {
        const int radius = 12;
        float mx = 0, my = 0;
        for (int dy = -radius; dy <= radius; dy++)
        for (int dx = -radius; dx <= radius; dx++)
        {
            if (dx * dx + dy * dy > radius * radius) continue;
            float v = image[x + dx, y + dy];
            mx += dx * v; my += dy * v;
        }
        return MathF.Atan2(my, mx);
    }

    private static Descriptor256 Describe(GreyImage image, int x, int y, float angle)
    {
        float cos = MathF.Cos(angle), sin = MathF.Sin(angle);
        Span<int> first = stackalloc int[Descriptor256.Bits];
        Span<int> second = stackalloc int[Descriptor256.Bits];
        TurnedOffsets(BriefPattern.X1, BriefPattern.Y1, cos, sin, image.Width, first);
        TurnedOffsets(BriefPattern.X2, BriefPattern.Y2, cos, sin, image.Width, second);
        var pixels = image.Pixels;
        int centre = y * image.Width + x;
        Span<ulong> words = stackalloc ulong[4];
        for (int bit = 0; bit < Descriptor256.Bits; bit++)
            if (pixels[centre + first[bit]] < pixels[centre + second[bit]]) words[bit >> 6] |= 1UL << (bit & 63);
        return new Descriptor256(words[0], words[1], words[2], words[3]);
    }

    /// <summary>Where the pattern's points land when turned by the angle (rounded to the nearest pixel, ties to even, kept in
    /// the patch), as offsets from the centre in the picture's pixel array; eight points at a time, each lane computing
    /// what <see cref="Turn"/> computes for one point.</summary>
    private static void TurnedOffsets(float[] px, float[] py, float cos, float sin, int width, Span<int> into)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            int lanes = Vector256<float>.Count;
            Vector256<float> c = Vector256.Create(cos), s = Vector256.Create(sin);
            Vector256<int> low = Vector256.Create(-PatchRadius), high = Vector256.Create(PatchRadius), w = Vector256.Create(width);
            for (; i + lanes <= into.Length; i += lanes)
            {
                var x = Vector256.Create(px.AsSpan(i, lanes));
                var y = Vector256.Create(py.AsSpan(i, lanes));
                var tx = Vector256.Clamp(Vector256.ConvertToInt32(Vector256.Round(x * c - y * s)), low, high);
                var ty = Vector256.Clamp(Vector256.ConvertToInt32(Vector256.Round(x * s + y * c)), low, high);
                (ty * w + tx).CopyTo(into[i..]);
            }
        }
        for (; i < into.Length; i++)
            into[i] = Turn((int)px[i], (int)py[i], cos, sin, false) * width + Turn((int)px[i], (int)py[i], cos, sin, true);
    }

    private static int Turn(int px, int py, float cos, float sin, bool xPart) =>
        Math.Clamp((int)MathF.Round(xPart ? px * cos - py * sin : px * sin + py * cos), -PatchRadius, PatchRadius);
}
