using Lookalike.Dedup.Verify;

namespace Lookalike.Tests.Dedup.Verify;

// The corner detector and matcher as they were before they were made faster (2026-12-02), kept word for word as the
// oracle of FeatureSpeedupTests: the fast versions must give the same keypoints and matches, bit for bit. The limits
// come from the real classes, so a retuned limit changes both alike.

/// <summary>KeypointDetector before the speed-up (the oracle of <c>FeatureSpeedupTests</c>).</summary>
internal static class ReferenceKeypointDetector
{
    private const int MaxKeypoints = KeypointDetector.MaxKeypoints, Levels = KeypointDetector.Levels, PatchRadius = KeypointDetector.PatchRadius,
        GridCells = KeypointDetector.GridCells;
    private const float LevelScale = KeypointDetector.LevelScale, MinResponse = KeypointDetector.MinResponse;

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
        var p = image.Pixels;
        var xx = new float[w * h];
        var yy = new float[w * h];
        var xy = new float[w * h];
        for (int y = 1; y < h - 1; y++)
        for (int x = 1; x < w - 1; x++)
        {
            int i = y * w + x;
            float gx = (p[i + 1] - p[i - 1]) * 2 + p[i - w + 1] - p[i - w - 1] + p[i + w + 1] - p[i + w - 1];
            float gy = (p[i + w] - p[i - w]) * 2 + p[i + w - 1] - p[i - w - 1] + p[i + w + 1] - p[i - w + 1];
            gx *= 0.125f; gy *= 0.125f;
            xx[i] = gx * gx; yy[i] = gy * gy; xy[i] = gx * gy;
        }
        var response = new float[w * h];
        int margin = PatchRadius + 2;
        for (int y = margin; y < h - margin; y++)
        for (int x = margin; x < w - margin; x++)
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
        Span<ulong> words = stackalloc ulong[4];
        var pattern = BriefPattern.Pairs;
        for (int bit = 0; bit < Descriptor256.Bits; bit++)
        {
            var (x1, y1, x2, y2) = pattern[bit];
            float a = image[x + Turn(x1, y1, cos, sin, true), y + Turn(x1, y1, cos, sin, false)];
            float b = image[x + Turn(x2, y2, cos, sin, true), y + Turn(x2, y2, cos, sin, false)];
            if (a < b) words[bit >> 6] |= 1UL << (bit & 63);
        }
        return new Descriptor256(words[0], words[1], words[2], words[3]);
    }

    private static int Turn(int px, int py, float cos, float sin, bool xPart) =>
        Math.Clamp((int)MathF.Round(xPart ? px * cos - py * sin : px * sin + py * cos), -PatchRadius, PatchRadius);
}

/// <summary>DescriptorMatcher before the speed-up (the oracle of <c>FeatureSpeedupTests</c>).</summary>
internal static class ReferenceDescriptorMatcher
{
    private const int MaxDistance = DescriptorMatcher.MaxDistance;
    private const float Ratio = DescriptorMatcher.Ratio;

    public static List<(int A, int B)> Match(IReadOnlyList<Keypoint> a, IReadOnlyList<Keypoint> b)
    {
        var bestOfB = new int[b.Count];
        var bestDistanceOfB = new int[b.Count];
        Array.Fill(bestOfB, -1);
        Array.Fill(bestDistanceOfB, int.MaxValue);
        var bestOfA = new (int Index, int Distance, int Second)[a.Count];
        for (int i = 0; i < a.Count; i++)
        {
            int best = -1, bestDistance = int.MaxValue, second = int.MaxValue;
            var da = a[i].Descriptor;
            for (int j = 0; j < b.Count; j++)
            {
                int d = Descriptor256.Distance(da, b[j].Descriptor);
                if (d < bestDistance) { second = bestDistance; bestDistance = d; best = j; }
                else if (d < second) second = d;
                if (d < bestDistanceOfB[j]) { bestDistanceOfB[j] = d; bestOfB[j] = i; }
            }
            bestOfA[i] = (best, bestDistance, second);
        }
        var matches = new List<(int, int)>();
        for (int i = 0; i < a.Count; i++)
        {
            var (j, d, second) = bestOfA[i];
            if (j < 0 || d > MaxDistance || bestOfB[j] != i) continue;
            if (second != int.MaxValue && d > Ratio * second) continue;
            matches.Add((i, j));
        }
        return matches;
    }
}
