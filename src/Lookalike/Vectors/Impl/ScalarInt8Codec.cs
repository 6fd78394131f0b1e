using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lookalike.Vectors.Impl;

/// <summary>
/// Scalar quantisation to one byte per dimension (FAISS "SQ8"): each dimension's range, learnt from the
/// first vectors added, is cut into 255 steps. Scoring never decodes: q·x = q·min + Σ (q_i·step_i)·code_i,
/// so a query is pre-multiplied by the steps once and each row costs one byte-times-float dot.
/// </summary>
internal sealed unsafe class ScalarInt8Codec(int dimension) : VectorCodec(dimension)
{
    private float[] _min = [];
    private float[] _step = [];

    public override string Name => "SQ8";
    public override int RowBytes => Dimension;
    public override bool IsTrained => _min.Length == Dimension;

    public override void Train(ReadOnlySpan<float> vectors)
    {
        var min = Enumerable.Repeat(float.MaxValue, Dimension).ToArray();
        var max = Enumerable.Repeat(float.MinValue, Dimension).ToArray();
        for (var offset = 0; offset < vectors.Length; offset += Dimension)
            for (var d = 0; d < Dimension; d++)
            {
                min[d] = Math.Min(min[d], vectors[offset + d]);
                max[d] = Math.Max(max[d], vectors[offset + d]);
            }
        _min = min;
        // A dimension that never varied still needs a non-zero step to encode later values.
        _step = min.Select((lo, d) => Math.Max(max[d] - lo, 1e-6f) / 255f).ToArray();
    }

    public override void Encode(ReadOnlySpan<float> vector, byte* row)
    {
        for (var d = 0; d < Dimension; d++)
            row[d] = (byte)Math.Clamp(MathF.Round((vector[d] - _min[d]) / _step[d]), 0, 255);
    }

    public override void Decode(byte* row, Span<float> vector)
    {
        for (var d = 0; d < Dimension; d++) vector[d] = _min[d] + row[d] * _step[d];
    }

    public override PreparedQuery Prepare(ReadOnlySpan<float> query)
    {
        var scaled = new float[Dimension];
        var offset = 0f;
        for (var d = 0; d < Dimension; d++)
        {
            scaled[d] = query[d] * _step[d];
            offset += query[d] * _min[d];
        }
        return new PreparedQuery(scaled, offset);
    }

    public override float Score(in PreparedQuery query, byte* row)
    {
        fixed (float* q = query.Values) return query.Offset + DotBytes(q, row, Dimension);
    }

    public override void WriteParameters(IndexFileWriter writer)
    {
        writer.WriteArray<float>(_min);
        writer.WriteArray<float>(_step);
    }

    public override void ReadParameters(IndexFileReader reader)
    {
        _min = reader.ReadArray<float>();
        _step = reader.ReadArray<float>();
        if (_min.Length != Dimension || _step.Length != Dimension) throw reader.Corrupt();
    }

    /// <summary>Σ q[i]·codes[i]: 8 bytes widened to 8 floats per AVX2 step.</summary>
    private static float DotBytes(float* q, byte* codes, int length)
    {
        var i = 0;
        var sum = 0f;
        if (Avx2.IsSupported && Fma.IsSupported && length >= 8)
        {
            var acc0 = Vector256<float>.Zero;
            var acc1 = Vector256<float>.Zero;
            for (; i + 16 <= length; i += 16)
            {
                acc0 = Fma.MultiplyAdd(Avx.LoadVector256(q + i), Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(codes + i)), acc0);
                acc1 = Fma.MultiplyAdd(Avx.LoadVector256(q + i + 8), Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(codes + i + 8)), acc1);
            }
            for (; i + 8 <= length; i += 8)
                acc0 = Fma.MultiplyAdd(Avx.LoadVector256(q + i), Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(codes + i)), acc0);
            sum = Vector256.Sum(acc0 + acc1);
        }
        for (; i < length; i++) sum += q[i] * codes[i];
        return sum;
    }
}
