using Lookalike.Loading;

namespace Lookalike.Fingerprints.Hashes;

/// <summary>
/// Meta's PDQ photo hash, ported from the reference implementation (facebook/ThreatExchange, pdq/cpp/hashing and
/// downscaling; no .NET package provides it): luma from RGB with the reference coefficients, Jarosz tent-filter
/// downsampling to 64x64, the 16x16 lowest non-DC frequencies of its DCT-II, each bit set when a coefficient is
/// above their median, and a quality score (0..100) from the sum of quantised gradients of the 64x64 image.
/// The 7 rotated and mirrored hashes come from sign changes and a transpose of the same 16x16 coefficients, as
/// in the reference. Arithmetic is single precision in the reference's order.
/// </summary>
public static class PdqHasher
{
    /// <summary>
    /// How PDQ's input is decoded: shrunk so the longer side is at most 512 pixels, aspect kept, as the Python
    /// reference does (PIL thumbnail to 512x512) and the C++ reference's pdqio does (resize to 512 when larger).
    /// The tent filter then brings it to 64x64; measured against the published hashes in docs/pdq.md.
    /// </summary>
    public static DecodeSize DecodeSize { get; } = DecodeSize.Fit(512);

    private const int Size = 64, Frequencies = 16;

    /// <summary>Below this many pixels on a side the reference gives the all-zero hash with quality 0.</summary>
    private const int MinHashableSide = 5;

    private const float LumaRed = 0.299f, LumaGreen = 0.587f, LumaBlue = 0.114f;

    /// <summary>D[i, j] = sqrt(2/64) cos(pi (i+1) (2j+1) / 128): DCT-II rows 1..16 (the DC row 0 left out).</summary>
    private static readonly float[] Dct = BuildDct();

    /// <summary>The PDQ hashes (all 8 orientations) and quality of a decoded image.</summary>
    public static PdqHashes Compute(RgbImage image)
    {
        var rgb = image.Pixels;
        var luma = new float[image.Width * image.Height];
        for (int i = 0, p = 0; i < luma.Length; i++, p += 3)
            luma[i] = LumaRed * rgb[p] + LumaGreen * rgb[p + 1] + LumaBlue * rgb[p + 2];
        return FromLuma(luma, image.Height, image.Width);
    }

    /// <summary>The PDQ hashes of a luma matrix (row-major, values 0..255), the reference's pdqDihedralHash256esFromFloatLuma.
    /// <paramref name="luma"/> is overwritten.</summary>
    internal static PdqHashes FromLuma(float[] luma, int rows, int columns)
    {
        if (rows < MinHashableSide || columns < MinHashableSide)
            return new PdqHashes(Enumerable.Repeat(default(PdqHash), 8).ToArray(), 0);
        // A 64x64 input is used as it is (the reference's shortcut for frames ffmpeg already downsampled).
        var small = rows == Size && columns == Size ? luma : JaroszFilter.Downscale(luma, rows, columns, Size);
        var quality = Quality(small);
        var coefficients = Dct64To16(small);
        var variants = new PdqHash[8];
        foreach (var (transform, sign, transpose) in Orientations)
            variants[(int)transform] = ToBits(Oriented(coefficients, sign, transpose));
        return new PdqHashes(variants, quality);
    }

    /// <summary>
    /// Rotating or mirroring the image changes its DCT coefficients only in sign (by the parity of the row and
    /// column frequency) and, for quarter turns and diagonal mirrors, transposes them: the reference's
    /// dct16OriginalTo* functions, named here by the <see cref="Dihedral"/> each one hashes the image under
    /// (checked pixel by pixel in PdqHasherTests; the reference turns counter-clockwise, Dihedral clockwise).
    /// </summary>
    private static readonly (Dihedral Transform, Func<int, int, bool> Negate, bool Transpose)[] Orientations =
    [
        (Dihedral.Identity, (_, _) => false, false),
        (Dihedral.Rotate270, (_, j) => (j & 1) == 0, true), // the reference's rotate90 (counter-clockwise)
        (Dihedral.Rotate180, (i, j) => ((i + j) & 1) != 0, false),
        (Dihedral.Rotate90, (i, _) => (i & 1) == 0, true), // rotate270
        (Dihedral.MirrorTopBottom, (i, _) => (i & 1) == 0, false), // the reference's flipX
        (Dihedral.MirrorLeftRight, (_, j) => (j & 1) == 0, false), // flipY
        (Dihedral.Transpose, (_, _) => false, true), // flipPlus1
        (Dihedral.AntiTranspose, (i, j) => ((i + j) & 1) != 0, true), // flipMinus1
    ];

    private static float[] Oriented(float[] a, Func<int, int, bool> negate, bool transpose)
    {
        var b = new float[a.Length];
        for (int i = 0; i < Frequencies; i++)
        for (int j = 0; j < Frequencies; j++)
        {
            var value = negate(i, j) ? -a[i * Frequencies + j] : a[i * Frequencies + j];
            b[transpose ? j * Frequencies + i : i * Frequencies + j] = value;
        }
        return b;
    }

    /// <summary>B = D A Dt, only the 16x16 coefficients PDQ keeps, summed in the reference's order.</summary>
    private static float[] Dct64To16(float[] a)
    {
        var t = new float[Frequencies * Size];
        for (int i = 0; i < Frequencies; i++)
        for (int j = 0; j < Size; j++)
        {
            float sum = 0;
            for (int k = 0; k < Size; k++) sum += Dct[i * Size + k] * a[k * Size + j];
            t[i * Size + j] = sum;
        }
        var b = new float[Frequencies * Frequencies];
        for (int i = 0; i < Frequencies; i++)
        for (int j = 0; j < Frequencies; j++)
        {
            float sum = 0;
            for (int k = 0; k < Size; k++) sum += t[i * Size + k] * Dct[j * Size + k];
            b[i * Frequencies + j] = sum;
        }
        return b;
    }

    /// <summary>Bit 16 i + j is set when coefficient (i, j) is above the median, which is the 128th smallest of the
    /// 256 as Torben's algorithm in the reference finds it.</summary>
    private static PdqHash ToBits(float[] coefficients)
    {
        var sorted = (float[])coefficients.Clone();
        Array.Sort(sorted);
        var median = sorted[(sorted.Length + 1) / 2 - 1];
        return PdqHash.FromBits(k => coefficients[k] > median);
    }

    /// <summary>The reference's heuristic: the sum of |neighbour differences| in percent of full scale (each
    /// truncated to a whole number, so that only significant gradients count), divided by 90, at most 100.</summary>
    private static int Quality(float[] small)
    {
        int sum = 0;
        for (int i = 0; i < Size - 1; i++)
        for (int j = 0; j < Size; j++)
            sum += Math.Abs((int)((small[i * Size + j] - small[(i + 1) * Size + j]) * 100 / 255));
        for (int i = 0; i < Size; i++)
        for (int j = 0; j < Size - 1; j++)
            sum += Math.Abs((int)((small[i * Size + j] - small[i * Size + j + 1]) * 100 / 255));
        return Math.Min(100, sum / 90);
    }

    private static float[] BuildDct()
    {
        var scale = (float)Math.Sqrt(2.0 / Size);
        var matrix = new float[Frequencies * Size];
        for (int i = 0; i < Frequencies; i++)
        for (int j = 0; j < Size; j++)
            matrix[i * Size + j] = (float)(scale * Math.Cos(Math.PI / 2.0 / Size * (i + 1) * (2 * j + 1)));
        return matrix;
    }
}
