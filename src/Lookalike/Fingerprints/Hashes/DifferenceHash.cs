namespace Lookalike.Fingerprints.Hashes;

/// <summary>dHash: on a 9x8 grey thumbnail, each bit says whether a pixel is brighter than its left neighbour.</summary>
internal static class DifferenceHash
{
    public static ulong Compute(GreyImage grey9x8)
    {
        ulong hash = 0;
        for (int y = 0; y < 8; y++)
        for (int x = 0; x < 8; x++)
            hash = (hash << 1) | (grey9x8[x + 1, y] > grey9x8[x, y] ? 1UL : 0UL);
        return hash;
    }
}
