namespace Lookalike.Web.Explore;

/// <summary>
/// Groups the points of the 2-D map by k-means (k-means++ seeding, fixed seed), so the colours match what the eye sees
/// on the map. A stand-in until the library's clustering of the embeddings themselves (src/Lookalike/Explore) lands.
/// </summary>
public static class MapClusters
{
    public static int[] Assign(IReadOnlyList<(float X, float Y)> points, int k)
    {
        var n = points.Count;
        k = Math.Clamp(k, 1, Math.Max(1, n));
        var labels = new int[n];
        if (n == 0) return labels;
        var random = new Random(5);
        var centres = new List<(double X, double Y)> { points[random.Next(n)] };
        while (centres.Count < k)
        {
            var distances = points.Select(p => centres.Min(c => Square(p, c))).ToArray();
            var total = distances.Sum();
            if (total <= 0) break;
            var pick = random.NextDouble() * total;
            var i = 0;
            for (; i < n - 1 && (pick -= distances[i]) > 0; i++) { }
            centres.Add(points[i]);
        }
        for (var iteration = 0; iteration < 30; iteration++)
        {
            for (var i = 0; i < n; i++)
                labels[i] = Enumerable.Range(0, centres.Count).MinBy(c => Square(points[i], centres[c]));
            for (var c = 0; c < centres.Count; c++)
            {
                var members = Enumerable.Range(0, n).Where(i => labels[i] == c).ToList();
                if (members.Count > 0) centres[c] = (members.Average(i => points[i].X), members.Average(i => points[i].Y));
            }
        }
        return labels;
    }

    private static double Square((float X, float Y) p, (double X, double Y) c) => (p.X - c.X) * (p.X - c.X) + (p.Y - c.Y) * (p.Y - c.Y);
}
