namespace Lookalike.Imaging;

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
}
