namespace Lookalike.Fingerprints.Hashes;

/// <summary>aHash: each bit says whether a cell of an 8x8 grey thumbnail is brighter than the mean.</summary>
internal static class AverageHash
{
    public static ulong Compute(GreyImage grey8x8)
    {
        var pixels = grey8x8.Pixels;
        return Bits.Above(pixels, pixels.Average());
    }
}
