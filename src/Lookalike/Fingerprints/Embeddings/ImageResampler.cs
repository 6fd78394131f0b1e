using Lookalike.Loading;

namespace Lookalike.Fingerprints.Embeddings;

/// <summary>Separable convolution resize of an 8-bit RGB region, returning a window of the result.</summary>
internal static class ImageResampler
{
    /// <summary>
    /// Resizes <paramref name="region"/> of <paramref name="image"/> to <paramref name="resizedWidth"/> x
    /// <paramref name="resizedHeight"/> and returns the <paramref name="window"/> of that result as
    /// interleaved RGB floats rounded and clamped to 0..255, as an 8-bit resize would store them.
    /// </summary>
    public static float[] ResizeWindow(RgbImage image, PixelRect region, int resizedWidth, int resizedHeight, PixelRect window, ResampleFilter filter)
    {
        var horizontal = ResampleAxis.Create(region.Width, resizedWidth, window.X, window.Width, filter);
        var vertical = ResampleAxis.Create(region.Height, resizedHeight, window.Y, window.Height, filter);

        // Horizontal pass over only the source rows the vertical taps touch.
        int rowStart = vertical.First[0];
        int rowEnd = vertical.First[^1] + vertical.Count[^1];
        int rows = rowEnd - rowStart;
        int outW = window.Width;
        var wide = new float[rows * outW * 3];
        var pixels = image.Pixels;
        int rowBytes = image.Width * 3;
        for (int r = 0; r < rows; r++)
        {
            int sourceRow = (region.Y + rowStart + r) * rowBytes + region.X * 3;
            int outRow = r * outW * 3;
            for (int x = 0; x < outW; x++)
            {
                int tapBase = x * horizontal.Stride;
                int src = sourceRow + horizontal.First[x] * 3;
                float red = 0, green = 0, blue = 0;
                for (int k = 0; k < horizontal.Count[x]; k++, src += 3)
                {
                    float w = horizontal.Weights[tapBase + k];
                    red += pixels[src] * w;
                    green += pixels[src + 1] * w;
                    blue += pixels[src + 2] * w;
                }
                wide[outRow + x * 3] = red;
                wide[outRow + x * 3 + 1] = green;
                wide[outRow + x * 3 + 2] = blue;
            }
        }

        var result = new float[window.Height * outW * 3];
        int lineFloats = outW * 3;
        for (int y = 0; y < window.Height; y++)
        {
            int tapBase = y * vertical.Stride;
            var target = result.AsSpan(y * lineFloats, lineFloats);
            for (int k = 0; k < vertical.Count[y]; k++)
            {
                float w = vertical.Weights[tapBase + k];
                var line = wide.AsSpan((vertical.First[y] - rowStart + k) * lineFloats, lineFloats);
                for (int i = 0; i < lineFloats; i++) target[i] += line[i] * w;
            }
            for (int i = 0; i < lineFloats; i++) target[i] = Math.Clamp(MathF.Round(target[i]), 0f, 255f);
        }
        return result;
    }
}
