using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Lookalike.Catalog;

namespace Lookalike.Vectors.Impl;

/// <summary>Vectors in half precision (<see cref="HalfVector"/>'s encoding): 2 bytes per dimension; for unit vectors the score error is ~1e-3.</summary>
internal sealed unsafe class Float16Codec(int dimension) : VectorCodec(dimension)
{
    private const int Chunk = 256;

    public override string Name => "F16";
    public override int RowBytes => Dimension * sizeof(Half);
    public override bool WidenForBatches => true;

    public override void Encode(ReadOnlySpan<float> vector, byte* row) => HalfVector.Encode(vector, new Span<byte>(row, RowBytes));

    public override void Decode(byte* row, Span<float> vector) => HalfVector.Decode(new ReadOnlySpan<byte>(row, RowBytes), vector);

    /// <summary>Widens the row a chunk at a time (SIMD) into a stack buffer and dots it with the query.</summary>
    [SkipLocalsInit]
    public override float Score(in PreparedQuery query, byte* row)
    {
        Span<float> widened = stackalloc float[Chunk];
        var halves = new ReadOnlySpan<Half>(row, Dimension);
        var sum = 0f;
        for (var start = 0; start < Dimension; start += Chunk)
        {
            var length = Math.Min(Chunk, Dimension - start);
            TensorPrimitives.ConvertToSingle(halves.Slice(start, length), widened[..length]);
            sum += TensorPrimitives.Dot(query.Values.AsSpan(start, length), widened[..length]);
        }
        return sum;
    }
}
