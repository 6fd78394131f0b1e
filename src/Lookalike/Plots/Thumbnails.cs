using Lookalike.Loading;
using SkiaSharp;

namespace Lookalike.Plots;

/// <summary>
/// Small pictures of images for contact sheets, maps and matrix axes: decoded by <see cref="ImageDecoder"/>
/// (the same decoding as fingerprinting) and drawn with SkiaSharp, which ScottPlot already brings.
/// </summary>
public static class Thumbnails
{
    /// <summary>The image shrunk to fit <paramref name="size"/>² pixels, or null when it cannot be read.</summary>
    public static SKImage? Load(string path, int size)
    {
        try
        {
            var rgb = ImageDecoder.Decode(path, DecodeSize.Fit(size));
            var info = new SKImageInfo(rgb.Width, rgb.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            var rgba = new byte[rgb.Width * rgb.Height * 4];
            for (int i = 0, j = 0; i < rgb.Pixels.Length; i += 3, j += 4)
            {
                rgba[j] = rgb.Pixels[i];
                rgba[j + 1] = rgb.Pixels[i + 1];
                rgba[j + 2] = rgb.Pixels[i + 2];
                rgba[j + 3] = 255;
            }
            var image = SKImage.FromPixelCopy(info, rgba);
            if (image.Width <= size && image.Height <= size) return image;
            // A decoder that could not shrink on load (small formats) hands back the full image.
            var scale = Math.Min(size / (float)image.Width, size / (float)image.Height);
            using var surface = SKSurface.Create(new SKImageInfo(Math.Max(1, (int)(image.Width * scale)), Math.Max(1, (int)(image.Height * scale))));
            surface.Canvas.DrawImage(image, new SKRect(0, 0, surface.Canvas.DeviceClipBounds.Width, surface.Canvas.DeviceClipBounds.Height), new SKSamplingOptions(SKCubicResampler.Mitchell));
            image.Dispose();
            return surface.Snapshot();
        }
        catch (ImageDecodeException)
        {
            return null;
        }
    }

    /// <summary>PNG bytes of a thumbnail (for ScottPlot images).</summary>
    public static byte[] Png(SKImage image)
    {
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
