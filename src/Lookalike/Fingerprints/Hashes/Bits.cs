namespace Lookalike.Fingerprints.Hashes;

/// <summary>Packing comparison results into a hash, most significant bit first (imagehash's order).</summary>
internal static class Bits
{
    /// <summary>Bit i (from the top) is set when values[i] &gt; threshold.</summary>
    public static ulong Above(ReadOnlySpan<float> values, float threshold)
    {
        ulong hash = 0;
        foreach (var v in values) hash = (hash << 1) | (v > threshold ? 1UL : 0UL);
        return hash;
    }

    /// <summary>The median, as numpy computes it (mean of the two middle values for even counts).</summary>
    public static float Median(ReadOnlySpan<float> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
