namespace Lookalike.Loading;

/// <summary>An 8-bit sRGB image, pixels interleaved R,G,B row by row with no padding.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[] pixels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Image must not be empty.");
        if (pixels.Length != checked(width * height * 3)) throw new ArgumentException("Pixel buffer does not match width x height x 3.", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    /// <summary>The pixels inside <paramref name="region"/>, as a new image (this one when it is the whole).</summary>
    public RgbImage Crop(PixelRect region)
    {
        if (region == PixelRect.Whole(this)) return this;
        if (region.X < 0 || region.Y < 0 || region.Width <= 0 || region.Height <= 0 || region.X + region.Width > Width || region.Y + region.Height > Height)
            throw new ArgumentOutOfRangeException(nameof(region), region, $"Not inside the {Width}x{Height} image.");
        var pixels = new byte[region.Width * region.Height * 3];
        for (int y = 0; y < region.Height; y++)
            Pixels.AsSpan(((region.Y + y) * Width + region.X) * 3, region.Width * 3).CopyTo(pixels.AsSpan(y * region.Width * 3));
        return new RgbImage(region.Width, region.Height, pixels);
    }
}
