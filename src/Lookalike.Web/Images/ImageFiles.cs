using Lookalike.Catalog;
using Lookalike.Loading;
using Lookalike.Web.Security;

namespace Lookalike.Web.Images;

/// <summary>
/// Thumbnails and previews of cataloged images, made once with libvips and cached on disk beside the catalog, named
/// by content hash and size (an edited file has a new hash, so never a stale picture).
/// </summary>
public sealed class ImageFiles(CatalogHost host, ImageAccess access)
{
    public const int ThumbnailSide = 240;
    public const int PreviewSide = 1024;

    /// <summary>The cached PNG of the image at the size asked for, made now if missing; null when the image is unknown or
    /// not readable (unknown id, file gone, or outside the served folders).</summary>
    public string? Png(long id, int side)
    {
        var image = host.Use(c => c.GetImage(id));
        if (image is null || access.Readable(image) is not { } path) return null;
        var cached = Path.Combine(host.ThumbnailFolder, $"{image.ContentHash}-{side}.png");
        if (File.Exists(cached)) return cached;
        var png = PngEncoding.Encode(ImageDecoder.Decode(path, DecodeSize.Fit(side)));
        Directory.CreateDirectory(host.ThumbnailFolder);
        var temporary = cached + $".{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, png);
        File.Move(temporary, cached, overwrite: true); // another request may have made it meanwhile: same bytes
        return cached;
    }

    /// <summary>The image's pixels at <paramref name="side"/>, or null as for <see cref="Png"/>.</summary>
    public RgbImage? Pixels(ImageRecord image, int side) =>
        access.Readable(image) is { } path ? ImageDecoder.Decode(path, DecodeSize.Fit(side)) : null;
}
