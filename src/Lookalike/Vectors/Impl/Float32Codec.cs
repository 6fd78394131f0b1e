using System.Numerics.Tensors;

namespace Lookalike.Vectors.Impl;

/// <summary>Vectors kept as they are: 4 bytes per dimension, exact scores.</summary>
internal sealed unsafe class Float32Codec(int dimension) : VectorCodec(dimension)
{
    public override string Name => "Flat";
    public override int RowBytes => Dimension * sizeof(float);

    public override void Encode(ReadOnlySpan<float> vector, byte* row) => vector.CopyTo(new Span<float>(row, Dimension));

    public override void Decode(byte* row, Span<float> vector) => new ReadOnlySpan<float>(row, Dimension).CopyTo(vector);

    public override float Score(in PreparedQuery query, byte* row) =>
        TensorPrimitives.Dot(query.Values, new ReadOnlySpan<float>(row, Dimension));

    public override void ScoreRows(in PreparedQuery query, byte* rows, Span<float> scores)
    {
        ReadOnlySpan<float> q = query.Values;
        var row = (float*)rows;
        for (var i = 0; i < scores.Length; i++, row += Dimension) scores[i] = TensorPrimitives.Dot(q, new ReadOnlySpan<float>(row, Dimension));
    }
}
