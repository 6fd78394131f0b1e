using Lookalike.Catalog;
using Lookalike.Dedup.Actions;
using Lookalike.Files;

namespace Lookalike.Tests.Dedup;

/// <summary>A real folder of real files for one test, removed afterwards, that writes files and catalogs them as ImageRecords.
/// Unlike Support.TempFolder its parent can be chosen, to put it on another file system (/dev/shm).</summary>
internal sealed class CatalogedFolder : IDisposable
{
    private static long _nextId;

    public CatalogedFolder(string? parent = null)
    {
        Path = System.IO.Path.Combine(parent ?? System.IO.Path.GetTempPath(), $"lookalike-dedup-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes <paramref name="bytes"/> at <paramref name="relative"/> with a modification time that is not a multiple of 100 ns,
    /// so tests see whether restores are nanosecond-exact; returns the file's catalog record.</summary>
    public ImageRecord Write(string relative, byte[] bytes, int width = 100, int height = 100, string format = "jpeg", DateTime? exifDate = null)
    {
        var path = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        LinuxFileSystemCalls.Instance.SetModified(path, 1_600_000_000 + bytes.Length, 123_456_789);
        return Catalog(path, width, height, format, exifDate);
    }

    /// <summary>What the catalog would say about the file as it is now.</summary>
    public static ImageRecord Catalog(string path, int width = 100, int height = 100, string format = "jpeg", DateTime? exifDate = null)
    {
        var status = LinuxFileSystemCalls.Instance.Status(path)!.Value;
        return new ImageRecord(Interlocked.Increment(ref _nextId), path, status.Size, status.ModifiedUtc, Sha256File.Of(path),
            width, height, format, exifDate, null);
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort: a leftover temp folder must not fail the test */ }
    }
}
