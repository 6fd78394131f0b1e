namespace Lookalike.Fingerprints.Hashes;

/// <summary>
/// pHash: the 8x8 lowest frequencies of the 2-D DCT-II of a 32x32 grey thumbnail, each bit set when the
/// coefficient is above their median (the DC term included, as imagehash does). Only the 8 low-frequency
/// rows and columns of the transform are computed.
/// </summary>
internal static class PerceptualHash
{
    private const int Size = 32, Low = 8;

    /// <summary>Cos[k, n] = cos(pi k (2n+1) / 2N), the unnormalised DCT-II basis (scale does not change a median test).</summary>
    private static readonly float[,] Cos = BuildCos();

    public static ulong Compute(GreyImage grey32)
    {
        // Columns first: rows[k, x] = sum_y Cos[k, y] * pixel[x, y], then along x.
        var rows = new float[Low, Size];
        for (int k = 0; k < Low; k++)
        for (int x = 0; x < Size; x++)
        {
            float sum = 0;
            for (int y = 0; y < Size; y++) sum += Cos[k, y] * grey32[x, y];
            rows[k, x] = sum;
        }
        Span<float> coefficients = stackalloc float[Low * Low];
        for (int k = 0; k < Low; k++)
        for (int l = 0; l < Low; l++)
        {
            float sum = 0;
            for (int x = 0; x < Size; x++) sum += Cos[l, x] * rows[k, x];
            coefficients[k * Low + l] = sum;
        }
        return Bits.Above(coefficients, Bits.Median(coefficients));
    }

    private static float[,] BuildCos()
    {
        var cos = new float[Low, Size];
        for (int k = 0; k < Low; k++)
        for (int n = 0; n < Size; n++)
            cos[k, n] = (float)Math.Cos(Math.PI * k * (2 * n + 1) / (2.0 * Size));
        return cos;
    }
}
