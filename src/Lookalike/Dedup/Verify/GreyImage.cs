namespace Lookalike.Dedup.Verify;

/// <summary>A grey picture as floats (0..255), row by row: what the verifier detects keypoints on and compares.</summary>
internal sealed class GreyImage
{
    public GreyImage(int width, int height, float[]? pixels = null)
    {
        Width = width;
        Height = height;
        Pixels = pixels ?? new float[width * height];
    }

    public int Width { get; }
    public int Height { get; }
    public float[] Pixels { get; }

    public float this[int x, int y] => Pixels[y * Width + x];

    /// <summary>Bilinear sample at (x, y); the caller keeps the point inside [0, W-1] x [0, H-1].</summary>
    public float Sample(float x, float y)
    {
        int x0 = Math.Min((int)x, Width - 2), y0 = Math.Min((int)y, Height - 2);
        if (Width < 2 || Height < 2) return Pixels[0];
        float fx = x - x0, fy = y - y0;
        int i = y0 * Width + x0;
        float top = Pixels[i] + (Pixels[i + 1] - Pixels[i]) * fx;
        float bottom = Pixels[i + Width] + (Pixels[i + Width + 1] - Pixels[i + Width]) * fx;
        return top + (bottom - top) * fy;
    }

    public bool Contains(float x, float y) => x >= 0 && y >= 0 && x <= Width - 1 && y <= Height - 1;

    /// <summary>Left and right swapped: a mirrored copy's features are found on the mirrored original.</summary>
    public GreyImage Mirrored()
    {
        var result = new GreyImage(Width, Height);
        for (int y = 0; y < Height; y++)
        for (int x = 0; x < Width; x++)
            result.Pixels[y * Width + x] = Pixels[y * Width + Width - 1 - x];
        return result;
    }

    /// <summary>Separable Gaussian blur (edges clamped).</summary>
    public GreyImage Blurred(float sigma)
    {
        int radius = Math.Max(1, (int)Math.Ceiling(sigma * 2.5));
        var kernel = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) sum += kernel[i + radius] = MathF.Exp(-i * i / (2 * sigma * sigma));
        for (int i = 0; i < kernel.Length; i++) kernel[i] /= sum;
        var across = new float[Pixels.Length];
        for (int y = 0; y < Height; y++)
        for (int x = 0; x < Width; x++)
        {
            float v = 0;
            for (int k = -radius; k <= radius; k++) v += kernel[k + radius] * Pixels[y * Width + Math.Clamp(x + k, 0, Width - 1)];
            across[y * Width + x] = v;
        }
        var result = new GreyImage(Width, Height);
        for (int y = 0; y < Height; y++)
        for (int x = 0; x < Width; x++)
        {
            float v = 0;
            for (int k = -radius; k <= radius; k++) v += kernel[k + radius] * across[Math.Clamp(y + k, 0, Height - 1) * Width + x];
            result.Pixels[y * Width + x] = v;
        }
        return result;
    }

    /// <summary>Shrunk by <paramref name="factor"/> (&gt; 1) with bilinear samples of a blurred copy.</summary>
    public GreyImage Shrunk(float factor)
    {
        int w = Math.Max(1, (int)(Width / factor)), h = Math.Max(1, (int)(Height / factor));
        var source = Blurred(0.5f * factor);
        var result = new GreyImage(w, h);
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            result.Pixels[y * w + x] = source.Sample(Math.Min((x + 0.5f) * factor - 0.5f, Width - 1), Math.Min((y + 0.5f) * factor - 0.5f, Height - 1));
        return result;
    }

    /// <summary>Enlarged by <paramref name="factor"/> (&gt; 1) with bilinear samples.</summary>
    public GreyImage Enlarged(float factor)
    {
        int w = Math.Max(1, (int)(Width * factor)), h = Math.Max(1, (int)(Height * factor));
        var result = new GreyImage(w, h);
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            result.Pixels[y * w + x] = Sample(Math.Clamp((x + 0.5f) / factor - 0.5f, 0, Width - 1), Math.Clamp((y + 0.5f) / factor - 0.5f, 0, Height - 1));
        return result;
    }
}
