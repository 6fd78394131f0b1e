using System.IO.MemoryMappedFiles;

namespace Lookalike.Vectors.Impl;

/// <summary>
/// A whole file mapped into memory copy-on-write: opening costs nothing however large the file is
/// (pages load on first touch), and in-place edits (tombstones, relinking) stay private to this process.
/// </summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private int _users = 1;

    public byte* Pointer { get; }
    public long Length { get; }
    public string Path { get; }

    private MappedFile(string path)
    {
        Path = path;
        Length = new FileInfo(path).Length;
        if (Length == 0) throw new InvalidDataException($"{path}: empty file is not an index or vector file.");
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.CopyOnWrite);
        _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.CopyOnWrite);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        Pointer = pointer + _view.PointerOffset;
    }

    public static MappedFile Open(string path) =>
        File.Exists(path) ? new MappedFile(path) : throw new FileNotFoundException($"{path}: no such index or vector file.", path);

    /// <summary>Another owner (e.g. a second row store inside the same file); the mapping goes when the last one disposes.</summary>
    public MappedFile AddUser()
    {
        Interlocked.Increment(ref _users);
        return this;
    }

    public void Dispose()
    {
        if (Interlocked.Decrement(ref _users) != 0) return;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
