namespace Lookalike.Dedup.Verify;

/// <summary>
/// RANSAC over the matches: hypotheses are similarities from two matches (rotation, uniform scale, shift: what crops,
/// turns, resizes and screenshots do), the best is refined to an affine by least squares on its inliers (a stretch)
/// and its inliers counted again. Seeded, so a pair gets the same answer every run.
/// </summary>
internal static class GeometricFit
{
    /// <summary>Largest distance, in the second picture's pixels (320 px long side), of a match from where the model puts it.</summary>
    public const double InlierDistance = 4.0;
    private const int Iterations = 400;

    public sealed record Result(Affine Model, int Inliers, IReadOnlyList<int> InlierIndices);

    public static Result? Fit(IReadOnlyList<Keypoint> a, IReadOnlyList<Keypoint> b, IReadOnlyList<(int A, int B)> matches)
    {
        if (matches.Count < 3) return null;
        var random = new Random(17);
        Affine? best = null;
        int bestCount = 0;
        for (int it = 0; it < Iterations; it++)
        {
            int i = random.Next(matches.Count), j = random.Next(matches.Count);
            if (i == j) continue;
            var (p, q) = (a[matches[i].A], b[matches[i].B]);
            var (r, s) = (a[matches[j].A], b[matches[j].B]);
            if (Affine.Similarity(p.X, p.Y, q.X, q.Y, r.X, r.Y, s.X, s.Y) is not { } model) continue;
            if (model.Scale is < 0.2 or > 5) continue;
            int count = CountInliers(model, a, b, matches, null);
            if (count > bestCount) { bestCount = count; best = model; }
        }
        if (best is not { } found) return null;
        var inliers = new List<int>();
        CountInliers(found, a, b, matches, inliers);
        // Refine twice: the affine may take in matches the similarity missed (a stretched copy).
        for (int round = 0; round < 2 && inliers.Count >= 6; round++)
        {
            var pairs = inliers.Select(k => ((double)a[matches[k].A].X, (double)a[matches[k].A].Y, (double)b[matches[k].B].X, (double)b[matches[k].B].Y)).ToList();
            if (Affine.Fit(pairs) is not { } refined || refined.Anisotropy > 1.6 || refined.A * refined.E - refined.B * refined.D <= 0) break;
            var more = new List<int>();
            CountInliers(refined, a, b, matches, more);
            if (more.Count < inliers.Count) break;
            found = refined;
            inliers = more;
        }
        return new Result(found, inliers.Count, inliers);
    }

    private static int CountInliers(Affine model, IReadOnlyList<Keypoint> a, IReadOnlyList<Keypoint> b, IReadOnlyList<(int A, int B)> matches, List<int>? into)
    {
        int count = 0;
        for (int k = 0; k < matches.Count; k++)
        {
            var (p, q) = (a[matches[k].A], b[matches[k].B]);
            var (x, y) = model.Apply(p.X, p.Y);
            double dx = x - q.X, dy = y - q.Y, limit = InlierDistance * Math.Max(1, q.Scale * 0.75);
            if (dx * dx + dy * dy > limit * limit) continue;
            count++;
            into?.Add(k);
        }
        return count;
    }
}
