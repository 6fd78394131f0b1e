namespace Lookalike.Loading;

/// <summary>What an image file says about itself without decoding its pixels.</summary>
/// <param name="Width">Width as displayed, i.e. after EXIF orientation.</param>
/// <param name="Height">Height as displayed, i.e. after EXIF orientation.</param>
/// <param name="Format">Loader family: "jpeg", "png", "webp", "gif", "tiff", "heif", "avif", ...</param>
public sealed record ImageHeader(int Width, int Height, string Format, DateTime? ExifDate, string? Camera, string? Software = null)
{
    public long PixelCount => (long)Width * Height;
}
