using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Lookalike.Vectors.Impl;

namespace Lookalike.Vectors;

/// <summary>How a <see cref="VectorFile"/> stores each component.</summary>
public enum VectorElement { Float32 = 1, Float16 = 2 }

/// <summary>
/// A file of fixed-dimension vectors (float32 or float16) that opens memory-mapped: a collection larger
/// than RAM opens instantly and pages in as rows are read. Layout: "LKVF", version, element kind,
/// dimension, count, then the rows from byte 64.
/// </summary>
public sealed unsafe class VectorFile : IDisposable
{
    private const uint Magic = 0x46564B4C; // "LKVF"
    private const int Version = 1;
    private const int HeaderBytes = 64;

    private readonly MappedFile _file;
    private readonly byte* _rows;

    public int Dimension { get; }
    public int Count { get; }
    public VectorElement Element { get; }
    public string Path => _file.Path;

    private int RowBytes => Dimension * (Element == VectorElement.Float32 ? sizeof(float) : sizeof(Half));

    private VectorFile(MappedFile file)
    {
        _file = file;
        var header = (int*)file.Pointer;
        if (file.Length < HeaderBytes || (uint)header[0] != Magic)
            throw new InvalidDataException($"{file.Path}: not a Lookalike vector file.");
        if (header[1] != Version)
            throw new InvalidDataException($"{file.Path}: vector file version {header[1]}, this build reads {Version}.");
        Element = (VectorElement)header[2];
        Dimension = header[3];
        Count = header[4];
        if (Element is not (VectorElement.Float32 or VectorElement.Float16) || Dimension <= 0 || Count < 0 ||
            HeaderBytes + (long)Count * RowBytes > file.Length)
            throw new InvalidDataException($"{file.Path}: vector file header is corrupt or the file is truncated.");
        _rows = file.Pointer + HeaderBytes;
    }

    /// <summary>Maps an existing vector file (nothing is read until rows are used).</summary>
    public static VectorFile Open(string path)
    {
        var file = MappedFile.Open(path);
        try
        {
            return new VectorFile(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="vectors"/> (row-major) as a new vector file.</summary>
    public static void Write(string path, ReadOnlySpan<float> vectors, int dimension, VectorElement element = VectorElement.Float32)
    {
        if (dimension <= 0 || vectors.Length % dimension != 0)
            throw new ArgumentException($"{vectors.Length} floats are not whole vectors of {dimension}.", nameof(vectors));
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Span<int> header = stackalloc int[HeaderBytes / sizeof(int)];
        header.Clear();
        (header[0], header[1], header[2], header[3], header[4]) = ((int)Magic, Version, (int)element, dimension, vectors.Length / dimension);
        stream.Write(MemoryMarshal.AsBytes(header));
        if (element == VectorElement.Float32)
        {
            stream.Write(MemoryMarshal.AsBytes(vectors));
            return;
        }
        var halves = new Half[dimension];
        for (var offset = 0; offset < vectors.Length; offset += dimension)
        {
            TensorPrimitives.ConvertToHalf(vectors.Slice(offset, dimension), halves);
            stream.Write(MemoryMarshal.AsBytes(halves.AsSpan()));
        }
    }

    /// <summary>Copies row <paramref name="row"/> as float32 into <paramref name="destination"/>.</summary>
    public void Read(int row, Span<float> destination)
    {
        if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(row), row, $"{Path} has {Count} vectors.");
        var source = _rows + (long)row * RowBytes;
        if (Element == VectorElement.Float32) new ReadOnlySpan<float>(source, Dimension).CopyTo(destination);
        else TensorPrimitives.ConvertToSingle(new ReadOnlySpan<Half>(source, Dimension), destination);
    }

    /// <summary>Row <paramref name="row"/> in place, without a copy (float32 files only).</summary>
    public ReadOnlySpan<float> Row(int row)
    {
        if (Element != VectorElement.Float32) throw new InvalidOperationException($"{Path} stores float16; use Read.");
        if ((uint)row >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(row), row, $"{Path} has {Count} vectors.");
        return new ReadOnlySpan<float>(_rows + (long)row * RowBytes, Dimension);
    }

    public void Dispose() => _file.Dispose();
}
