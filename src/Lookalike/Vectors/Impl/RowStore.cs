using System.Runtime.InteropServices;

namespace Lookalike.Vectors.Impl;

/// <summary>
/// Fixed-size rows (vectors, link lists) in one contiguous block, addressed by row number. The block is
/// either native memory that grows, or a region of a copy-on-write mapped file (edited in place,
/// privately); the first growth of a mapped store copies it into native memory.
/// </summary>
internal sealed unsafe class RowStore : IDisposable
{
    private byte* _rows;
    private long _capacity;
    private MappedFile? _mapped;

    public int RowBytes { get; }
    public int Count { get; private set; }
    public bool IsMapped => _mapped != null;

    public RowStore(int rowBytes, int capacity = 0)
    {
        RowBytes = rowBytes;
        if (capacity > 0) EnsureCapacity(capacity);
    }

    private RowStore(MappedFile file, long offset, int rowBytes, int count)
    {
        RowBytes = rowBytes;
        _mapped = file.AddUser();
        _rows = file.Pointer + offset;
        _capacity = count;
        Count = count;
    }

    /// <summary>Rows that live in <paramref name="file"/> at <paramref name="offset"/> (no copy).</summary>
    public static RowStore Map(MappedFile file, long offset, int rowBytes, int count)
    {
        if (offset + (long)rowBytes * count > file.Length)
            throw new InvalidDataException($"{file.Path}: truncated ({count} rows of {rowBytes} bytes do not fit).");
        return new RowStore(file, offset, rowBytes, count);
    }

    public byte* Row(int row) => _rows + (long)row * RowBytes;

    public Span<byte> RowSpan(int row) => new(Row(row), RowBytes);

    /// <summary>Makes room for <paramref name="rows"/> rows without moving memory later (so parallel writers may fill them).</summary>
    public void EnsureCapacity(int rows)
    {
        if (rows <= _capacity) return;
        var newCapacity = Math.Max(rows, Math.Max(_capacity * 3 / 2, 64));
        var block = (byte*)NativeMemory.AlignedAlloc((nuint)(newCapacity * RowBytes), 64);
        if (Count > 0) Buffer.MemoryCopy(_rows, block, newCapacity * RowBytes, (long)Count * RowBytes);
        ReleaseBlock();
        _rows = block;
        _capacity = newCapacity;
    }

    /// <summary>Appends a zeroed row and returns its number.</summary>
    public int Append()
    {
        EnsureCapacity(Count + 1);
        RowSpan(Count).Clear();
        return Count++;
    }

    /// <summary>Appends <paramref name="rows"/> zeroed rows (capacity must already be there for concurrent fillers).</summary>
    public void AppendZeroed(int rows)
    {
        EnsureCapacity(Count + rows);
        new Span<byte>(Row(Count), rows * RowBytes).Clear();
        Count += rows;
    }

    /// <summary>Moves the last row into <paramref name="row"/> and drops the last row.</summary>
    public void RemoveBySwappingLast(int row)
    {
        if (row != Count - 1) RowSpan(Count - 1).CopyTo(RowSpan(row));
        Count--;
    }

    public void WriteTo(Stream stream)
    {
        for (long done = 0, total = (long)Count * RowBytes; done < total;)
        {
            var chunk = (int)Math.Min(total - done, 1 << 24);
            stream.Write(new ReadOnlySpan<byte>(_rows + done, chunk));
            done += chunk;
        }
    }

    public void Dispose()
    {
        ReleaseBlock();
        _rows = null;
        _capacity = 0;
        Count = 0;
    }

    private void ReleaseBlock()
    {
        if (_mapped != null)
        {
            _mapped.Dispose();
            _mapped = null;
        }
        else if (_rows != null) NativeMemory.AlignedFree(_rows);
    }
}
