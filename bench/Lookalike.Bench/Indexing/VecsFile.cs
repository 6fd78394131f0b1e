using System.Runtime.InteropServices;

namespace Lookalike.Bench.Indexing;

/// <summary>
/// The TEXMEX "fvecs"/"ivecs" formats every ANN benchmark uses (SIFT1M, GIST1M, ann-benchmarks exports):
/// each row is its dimension as int32 followed by that many float32 (or int32) values.
/// </summary>
internal static class VecsFile
{
    public static (T[] Values, int Dimension) Read<T>(string path) where T : unmanaged
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 4) throw new InvalidDataException($"{path}: too short for an fvecs/ivecs file.");
        var dimension = BitConverter.ToInt32(bytes, 0);
        var rowBytes = 4 + dimension * 4;
        if (dimension <= 0 || bytes.Length % rowBytes != 0)
            throw new InvalidDataException($"{path}: not an fvecs/ivecs file (first dimension {dimension}, {bytes.Length} bytes).");
        var rows = bytes.Length / rowBytes;
        var values = new T[rows * dimension];
        for (var r = 0; r < rows; r++)
        {
            if (BitConverter.ToInt32(bytes, r * rowBytes) != dimension) throw new InvalidDataException($"{path}: row {r} has a different dimension.");
            MemoryMarshal.Cast<byte, T>(bytes.AsSpan(r * rowBytes + 4, dimension * 4)).CopyTo(values.AsSpan(r * dimension));
        }
        return (values, dimension);
    }

    public static void Write<T>(string path, ReadOnlySpan<T> values, int dimension) where T : unmanaged
    {
        using var stream = new BufferedStream(File.Create(path), 1 << 20);
        Span<byte> header = stackalloc byte[4];
        BitConverter.TryWriteBytes(header, dimension);
        for (var offset = 0; offset < values.Length; offset += dimension)
        {
            stream.Write(header);
            stream.Write(MemoryMarshal.AsBytes(values.Slice(offset, dimension)));
        }
    }
}
