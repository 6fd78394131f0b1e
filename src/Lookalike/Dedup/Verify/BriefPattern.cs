namespace Lookalike.Dedup.Verify;

/// <summary>The 256 point pairs a BRIEF descriptor compares, inside a radius-13 disc (so that any rotation stays in the
/// 15-pixel patch), Gaussian around the centre as in the BRIEF paper, from a fixed seed so descriptors of separate
/// runs compare.</summary>
internal static class BriefPattern
{
    public static readonly (int X1, int Y1, int X2, int Y2)[] Pairs = Make();

    /// <summary>The pairs' coordinates one array each, as floats: how the detector turns eight points at a time.</summary>
    public static readonly float[] X1 = [.. Pairs.Select(p => (float)p.X1)], Y1 = [.. Pairs.Select(p => (float)p.Y1)],
        X2 = [.. Pairs.Select(p => (float)p.X2)], Y2 = [.. Pairs.Select(p => (float)p.Y2)];

    private static (int, int, int, int)[] Make()
    {
        var random = new Random(20261202);
        var pairs = new (int, int, int, int)[Descriptor256.Bits];
        (int, int) Point()
        {
            while (true)
            {
                // Box-Muller, sigma = patch / 5 as in BRIEF's best pattern.
                double u = 1 - random.NextDouble(), v = random.NextDouble();
                double r = Math.Sqrt(-2 * Math.Log(u)) * 31 / 5.0;
                int x = (int)Math.Round(r * Math.Cos(2 * Math.PI * v)), y = (int)Math.Round(r * Math.Sin(2 * Math.PI * v));
                if (x * x + y * y <= 13 * 13) return (x, y);
            }
        }
        for (int i = 0; i < pairs.Length; i++)
        {
            var (x1, y1) = Point();
            var (x2, y2) = Point();
            if (x1 == x2 && y1 == y2) { i--; continue; }
            pairs[i] = (x1, y1, x2, y2);
        }
        return pairs;
    }
}
