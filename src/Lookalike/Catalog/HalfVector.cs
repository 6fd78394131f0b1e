using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Lookalike.Catalog;

/// <summary>The one float16 encoding of vectors, in the catalog and in the F16 vector index: IEEE half precision,
/// little-endian (the byte order of every machine .NET runs Lookalike on). Half the bytes of float32, and unit vectors
/// lose nothing that matters (about 3 significant digits; cosines shift by ~1e-3 at most).</summary>
public static class HalfVector
{
    public static byte[] Encode(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * 2];
        Encode(vector, bytes);
        return bytes;
    }

    public static void Encode(ReadOnlySpan<float> vector, Span<byte> destination) =>
        TensorPrimitives.ConvertToHalf(vector, MemoryMarshal.Cast<byte, Half>(destination));

    public static float[] Decode(ReadOnlySpan<byte> bytes)
    {
        var vector = new float[bytes.Length / 2];
        Decode(bytes, vector);
        return vector;
    }

    public static void Decode(ReadOnlySpan<byte> bytes, Span<float> vector) =>
        TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(bytes), vector);
}
