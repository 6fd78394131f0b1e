using System.Runtime.InteropServices;
using System.Text;

namespace Lookalike.Vectors.Impl;

/// <summary>
/// The single-file layout every index saves to: a magic, a format version and the factory description,
/// then each index's own fields in order. Bulk rows are 64-byte aligned so loading can map them in place.
/// </summary>
internal sealed class IndexFileWriter : IDisposable
{
    public const uint Magic = 0x58494B4C; // "LKIX"
    public const int Version = 1;

    private readonly FileStream _stream;
    private readonly BinaryWriter _writer;

    public IndexFileWriter(string path, string description)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        _writer = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);
        _writer.Write(Magic);
        _writer.Write(Version);
        _writer.Write(description);
    }

    public void Write(int value) => _writer.Write(value);
    public void Write(long value) => _writer.Write(value);
    public void Write(float value) => _writer.Write(value);

    public void WriteArray<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        _writer.Write(values.Length);
        _writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Writes the rows of <paramref name="store"/> at a 64-byte boundary so they can be mapped back.</summary>
    public void WriteRows(RowStore store)
    {
        _writer.Write(store.Count);
        _writer.Write(store.RowBytes);
        _writer.Flush();
        var padding = (int)((64 - _stream.Position % 64) % 64);
        _stream.Write(new byte[padding]);
        store.WriteTo(_stream);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}

/// <summary>Reads what <see cref="IndexFileWriter"/> wrote, from a mapped file; rows stay in the mapping.</summary>
internal sealed unsafe class IndexFileReader : IDisposable
{
    private readonly MappedFile _file;
    private long _position;

    public string Description { get; }
    public string Path => _file.Path;

    public IndexFileReader(string path)
    {
        _file = MappedFile.Open(path);
        try
        {
            if (_file.Length < 9 || Read<uint>() != IndexFileWriter.Magic)
                throw new InvalidDataException($"{path}: not a Lookalike index file.");
            var version = Read<int>();
            if (version != IndexFileWriter.Version)
                throw new InvalidDataException($"{path}: index format version {version}, this build reads {IndexFileWriter.Version}.");
            Description = ReadString();
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public T Read<T>() where T : unmanaged
    {
        Need(sizeof(T));
        var value = *(T*)(_file.Pointer + _position);
        _position += sizeof(T);
        return value;
    }

    public T[] ReadArray<T>() where T : unmanaged
    {
        var length = Read<int>();
        if (length < 0) throw Corrupt();
        Need((long)length * sizeof(T));
        var values = new ReadOnlySpan<T>(_file.Pointer + _position, length).ToArray();
        _position += (long)length * sizeof(T);
        return values;
    }

    /// <summary>Maps the next rows, whose size must be one of <paramref name="acceptedRowBytes"/> (a layout and
    /// the older ones it still reads).</summary>
    public RowStore ReadRows(params ReadOnlySpan<int> acceptedRowBytes)
    {
        var count = Read<int>();
        var rowBytes = Read<int>();
        if (count < 0 || !acceptedRowBytes.Contains(rowBytes)) throw Corrupt();
        _position += (64 - _position % 64) % 64;
        var store = RowStore.Map(_file, _position, rowBytes, count);
        _position += (long)count * rowBytes;
        return store;
    }

    public void Dispose() => _file.Dispose();

    public InvalidDataException Corrupt() => new($"{_file.Path}: index file is corrupt or truncated.");

    private string ReadString()
    {
        // BinaryWriter's 7-bit encoded length prefix.
        int length = 0, shift = 0;
        byte b;
        do
        {
            b = Read<byte>();
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0 && shift < 35);
        Need(length);
        var text = Encoding.UTF8.GetString(_file.Pointer + _position, length);
        _position += length;
        return text;
    }

    private void Need(long bytes)
    {
        if (_position + bytes > _file.Length) throw Corrupt();
    }
}
