using Lookalike.Files;

namespace Lookalike.Catalog;

/// <summary>What the catalog knows about one image file, apart from its fingerprints.</summary>
/// <param name="Path">Absolute path.</param>
/// <param name="ContentHash">Lower-case hex SHA-256 of the file's bytes; recognises moved and copied files.</param>
/// <param name="Format">libvips loader family, e.g. "jpeg", "png", "webp", "heif".</param>
/// <param name="ExifDate">Capture date from EXIF (DateTimeOriginal, else DateTime), when present.</param>
/// <param name="Camera">EXIF make and model, when present.</param>
/// <param name="Damaged">The file decoded only with errors (corrupt data, a truncated tail): never chosen as a keeper.</param>
public sealed record ImageRecord(
    long Id,
    string Path,
    long Size,
    DateTime ModifiedUtc,
    string ContentHash,
    int Width,
    int Height,
    string Format,
    DateTime? ExifDate,
    string? Camera,
    bool Damaged = false)
{
    public long PixelCount => (long)Width * Height;

    /// <summary>The size and time the file had when it was fingerprinted (compare with <see cref="FileStamp.IsSameAs"/>).</summary>
    public FileStamp Stamp => new(Size, ModifiedUtc);
}
