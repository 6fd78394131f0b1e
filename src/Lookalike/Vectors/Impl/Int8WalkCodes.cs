using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lookalike.Vectors.Impl;

/// <summary>
/// One byte per dimension copies of unit vectors that a graph search walks on instead of the float32 rows
/// (a quarter of the bytes read per hop, where a search at a million vectors waits on memory), then re-ranks
/// its final candidates exactly in float32.
/// <para>
/// The scale is fixed, not learnt: a component x is stored as round(x / s) clamped to ±127 with
/// s = min(1, 6/√d) / 127, so vectors added one at a time encode the same way as a bulk load and nothing is
/// trained or saved. Unit vectors rarely have a component beyond 6/√d (six times the typical size); one that has
/// is clamped, which only bends the walk, never the returned scores. Codes are kept as c + 128 (unsigned) so
/// that one AVX-VNNI instruction multiplies 32 code bytes by 32 signed query bytes; the query is quantised to
/// ±127 at its own scale, and the +128 comes back out as 128·Σ query codes, once per query.
/// </para>
/// </summary>
internal static unsafe class Int8WalkCodes
{
    /// <summary>Code bytes per vector: the dimension rounded up to the 32-byte SIMD step (padding codes are never
    /// multiplied by anything but zero query bytes).</summary>
    public static int PaddedLength(int dimension) => (dimension + 31) & ~31;

    public static float Scale(int dimension) => MathF.Min(1f, 6f / MathF.Sqrt(dimension)) / 127f;

    public static void Encode(ReadOnlySpan<float> vector, byte* codes)
    {
        var inverse = 1 / Scale(vector.Length);
        for (var i = 0; i < vector.Length; i++) codes[i] = (byte)(128 + (int)Math.Clamp(MathF.Round(vector[i] * inverse), -127f, 127f));
        for (var i = vector.Length; i < PaddedLength(vector.Length); i++) codes[i] = 128;
    }

    /// <summary>A query quantised for <see cref="Dot"/>: the signed codes (padded with zeros), the score per
    /// code-product unit and the term that removes the +128 of the stored codes.</summary>
    public static (float Factor, int Correction) PrepareQuery(ReadOnlySpan<float> query, Span<sbyte> codes)
    {
        var largest = 0f;
        foreach (var x in query) largest = MathF.Max(largest, MathF.Abs(x));
        var step = largest > 0 ? largest / 127f : 1f;
        var sum = 0;
        codes.Clear();
        for (var i = 0; i < query.Length; i++)
        {
            var c = (sbyte)Math.Clamp((int)MathF.Round(query[i] / step), -127, 127);
            codes[i] = c;
            sum += c;
        }
        return (step * Scale(query.Length), 128 * sum);
    }

    /// <summary>Approximate dot product of a prepared query with one vector's codes.</summary>
    public static float Score(byte* codes, sbyte* query, int paddedLength, float factor, int correction) =>
        (Dot(codes, query, paddedLength) - correction) * factor;

    /// <summary>Σ codes[i]·query[i] over a multiple of 32 bytes (unsigned times signed, exact in int32).</summary>
    private static int Dot(byte* codes, sbyte* query, int length)
    {
        if (AvxVnni.IsSupported)
        {
            var acc0 = Vector256<int>.Zero;
            var acc1 = Vector256<int>.Zero;
            var i = 0;
            for (; i + 64 <= length; i += 64)
            {
                acc0 = AvxVnni.MultiplyWideningAndAdd(acc0, Avx.LoadVector256(codes + i), Avx.LoadVector256(query + i));
                acc1 = AvxVnni.MultiplyWideningAndAdd(acc1, Avx.LoadVector256(codes + i + 32), Avx.LoadVector256(query + i + 32));
            }
            if (i < length) acc0 = AvxVnni.MultiplyWideningAndAdd(acc0, Avx.LoadVector256(codes + i), Avx.LoadVector256(query + i));
            return Vector256.Sum(acc0 + acc1);
        }
        if (Avx2.IsSupported)
        {
            var acc = Vector256<int>.Zero;
            for (var i = 0; i < length; i += 16)
                acc += Avx2.MultiplyAddAdjacent(Avx2.ConvertToVector256Int16(codes + i), Avx2.ConvertToVector256Int16(query + i));
            return Vector256.Sum(acc);
        }
        var sum = 0;
        for (var i = 0; i < length; i++) sum += codes[i] * query[i];
        return sum;
    }
}
