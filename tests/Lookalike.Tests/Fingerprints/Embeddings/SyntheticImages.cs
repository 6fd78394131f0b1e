using Lookalike.Loading;

namespace Lookalike.Tests.Fingerprints.Embeddings;

/// <summary>Deterministic synthetic RGB images for preprocessing and embedding tests.</summary>
internal static class SyntheticImages
{
    /// <summary>A smooth colourful scene; different <paramref name="seed"/>s give unrelated scenes.</summary>
    public static RgbImage Scene(int width, int height, int seed, int brightness = 0)
    {
        var pixels = new byte[width * height * 3];
        double fx = 3 + seed % 4, fy = 2 + seed % 3, phase = seed * 1.7;
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            double u = (double)x / width, v = (double)y / height;
            int i = (y * width + x) * 3;
            pixels[i] = Clamp(128 + 110 * Math.Sin(fx * u * Math.PI + phase) + brightness);
            pixels[i + 1] = Clamp(128 + 110 * Math.Cos(fy * v * Math.PI + phase * 0.5) + brightness);
            pixels[i + 2] = Clamp(128 + 110 * Math.Sin((u + v) * (fx + fy) + phase) + brightness);
        }
        return new RgbImage(width, height, pixels);
    }

    /// <summary>One colour everywhere.</summary>
    public static RgbImage Solid(int width, int height, byte r, byte g, byte b)
    {
        var pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.Length; i += 3) { pixels[i] = r; pixels[i + 1] = g; pixels[i + 2] = b; }
        return new RgbImage(width, height, pixels);
    }

    /// <summary><paramref name="inner"/> centred on a flat border of <paramref name="border"/> pixels.</summary>
    public static RgbImage WithBorder(RgbImage inner, int border, byte value)
    {
        int width = inner.Width + 2 * border, height = inner.Height + 2 * border;
        var pixels = new byte[width * height * 3];
        Array.Fill(pixels, value);
        for (int y = 0; y < inner.Height; y++)
            Array.Copy(inner.Pixels, y * inner.Width * 3, pixels, ((y + border) * width + border) * 3, inner.Width * 3);
        return new RgbImage(width, height, pixels);
    }

    private static byte Clamp(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
