namespace Lookalike.Dedup.Verify;

/// <summary>Mutual nearest neighbours by Hamming distance that pass Lowe's ratio test: a corner matches when it is
/// clearly closer to one corner of the other picture than to any other, and that corner's nearest is it.</summary>
internal static class DescriptorMatcher
{
    /// <summary>Farther than this (of 256 bits) is no match at all.</summary>
    public const int MaxDistance = 72;
    public const float Ratio = 0.85f;

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
