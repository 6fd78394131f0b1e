namespace Lookalike.Fingerprints.Hashes;

/// <summary>
/// wHash (imagehash's Haar mode): decompose a 64x64 grey thumbnail with the Haar wavelet, drop the
/// coarsest approximation (the DC term, so overall brightness does not matter), and threshold the 8x8
/// approximation at level 3 at its median. For the orthonormal Haar wavelet the level-3 approximation
/// is 8x the mean of each 8x8 block, and removing the DC subtracts the image mean from each, which is
/// what is computed here directly.
/// </summary>
internal static class WaveletHash
{
    private const int Size = 64, Cells = 8, Block = Size / Cells;

    public static ulong Compute(GreyImage grey64)
    {
        Span<float> approximation = stackalloc float[Cells * Cells];
        for (int cy = 0; cy < Cells; cy++)
        for (int cx = 0; cx < Cells; cx++)
        {
            float sum = 0;
            for (int y = cy * Block; y < (cy + 1) * Block; y++)
            for (int x = cx * Block; x < (cx + 1) * Block; x++)
                sum += grey64[x, y];
            approximation[cy * Cells + cx] = sum / Block; // = 8 * block mean: the Haar level-3 scaling
        }
        var dc = 0f;
        foreach (var a in approximation) dc += a;
        dc /= approximation.Length;
        for (int i = 0; i < approximation.Length; i++) approximation[i] -= dc;
        return Bits.Above(approximation, Bits.Median(approximation));
    }
}
