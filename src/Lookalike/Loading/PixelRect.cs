namespace Lookalike.Loading;

/// <summary>A rectangle of pixels inside an image.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public static PixelRect Whole(RgbImage image) => new(0, 0, image.Width, image.Height);
}
