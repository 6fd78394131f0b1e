namespace Lookalike.Catalog;

/// <summary>Embeddings on disk: float16, little-endian. Half the bytes of float32, and unit vectors lose
/// nothing that matters (about 3 significant digits; cosines shift by ~1e-3 at most).</summary>
public static class HalfVector
{
    public static byte[] Encode(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * 2];
        for (int i = 0; i < vector.Length; i++) BitConverter.TryWriteBytes(bytes.AsSpan(2 * i), (Half)vector[i]);
        return bytes;
    }

    public static float[] Decode(ReadOnlySpan<byte> bytes)
    {
        var vector = new float[bytes.Length / 2];
        for (int i = 0; i < vector.Length; i++) vector[i] = (float)BitConverter.ToHalf(bytes.Slice(2 * i, 2));
        return vector;
    }
}
